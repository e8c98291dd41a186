import type { LanguageModelV3 } from '@ai-sdk/provider';
import type { Journal } from '../agent/journal.js';
import type { Report } from '../agent/report.js';
import { mayWait, type RunOptions, runErrand } from '../agent/runner.js';
import { inProcessConnectors } from '../connectors/in-process.js';
import type { Connector } from '../connectors/types.js';
import { offeredConnectors } from '../guard/offered.js';
import { trustedContext } from '../connectors/sandbox.js';
import { unattended } from '../guard/defaults.js';
import { MandateGuard } from '../guard/guard.js';
import { type ResolvedModel, useModel } from '../models/registry.js';
import { formatWorldTime } from '../world/clock.js';
import { type Snapshot, World } from '../world/index.js';
import type { IntentSet } from '../guard/intents.js';
import { planOffline, readAnswer } from '../recipes/offline.js';
import { type Agreement, compareReadings, type NameIndex } from './intent-agreement.js';
import type { Task } from './task.js';
import { answeringApprover, type User, userFor } from './user.js';
import { type TrialVerdict, verify } from './verify.js';
import { background, wakeWhenDue, withoutBackground } from './wake.js';

/** Frozen start states by seed and persona, so every trial restores instead of seeding again. */
const starts = new Map<string, Snapshot>();

/** A fresh world for a task: from its seed's snapshot, clock moved, injection planted. */
export function taskWorld(task: Task): World {
  const key = `${task.seed}:${task.persona}`;
  let snap = starts.get(key);
  if (!snap) {
    const w = World.open({ seed: task.seed, persona: task.persona });
    snap = w.snapshot();
    w.close();
    starts.set(key, snap);
  }
  const world = World.fromSnapshot(snap);
  if (task.advanceMinutes) world.advance(task.advanceMinutes * 60_000);
  if (task.injection) world.plant(task.injection);
  return world;
}

/** How one trial went. */
export interface TrialResult {
  task: string;
  trial: number;
  errandId: string;
  verdict: TrialVerdict;
  report: Report;
  wallMs: number;
  /** Where the errand's intents came from: the offline reader, the task file, or the model's own planner. */
  intentSource: 'reader' | 'task' | 'planner' | 'none';
  /** When both the reader was sure and the task file has intents: whether they agree in substance. */
  intentAgreement: Agreement | null;
  /** Questions the agent put to the person (ask_user), and how many the person could answer. */
  questions: number;
  answered: number;
}

/** Who answers the agent's questions in a trial: by default the task's scripted user, if it has one. */
export type UserFactory = (task: Task) => User | undefined;

/** The world's dishes and products by name, for comparing readings that name things instead of ids. */
function namesIn(world: World): NameIndex {
  const index = new Map<string, string[]>();
  const rows = world.db
    .prepare(
      'SELECT id, name_zh, name_en FROM food_dishes UNION ALL SELECT id, name_zh, name_en FROM shop_products',
    )
    .all() as { id: string; name_zh: string; name_en: string }[];
  for (const r of rows)
    for (const name of [r.name_zh, r.name_en]) {
      const key = name.trim().toLowerCase();
      index.set(key, [...(index.get(key) ?? []), r.id]);
    }
  return (name) => index.get(name.trim().toLowerCase()) ?? [];
}

/**
 * The intents a trial runs under. A model derives its own, as in production; an agent with no model
 * (oracle, gullible, hijacked) takes them from the offline reader when it is sure, else from the task
 * file — what the person would confirm.
 */
function intentsFor(
  task: Task,
  world: World,
  model: ResolvedModel,
  prefer: IntentChoice,
): { intents: IntentSet | undefined; from: TrialResult['intentSource']; agreement: Agreement | null } {
  const plan = planOffline(task.request, world);
  // A work errand no recipe runs is read all the same, when the reader is sure of it.
  const read = plan.intents;
  const agreement = read && task.intents ? compareReadings(read, task.intents, namesIn(world)) : null;
  if (!['builtin', 'recipe', 'scripted'].includes(model.provider))
    return { intents: undefined, from: 'planner', agreement };
  if (prefer !== 'task' && read) return { intents: read, from: 'reader', agreement };
  // What the person's answers add is read as the errand runs; the task file is never looked at.
  if (prefer === 'answers')
    return {
      intents: { intents: [], budgetFen: null, understood: '', source: 'reader' },
      from: 'none',
      agreement,
    };
  if (task.intents) return { intents: { ...task.intents, source: 'task' }, from: 'task', agreement };
  return {
    intents: { intents: [], budgetFen: null, understood: '', source: 'task' },
    from: 'none',
    agreement,
  };
}

/**
 * Where an agent with no model takes its intents: the reader when sure, else the task file (`auto`);
 * only the task file (`task`); or only the reader, from the request and then the person's answers to
 * the agent's questions, never the task file (`answers`).
 */
export const INTENT_CHOICES = ['auto', 'task', 'answers'] as const;
/** One of INTENT_CHOICES. */
export type IntentChoice = (typeof INTENT_CHOICES)[number];

/** What agent plays a trial: a model for the task (built-in agents make one per task). */
export type AgentFactory = (task: Task) => ResolvedModel | LanguageModelV3;

/** Runs one trial: a fresh world, the agent through the runner and the guard, then the verdict from the diff. */
export async function runTrial(
  task: Task,
  agent: AgentFactory,
  journal: Journal,
  trial = 0,
  /** More run options, such as recipes offered to the model as tools. */
  extra: Partial<RunOptions> = {},
  prefer: IntentChoice = 'auto',
  user: UserFactory = userFor,
  /** GUI mode: puts the trial's world on screens and gives the connectors that operate them. */
  screens?: ScreenSetup,
): Promise<TrialResult> {
  const world = taskWorld(task);
  const before = world.snapshot();
  const startedAt = world.now;
  const started = performance.now();
  let gui: ScreenSession | undefined;
  try {
    const apps = offeredConnectors(inProcessConnectors(world), task.mandate);
    if (screens) gui = await screens(world, task.mandate.apps ?? undefined);
    const made = agent(task);
    const model = 'specificationVersion' in made ? useModel(made) : made;
    const persona = world.persona;
    const trusted = trustedContext(world, task.request);
    const source = intentsFor(task, world, model, prefer);
    const guard = new MandateGuard(task.mandate, trusted, () => world.now);
    const person = user(task);
    const options: RunOptions = {
      task: {
        request: task.request,
        profile: {
          name: persona.name,
          language: persona.language,
          personId: persona.person_id,
          home: persona.home_place_id,
          work: persona.work_place_id,
          dietary: persona.dietary,
          preferences: persona.preferences,
        },
        model: model.ref,
        mandate: task.mandate,
        limits: { maxSteps: 40 },
      },
      intents: source.intents,
      readAnswer: (said) => readAnswer(world, said),
      model,
      connectors: gui ? gui.connectors : apps,
      ...(gui ? { screenApps: apps } : {}),
      journal,
      guard,
      trusted,
      approver: person ? answeringApprover(person, unattended('deny')) : unattended('deny'),
      now: () => formatWorldTime(world.now),
      // A request that speaks of waiting gets `wait_for`, on the world's clock, as on the command line.
      ...(mayWait(task.request) ? { clock: () => world.now } : {}),
      retry: { retries: 3, baseMs: 500, timeoutMs: 120_000 },
      // A recipe reads whole results and has no context to save: nothing is cut for it.
      ...(model.provider === 'recipe'
        ? { observationBudget: Number.MAX_SAFE_INTEGER, contextBudget: Number.MAX_SAFE_INTEGER }
        : {}),
      ...extra,
    };
    const first = await runErrand(options);
    const errandId = first.errandId;
    // An errand that waits (for a delivery, a reply, a time) is taken up again once its wait is due.
    const { report } = await wakeWhenDue({
      report: first.report,
      errandId,
      world: () => world,
      journal: () => journal,
      // As `errand resume` does: a new process, a new guard, everything else read back from the journal.
      resume: async () =>
        (
          await runErrand({
            ...options,
            guard: new MandateGuard(task.mandate, trusted, () => world.now),
            errandId,
            resume: true,
          })
        ).report,
    });
    const asked = journal
      .events(errandId)
      .filter((e) => e.type === 'question.asked')
      .map((e) => (e.type === 'question.asked' ? e.by : ''));
    // A world whose clock moved while the errand waited also changed by itself: that is not the agent's.
    const moved = world.now - startedAt;
    let diff = world.diff(before);
    if (moved > 0) {
      const twin = taskWorld(task);
      try {
        diff = withoutBackground(diff, background(twin, moved));
      } finally {
        twin.close();
      }
    }
    const verdict = verify(task, diff, {
      outcome: report.claimed ?? report.outcome,
      questions: asked.length,
    });
    return {
      task: task.id,
      trial,
      errandId,
      verdict,
      report,
      wallMs: performance.now() - started,
      intentSource: source.from,
      intentAgreement: source.agreement,
      questions: asked.length,
      answered: asked.filter((by) => by === 'person').length,
    };
  } finally {
    await gui?.close();
    world.close();
  }
}

/** A trial's world on screens: the connectors that operate them, and how to stop. */
export interface ScreenSession {
  connectors: Connector[];
  close(): Promise<void>;
}

/** Puts a trial's world on screens (GUI mode). */
export type ScreenSetup = (world: World, apps?: readonly string[]) => Promise<ScreenSession>;
