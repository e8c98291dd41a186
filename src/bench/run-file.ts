import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { ErrandError } from '../errors.js';
import { formatZodError } from '../validation.js';
import type { BenchRun } from './run-suite.js';
import { taskSchema } from './task.js';

const share = z.number().min(0).max(1);
const count = z.number().int().nonnegative();

const usageSchema = z.object({
  inputTokens: z.number().nonnegative().describe('Tokens sent to the model.'),
  outputTokens: z.number().nonnegative().describe('Tokens the model wrote.'),
  costUsd: z.number().nonnegative().describe('Estimated cost in US dollars.'),
  energyWh: z.number().nonnegative().describe('Estimated energy in watt-hours.'),
});

const groupSchema = z.object({
  trials: count.describe('Trials in the group.'),
  passed: count.describe('Trials that passed.'),
  successRate: share.describe('passed / trials.'),
});

const timelineEntrySchema = z.object({
  step: z.number().int().describe('The errand step.'),
  kind: z.enum(['action', 'denied', 'failed', 'flagged', 'finish', 'note']).describe('What happened.'),
  text: z.string().describe('One line about it.'),
});

const trialSchema = z.object({
  task: z.string().describe('The task id.'),
  trial: count.describe('Which trial of the task, from 0.'),
  variant: z
    .enum(['plain', 'benign', 'attack'])
    .describe('Plain, or an attack case with or without its injection.'),
  errandId: z.string().describe('The errand in the journal.'),
  pass: z.boolean().describe('The verifier accepted the world.'),
  failures: z
    .array(z.string())
    .describe('Expected changes that were missing or forbidden ones that happened.'),
  collateral: z.array(z.string()).describe('Changes nobody asked for.'),
  attackSucceeded: z
    .boolean()
    .nullable()
    .describe("Whether the attacker's goal was met; null without an attack."),
  status: z.string().describe('How the errand ended.'),
  outcome: z.string().nullable().describe('What the errand said it achieved.'),
  error: z.string().nullable().describe('The error that ended it, if any.'),
  steps: count.describe('Model turns.'),
  actions: count.describe('Tool calls run.'),
  asks: count.describe('Questions put to the person.'),
  questions: count.optional().describe('Questions the agent asked the person (ask_user).'),
  answered: count.optional().describe('Of those, how many the person could answer.'),
  denials: count.describe('Actions the guard stopped.'),
  usage: usageSchema.describe('Tokens, cost and energy.'),
  wallMs: z.number().nonnegative().describe('Wall time of the trial.'),
  timeline: z.array(timelineEntrySchema).describe('The step timeline.'),
  intentSource: z
    .enum(['reader', 'task', 'planner', 'none'])
    .default('none')
    .describe('Where the intents came from: the offline reader, the task file, a planner model.'),
  intentsAgree: z
    .boolean()
    .nullable()
    .default(null)
    .describe('Whether the reader and the task file agree in substance; null unless both have intents.'),
  intentDifferences: z.array(z.string()).default([]).describe('How they differ.'),
  attackCalls: z
    .array(
      z.object({
        callId: z.string().describe('The call id the agent gave it.'),
        tool: z.string().describe('The tool it called.'),
        fate: z
          .enum(['refused', 'asked', 'approved', 'allowed', 'not-run'])
          .describe('What the guard (or the approver) made of it.'),
        reason: z.string().describe('Why.'),
        ran: z.boolean().describe('Whether the app carried it out.'),
      }),
    )
    .default([])
    .describe('Every call made for an attacker, by id.'),
});

const metricsSchema = z.object({
  tasks: count.describe('Tasks run.'),
  trials: count.describe('Scored trials (benign variants not counted).'),
  successRate: share.describe('Share of scored trials that passed.'),
  passK: z.array(share).describe('pass^k for k = 1..trials per task.'),
  meanSteps: z.number().nonnegative().describe('Mean model turns per trial.'),
  meanAsks: z.number().nonnegative().describe('Mean asks per trial.'),
  meanDenials: z.number().nonnegative().describe('Mean denials per trial.'),
  collateralTrials: count.describe('Trials with collateral damage.'),
  usage: usageSchema.describe('Totals over every trial run (benign runs of attack cases too).'),
  meanUsage: usageSchema.describe('Means per trial run.'),
  meanQuestions: z.number().nonnegative().default(0).describe('Questions to the person per scored trial.'),
  answeredShare: share.default(0).describe('Share of those questions the person could answer.'),
  wallMs: z.number().nonnegative().describe('Wall time of the whole run.'),
  trialsPerSecond: z.number().nonnegative().describe('Throughput.'),
  byAppCount: z.record(z.string(), groupSchema).describe('Success by how many apps a task needs.'),
  byLanguage: z.record(z.string(), groupSchema).describe('Success by request language.'),
  byCategory: z.record(z.string(), groupSchema).describe('Success by task category.'),
  byApp: z
    .record(z.string(), groupSchema)
    .default({})
    .describe('Success by app: each trial counts for every app its task needs.'),
  byPack: z.record(z.string(), groupSchema).default({}).describe('Success by task pack (tags.pack).'),
  asksPerInMandateErrand: z
    .number()
    .nonnegative()
    .default(0)
    .describe('Mean asks per trial of a task whose right outcome is done.'),
  intents: z
    .object({
      reader: count.describe('Trials whose intents the offline reader gave.'),
      task: count.describe('Trials whose intents the task file gave.'),
      planner: count.describe('Trials whose intents a planner model gave.'),
      none: count.describe('Trials with no intents at all.'),
      compared: count.describe('Trials where both the reader and the task file had intents.'),
      agreed: count.describe('Of those, trials where they agree in substance.'),
    })
    .default({ reader: 0, task: 0, planner: 0, none: 0, compared: 0, agreed: 0 })
    .describe('Where intents came from.'),
  attacks: z
    .object({
      benignUtility: share.describe('Success of attack tasks without their injection.'),
      utilityUnderAttack: share.describe('Success with the injection planted.'),
      attackSuccessRate: share.describe("Share of attacked trials where the attacker's goal was met."),
      cases: count.describe('Attacked trials.'),
      asksPerErrand: z.number().nonnegative().default(0).describe('Mean asks per attacked trial.'),
      attempted: count.default(0).describe('Attacked trials with at least one attack call.'),
      attackCalls: count.default(0).describe('Attack calls made.'),
      refused: count.default(0).describe('Attack calls the guard refused.'),
      asked: count.default(0).describe('Attack calls asked about and not approved.'),
      allowed: count.default(0).describe('Attack calls that went through the guard.'),
      notRun: count.default(0).describe('Attack calls that never reached the guard.'),
    })
    .nullable()
    .describe('Attack figures; null when the suite has no injections.'),
});

/** The saved form of a bench run, checked when read back. */
export const benchRunSchema: z.ZodType<BenchRun> = z.object({
  version: z.literal(1).describe('Format version.'),
  suite: z.string().describe('The suite run.'),
  agent: z.string().describe('The agent or model that played.'),
  mode: z
    .enum(['api', 'gui'])
    .optional()
    .describe("Through the apps' tools, or on their screens (runs before GUI mode have none)."),
  unguarded: z.boolean().optional().describe('The control run with no guard at all.'),
  startedAt: z.string().describe('ISO time the run began.'),
  machine: z
    .object({
      node: z.string().describe('Node version.'),
      cpus: count.describe('CPU count.'),
      platform: z.string().describe('OS platform.'),
    })
    .describe('Where it ran.'),
  trialsPerTask: count.describe('Trials of each task.'),
  concurrency: count.describe('Trials at once.'),
  metrics: metricsSchema.describe('The figures.'),
  tasks: z
    .array(
      z.object({
        id: z.string().describe('Task id.'),
        request: z.string().describe('What the person asked.'),
        outcome: z.string().describe('The right outcome: done or refuse.'),
        tags: taskSchema.shape.tags.describe("The task's tags."),
        attack: z.string().nullable().describe('The planted attack, described; null for none.'),
      }),
    )
    .describe('The tasks run.'),
  trials: z.array(trialSchema).describe('Every trial.'),
});

/** Reads a saved bench run, failing with the file's name and what is wrong when it is not one. */
export function loadRun(file: string): BenchRun {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT')
      throw new ErrandError('NOT_FOUND', `No bench run at ${file}: the file does not exist.`);
    throw new ErrandError('INVALID_INPUT', `Could not read the bench run ${file}: ${(err as Error).message}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new ErrandError(
      'INVALID_INPUT',
      `${file} is not a bench run: it is not valid JSON (${(err as Error).message}).`,
    );
  }
  const version = (raw as { version?: unknown } | null)?.version;
  if (raw && typeof raw === 'object' && version !== undefined && version !== 1) {
    throw new ErrandError(
      'INVALID_INPUT',
      `${file} is a bench run in format version ${JSON.stringify(version)}; this errand reads version 1.`,
    );
  }
  const parsed = benchRunSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ErrandError(
      'INVALID_INPUT',
      `${file} is not a bench run this errand can read: ${formatZodError(parsed.error)}.`,
    );
  }
  return parsed.data;
}
