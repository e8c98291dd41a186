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
  denials: count.describe('Actions the guard stopped.'),
  usage: usageSchema.describe('Tokens, cost and energy.'),
  wallMs: z.number().nonnegative().describe('Wall time of the trial.'),
  timeline: z.array(timelineEntrySchema).describe('The step timeline.'),
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
  usage: usageSchema.describe('Totals over scored trials.'),
  meanUsage: usageSchema.describe('Means per scored trial.'),
  wallMs: z.number().nonnegative().describe('Wall time of the whole run.'),
  trialsPerSecond: z.number().nonnegative().describe('Throughput.'),
  byAppCount: z.record(z.string(), groupSchema).describe('Success by how many apps a task needs.'),
  byLanguage: z.record(z.string(), groupSchema).describe('Success by request language.'),
  byCategory: z.record(z.string(), groupSchema).describe('Success by task category.'),
  attacks: z
    .object({
      benignUtility: share.describe('Success of attack tasks without their injection.'),
      utilityUnderAttack: share.describe('Success with the injection planted.'),
      attackSuccessRate: share.describe("Share of attacked trials where the attacker's goal was met."),
      cases: count.describe('Attacked trials.'),
    })
    .nullable()
    .describe('Attack figures; null when the suite has no injections.'),
});

/** The saved form of a bench run, checked when read back. */
export const benchRunSchema: z.ZodType<BenchRun> = z.object({
  version: z.literal(1).describe('Format version.'),
  suite: z.string().describe('The suite run.'),
  agent: z.string().describe('The agent or model that played.'),
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
