import type { World } from '../../src/world/index.js';
import { createRng, type Rng } from '../../src/world/rng.js';

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  default?: unknown;
};

/** Every text id in the world (primary keys of every table), so generated inputs hit real rows. */
export function idPool(world: World): string[] {
  const tables = world.db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    .all() as { name: string }[];
  const ids = new Set<string>();
  for (const { name } of tables) {
    const cols = world.db.prepare(`PRAGMA table_info("${name}")`).all() as {
      name: string;
      pk: number;
      type: string;
    }[];
    for (const col of cols.filter((c) => c.pk > 0 && /TEXT/i.test(c.type))) {
      for (const row of world.db.prepare(`SELECT "${col.name}" AS v FROM "${name}"`).all() as {
        v: string;
      }[]) {
        ids.add(row.v);
      }
    }
  }
  return [...ids].sort();
}

const WORDS = [
  '宫保鸡丁',
  'latte',
  '川味小馆',
  'coffee',
  '王芳',
  'Sam',
  'cable',
  '会议',
  'lunch',
  '2026-12-01T15:00',
];

/** Random inputs for a tool from its JSON schema: mostly plausible, sometimes hostile. */
export function generateInput(schema: JsonSchema, ids: readonly string[], rng: Rng, key: string): unknown {
  return gen(schema, ids, rng, key, 0);
}

function gen(schema: JsonSchema, ids: readonly string[], rng: Rng, name: string, depth: number): unknown {
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return rng.pick(schema.enum);
  if (schema.anyOf) return gen(rng.pick(schema.anyOf), ids, rng, name, depth);
  const type = Array.isArray(schema.type) ? rng.pick(schema.type) : schema.type;
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [k, sub] of Object.entries(schema.properties ?? {})) {
        const required = schema.required?.includes(k);
        if (required || rng.chance(0.5)) out[k] = gen(sub, ids, rng, k, depth + 1);
      }
      return out;
    }
    case 'array':
      return Array.from({ length: rng.int(1, 2) }, () => gen(schema.items ?? {}, ids, rng, name, depth + 1));
    case 'integer':
    case 'number': {
      const min = schema.minimum ?? 0;
      const max = Math.min(schema.maximum ?? 5000, min + 5000);
      return rng.chance(0.1) ? -1 : rng.int(min, max);
    }
    case 'boolean':
      return rng.chance(0.5);
    case 'null':
      return null;
    case 'string': {
      if (/key$/.test(name)) return `k-${rng.int(0, 1e9)}`;
      if (/(_id|_ids|^to|^id)$/.test(name) && ids.length) return rng.pick(ids);
      if (/time|start|end|date|from|until/.test(name))
        return rng.pick(['2026-12-01T15:00', '2026-11-30T12:00', 'soon']);
      return rng.pick(WORDS);
    }
    default:
      return rng.chance(0.5) ? rng.pick(WORDS) : rng.int(0, 10);
  }
}

export { createRng };
