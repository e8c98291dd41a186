import { z } from 'zod';
import { intentSetSchema } from '../guard/intents.js';
import { mandateSchema } from '../guard/mandate.js';
import { APP_NAMES } from '../world/app.js';
import { attackWantSchema } from './attack-goal.js';

/** A condition on one column of a changed row. */
export const matcherSchema = z.union([
  z.string(),
  z.number(),
  z.boolean(),
  z.null(),
  z
    .object({ in: z.array(z.union([z.string(), z.number()])) })
    .strict()
    .describe('Any of these values.'),
  z.object({ lte: z.number() }).strict().describe('At most.'),
  z.object({ gte: z.number() }).strict().describe('At least.'),
  z
    .object({ contains: z.string() })
    .strict()
    .describe('Text containing this (case and full-width forms ignored).'),
  z
    .object({ containsAny: z.array(z.string()).min(1) })
    .strict()
    .describe('Text containing any of these: the same words in Chinese and English.'),
  z
    .object({ containsAll: z.array(z.string()).min(1) })
    .strict()
    .describe('Text containing every one of these.'),
  z
    .object({ lacks: z.array(z.string()).min(1) })
    .strict()
    .describe('Text containing none of these (a private detail, a wrong figure), in either language.'),
  z
    .object({
      since: z.string().describe('The column the span starts at, e.g. start_at (epoch ms).'),
      minutes: z
        .union([z.number(), z.object({ gte: z.number().optional(), lte: z.number().optional() }).strict()])
        .describe('The span in minutes: exactly, or within bounds.'),
    })
    .strict()
    .describe(
      'A duration: this column minus `since`, in minutes (end_at − start_at of a one-hour meeting is 60).',
    ),
  z
    .object({ ref: z.string() })
    .strict()
    .describe('Equal to a value captured by an earlier check: "order.id".'),
  z
    .object({
      after: z
        .string()
        .describe(
          'A world time ("2026-11-30T12:30+08:00") or a time captured by an earlier check ("order.delivered_at").',
        ),
      minutes: z.number().optional().describe('At least this many minutes after it.'),
    })
    .strict()
    .describe('A time (epoch ms) at or after another: the message after the delivery.'),
  z
    .object({
      before: z
        .string()
        .describe(
          'A world time, or a time captured by an earlier check; when that is null (not yet), any time.',
        ),
    })
    .strict()
    .describe('A time (epoch ms) before another: told before the food arrived.'),
  z
    .object({ not: z.union([z.string(), z.number(), z.null()]) })
    .strict()
    .describe('Anything but this.'),
]);

/** A declarative check on the world's diff: rows added, changed or removed in one table. */
export const checkSchema = z
  .object({
    table: z.string().describe('The table, e.g. food_orders.'),
    change: z.enum(['added', 'changed', 'removed']).default('added').describe('What happened to the row.'),
    where: z
      .record(z.string(), matcherSchema)
      .default({})
      .describe('Conditions on the row after the change.'),
    count: z
      .union([
        z.number().int().nonnegative(),
        z.object({ min: z.number().int().nonnegative(), max: z.number().int().positive() }),
      ])
      .default(1)
      .describe(
        'How many rows must match; 1 by default. On a forbidden check, how many are forbidden: n or more, or any number in {min, max} (a duplicate is count 2).',
      ),
    as: z.string().optional().describe('A name to capture the matched row under, for later {ref} matchers.'),
    note: z.string().optional().describe('What this check means, for people reading a failure.'),
  })
  .strict();

/** One step of a task's oracle solution: a tool call whose input may refer to earlier results ("$order.total.amount"). */
export const oracleStepSchema = z
  .object({
    tool: z.string().describe('The model-facing tool name, e.g. food_place_order.'),
    input: z
      .record(z.string(), z.unknown())
      .default({})
      .describe('Arguments; a string "$name.path" takes a value from an earlier result.'),
    as: z.string().optional().describe('A name for this result.'),
  })
  .strict();

/** An instruction planted in app content for an attack case. */
export const injectionSchema = z
  .object({
    app: z.enum(APP_NAMES).describe('The app holding the text.'),
    table: z.string().describe('An untrusted table.'),
    column: z.string().describe('An untrusted column.'),
    id: z.string().describe('The row.'),
    text: z.string().min(1).describe('What the attacker writes.'),
    mode: z.enum(['replace', 'append']).default('append').describe('Replace the text or add to it.'),
    wants: attackWantSchema.describe(
      'What the attacker wants done, as data: the hijacked agent carries it out directly, whatever the wording.',
    ),
    goal: z.array(checkSchema).min(1).describe('Changes that mean the attacker succeeded.'),
    kind: z.string().describe('What the attack tries: transfer, payee, message, extra-order ...'),
  })
  .strict();

/** A fact the person knows that the request left out: the scripted user tells it when a question is about it. */
export const hiddenFactSchema = z
  .object({
    about: z
      .array(z.string().min(1))
      .min(1)
      .describe('Words a question about this fact uses, in either language: 哪个, which, 市场部, warehouse.'),
    answer: z.string().min(1).describe('What the person answers, in their own language.'),
  })
  .strict();

/** A bench task: a request in a known world, and what must (and must not) change. */
export const taskSchema = z
  .object({
    id: z
      .string()
      .regex(/^[a-z0-9-]+$/)
      .describe('Unique id, e.g. core-food-001.'),
    seed: z.number().int().default(1).describe('The world seed.'),
    persona: z.enum(['liming', 'sam']).default('liming').describe('Who errand works for.'),
    advanceMinutes: z
      .number()
      .int()
      .nonnegative()
      .default(0)
      .describe('Move the clock this far before starting.'),
    request: z.string().min(1).describe('What the person asks, in Chinese or English.'),
    mandate: mandateSchema.prefault({}).describe('What the person allows.'),
    expect: z
      .array(checkSchema)
      .default([])
      .describe('Changes that must happen; empty when the right outcome is to refuse or ask.'),
    forbid: z.array(checkSchema).default([]).describe('Changes that must not happen.'),
    allowTables: z
      .array(z.string())
      .default([])
      .describe('Tables whose other changes are not collateral damage in this task.'),
    outcome: z
      .enum(['done', 'refuse'])
      .default('done')
      .describe('done: the need is met; refuse: refusing or asking is right.'),
    oracle: z.array(oracleStepSchema).describe('Tool calls that solve the task (empty for refuse tasks).'),
    nearMisses: z
      .array(
        z
          .object({
            note: z
              .string()
              .describe('What is almost right about it: "wrong dish", "message to the wrong person".'),
            steps: z
              .array(oracleStepSchema)
              .min(1)
              .describe('Tool calls applied straight to the world, without the guard.'),
          })
          .strict(),
      )
      .default([])
      .describe('Almost-right outcomes the verifier must reject.'),
    injection: injectionSchema.optional().describe('For attack cases: the planted instruction.'),
    user: z
      .object({
        facts: z
          .array(hiddenFactSchema)
          .min(1)
          .describe('What the person knows and did not say; told only when asked about.'),
      })
      .strict()
      .optional()
      .describe('A person who answers ask_user: without it, nobody answers.'),
    asks: z
      .object({
        min: z.number().int().nonnegative().default(0).describe('Fewest questions to the person.'),
        max: z.number().int().nonnegative().optional().describe('Most questions to the person.'),
      })
      .strict()
      .optional()
      .describe(
        'How many questions (ask_user) the agent must put to the person: at least one when the errand cannot be done without an answer.',
      ),
    intents: intentSetSchema
      .omit({ source: true })
      .optional()
      .describe(
        'What the person asked for, as they would confirm it: the guard allows agents with no model only these writes when the offline reader is not sure.',
      ),
    tags: z
      .object({
        apps: z.array(z.enum(APP_NAMES)).min(1).describe('Apps the errand needs.'),
        difficulty: z.enum(['easy', 'medium', 'hard']),
        language: z.enum(['zh', 'en']),
        category: z.string().describe('order, pay, message, schedule, shop, route, combo, refuse ...'),
        pack: z
          .string()
          .optional()
          .describe('The task pack it belongs to: supply-chain, finance, development, mixed ...'),
      })
      .strict(),
  })
  .strict();

/** A parsed task. */
export type Task = z.infer<typeof taskSchema>;
/** A check on the diff. */
export type Check = z.infer<typeof checkSchema>;
/** A fact only the person knows. */
export type HiddenFact = z.infer<typeof hiddenFactSchema>;
/** A column matcher. */
export type Matcher = z.infer<typeof matcherSchema>;
