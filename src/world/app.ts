import type Database from 'better-sqlite3';
import type { WorldEventHandler, WorldEventType } from './events.js';
import type { Rng } from './rng.js';
import type { ToolContext, ToolDef } from './tool.js';

/** The person's own apps: every errand may be offered them. */
export const PERSONAL_APP_NAMES = ['maps', 'pay', 'food', 'chat', 'calendar', 'shop'] as const;

/** The company's apps the personas work in: offered only when a mandate names them. */
export const WORK_APP_NAMES = ['mail', 'ledger', 'inventory', 'tracker'] as const;

/** The names of the sandbox apps. */
export const APP_NAMES = [...PERSONAL_APP_NAMES, ...WORK_APP_NAMES] as const;

/** True for the company's work apps, which a mandate must name to reach. */
export function isWorkApp(name: string): boolean {
  return (WORK_APP_NAMES as readonly string[]).includes(name);
}

/** One sandbox app's name. */
export type AppName = (typeof APP_NAMES)[number];

/** What seeding an app may use: the database, a random stream of its own, and the world's options. */
export interface SeedContext {
  db: Database.Database;
  rng: Rng;
  now: number;
  seed: number;
  nextId(prefix: string): string;
}

/** A column that holds text written by others, where an attack on the agent can hide. */
export interface UntrustedField {
  table: string;
  column: string;
  /** What the text is, for people reading a bench report: "restaurant notice", "review". */
  label: string;
}

/** One sandbox app: its tables, seed, operations and reactions to other apps. */
export interface AppModule {
  name: AppName;
  title: { zh: string; en: string };
  /** SQL creating the app's tables; every table is named `<app>_...` and has a primary key. */
  schema: string;
  seed(ctx: SeedContext): void;
  tools: ToolDef[];
  /** Columns holding untrusted text that a bench may plant an instruction in. */
  untrusted: UntrustedField[];
  /** Moves state machines forward when the world's clock advances from `from` to `ctx.now`. */
  advance?(ctx: ToolContext, from: number): void;
  /**
   * Known-good inputs per tool (without idempotency keys), for the contract suite and interop tests;
   * each should succeed on a freshly seeded world.
   */
  examples?: Record<string, ToolExample[]>;
  /** Reactions to other apps' events. */
  on?: { [T in WorldEventType]?: WorldEventHandler<T> };
}

/** A known-good input for a tool, or a function reading the seeded world to build one. */
export type ToolExample = Record<string, unknown> | ((db: Database.Database) => Record<string, unknown>);

/** Identity helper that checks an app module's shape. */
export function defineApp(app: AppModule): AppModule {
  return app;
}
