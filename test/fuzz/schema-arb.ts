import fc from 'fast-check';

/** The JSON Schema keywords errand's tool schemas use (checked by the replies fuzz). */
export const KNOWN_KEYWORDS = new Set([
  'type',
  'description',
  'properties',
  'additionalProperties',
  'required',
  'default',
  'minLength',
  'maxLength',
  'minimum',
  'maximum',
  'items',
  'enum',
  'minItems',
  'maxItems',
  'pattern',
  'exclusiveMinimum',
  'exclusiveMaximum',
]);

type Schema = {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  enum?: unknown[];
  items?: Schema;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
};

/**
 * Strings a model might put in an argument: ids the tools' own descriptions give as examples (so calls
 * reach real records), Chinese and English words, and anything at all, with stray whitespace.
 */
function stringArb(schema: Schema, examples: string[]): fc.Arbitrary<string> {
  const min = schema.minLength ?? 0;
  const max = schema.maxLength ?? 40;
  // A string with a pattern (a version, a date, a month) is any string the pattern takes.
  if (schema.pattern)
    return fc.stringMatching(new RegExp(schema.pattern)).filter((s) => s.length >= min && s.length <= max);
  const pieces = fc.oneof(
    { weight: 3, arbitrary: examples.length ? fc.constantFrom(...examples) : fc.constant('x') },
    {
      weight: 2,
      arbitrary: fc.constantFrom('王芳', '宫保鸡丁', '公司', 'latte', 'Tom', '妈妈', '明天下午3点', '少辣'),
    },
    { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 8 }) },
  );
  const padded = fc
    .tuple(fc.constantFrom('', ' ', '\n', '  \t'), pieces, fc.constantFrom('', ' ', '\n'))
    .map(([a, b, c]) => `${a}${b}${c}`);
  return padded.map((s) => {
    const cut = s.slice(0, max);
    return cut.length >= min ? cut : cut.padEnd(min, 'x');
  });
}

/** Values valid against a tool's JSON Schema: required fields always, optional ones present or absent. */
export function schemaArb(schema: Schema, examples: string[] = []): fc.Arbitrary<unknown> {
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'object': {
      const props = schema.properties ?? {};
      const required = new Set(schema.required ?? []);
      const model: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [k, v] of Object.entries(props)) model[k] = schemaArb(v, examples);
      return fc.record(model, { requiredKeys: [...required].filter((k) => k in props) });
    }
    case 'array': {
      const minLength = schema.minItems ?? 0;
      const maxLength = Math.min(schema.maxItems ?? minLength + 3, minLength + 3);
      return fc.array(schemaArb(schema.items ?? {}, examples), { minLength, maxLength });
    }
    case 'string':
      return stringArb(schema, examples);
    case 'integer': {
      const low = schema.exclusiveMinimum !== undefined ? Math.floor(schema.exclusiveMinimum) + 1 : undefined;
      const high = schema.exclusiveMaximum !== undefined ? Math.ceil(schema.exclusiveMaximum) - 1 : undefined;
      if (low !== undefined || high !== undefined)
        return integerArb({ ...schema, minimum: low ?? schema.minimum, maximum: high ?? schema.maximum });
      return integerArb(schema);
    }
    case 'number':
      return fc.double({
        min: schema.exclusiveMinimum ?? schema.minimum ?? -1e6,
        max: schema.exclusiveMaximum ?? schema.maximum ?? 1e6,
        minExcluded: schema.exclusiveMinimum !== undefined,
        maxExcluded: schema.exclusiveMaximum !== undefined,
        noNaN: true,
        noDefaultInfinity: true,
      });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    default:
      return fc.jsonValue({ maxDepth: 1 });
  }
}

function integerArb(schema: Schema): fc.Arbitrary<number> {
  return fc.oneof(
    fc.integer({
      min: schema.minimum ?? -10,
      max: Math.min(schema.maximum ?? 50, (schema.minimum ?? 0) + 50),
    }),
    fc.integer({ min: schema.minimum ?? -1_000_000, max: schema.maximum ?? 1_000_000 }),
  );
}

/** Every keyword a schema uses, to notice a schema this generator does not understand. */
export function keywordsOf(schema: unknown, into = new Set<string>()): Set<string> {
  if (!schema || typeof schema !== 'object') return into;
  for (const [k, v] of Object.entries(schema)) {
    into.add(k);
    if (k === 'properties') for (const p of Object.values(v as object)) keywordsOf(p, into);
    else if (k === 'items' || k === 'additionalProperties') keywordsOf(v, into);
  }
  return into;
}
