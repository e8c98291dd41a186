import { describe, expect, it } from 'vitest';
import { mandateSchema } from './mandate.js';
import { narrowMandate } from './narrow.js';

const standing = mandateSchema.parse({
  budgetFen: 10_000,
  apps: ['food', 'pay', 'chat'],
  recipients: 'named',
  allow: ['p_wangfang'],
  approval: { paymentsAboveFen: 5000, newRecipient: false },
});

describe('narrowing the person’s mandate with one asked for an errand', () => {
  it('keeps the person’s mandate when nothing is asked', () => {
    expect(narrowMandate(standing, {})).toEqual(standing);
  });

  it('takes the lower limits, the apps both name, and every approval either asks for', () => {
    const m = narrowMandate(standing, {
      budgetFen: 4000,
      perPaymentCapFen: 3000,
      apps: ['food', 'shop'],
      approval: { paymentsAboveFen: 9000, irreversible: true },
    });
    expect(m.budgetFen).toBe(4000);
    expect(m.perPaymentCapFen).toBe(3000);
    expect(m.apps).toEqual(['food']);
    expect(m.approval).toEqual({
      paymentsAboveFen: 5000,
      newRecipient: false,
      irreversible: true,
      unknownEffect: true,
    });
  });

  it('never widens: a larger budget, any contact, or a new allowed id do not pass', () => {
    const m = narrowMandate(standing, {
      budgetFen: 1_000_000,
      recipients: 'contacts',
      allow: ['p_wangfang', 'm_attacker'],
      apps: null,
    });
    expect(m.budgetFen).toBe(10_000);
    expect(m.recipients).toBe('named');
    expect(m.allow).toEqual(['p_wangfang']);
    expect(m.apps).toEqual(['food', 'pay', 'chat']);
    expect(narrowMandate(standing, { recipients: 'list' }).recipients).toBe('list');
    expect(narrowMandate(standing, { approval: { newRecipient: true } }).approval.newRecipient).toBe(true);
  });

  it('refuses a misspelt limit instead of dropping it', () => {
    expect(() => narrowMandate(standing, { budget_fen: 10 } as never)).toThrow();
  });
});
