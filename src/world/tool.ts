import type Database from 'better-sqlite3';
import { z } from 'zod';
import type { WorldEvent } from './events.js';

/** How an operation changes the world: the guard's first question about any action. */
export type EffectKind = 'read' | 'write' | 'irreversible';

/**
 * What kind of change a write makes, in words a person's request uses, so a guard can match it to
 * what was asked: an order, a payment, a message... `tidy` is housekeeping that changes nothing anyone
 * else sees (marking messages read, taking a line out of a cart). `update` changes one work record the
 * person named (assign an issue, file an expense, receive a delivery).
 */
export const EFFECT_ACTS = [
  'order',
  'cart',
  'pay',
  'transfer',
  'message',
  'invite',
  'reschedule',
  'cancel',
  'respond',
  'return',
  'review',
  'recall',
  'update',
  'tidy',
] as const;

/** One kind of change a write makes. */
export type EffectAct = (typeof EFFECT_ACTS)[number];

/**
 * What an operation does, declared once beside it. The named fields are input argument names,
 * so a guard can find the money and the people in a proposed call without running it.
 */
export interface Effect {
  kind: EffectKind;
  /** What kind of change a write makes; a write without one is of unknown kind. */
  act?: EffectAct;
  /** Input field naming the existing object the call changes or pays (an order, an event, a bill). */
  target?: string;
  /** Input field naming the shop an order goes to (a restaurant id). */
  merchant?: string;
  /** Input field holding an amount of money in fen that this call spends. */
  amount?: string;
  /** Input field naming who receives the money (a pay account id). */
  payee?: string;
  /** Input field naming who receives a message or invitation (a contact id, a list of them, or a group). */
  recipients?: string;
  /** Input field naming a destination address (a saved address or a place). */
  address?: string;
  /**
   * Input field naming an existing object whose people the call notifies (moving an event messages its
   * attendees): the recipients are not in the input, so a guard must judge the object.
   */
  notifies?: string;
  /**
   * Input field holding what is bought: order lines with a dish or product id, or one such id (a cart
   * line). The guard checks each was asked for.
   */
  items?: string;
}

/** Everything a tool may use while it runs: the database inside the call's transaction, and the world. */
export interface ToolContext {
  db: Database.Database;
  /** The world's simulated time in epoch ms; nothing reads the wall clock. */
  now: number;
  /** The person id of the persona errand acts for. */
  me: string;
  /** A new deterministic id such as `ord_0003`. */
  nextId(prefix: string): string;
  /** Tells other apps something happened (a payment settled); handled inside the same transaction. */
  emit(event: WorldEvent): void;
}

/** The input schema every tool has: an object whose every field is described. */
export type ToolInput = z.ZodObject<z.ZodRawShape>;

/** One operation of one app, defined once and served over MCP and HTTP alike. */
export interface ToolDef<I extends ToolInput = ToolInput, O = unknown> {
  name: string;
  title: string;
  description: string;
  input: I;
  output: z.ZodType<O>;
  effect: Effect;
  run(input: z.infer<I>, ctx: ToolContext): O;
}

/** The idempotency key every write takes; the same key twice does the work once. */
export const idempotencyKeySchema = z
  .string()
  .min(1)
  .max(200)
  .describe(
    'A unique key for this write chosen by the caller. Repeating a call with the same key returns the first result and does nothing again.',
  );

/** Defines a tool; writes get a required `idempotency_key` field added to their input. */
export function defineTool<S extends z.ZodRawShape, O>(def: {
  name: string;
  title: string;
  description: string;
  input: z.ZodObject<S>;
  output: z.ZodType<O>;
  effect: Effect;
  run(input: z.infer<z.ZodObject<S>>, ctx: ToolContext): O;
}): ToolDef {
  const strict = def.input.strict();
  const input =
    def.effect.kind === 'read' ? strict : strict.extend({ idempotency_key: idempotencyKeySchema });
  return { ...def, input } as unknown as ToolDef;
}
