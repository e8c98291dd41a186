/**
 * Errands started on someone's behalf and run in the background — by another agent through `errand
 * mcp`, by a person through `errand serve`'s API and console, or by a program through the library.
 * Each errand is prepared, guarded and journaled as `errand run` does it, on its persona's world; its
 * questions wait on one board and are answered at most once.
 */
import type { JournalEvent } from '../agent/events.js';
import type { Journal } from '../agent/journal.js';
import { buildReport, type Report } from '../agent/report.js';
import { newErrandId, runErrand } from '../agent/runner.js';
import type { RetryPolicy } from '../agent/runner/decide.js';
import { type ErrorBody, ErrandError, toErrandError } from '../errors.js';
import { type Mandate, type MandateInput, mandateSchema, narrowMandate, unattended } from '../guard/index.js';
import { type ResolvedModel, resolveModel } from '../models/registry.js';
import type { ReasoningLevel } from '../models/reasoning.js';
import { clean } from '../person/index.js';
import type { Recipe } from '../recipes/format.js';
import { type Tracing, traceErrand } from '../telemetry/index.js';
import { formatZodError } from '../validation.js';
import { type PreparedRun, prepareErrand } from './prepare.js';
import { checkScreenChoice, type ScreenChoice, ScreenBrowser } from './screens.js';
import { QuestionBoard, type QuestionView, type Reply, type ReplyWording } from './questions.js';
import type { ErrandQueue, RemoteQuestion } from './queue.js';
import type { WorldPool } from './worlds.js';
import { ZodError } from 'zod';

/** Finds the model for a `provider:model` reference, or the default when none is given (none: recipes). */
export type ModelResolver = (ref: string | undefined) => ResolvedModel | undefined;

/**
 * The model resolver of the CLI's commands: the reference given, else `defaultRef`, from the registry.
 * `reasoning` is the default model's level: a model an errand names thinks its own way.
 */
export function modelsWithDefault(
  defaultRef: string | undefined,
  env?: NodeJS.ProcessEnv,
  reasoning?: ReasoningLevel,
): ModelResolver {
  return (ref) => {
    const chosen = ref ?? defaultRef;
    if (!chosen) return undefined;
    return resolveModel(chosen, env, { reasoning: chosen === defaultRef ? reasoning : undefined });
  };
}

/** How a desk runs the errands handed to it. */
export interface DeskOptions {
  journal: Journal;
  /** The worlds errands act on, one per persona; the caller closes them after the desk. */
  worlds: WorldPool;
  /** The person's standing mandate: an errand's own may narrow it, never widen it. Without one, an errand's mandate is taken as given. */
  mandate?: Mandate;
  /** How models are found (default: the provider registry; none named runs errand's recipes). */
  models?: ModelResolver;
  /** Learned recipes, read when an errand starts. */
  learned?: () => Recipe[];
  /** Most errands running at once (default 8). */
  maxRunning?: number;
  /** Who answers questions, as the journal records it (default `person`; e.g. `mcp:stdio`). */
  answeredBy?: string;
  /** How a caller is told to answer, in its own input's names. */
  replyWording?: ReplyWording;
  tracing?: Tracing;
  retry?: Partial<RetryPolicy>;
  /**
   * Hand errands to workers instead of running them here (`errand serve --db postgres://…`): each is
   * checked here as before, then queued; its progress is read from the shared journal.
   */
  queue?: Pick<ErrandQueue, 'send' | 'cancel' | 'pendingQuestions' | 'answer'>;
}

/** An errand as it is handed over. */
export interface StartInput {
  request: string;
  /** Whom errand acts for (default: the worlds' persona). */
  persona?: string;
  /** Limits for this errand, within the standing mandate when the desk has one. */
  mandate?: MandateInput;
  /** The model, provider:model; default the desk's. */
  model?: string;
  maxSteps?: number;
  /** Ask to confirm what errand understood before anything runs. */
  confirm?: boolean;
  /** When an action needs approval: ask (default; the question waits on the board), auto (only within the mandate) or deny. */
  approve?: 'ask' | 'auto' | 'deny';
  /** On the apps' tools (api, default) or their screens (gui), and on screens which site. */
  screens?: ScreenChoice;
}

/** An errand just started. */
export interface Started {
  errandId: string;
  /** How errand goes about it, in a sentence: "Running errand's recipes with no model (…)". */
  note: string;
  /** Settles once its journal record has begun (or it failed before that). */
  begun: Promise<void>;
}

/** How an errand stands, as a caller reads it. */
export interface ErrandStatus {
  errandId: string;
  request: string;
  /** `waiting` while a question waits for an answer. */
  status: 'running' | 'waiting' | Exclude<Report['status'], 'running'>;
  outcome: Report['outcome'];
  /** What errand understood the person to ask, one line each, once it has read the request. */
  understood: string[];
  /** Questions waiting for an answer, then those answered or withdrawn. */
  questions: QuestionView[];
  /** The newest event's number: read events after it with `events`. */
  lastSeq: number;
  /** The report, once the errand has ended. */
  report?: Report;
  /** Why it failed, when it failed before its journal record began. */
  error?: ErrorBody;
}

/** An errand this desk started, as a list of errands shows one before its journal record exists. */
export interface DeskErrand {
  id: string;
  request: string;
  createdAt: number;
  running: boolean;
  /** Why it failed, when it failed before its first event was written. */
  failure?: ErrorBody;
}

interface Entry extends DeskErrand {
  controller: AbortController;
  done: Promise<void>;
  /** Run by a worker, not in this process. */
  queued?: boolean;
}

/** How often a desk that queues errands reads the journal for their progress. */
const FOLLOW_MS = 500;

/** Settles once `check` holds (read every FOLLOW_MS), or when `signal` aborts. */
function until(check: () => boolean, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const look = () => {
      let done = signal.aborted;
      try {
        done ||= check();
      } catch {
        // The journal could not be read this time; look again.
      }
      if (done) resolve();
      else setTimeout(look, FOLLOW_MS).unref();
    };
    look();
  });
}

const ENDED: readonly string[] = ['finished', 'failed', 'cancelled', 'interrupted'];

/** The statuses of a queued errand still under way (a worker runs it, will take it up, or wakes it). */
const UNDER_WAY: readonly string[] = ['running', 'waiting', 'interrupted'];

/** How many of the newest errands a server starting on a queue looks through for those under way. */
const MAX_ADOPTED = 1000;

/** How many ended errands a desk remembers besides those running. */
const REMEMBERED = 10_000;

/** The errands one service has started, their questions, and the journal they are written to. */
export class ErrandDesk {
  readonly questions: QuestionBoard;
  readonly journal: Journal;
  readonly #options: DeskOptions;
  readonly #errands = new Map<string, Entry>();
  readonly #failures = new Set<(id: string, failure: ErrorBody) => void>();
  readonly #browser = new ScreenBrowser();

  constructor(options: DeskOptions) {
    this.#options = options;
    this.journal = options.journal;
    this.questions = new QuestionBoard({ wording: options.replyWording });
    // Errands on the queue outlive any one server: those under way are followed here too, so their
    // questions can be answered and they can be cancelled after a restart.
    if (options.queue)
      for (const row of this.journal.list(MAX_ADOPTED))
        if (UNDER_WAY.includes(row.status)) this.#follow(row.id, row.request, row.createdAt);
  }

  /**
   * Starts an errand in the background. Refused here, before anything runs: too many running, an
   * invalid or wider mandate, an unknown persona or model, a request the recipes are not sure of.
   */
  async start(input: StartInput): Promise<Started> {
    const max = this.#options.maxRunning ?? 8;
    if (this.runningCount >= max)
      throw new ErrandError(
        'LIMIT_EXCEEDED',
        `${max} errands are already running here, the most at once; wait for one to end.`,
      );
    const mandate = this.#mandate(input.mandate);
    const model = (this.#options.models ?? modelsWithDefault(undefined))(input.model);
    if (input.screens) checkScreenChoice(input.screens, model);
    const sandbox = await this.#options.worlds.get(input.persona);
    const prepared = ready(input, mandate, model, sandbox, this.#options.learned?.() ?? []);
    const gui =
      input.screens?.mode === 'gui'
        ? await this.#browser.put(prepared.run, sandbox, input.screens, mandate.apps ?? undefined)
        : undefined;
    const { run, note } = gui ? { run: gui.run, note: `${prepared.note} On screens.` } : prepared;
    const errandId = newErrandId();
    if (this.#options.queue) return this.#enqueue(errandId, input, run, sandbox, model);
    const controller = new AbortController();
    const approve = input.approve ?? 'ask';
    const approver = approve === 'ask' ? this.questions.approver(errandId) : unattended(approve);
    let stopListening = () => {};
    const begun = new Promise<void>((resolve) => {
      stopListening = this.journal.subscribe(errandId, () => resolve());
    });
    traceErrand(this.#options.tracing, this.journal, errandId);
    const entry: Entry = {
      id: errandId,
      request: run.task.request,
      createdAt: Date.now(),
      running: true,
      controller,
      done: Promise.resolve(),
    };
    entry.done = runErrand({
      ...run,
      errandId,
      journal: this.journal,
      approver,
      signal: controller.signal,
      ...(this.#options.retry ? { retry: this.#options.retry } : {}),
    })
      .then(() => undefined)
      .catch((err: unknown) => {
        // The runner journals its own failures: what lands here failed before its first event.
        entry.failure = toErrandError(err).toJSON();
        for (const listener of this.#failures) listener(errandId, entry.failure);
      })
      .finally(async () => {
        await gui?.close();
        entry.running = false;
      });
    this.#remember(entry);
    // Settled by its first event, or by its end when it failed before writing one: either way, stop listening.
    const settled = Promise.race([begun, entry.done]).finally(() => stopListening());
    return { errandId, note, begun: settled };
  }

  /** Queues a checked errand for the workers and follows it in the journal until it ends. */
  async #enqueue(
    errandId: string,
    input: StartInput,
    run: PreparedRun,
    sandbox: Awaited<ReturnType<WorldPool['get']>>,
    model: ResolvedModel | undefined,
  ): Promise<Started> {
    const world = sandbox.world;
    if (!world.file)
      throw new ErrandError(
        'CONFIG_INVALID',
        'Errands handed to workers need a world the workers can open: serve with its home world or --data <dir>, not --fresh-world.',
      );
    await this.#options.queue!.send({
      errandId,
      start: {
        request: run.task.request,
        ...(model ? { model: model.ref } : {}),
        world: { kind: 'file', file: world.file, seed: world.seed, persona: world.persona.id },
        approve: input.approve ?? 'ask',
        ...(input.maxSteps ? { maxSteps: input.maxSteps } : {}),
        mandate: run.task.mandate as Record<string, unknown>,
      },
    });
    const entry = this.#follow(errandId, run.task.request, Date.now());
    const stored = () => this.journal.list(1, { id: errandId })[0];
    const begun = until(() => stored() !== undefined, entry.controller.signal);
    const approve = input.approve ?? 'ask';
    return {
      errandId,
      note: `Queued for errand's workers (${model ? `with ${model.ref}` : "errand's recipes"}; actions that need approval are ${approve === 'auto' ? 'allowed within the mandate' : approve === 'deny' ? 'refused' : 'asked here'}).`,
      begun,
    };
  }

  /** Queued errands this desk follows, each with the questions it relays here. */
  readonly #followed = new Map<string, { relayed: Map<string, AbortController>; end: () => void }>();
  #follower: NodeJS.Timeout | undefined;
  #looking = false;

  /**
   * Follows a queued errand in the shared journal until it ends, relaying its questions here: one this
   * desk queued, or one still under way when this server started (queued by it before a restart, or by
   * another server on the same database). One look every FOLLOW_MS serves every errand followed.
   */
  #follow(errandId: string, request: string, createdAt: number): Entry {
    const entry: Entry = {
      id: errandId,
      request,
      createdAt,
      running: true,
      controller: new AbortController(),
      done: Promise.resolve(),
      queued: true,
    };
    const relayed = new Map<string, AbortController>();
    entry.done = new Promise<void>((resolve) => {
      this.#followed.set(errandId, { relayed, end: resolve });
      entry.controller.signal.addEventListener('abort', () => resolve(), { once: true });
    }).finally(() => {
      entry.running = false;
      for (const held of relayed.values()) held.abort();
      this.#followed.delete(errandId);
    });
    this.#remember(entry);
    this.#follower ??= setInterval(() => void this.#look(), FOLLOW_MS);
    this.#follower.unref();
    return entry;
  }

  /** One look at every followed errand: those that ended are let go; the others' questions are relayed. */
  async #look(): Promise<void> {
    if (this.#looking) return;
    if (this.#followed.size === 0) {
      clearInterval(this.#follower);
      this.#follower = undefined;
      return;
    }
    this.#looking = true;
    try {
      const statuses = this.journal.statuses([...this.#followed.keys()]);
      // Interrupted and waiting are not ends here: a worker takes the errand up again.
      for (const [id, followed] of this.#followed)
        if (['finished', 'failed', 'cancelled'].includes(statuses.get(id) ?? '')) followed.end();
      const queue = this.#options.queue!;
      const pending = await queue.pendingQuestions([...this.#followed.keys()]);
      for (const [errandId, { relayed }] of this.#followed) this.#relay(errandId, relayed, pending);
    } catch {
      // The database could not be read this time; look again.
    } finally {
      this.#looking = false;
    }
  }

  /**
   * Shows here the questions a worker's errand asks its person, and sends the answer back across the
   * queue; a question the worker no longer asks (it was withdrawn, or its worker died and the errand
   * asked again) is withdrawn here too.
   */
  #relay(errandId: string, relayed: Map<string, AbortController>, pending: RemoteQuestion[]): void {
    const queue = this.#options.queue!;
    const mine = pending.filter((q) => q.errandId === errandId);
    for (const [id, held] of relayed)
      if (!mine.some((q) => q.id === id)) {
        held.abort();
        relayed.delete(id);
      }
    for (const asked of mine) {
      if (relayed.has(asked.id)) continue;
      const held = new AbortController();
      relayed.set(asked.id, held);
      this.questions.relay(asked, held.signal).then(
        async (answer) => {
          if (!(await queue.answer(asked.id, answer)))
            process.stderr.write(`errand serve: question ${asked.id} was no longer waiting for an answer.\n`);
        },
        () => {
          // Withdrawn: the errand ended or asked no more.
        },
      );
    }
  }

  #mandate(asked: MandateInput | undefined): Mandate {
    try {
      const standing = this.#options.mandate;
      return standing ? narrowMandate(standing, asked ?? {}) : mandateSchema.parse(asked ?? {});
    } catch (err) {
      if (err instanceof ZodError)
        throw new ErrandError('INVALID_INPUT', `The mandate is invalid: ${formatZodError(err)}`);
      throw err;
    }
  }

  #remember(entry: Entry): void {
    this.#errands.set(entry.id, entry);
    if (this.#errands.size <= REMEMBERED) return;
    for (const [id, e] of this.#errands)
      if (!e.running) {
        this.#errands.delete(id);
        return;
      }
  }

  #entry(errandId: string): Entry {
    const entry = this.#errands.get(errandId);
    if (!entry) throw new ErrandError('NOT_FOUND', `No errand "${errandId.slice(0, 64)}" was started here.`);
    return entry;
  }

  /** True when this desk started the errand (and still remembers it). */
  knows(errandId: string): boolean {
    return this.#errands.has(errandId);
  }

  /** The errands this desk started, oldest first. */
  errands(): DeskErrand[] {
    return [...this.#errands.values()].map(shown);
  }

  /** An errand this desk started, if it remembers it. */
  errand(errandId: string): DeskErrand | undefined {
    const entry = this.#errands.get(errandId);
    return entry && shown(entry);
  }

  /** True while the errand runs here (its events may still come). */
  isRunning(errandId: string): boolean {
    return this.#errands.get(errandId)?.running === true;
  }

  /** Why an errand failed before its first event, if it did. */
  failureOf(errandId: string): ErrorBody | undefined {
    return this.#errands.get(errandId)?.failure;
  }

  /** Calls `listener` when an errand fails before its first event (its journal will say nothing). */
  onFailure(listener: (id: string, failure: ErrorBody) => void): () => void {
    this.#failures.add(listener);
    return () => this.#failures.delete(listener);
  }

  /** How many errands run now. */
  get runningCount(): number {
    return [...this.#errands.values()].filter((e) => e.running).length;
  }

  /** How an errand stands now. */
  status(errandId: string): ErrandStatus {
    const entry = this.#entry(errandId);
    const questions = this.questions.views(errandId);
    const pending = questions.some((q) => q.state === 'pending');
    const events = this.journal.events(errandId);
    if (entry.failure && events.length === 0 && !entry.running)
      return {
        errandId,
        request: entry.request,
        status: 'failed',
        outcome: null,
        understood: [],
        questions,
        lastSeq: 0,
        error: entry.failure,
      };
    const report = buildReport(events, errandId);
    const understood = events.find((e) => e.type === 'intents.derived');
    const ended = ENDED.includes(report.status) && !entry.running;
    return {
      errandId,
      request: entry.request,
      status: ended ? (report.status as ErrandStatus['status']) : pending ? 'waiting' : 'running',
      outcome: ended ? report.outcome : null,
      understood: understood?.type === 'intents.derived' ? understood.lines : [],
      questions,
      lastSeq: events.at(-1)?.seq ?? 0,
      ...(ended ? { report } : {}),
    };
  }

  /**
   * Waits until the errand asks something, ends, or `ms` pass, then says how it stands — so a caller
   * need not poll.
   */
  async wait(errandId: string, ms: number): Promise<ErrandStatus> {
    const entry = this.#entry(errandId);
    const now = this.status(errandId);
    if (now.status !== 'running' || ms <= 0) return now;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(finish, ms);
      const offQuestions = this.questions.subscribe((n) => {
        if (n.type === 'asked' && n.pending.errandId === errandId) finish();
      });
      void entry.done.then(finish);
      function finish() {
        clearTimeout(timer);
        offQuestions();
        resolve();
      }
    });
    return this.status(errandId);
  }

  /** Settles once the errand has ended. */
  ended(errandId: string): Promise<void> {
    return this.#entry(errandId).done;
  }

  /** The errand's events after `afterSeq`, oldest first, at most `limit`. */
  events(errandId: string, afterSeq = 0, limit = 100): JournalEvent[] {
    this.#entry(errandId);
    return this.journal
      .events(errandId)
      .filter((e) => e.seq > afterSeq)
      .slice(0, limit);
  }

  /** Answers one of the errand's questions, once. */
  answer(errandId: string, questionId: string, reply: Reply): QuestionView {
    this.#entry(errandId);
    return this.questions.answer(errandId, questionId, reply, this.#options.answeredBy ?? 'person');
  }

  /**
   * Cancels an errand: no action starts after this, its waiting question is withdrawn, and the
   * journal says so. False when it was not running.
   */
  async cancel(errandId: string): Promise<boolean> {
    const entry = this.#entry(errandId);
    if (!entry.running) return false;
    // A queued errand is cancelled by the worker that runs it, or will, or wakes it from a wait.
    if (entry.queued) await this.#options.queue!.cancel(errandId);
    else entry.controller.abort();
    return true;
  }

  /** Cancels every errand still running and waits for them to end. */
  async close(): Promise<void> {
    const entries = [...this.#errands.values()];
    // Queued errands go on on their workers: this desk only stops following them.
    for (const entry of entries) if (entry.running) entry.controller.abort();
    await Promise.all(entries.map((e) => e.done));
    await this.#browser.close();
  }
}

function shown({ id, request, createdAt, running, failure }: Entry): DeskErrand {
  return { id, request, createdAt, running, ...(failure ? { failure } : {}) };
}

/**
 * Readies an errand exactly as `errand run` does (one `prepareErrand` for all); with no model and a
 * reader that is not sure, the refusal says what it understood and what is missing.
 */
function ready(
  input: StartInput,
  mandate: Mandate,
  model: ResolvedModel | undefined,
  sandbox: Awaited<ReturnType<WorldPool['get']>>,
  learned: Recipe[],
): { run: PreparedRun; note: string } {
  const prepared = prepareErrand(
    {
      request: clean(input.request).trim(),
      mandate,
      model,
      maxSteps: input.maxSteps,
      confirm: input.confirm,
      learned,
    },
    sandbox,
    sandbox.connectors,
  );
  if (prepared.kind === 'unsure')
    throw new ErrandError(
      'INVALID_INPUT',
      `No model is configured, so errand tried its built-in recipes, and it is not sure what you want. Understood: ${prepared.understood}. Missing: ${prepared.missing.join('; ')}. Say it more precisely, or choose a model.`,
      { understood: prepared.understood, missing: prepared.missing },
    );
  const note =
    prepared.recipes !== undefined
      ? `Running errand's recipes with no model (${prepared.recipes}).`
      : `Running with ${prepared.run.model.ref}.`;
  return { run: prepared.run, note };
}
