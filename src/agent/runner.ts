import { randomBytes } from 'node:crypto';
import type { LanguageModelV3Content, LanguageModelV3Prompt } from '@ai-sdk/provider';
import type { ReasoningLevel } from '../models/reasoning.js';
import type { Connector } from '../connectors/types.js';
import { operatesScreens } from '../connectors/browser/connector.js';
import { withScreenshot } from '../models/vision.js';
import { ErrandError, toErrandError } from '../errors.js';
import { allowAll, unattended } from '../guard/defaults.js';
import type { TrustedContext } from '../guard/grounding.js';
import type { Approver, Guard } from '../guard/types.js';
import type { ResolvedModel } from '../models/registry.js';
import { formatZodError } from '../validation.js';
import { mandateSummary, systemPrompt } from './context.js';
import { addUsage, type ErrandOrigin, ZERO_USAGE } from './events.js';
import { faultPoint } from '../fault-injection.js';
import { Replay } from './runner/replay.js';
import type { Journal } from './journal.js';
import { judge } from './judge.js';
import { buildReport, type Report } from './report.js';
import type { IntentSet } from '../guard/intents.js';
import { act } from './runner/act.js';
import { understand } from './runner/confirm.js';
import { callModel, DEFAULT_RETRY, decide, type ModelReply, type RetryPolicy } from './runner/decide.js';
import { History } from './runner/history.js';
import { ObservationStore } from './runner/observe.js';
import { toolsToOpen } from './runner/open-at-start.js';
import { offerReadMore, record, type RunState, type StepEnd } from './runner/state.js';
import { type TaskInput, taskSchema } from './task.js';
import { type MacroTool, Toolset } from './toolset.js';
import type { BuiltinName } from './runner/builtins.js';
import type { AnswerReader } from './runner/widen.js';
import type { PersonWorld } from '../person/index.js';
import { loadTokenizer, tokenizerNameFor } from '../models/tokens.js';

export { DEFAULT_RETRY } from './runner/decide.js';
export { mayWait, type WaitReader, waitIsDue } from './runner/wait.js';
export type { AnswerReader, PersonAnswer } from './runner/widen.js';

/** Everything needed to run one errand. */
export interface RunOptions {
  task: TaskInput;
  model: ResolvedModel;
  connectors: readonly Connector[];
  journal: Journal;
  guard?: Guard;
  approver?: Approver;
  /** Abort to cancel: no action starts after it. */
  signal?: AbortSignal;
  /** The time as the apps see it, for the context. */
  now?: () => string;
  /** How the mandate reads to the model (the guard enforces it either way). */
  mandateText?: string;
  errandId?: string;
  retry?: Partial<RetryPolicy>;
  /** Tokens of one app result shown before it is cut (default 1,500). */
  observationBudget?: number;
  /** Tokens of history kept before older results are compacted (default 16,000). */
  contextBudget?: number;
  actionTimeoutMs?: number;
  /** What the guard trusts, recorded in the journal for the audit and for learning recipes. */
  trusted?: TrustedContext;
  /** Tools that run several calls for one (recipes offered to the model). */
  macros?: Omit<MacroTool, 'validate'>[];
  /**
   * What the person asked for, when already known (the offline reader, a task file); otherwise a guard
   * that checks intents has them derived by one model call that sees only the request and the person.
   */
  intents?: IntentSet;
  /** Ask the person to confirm the intents before anything runs. */
  confirm?: boolean;
  /**
   * Reads the person's answer to a question (ask_user) with the request, the way the request was read:
   * what it says widens the guard's intents. Without it answers inform the model only.
   */
  readAnswer?: AnswerReader;
  /** Keep what the model thought in the journal (`model.keepReasoning`); by default only its token count. */
  keepReasoning?: boolean;
  /**
   * GUI mode: the apps behind the screens (not offered to the model). A write a page sends to one of
   * them is guarded, run and journaled as that app's tool call.
   */
  screenApps?: readonly Connector[];
  /**
   * Take up the interrupted errand `errandId` from its journal instead of starting a new one: what the
   * journal holds is replayed, not redone (see runner/replay.ts).
   */
  resume?: boolean;
  /** How to reach the same apps again, kept in the journal for `errand resume`. */
  origin?: ErrandOrigin;
  /**
   * The world's clock (epoch ms). Given, the errand gets `wait_for`: it can wait for an order, a
   * reply, an answer or a time, holding no process while it waits.
   */
  clock?: () => number;
}

/** How an errand ended, with its report. */
export interface RunResult {
  errandId: string;
  report: Report;
}

const MAX_INVALID_STREAK = 2;

/** A new errand id: sortable by time, unique. */
export function newErrandId(): string {
  return `e${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
}

/**
 * Runs one errand: perceive, decide, guard, act, journal — until the model finishes with evidence,
 * a limit is hit, or the errand is cancelled.
 */
export async function runErrand(options: RunOptions): Promise<RunResult> {
  const state = await start(options);
  let end: StepEnd = { type: 'continue' };
  try {
    end = await understand(state, {
      intents: options.intents,
      person: options.trusted?.person,
      confirm: options.confirm ?? false,
    });
    if (end.type === 'continue') openAtStart(state, options.intents);
    while (end.type === 'continue') end = await step(state);
  } catch (err) {
    const error = toErrandError(err);
    end =
      error.code === 'CANCELLED'
        ? { type: 'cancel', reason: 'Cancelled by the person.' }
        : { type: 'fail', error: error.toJSON() };
  }
  return finish(state, end);
}

async function start(options: RunOptions): Promise<RunState> {
  const parsed = taskSchema.safeParse(options.task);
  if (!parsed.success)
    throw new ErrandError('INVALID_INPUT', `The errand is malformed: ${formatZodError(parsed.error)}`);
  const task = parsed.data;
  const person = options.trusted?.person;
  const tools = await Toolset.build(
    options.connectors,
    builtinsFor(options.connectors, person, !!options.clock),
    options.macros,
    HELD_BACK,
  );
  const errandId = options.errandId ?? newErrandId();
  const backstage = options.screenApps ? await Toolset.build(options.screenApps, []) : undefined;
  const screensSeen = options.model.vision ? options.connectors.find(operatesScreens) : undefined;
  const tok = await loadTokenizer(tokenizerNameFor(options.model.modelId, options.model.provider));
  let replay: Replay | undefined;
  let marker = randomBytes(6).toString('hex');
  if (options.resume) {
    const events = options.journal.resume(errandId);
    replay = new Replay(events);
    const started = replay.find('task.started');
    if (started?.marker) marker = started.marker;
  } else options.journal.create(errandId, task.request, options.model.ref);
  const state: RunState = {
    errandId,
    task,
    tools,
    ...(backstage ? { backstage } : {}),
    ...(screensSeen ? { screens: screensSeen } : {}),
    model: options.model,
    guard: options.guard ?? allowAll,
    approver: options.approver ?? unattended('deny'),
    journal: options.journal,
    signal: options.signal ?? new AbortController().signal,
    retry: { ...DEFAULT_RETRY, ...options.retry },
    marker,
    observationBudget: options.observationBudget ?? 1500,
    contextBudget: options.contextBudget ?? 16_000,
    tokenizer: tok,
    actionTimeoutMs: options.actionTimeoutMs ?? 30_000,
    now: options.now ?? (() => new Date().toString()),
    person,
    mandateText: options.mandateText ?? options.guard?.describe?.() ?? mandateSummary(task.mandate),
    startedAt: Date.now(),
    step: 0,
    usage: ZERO_USAGE,
    plan: [],
    history: new History(task.request, task.images, tok),
    store: new ObservationStore(),
    attempts: new Map(),
    loopStrikes: 0,
    invalidStreak: 0,
    keepReasoning: options.keepReasoning ?? false,
    events: [],
    replay,
    clock: options.clock,
    ...(options.readAnswer ? { readAnswer: options.readAnswer } : {}),
  };
  record(
    state,
    {
      type: 'task.started',
      task,
      tools: tools.appTools().map((t) => ({ name: t.name, app: t.app, effect: t.effect })),
      // The person's words and world, for the audit and for learning; the catalogue of what can be bought
      // (tens of KB, the same every errand) is the guard's alone and is not journaled.
      ...(options.trusted
        ? { trusted: { request: options.trusted.request, person: options.trusted.person } }
        : {}),
      marker: state.marker,
      ...(options.origin ? { origin: options.origin } : {}),
    },
    true,
  );
  return state;
}

/**
 * The built-ins an errand offers: people lookup only when errand knows the person's contacts and some
 * app can pay, message or invite someone.
 */
function builtinsFor(
  connectors: readonly Connector[],
  person: PersonWorld | undefined,
  waits: boolean,
): BuiltinName[] {
  const base: BuiltinName[] = ['update_plan', 'ask_user', 'finish', 'open_apps'];
  if (waits) base.push('wait_for');
  const people = !!person && (person.contacts.length > 0 || person.groups.length > 0);
  return people && connectors.some((c) => PEOPLE_APPS.has(c.name)) ? [...base, 'find_people'] : base;
}

/**
 * Built-ins that can always be called but cost no tokens until they have a use: read_more is sent once
 * a result was cut or compacted; search_tools never (open_apps takes words as well as app names), kept
 * for a model or a journal that calls it.
 */
const HELD_BACK: BuiltinName[] = ['read_more', 'search_tools'];

/** Apps whose tools pay, message or invite people (an untrusted server's tools are writes of any kind). */
const PEOPLE_APPS = new Set(['pay', 'chat', 'calendar']);

/** Opens the tools the request plainly needs, before the first turn. */
function openAtStart(state: RunState, given: IntentSet | undefined): void {
  const derived = state.events.findLast((e) => e.type === 'intents.derived');
  const intents = derived?.type === 'intents.derived' ? derived.intents : given;
  const fresh = state.tools.open(toolsToOpen(state.tools.apps(), state.task.request, intents));
  if (fresh.length) record(state, { type: 'tools.opened', step: 0, tools: fresh, by: 'start' });
}

const EPHEMERAL = { anthropic: { cacheControl: { type: 'ephemeral' } } } as const;

/**
 * Anthropic caches only up to breakpoints the request marks: one after the system message (the tools
 * and the system text, the same all errand long) and one on the newest message (the conversation so far,
 * which the next turn extends). Other providers cache prefixes on their own.
 */
function withCacheBreakpoints(provider: string, prompt: LanguageModelV3Prompt): LanguageModelV3Prompt {
  if (provider !== 'anthropic' || prompt.length === 0) return prompt;
  const last = prompt.length - 1;
  return prompt.map((m, i) =>
    i === 0 || i === last ? ({ ...m, providerOptions: EPHEMERAL } as typeof m) : m,
  );
}

function limitReached(state: RunState): StepEnd | null {
  const { maxSteps, maxTokens, maxWallMs } = state.task.limits;
  const fail = (message: string): StepEnd => ({ type: 'fail', error: { code: 'LIMIT_REACHED', message } });
  if (state.step >= maxSteps)
    return fail(`The errand reached its limit of ${maxSteps} steps without finishing.`);
  const tokens = state.usage.inputTokens + state.usage.outputTokens;
  if (tokens >= maxTokens) return fail(`The errand used ${tokens} tokens, past its limit of ${maxTokens}.`);
  if (Date.now() - state.startedAt >= maxWallMs)
    return fail(`The errand ran past its time limit of ${Math.round(maxWallMs / 1000)} s.`);
  return null;
}

async function step(state: RunState): Promise<StepEnd> {
  if (state.signal.aborted) return { type: 'cancel', reason: 'Cancelled by the person.' };
  if (!state.replay || state.replay.done) faultPoint('step.start');
  const limit = limitReached(state);
  if (limit) return limit;
  state.step++;
  const compacted = state.history.compact(state.contextBudget, state.store);
  if (compacted) {
    offerReadMore(state);
    record(state, {
      type: 'context.compacted',
      step: state.step,
      observations: compacted.observations,
      tokensBefore: compacted.before,
      tokensAfter: compacted.after,
    });
  }
  // Built once, after the intents: byte-identical on every turn so a provider can cache the prefix.
  state.system ??= systemPrompt({
    task: state.task,
    now: state.now(),
    apps: state.tools.apps(),
    given: state.tools.opened(),
    marker: state.marker,
    mandateText: state.mandateText,
    unattended: state.approver.unattended === true,
    recipes: [...state.tools.tools.values()].some((t) => t.kind === 'macro'),
  });
  const prompt = withCacheBreakpoints(state.model.provider, [
    { role: 'system' as const, content: state.system },
    ...state.history.messages,
  ]);
  const replayed = replayedTurn(state, state.step);
  // A model that sees gets the screen as it is now too, beside the text view (GUI mode).
  const shot = !replayed && state.screens ? await state.screens.screenshot() : undefined;
  const reply =
    replayed ??
    (await callModel(state.model, shot ? withScreenshot(prompt, shot) : prompt, state.tools, {
      signal: state.signal,
      retry: state.retry,
      onAttempt: (attempt) => {
        record(state, {
          type: 'model.requested',
          step: state.step,
          attempt,
          messages: prompt.length,
          tools: state.tools.forModel().length,
          ...thinking(state),
        });
        faultPoint('model.thinking');
      },
      onFailure: (attempt, error, retryInMs) =>
        record(state, { type: 'model.failed', step: state.step, attempt, error, retryInMs }),
    }));
  faultPoint('model.answered');
  if (state.replay && !replayed) renameReusedCallIds(state, reply.content);
  state.usage = addUsage(state.usage, reply.usage);
  const decided = decide(reply.content, state.tools);
  // A turn paid for is on disk before anything acts on it: a resumed errand reads it back.
  record(
    state,
    {
      type: 'model.responded',
      step: state.step,
      attempt: reply.attempt,
      text: decided.text,
      ...(state.keepReasoning && reply.reasoning ? { reasoning: reply.reasoning } : {}),
      calls: decided.type === 'text_only' ? [] : decided.proposed,
      usage: reply.usage,
      latencyMs: reply.latencyMs,
      model: state.model.ref,
    },
    true,
  );
  switch (decided.type) {
    case 'text_only':
      return repair(
        state,
        reply.content,
        decided.text,
        [],
        new Map(),
        'The reply had no tool call.',
        'Reply by calling a tool. When the errand is complete or cannot be done, call finish.',
      );
    case 'invalid': {
      // An app tool called wrongly before its schema was sent is opened, so the next turn shows it.
      const wrong = state.tools.open(
        decided.proposed.filter((c) => decided.problems.has(c.callId)).map((c) => c.tool),
      );
      if (wrong.length) record(state, { type: 'tools.opened', step: state.step, tools: wrong, by: 'call' });
      return repair(
        state,
        reply.content,
        decided.text,
        decided.proposed,
        decided.problems,
        decided.problem,
        'Some tool calls were invalid and nothing was run. Fix them and call again.',
      );
    }
    case 'calls': {
      // A valid call to an app tool whose schema was not sent runs like any other, and opens nothing:
      // the model evidently knows it, and sending its schema now would break the cached prefix.
      state.invalidStreak = 0;
      state.history.addAssistant(decided.text, decided.proposed, reply.content, sendsBack(state));
      const { results, failures, end } = await act(state, decided.calls);
      state.history.addToolResults(results);
      if (failures.length > 0 && end.type === 'continue') {
        const reflection = `Step ${state.step} did not go as planned: ${failures.join('; ')}. Before the next step, think about why, and choose a different approach; do not repeat a call that failed. If the errand cannot be done within the mandate, call finish with outcome "blocked" and say why.`;
        state.history.addUser(reflection);
        record(state, { type: 'reflection', step: state.step, text: reflection });
      }
      return end;
    }
  }
}

/** The reasoning level a model call is made at, for the journal and the live view. */
function thinking(state: RunState): { reasoning?: ReasoningLevel } {
  const level = state.model.reasoning?.level;
  return level && level !== 'off' ? { reasoning: level } : {};
}

/** Whether the model's reasoning goes back to it with its tool calls (the provider's rule). */
function sendsBack(state: RunState): boolean {
  return state.model.reasoning?.sendBack ?? false;
}

/** The model's answer for a step from the journal of a resumed errand, when it was already paid for. */
function replayedTurn(state: RunState, step: number): (ModelReply & { attempt: number }) | null {
  const turn = state.replay?.modelTurn(step);
  if (!turn) return null;
  state.events.push(...turn.before);
  const e = turn.responded;
  return {
    content: Replay.content(e),
    usage: e.usage,
    latencyMs: e.latencyMs,
    attempt: e.attempt,
    reasoning: e.reasoning ?? '',
  };
}

/**
 * A model asked again after a resume may name its calls as it named earlier ones (a scripted model
 * counts its own calls): a call id is made unique, so results and the journal never mix two calls.
 */
function renameReusedCallIds(state: RunState, content: LanguageModelV3Content[]): void {
  const used = new Set<string>();
  for (const e of state.events) if (e.type === 'model.responded') for (const c of e.calls) used.add(c.callId);
  for (const part of content) {
    if (part.type !== 'tool-call' || !used.has(part.toolCallId)) continue;
    let id = `${part.toolCallId}-r${state.step}`;
    for (let n = 2; used.has(id); n++) id = `${part.toolCallId}-r${state.step}.${n}`;
    part.toolCallId = id;
    used.add(id);
  }
}

function repair(
  state: RunState,
  reply: LanguageModelV3Content[],
  text: string,
  proposed: import('./events.js').ProposedCall[],
  problems: Map<string, string>,
  problem: string,
  instruction: string,
): StepEnd {
  state.invalidStreak++;
  record(state, { type: 'model.output_invalid', step: state.step, problem, repair: instruction });
  if (state.invalidStreak > MAX_INVALID_STREAK) {
    return {
      type: 'fail',
      error: {
        code: 'MODEL_OUTPUT_INVALID',
        message: `The model gave unusable output ${state.invalidStreak} times in a row (last: ${problem}).`,
      },
    };
  }
  state.history.addAssistant(text, proposed, reply, sendsBack(state));
  state.history.addToolResults(
    proposed.map((c) => ({
      callId: c.callId,
      toolName: c.tool,
      output: {
        type: 'error-text',
        value: problems.get(c.callId) ?? 'Not run, because another call in the same reply was invalid.',
      },
    })),
  );
  state.history.addUser(instruction);
  return { type: 'continue' };
}

function finish(state: RunState, end: StepEnd): RunResult {
  const totals = { usage: state.usage, steps: state.step };
  switch (end.type) {
    case 'finish': {
      // Judged on the events as the runner journalled them, not read back from the journal.
      const judged = judge(end.outcome, end.evidence, state.events, state.guard.progress?.());
      record(state, {
        type: 'task.finished',
        outcome: judged.outcome,
        ...(judged.outcome !== end.outcome ? { claimed: end.outcome } : {}),
        ...(judged.missing.length ? { missing: judged.missing } : {}),
        ...(judged.unsupported.length ? { unsupported: judged.unsupported } : {}),
        summary: end.summary,
        evidence: end.evidence,
        ...totals,
      });
      break;
    }
    case 'fail':
      record(state, { type: 'task.failed', error: end.error, ...totals });
      break;
    case 'cancel':
      record(state, { type: 'task.cancelled', reason: end.reason, ...totals });
      break;
    case 'wait':
      record(state, { type: 'task.waiting', until: end.until, deadlineAt: end.deadlineAt, ...totals });
      break;
    case 'continue':
      throw new Error('finish() called on a running errand');
  }
  return {
    errandId: state.errandId,
    // The same events the journal holds, as they were appended: reading them back would parse the
    // whole errand again.
    report: buildReport(state.events, state.errandId),
  };
}
