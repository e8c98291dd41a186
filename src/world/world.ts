import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { type ErrorBody, ErrandError, toErrandError } from '../errors.js';
import type { AppModule, AppName } from './app.js';
import { APPS } from './apps/index.js';
import { WORLD_EPOCH_MS } from './clock.js';
import { diffDatabases, type WorldDiff } from './diff.js';
import type { WorldEvent } from './events.js';
import { PEOPLE_SCHEMA, PERSONA_IDS, type Persona, seedPeople } from './people.js';
import { createRng } from './rng.js';
import type { ToolContext, ToolDef } from './tool.js';
import {
  createWorldFile,
  openWorldFile,
  replaceContents,
  standalone,
  writeTransaction,
} from './world-file.js';
import { formatZodError, stableJson } from '../validation.js';
import { faultPoint } from '../fault-injection.js';

/** How to open a world. */
export interface OpenOptions {
  /** The integer seed; the same seed builds the same world, byte for byte. Default 1. */
  seed?: number;
  /** The persona errand acts for (`liming` or `sam`). Default `liming`. */
  persona?: string;
  /**
   * A SQLite file to keep the world in; opened as it is when it exists, seeded when it does not.
   * Several processes may share one file at once; each acts for its own persona.
   */
  file?: string;
}

/** A frozen copy of a world's whole state. */
export interface Snapshot {
  readonly bytes: Buffer;
}

/** The result of one tool call: data, or a typed error; never a throw. */
export type CallResult = { ok: true; data: unknown; replayed: boolean } | { ok: false; error: ErrorBody };

/** Where a planted instruction goes: a declared untrusted column of one row. */
export interface Plant {
  app: AppName;
  table: string;
  column: string;
  id: string;
  text: string;
  /** Replace the field's text (default) or append to it. */
  mode?: 'replace' | 'append';
}

const CORE_SCHEMA = `
CREATE TABLE world_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE world_counters (prefix TEXT PRIMARY KEY, value INTEGER NOT NULL);
CREATE TABLE world_idempotency (
  app TEXT NOT NULL, tool TEXT NOT NULL, key TEXT NOT NULL, input_hash TEXT NOT NULL, result TEXT NOT NULL,
  PRIMARY KEY (app, tool, key)
);
${PEOPLE_SCHEMA}`;

/**
 * The sandbox world: six apps in one SQLite database with a simulated clock.
 * It can be snapshot, restored, forked and diffed, so every trial starts from a known state.
 */
export class World {
  #db: Database.Database;
  /** Who this process acts for in a shared file; another process on the file may act for someone else. */
  #personaId: string | undefined;
  /** Persona rows, written once when the world is seeded: read once, not on every tool call. */
  readonly #personas = new Map<string, Persona>();
  readonly file: string | undefined;
  readonly apps: readonly AppModule[] = APPS;

  private constructor(db: Database.Database, file: string | undefined) {
    this.#db = cachePrepared(db);
    this.file = file;
  }

  /** Opens a world: seeds a new one, or opens an existing file (making it, whole, when missing). */
  static open(options: OpenOptions = {}): World {
    const persona = options.persona ?? PERSONA_IDS[0]!;
    if (options.file && !existsSync(options.file)) {
      const db = new Database(':memory:');
      World.seedInto(db, options.seed ?? 1, persona);
      const bytes = db.serialize();
      db.close();
      createWorldFile(options.file, bytes);
    }
    if (options.file) {
      const world = new World(openWorldFile(options.file), options.file);
      try {
        if (options.persona) world.setPersona(options.persona);
      } catch (err) {
        world.close();
        throw err;
      }
      return world;
    }
    const db = new Database(':memory:');
    World.seedInto(db, options.seed ?? 1, persona);
    return new World(db, undefined);
  }

  /** Opens a world from a snapshot, in memory. */
  static fromSnapshot(snapshot: Snapshot): World {
    return new World(new Database(snapshot.bytes), undefined);
  }

  private static seedInto(db: Database.Database, seed: number, persona: string): void {
    if (!Number.isInteger(seed))
      throw new ErrandError('INVALID_INPUT', `The seed must be an integer, got ${seed}.`);
    if (!PERSONA_IDS.includes(persona)) {
      throw new ErrandError('NOT_FOUND', `No persona "${persona}"; choose one of ${PERSONA_IDS.join(', ')}.`);
    }
    db.exec(CORE_SCHEMA);
    for (const app of APPS) db.exec(app.schema);
    db.transaction(() => {
      const meta = db.prepare('INSERT INTO world_meta VALUES (?, ?)');
      meta.run('seed', String(seed));
      meta.run('now', String(WORLD_EPOCH_MS));
      meta.run('persona', persona);
      seedPeople(db);
      const nextId = counter(db);
      for (const app of APPS) {
        app.seed({ db, rng: createRng(seed, app.name), now: WORLD_EPOCH_MS, seed, nextId });
      }
    })();
  }

  /** The live database. App code gets it through a tool context; tests and the diff read it here. */
  get db(): Database.Database {
    return this.#db;
  }

  /** The world's simulated time in epoch ms. */
  get now(): number {
    return Number(this.meta('now'));
  }

  /** The seed this world was built from. */
  get seed(): number {
    return Number(this.meta('seed'));
  }

  /** The persona errand acts for in this world. */
  get persona(): Persona {
    const id = this.#personaId ?? this.meta('persona');
    const known = this.#personas.get(id);
    if (known) return known;
    const row = this.#db.prepare('SELECT * FROM world_personas WHERE id = ?').get(id) as
      | (Omit<Persona, 'preferences'> & { preferences: string })
      | undefined;
    if (!row) throw new ErrandError('NOT_FOUND', 'This world has no persona.');
    const persona = Object.freeze({
      ...row,
      preferences: Object.freeze(JSON.parse(row.preferences) as Record<string, string>),
    });
    this.#personas.set(id, persona);
    return persona;
  }

  /**
   * Switches the persona errand acts for. In a shared file only this process switches: the file is
   * not written, so another process on it keeps acting for its own persona.
   */
  setPersona(persona: string): void {
    if (!PERSONA_IDS.includes(persona)) {
      throw new ErrandError('NOT_FOUND', `No persona "${persona}"; choose one of ${PERSONA_IDS.join(', ')}.`);
    }
    if (this.file) this.#personaId = persona;
    else this.#db.prepare('UPDATE world_meta SET value = ? WHERE key = ?').run(persona, 'persona');
  }

  private meta(key: string): string {
    const row = this.#db.prepare('SELECT value FROM world_meta WHERE key = ?').get(key) as
      | { value: string }
      | undefined;
    if (!row)
      throw new ErrandError('INTERNAL', `World metadata "${key}" is missing; the world file is damaged.`);
    return row.value;
  }

  /** One app by name. */
  app(name: string): AppModule | undefined {
    return this.apps.find((a) => a.name === name);
  }

  /** One tool by app and name. */
  tool(app: string, name: string): ToolDef | undefined {
    return this.app(app)?.tools.find((t) => t.name === name);
  }

  private context(): ToolContext {
    const db = this.#db;
    const persona = this.persona;
    const ctx: ToolContext = {
      db,
      now: this.now,
      me: persona.person_id,
      nextId: counter(db),
      emit: (event: WorldEvent) => {
        for (const app of this.apps) {
          const handler = app.on?.[event.type] as ((e: WorldEvent, c: ToolContext) => void) | undefined;
          handler?.(event, ctx);
        }
      },
    };
    return ctx;
  }

  /**
   * Calls one tool with untrusted input. Reads run read-only; writes run in one transaction
   * with their idempotency key, so a repeated key returns the first result and changes nothing.
   */
  call(appName: string, toolName: string, rawInput: unknown): CallResult {
    try {
      const app = this.app(appName);
      if (!app) {
        throw new ErrandError(
          'NOT_FOUND',
          `No app "${appName}"; apps are ${this.apps.map((a) => a.name).join(', ')}.`,
        );
      }
      const tool = app.tools.find((t) => t.name === toolName);
      if (!tool) {
        throw new ErrandError('UNKNOWN_TOOL', `The ${appName} app has no tool "${toolName}".`, {
          tools: app.tools.map((t) => t.name),
        });
      }
      const parsed = tool.input.safeParse(rawInput ?? {});
      if (!parsed.success) {
        throw new ErrandError(
          'INVALID_INPUT',
          `Invalid input for ${appName}.${toolName}: ${formatZodError(parsed.error)}`,
        );
      }
      return tool.effect.kind === 'read'
        ? { ok: true, data: this.runRead(tool, parsed.data), replayed: false }
        : this.runWrite(app, tool, parsed.data as Record<string, unknown>);
    } catch (err) {
      return { ok: false, error: toErrandError(err).toJSON() };
    }
  }

  private runRead(tool: ToolDef, input: unknown): unknown {
    // Prepared (and kept) rather than db.pragma(), which prepares the statement anew on every read.
    this.#db.prepare('PRAGMA query_only = ON').run();
    try {
      return checkOutput(tool, tool.run(input as never, this.context()));
    } finally {
      this.#db.prepare('PRAGMA query_only = OFF').run();
    }
  }

  private runWrite(app: AppModule, tool: ToolDef, input: Record<string, unknown>): CallResult {
    const { idempotency_key: rawKey, ...rest } = input;
    // Keys are scoped to the person acting, so two personas cannot replay each other's writes.
    const key = `${this.persona.person_id}:${String(rawKey)}`;
    const hash = createHash('sha256').update(stableJson(rest)).digest('hex');
    return writeTransaction(this.#db, (): CallResult => {
      const prior = this.#db
        .prepare('SELECT input_hash, result FROM world_idempotency WHERE app = ? AND tool = ? AND key = ?')
        .get(app.name, tool.name, key) as { input_hash: string; result: string } | undefined;
      if (prior) {
        if (prior.input_hash !== hash) {
          throw new ErrandError(
            'IDEMPOTENCY_KEY_REUSED',
            `The idempotency key "${String(rawKey)}" was already used for a different ${tool.name} request; use a new key.`,
          );
        }
        return { ok: true, data: JSON.parse(prior.result), replayed: true };
      }
      const data = checkOutput(tool, tool.run(input as never, this.context()));
      this.#db
        .prepare('INSERT INTO world_idempotency VALUES (?, ?, ?, ?, ?)')
        .run(app.name, tool.name, key, hash, JSON.stringify(data));
      // A crash here, with the write done but not committed, must leave no half of it.
      faultPoint('write.inside');
      return { ok: true, data, replayed: false };
    });
  }

  /** Moves the world's clock forward; apps move their orders and deliveries along. */
  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) {
      throw new ErrandError('INVALID_INPUT', `The clock only moves forward; got ${ms} ms.`);
    }
    const from = this.now;
    writeTransaction(this.#db, () => {
      this.#db
        .prepare("UPDATE world_meta SET value = ? WHERE key = 'now'")
        .run(String(from + Math.round(ms)));
      const ctx = this.context();
      for (const app of this.apps) app.advance?.(ctx, from);
    });
  }

  /** Plants text (an instruction, for security tests) in a declared untrusted field. */
  plant(plant: Plant): void {
    const app = this.app(plant.app);
    const field = app?.untrusted.find((f) => f.table === plant.table && f.column === plant.column);
    if (!field) {
      throw new ErrandError(
        'INVALID_INPUT',
        `${plant.app}.${plant.table}.${plant.column} is not an untrusted text field.`,
      );
    }
    const sql =
      plant.mode === 'append'
        ? `UPDATE "${field.table}" SET "${field.column}" = "${field.column}" || ? WHERE id = ?`
        : `UPDATE "${field.table}" SET "${field.column}" = ? WHERE id = ?`;
    const result = writeTransaction(this.#db, () =>
      this.#db.prepare(sql).run(plant.mode === 'append' ? `\n${plant.text}` : plant.text, plant.id),
    );
    if (result.changes === 0) throw new ErrandError('NOT_FOUND', `No row "${plant.id}" in ${field.table}.`);
  }

  /** A frozen copy of the whole state. */
  snapshot(): Snapshot {
    return { bytes: standalone(this.#db.serialize()) };
  }

  /**
   * Puts the whole state back as it was in a snapshot. A file-backed world is refilled in one
   * transaction, so other processes sharing the file see the old state or the new, never a mix.
   */
  restore(snapshot: Snapshot): void {
    this.#personas.clear();
    if (this.file) {
      replaceContents(this.#db, snapshot.bytes);
      return;
    }
    const next = cachePrepared(new Database(snapshot.bytes));
    this.#db.close();
    this.#db = next;
  }

  /** An independent in-memory copy, acting for the same persona: changes to one never reach the other. */
  fork(): World {
    const copy = World.fromSnapshot(this.snapshot());
    if (this.#personaId) copy.setPersona(this.#personaId);
    return copy;
  }

  /** What changed from a snapshot to now (or to another snapshot). */
  diff(from: Snapshot, to?: Snapshot): WorldDiff {
    const before = new Database(from.bytes, { readonly: true });
    const after = to ? new Database(to.bytes, { readonly: true }) : this.#db;
    try {
      return diffDatabases(before, after);
    } finally {
      before.close();
      if (to) after.close();
    }
  }

  /** Closes the database. */
  close(): void {
    if (this.#db.open) this.#db.close();
  }
}

/**
 * Makes `db.prepare` reuse statements by SQL text. Apps prepare their queries on every call, which
 * costs more than running them; reuse is safe because tools run one at a time and never iterate.
 */
function cachePrepared(db: Database.Database): Database.Database {
  const cache = new Map<string, Database.Statement>();
  const prepare = db.prepare.bind(db);
  db.prepare = ((sql: string) => {
    let stmt = cache.get(sql);
    if (!stmt) {
      stmt = prepare(sql);
      cache.set(sql, stmt);
    }
    return stmt;
  }) as typeof db.prepare;
  return db;
}

function counter(db: Database.Database): (prefix: string) => string {
  const bump = db.prepare(
    'INSERT INTO world_counters VALUES (?, 1) ON CONFLICT(prefix) DO UPDATE SET value = value + 1 RETURNING value',
  );
  return (prefix) => {
    const { value } = bump.get(prefix) as { value: number };
    return `${prefix}_${String(value).padStart(4, '0')}`;
  };
}

function checkOutput(tool: ToolDef, data: unknown): unknown {
  const parsed = tool.output.safeParse(data);
  if (!parsed.success) {
    throw new ErrandError(
      'INTERNAL',
      `${tool.name} produced output that breaks its own schema: ${formatZodError(parsed.error)}`,
    );
  }
  return parsed.data;
}
