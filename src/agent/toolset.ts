import type { LanguageModelV3FunctionTool } from '@ai-sdk/provider';
import { Ajv, type ValidateFunction } from 'ajv';
import { z } from 'zod';
import type { Connector, RemoteTool } from '../connectors/types.js';
import { ErrandError } from '../errors.js';
import type { Effect } from '../world/tool.js';
import { BUILTINS, type BuiltinName } from './runner/builtins.js';

/** An app tool as errand offers it to the model. */
export interface AppTool {
  kind: 'app';
  /** The name the model uses: `<app>_<tool>`. */
  name: string;
  app: string;
  tool: string;
  description: string;
  /** The schema calls are checked against (without `idempotency_key`, which errand fills in); the model is sent its lean form. */
  schema: Record<string, unknown>;
  effect: Effect;
  effectAssumed: boolean;
  needsKey: boolean;
  connector: Connector;
  /** Checks arguments against the schema; undefined when the schema cannot be compiled (the server checks). */
  validate(): ValidateFunction | undefined;
}

/** A built-in tool. */
export interface BuiltinTool {
  kind: 'builtin';
  name: BuiltinName;
  description: string;
  schema: Record<string, unknown>;
  parse: z.ZodType;
}

/** One step a macro asks for, or its end. */
export type MacroMove =
  | { type: 'call'; tool: string; input: Record<string, unknown> }
  | { type: 'done'; summary: string; evidence?: { app: string; kind: string; id: string }[] }
  | { type: 'stop'; reason: string };

/**
 * A tool that runs several app calls for one model call (a recipe offered to the model). Each of its
 * calls goes through the guard and the journal like any other; the model sees one result.
 */
export interface MacroTool {
  kind: 'macro';
  name: string;
  description: string;
  schema: Record<string, unknown>;
  validate(): ValidateFunction | undefined;
  /** Starts a run: `next` gets the outcome of the call it last asked for. */
  start(input: Record<string, unknown>): {
    next(last?: { ok: true; data: unknown } | { ok: false; message: string }): MacroMove;
  };
}

/** Any tool the model can call. */
export type AnyTool = AppTool | BuiltinTool | MacroTool;

const ajv = new Ajv({ strict: false, allErrors: false, coerceTypes: false });
const validators = new Map<string, ValidateFunction | null>();

function memo<T>(fn: () => T): () => T {
  let done = false;
  let value: T;
  return () => {
    if (!done) {
      value = fn();
      done = true;
    }
    return value;
  };
}

const builtinSchemas = new Map<string, Record<string, unknown>>();

/** Compiles a schema once per process, on first use: most tools of an errand are never called. */
function validatorFor(schema: Record<string, unknown>): ValidateFunction | undefined {
  const key = JSON.stringify(schema);
  let fn = validators.get(key);
  if (fn === undefined) {
    try {
      fn = ajv.compile(schema);
    } catch {
      fn = null; // a schema ajv cannot read: the server validates instead
    }
    validators.set(key, fn);
  }
  return fn ?? undefined;
}

/** zod's stand-ins for "any integer": bounds a model needs no telling of. */
const SAFE_INTEGER = Number.MAX_SAFE_INTEGER;

/**
 * A schema as the model is sent it: without what only a validator needs — `additionalProperties:
 * false` (errand checks arguments against the full schema and names any unknown one), integer bounds
 * that are only the safe-integer limits, `minLength`/`minItems` of 1, and defaults of nothing (false, "", []). The
 * full schema still checks every call.
 */
export function leanSchema(schema: Record<string, unknown>): Record<string, unknown> {
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (v === null || typeof v !== 'object') return v;
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      if (k === 'additionalProperties' && x === false) continue;
      if ((k === 'maximum' && x === SAFE_INTEGER) || (k === 'minimum' && x === -SAFE_INTEGER)) continue;
      // An empty string or list fails validation with a clear message.
      if ((k === 'minLength' || k === 'minItems') && x === 1) continue;
      // A default of nothing (false, "", []) is what leaving the argument out already says.
      if (k === 'default' && (x === false || x === '' || (Array.isArray(x) && x.length === 0))) continue;
      out[k] =
        k === 'properties'
          ? Object.fromEntries(Object.entries(x as object).map(([p, y]) => [p, walk(y)]))
          : walk(x);
    }
    return out;
  };
  return walk(schema) as Record<string, unknown>;
}

function modelName(app: string, tool: string): string {
  return `${app}_${tool}`.replace(/[^a-zA-Z0-9_-]/g, '_').slice(0, 64);
}

function withoutKey(schema: Record<string, unknown>): { schema: Record<string, unknown>; hadKey: boolean } {
  const props = (schema.properties ?? {}) as Record<string, unknown>;
  if (!('idempotency_key' in props)) return { schema, hadKey: false };
  const { idempotency_key: _k, ...rest } = props;
  const required = ((schema.required ?? []) as string[]).filter((r) => r !== 'idempotency_key');
  return { schema: { ...schema, properties: rest, required }, hadKey: true };
}

/**
 * What a tool does as the guard will judge it: a trusted server's declaration, else its MCP
 * annotations (marked assumed), else an irreversible write. An untrusted server's word counts for
 * nothing: every tool of it is a write of unknown effect.
 */
function effectOf(tool: RemoteTool, trusted: boolean): { effect: Effect; assumed: boolean } {
  if (!trusted) return { effect: { kind: 'irreversible' }, assumed: true };
  if (tool.effect) return { effect: tool.effect, assumed: false };
  if (tool.annotations?.readOnlyHint === true) return { effect: { kind: 'read' }, assumed: false };
  if (tool.annotations?.destructiveHint === false) return { effect: { kind: 'write' }, assumed: true };
  return { effect: { kind: 'irreversible' }, assumed: true };
}

/**
 * Every tool of an errand: the apps' tools through their connectors, and the built-ins. The model is
 * sent the schemas of the built-ins, the macros and the app tools opened so far (tools load on demand:
 * the apps' catalogue is in the system message); any app tool can be called, and calling one opens it.
 */
export class Toolset {
  readonly tools = new Map<string, AnyTool>();
  #forModel: LanguageModelV3FunctionTool[] | undefined;
  /** App tools whose schemas the model is sent, in the order they were opened. */
  readonly #opened = new Set<string>();
  /** Built-ins that can be called but are not sent until offered. */
  readonly #held = new Set<string>();

  private constructor() {}

  /** Lists every connector's tools (in parallel) and adds the built-ins. */
  static async build(
    connectors: readonly Connector[],
    builtins: readonly BuiltinName[] = ['update_plan', 'ask_user', 'finish', 'read_more'],
    macros: readonly Omit<MacroTool, 'validate'>[] = [],
    /** Built-ins that can be called but whose schemas are sent only once offered (`offer`). */
    held: readonly BuiltinName[] = [],
  ): Promise<Toolset> {
    const set = new Toolset();
    const lists = await Promise.all(
      connectors.map(async (c) => ({ connector: c, tools: await c.listTools() })),
    );
    for (const { connector, tools } of lists) {
      for (const tool of tools) {
        const name = modelName(connector.name, tool.name);
        if (set.tools.has(name))
          throw new ErrandError('CONFIG_INVALID', `Two apps offer a tool named ${name}.`);
        const { schema, hadKey } = withoutKey(tool.inputSchema);
        const { effect, assumed } = effectOf(tool, connector.trusted);
        set.tools.set(name, {
          kind: 'app',
          name,
          app: connector.name,
          tool: tool.name,
          description: tool.description,
          schema,
          effect,
          effectAssumed: assumed,
          needsKey: hadKey,
          connector,
          validate: memo(() => validatorFor(schema)),
        });
      }
    }
    for (const macro of macros) {
      if (set.tools.has(macro.name))
        throw new ErrandError('CONFIG_INVALID', `Two tools are named ${macro.name}.`);
      set.tools.set(macro.name, { ...macro, validate: memo(() => validatorFor(macro.schema)) });
    }
    for (const name of [...builtins, ...held]) {
      if (set.tools.has(name)) continue;
      if (!builtins.includes(name)) set.#held.add(name);
      const def = BUILTINS[name];
      let schema = builtinSchemas.get(name);
      if (!schema) {
        const { $schema: _s, ...rest } = z.toJSONSchema(def.input, { io: 'input' }) as Record<
          string,
          unknown
        >;
        schema = rest;
        builtinSchemas.set(name, schema);
      }
      set.tools.set(name, {
        kind: 'builtin',
        name,
        description: def.description,
        schema,
        parse: def.input,
      });
    }
    return set;
  }

  /** A tool by its model-facing name. */
  get(name: string): AnyTool | undefined {
    return this.tools.get(name);
  }

  /** The app tools. */
  appTools(): AppTool[] {
    return [...this.tools.values()].filter((t): t is AppTool => t.kind === 'app');
  }

  /**
   * The tools the model is sent, in the AI SDK's language-model form: built-ins and macros, then the
   * opened app tools in the order they were opened. The same array (and bytes) until something opens.
   */
  forModel(): LanguageModelV3FunctionTool[] {
    this.#forModel ??= [
      ...[...this.tools.values()].filter((t) => t.kind !== 'app' && !this.#held.has(t.name)),
      ...[...this.#opened].map((name) => this.tools.get(name)!),
    ].map((t) => ({
      type: 'function',
      name: t.name,
      description: t.description,
      inputSchema: leanSchema(t.schema) as LanguageModelV3FunctionTool['inputSchema'],
    }));
    return this.#forModel;
  }

  /** Opens app tools by name; returns those not open before (unknown names are ignored). */
  open(names: readonly string[]): string[] {
    const fresh = names.filter((n) => this.tools.get(n)?.kind === 'app' && !this.#opened.has(n));
    for (const n of fresh) this.#opened.add(n);
    if (fresh.length > 0) this.#forModel = undefined;
    return fresh;
  }

  /** Opens every tool of these apps; returns the tools not open before. */
  openApps(apps: readonly string[]): string[] {
    return this.open(
      this.appTools()
        .filter((t) => apps.includes(t.app))
        .map((t) => t.name),
    );
  }

  /**
   * Sends a held-back built-in's schema from the next turn on (read_more once a result was cut); after
   * the tools already sent, so the prefix before it stays the same. True when it was not offered before.
   */
  offer(name: BuiltinName): boolean {
    if (!this.#held.has(name) || this.#opened.has(name)) return false;
    this.#opened.add(name);
    this.#forModel = undefined;
    return true;
  }

  /** True when the model has been sent this tool's schema (built-ins not held back and macros always are). */
  isOpen(name: string): boolean {
    const tool = this.tools.get(name);
    return !!tool && ((tool.kind !== 'app' && !this.#held.has(name)) || this.#opened.has(name));
  }

  /** The app tools opened so far, in order. */
  opened(): string[] {
    return [...this.#opened].filter((n) => this.tools.get(n)?.kind === 'app');
  }

  /** The apps, for the context: name and their tools' names (worked out once). */
  apps(): { app: string; tools: string[] }[] {
    if (this.#apps) return this.#apps;
    const byApp = new Map<string, string[]>();
    for (const t of this.appTools()) byApp.set(t.app, [...(byApp.get(t.app) ?? []), t.tool]);
    this.#apps = [...byApp].map(([app, tools]) => ({ app, tools }));
    return this.#apps;
  }
  #apps: { app: string; tools: string[] }[] | undefined;
}
