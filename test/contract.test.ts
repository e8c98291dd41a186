import { ToolSchema } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isErrorCode } from '../src/errors.js';
import { APPS, mcpTools, type Snapshot, World } from '../src/world/index.js';
import { createRng, generateInput, idPool } from './support/inputs.js';

/**
 * One contract, run against every app: schemas are valid and described, reads change nothing,
 * a repeated idempotency key acts once, and every failure is typed and changes nothing.
 */
type Schema = {
  type?: string;
  properties?: Record<string, Schema & { description?: string }>;
  items?: Schema;
};

function undescribed(schema: Schema, path: string): string[] {
  const out: string[] = [];
  for (const [name, sub] of Object.entries(schema.properties ?? {})) {
    if (!sub.description) out.push(`${path}.${name}`);
    out.push(...undescribed(sub, `${path}.${name}`));
    if (sub.items) out.push(...undescribed(sub.items, `${path}.${name}[]`));
  }
  return out;
}

let world: World;
let fresh: Snapshot;
let ids: string[];

beforeAll(() => {
  world = World.open({ seed: 11 });
  fresh = world.snapshot();
  ids = idPool(world);
});
afterAll(() => world.close());

describe.each(APPS.map((app) => [app.name, app] as const))('contract: %s', (_name, app) => {
  const tools = mcpTools(app);

  it('has tools, each a valid MCP tool with described input and output fields', () => {
    expect(tools.length).toBeGreaterThan(0);
    for (const tool of tools) {
      expect(() => ToolSchema.parse(tool), tool.name).not.toThrow();
      expect(tool.name).toMatch(/^[a-z][a-z0-9_]*$/);
      expect(tool.description?.length ?? 0, tool.name).toBeGreaterThan(15);
      expect(undescribed(tool.inputSchema as Schema, tool.name)).toEqual([]);
      expect(tool.outputSchema?.type, `${tool.name} output`).toBe('object');
    }
  });

  it('names only real input fields in its effects, and every write takes an idempotency key', () => {
    for (const def of app.tools) {
      const fields = Object.keys(def.input.shape);
      for (const role of ['amount', 'payee', 'recipients', 'address', 'notifies', 'items'] as const) {
        const field = def.effect[role];
        if (field) expect(fields, `${def.name}.${role}`).toContain(field);
      }
      expect(fields.includes('idempotency_key'), def.name).toBe(def.effect.kind !== 'read');
    }
  });

  it('declares untrusted fields that exist', () => {
    for (const field of app.untrusted) {
      const cols = world.db.prepare(`PRAGMA table_info("${field.table}")`).all() as { name: string }[];
      expect(
        cols.map((c) => c.name),
        `${field.table}.${field.column}`,
      ).toContain(field.column);
    }
  });

  it.each(app.tools.map((t) => [t.name, t] as const))(
    '%s: every call is typed, whole or absent, and idempotent',
    (_t, def) => {
      world.restore(fresh);
      const rng = createRng(97, `${app.name}.${def.name}`);
      const schema = tools.find((t) => t.name === def.name)!.inputSchema as never;
      const inputs: Record<string, unknown>[] = [
        ...(app.examples?.[def.name] ?? []).map((e) => (typeof e === 'function' ? e(world.db) : e)),
        ...Array.from({ length: 30 }, () => generateInput(schema, ids, rng, '') as Record<string, unknown>),
      ];
      let successes = 0;
      inputs.forEach((input, i) => {
        const call = def.effect.kind === 'read' ? input : { ...input, idempotency_key: `contract-${i}` };
        const before = world.snapshot();
        const result = world.call(app.name, def.name, call);
        if (!result.ok) {
          expect(isErrorCode(result.error.code), JSON.stringify(result.error)).toBe(true);
          expect(result.error.code).not.toBe('INTERNAL');
          expect(result.error.message.length).toBeGreaterThan(10);
          expect(world.diff(before).empty, `${def.name} failed but changed state`).toBe(true);
          return;
        }
        successes++;
        if (def.effect.kind === 'read') {
          expect(world.diff(before).empty, `${def.name} is a read but changed state`).toBe(true);
          return;
        }
        const afterFirst = world.snapshot();
        const again = world.call(app.name, def.name, call);
        expect(again).toEqual({ ok: true, data: result.data, replayed: true });
        expect(world.diff(afterFirst).empty, `${def.name} acted twice for one key`).toBe(true);
      });
      if (def.effect.kind !== 'read' || app.examples?.[def.name])
        expect(successes, `${def.name} never succeeded`).toBeGreaterThan(0);
    },
  );

  it('refuses unknown fields and wrong types without changing anything', () => {
    world.restore(fresh);
    const before = world.snapshot();
    for (const def of app.tools) {
      const bogus = world.call(app.name, def.name, { not_a_field: 1, idempotency_key: 'x' });
      expect(bogus.ok ? 'ok' : bogus.error.code, def.name).toBe('INVALID_INPUT');
      const notObject = world.call(app.name, def.name, 'hello');
      expect(notObject.ok ? 'ok' : notObject.error.code, def.name).toBe('INVALID_INPUT');
    }
    const unknown = world.call(app.name, 'no_such_tool', {});
    expect(unknown.ok ? 'ok' : unknown.error.code).toBe('UNKNOWN_TOOL');
    expect(world.diff(before).empty).toBe(true);
  });
});
