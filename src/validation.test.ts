import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { didYouMean, formatZodError, keysAt } from './validation.js';

describe('didYouMean', () => {
  it('finds the key or name a person most likely meant, and nothing when none is close', () => {
    expect(didYouMean('budget_fen', ['budgetFen', 'perPaymentCapFen'])).toBe('budgetFen');
    expect(didYouMean('mandat', ['sandbox', 'servers', 'mandate'])).toBe('mandate');
    expect(didYouMean('fod', ['maps', 'pay', 'food', 'chat'])).toBe('food');
    expect(didYouMean('timeout', ['timeoutSeconds'])).toBe('timeoutSeconds');
    expect(didYouMean('Sam', ['liming', 'sam'])).toBe('sam');
    expect(didYouMean('budget', ['apps', 'allow'])).toBeUndefined();
    expect(didYouMean('', ['a'])).toBeUndefined();
  });
});

describe('formatZodError', () => {
  const schema = z.strictObject({
    sandbox: z.union([z.literal(false), z.strictObject({ seed: z.number().optional() })]).optional(),
    mandate: z.strictObject({ budgetFen: z.number().optional() }).prefault({}),
    servers: z.record(z.string(), z.strictObject({ url: z.string() })).optional(),
  });

  it('names every unknown key with its path and a did-you-mean from the keys that fit there', () => {
    const parsed = schema.safeParse({
      mandat: {},
      mandate: { budget_fen: 1 },
      servers: { files: { url: 'x', header: {} } },
    });
    const text = formatZodError(parsed.error!, schema);
    expect(text).toContain('mandat: unknown key (did you mean mandate?)');
    expect(text).toContain('mandate.budget_fen: unknown key (did you mean mandate.budgetFen?)');
    expect(text).toContain('servers.files.header: unknown key');
    expect(formatZodError(parsed.error!)).toContain('mandate.budget_fen: unknown key');
  });

  it('reports the union branch the input meant, not "Invalid input"', () => {
    const parsed = schema.safeParse({ sandbox: { sed: 2 } });
    expect(formatZodError(parsed.error!, schema)).toBe(
      'sandbox.sed: unknown key (did you mean sandbox.seed?)',
    );
    expect(keysAt(schema, ['sandbox'])).toEqual(['seed']);
    expect(keysAt(schema, ['servers', 'any'])).toEqual(['url']);
  });
});
