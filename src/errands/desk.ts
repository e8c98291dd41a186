/**
 * Errands started on someone's behalf and run in the background: another agent (through `errand
 * mcp`) hands over a request, reads how it goes, and answers its approvals. Each errand runs through
 * the same preparation, guard and journal as `errand run`; whoever delegates can narrow the person's
 * standing mandate, never widen it, and answers every approval at most once.
 */
import type { JournalEvent } from '../agent/events.js';
import type { Journal } from '../agent/journal.js';
import { buildReport, type Report } from '../agent/report.js';
import { newErrandId, type RunResult, runErrand } from '../agent/runner.js';
import type { RetryPolicy } from '../agent/runner/decide.js';
import { type Sandbox, type SandboxOptions, startSandbox } from '../connectors/sandbox.js';
import { ErrandError, toErrandError } from '../errors.js';
import { type Mandate, type MandateInput, narrowMandate } from '../guard/index.js';
import { resolveModel } from '../models/registry.js';
import type { ReasoningLevel } from '../models/reasoning.js';
import type { Recipe } from '../recipes/format.js';
import { formatZodError } from '../validation.js';
import { prepareErrand } from './prepare.js';
import { type QuestionView, Questions, type Reply } from './questions.js';
import { ZodError } from 'zod';

/** How a desk runs the errands handed to it. */
export interface DeskOptions {
  journal: Journal;
  /** Which world every errand acts on; its persona is whom an errand that names none acts for. */
  world: SandboxOptions;
  /** The person's standing mandate: an errand may narrow it, never widen it. */
  mandate: Mandate;
  /** The model for errands that name none; none runs errand's recipes with no model. */
  defaultModel?: string;
  /** How hard the default model thinks (a model an errand names thinks its own way). */
  reasoning?: ReasoningLevel;
  /** Where model keys come from (default `process.env`). */
  env?: NodeJS.ProcessEnv;
  /** Learned recipes, read when an errand starts. */
  learned?: () => Recipe[];
  /** Most errands running at once (default 8). */
  maxRunning?: number;
  /** Who answers approvals, as the journal records it (e.g. `mcp`). */
  answeredBy: string;
  retry?: Partial<RetryPolicy>;
}

/** An errand as it is handed over. */
export interface StartInput {
  request: string;
  /** Whom errand acts for (default: the world's persona). */
  persona?: string;
  /** Limits for this errand, within the person's standing mandate. */
  mandate?: MandateInput;
  /** The model, provider:model; default the desk's. */
  model?: string;
  maxSteps?: number;
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
  /** Questions waiting for an answer, then those answered. */
  questions: QuestionView[];
  /** The newest event's number: read events after it with `events`. */
  lastSeq: number;
  /** The report, once the errand has ended. */
  report?: Report;
}

interface Entry {
  request: string;
  controller: AbortController;
  done: Promise<RunResult | undefined>;
  running: boolean;
  /** Set when the errand failed before its journal record began. */
  error?: ErrandError;
}

const ENDED: readonly string[] = ['finished', 'failed', 'cancelled', 'interrupted'];

/** The errands one service has started, their questions, and the journal they are written to. */
export class ErrandDesk {
  readonly questions = new Questions();
  readonly #options: DeskOptions;
  readonly #errands = new Map<string, Entry>();

  constructor(options: DeskOptions) {
    this.#options = options;
  }

  /** Starts an errand in the background; resolves once its journal record has begun. */
  async start(input: StartInput): Promise<ErrandStatus> {
    const { journal } = this.#options;
    const max = this.#options.maxRunning ?? 8;
    if ([...this.#errands.values()].filter((e) => e.running).length >= max)
      throw new ErrandError(
        'LIMIT_EXCEEDED',
        `${max} errands are already running here, the most at once; wait for one to end.`,
      );
    const mandate = this.#mandate(input.mandate);
    const ref = input.model ?? this.#options.defaultModel;
    const reasoning = ref === this.#options.defaultModel ? this.#options.reasoning : undefined;
    const model = ref ? resolveModel(ref, this.#options.env ?? process.env, { reasoning }) : undefined;
    const sandbox = await startSandbox({
      ...this.#options.world,
      persona: input.persona ?? this.#options.world.persona,
    });
    let started = false;
    try {
      const prepared = prepareErrand(
        {
          request: input.request,
          mandate,
          model,
          maxSteps: input.maxSteps,
          learned: this.#options.learned?.(),
        },
        sandbox,
        sandbox.connectors,
      );
      if (prepared.kind === 'unsure')
        throw new ErrandError(
          'INVALID_INPUT',
          `With no model, errand runs only what its offline reader is sure of, and it is not sure of this. Understood: ${prepared.understood}. Missing: ${prepared.missing.join('; ')}. Say it more precisely, or name a model.`,
          { understood: prepared.understood, missing: prepared.missing },
        );
      const errandId = newErrandId();
      const controller = new AbortController();
      const begun = new Promise<void>((resolve) => {
        const stop = journal.subscribe(errandId, () => {
          stop();
          resolve();
        });
      });
      const entry: Entry = {
        request: input.request,
        controller,
        running: true,
        done: Promise.resolve(undefined),
      };
      entry.done = runErrand({
        ...prepared.run,
        errandId,
        journal,
        approver: this.questions.approverFor(errandId),
        signal: controller.signal,
        ...(this.#options.retry ? { retry: this.#options.retry } : {}),
      })
        .catch((err) => {
          entry.error = toErrandError(err);
          return undefined;
        })
        .finally(() => {
          entry.running = false;
          return closeQuietly(sandbox);
        });
      started = true;
      this.#errands.set(errandId, entry);
      await Promise.race([begun, entry.done]);
      return this.status(errandId);
    } finally {
      if (!started) await closeQuietly(sandbox);
    }
  }

  #mandate(asked: MandateInput | undefined): Mandate {
    try {
      return narrowMandate(this.#options.mandate, asked ?? {});
    } catch (err) {
      if (err instanceof ZodError)
        throw new ErrandError('INVALID_INPUT', `The mandate is invalid: ${formatZodError(err)}`);
      throw err;
    }
  }

  #entry(errandId: string): Entry {
    const entry = this.#errands.get(errandId);
    if (!entry) throw new ErrandError('NOT_FOUND', `No errand "${errandId}" was started here.`);
    return entry;
  }

  /** How an errand stands now. */
  status(errandId: string): ErrandStatus {
    const entry = this.#entry(errandId);
    const questions = this.questions.of(errandId);
    const pending = questions.filter((q) => q.state === 'pending');
    const ordered = [...pending, ...questions.filter((q) => q.state !== 'pending')];
    if (entry.error && !entry.running) {
      return {
        errandId,
        request: entry.request,
        status: 'failed',
        outcome: null,
        understood: [],
        questions: ordered,
        lastSeq: 0,
      };
    }
    const events = this.#options.journal.events(errandId);
    const report = buildReport(events, errandId);
    const understood = events.find((e) => e.type === 'intents.derived');
    const ended = ENDED.includes(report.status) && !entry.running;
    return {
      errandId,
      request: entry.request,
      status: ended ? (report.status as ErrandStatus['status']) : pending.length ? 'waiting' : 'running',
      outcome: ended ? report.outcome : null,
      understood: understood?.type === 'intents.derived' ? understood.lines : [],
      questions: ordered,
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
    const settled = () => {
      const now = this.status(errandId);
      return now.status !== 'running' ? now : undefined;
    };
    const already = settled();
    if (already || ms <= 0) return already ?? this.status(errandId);
    await new Promise<void>((resolve) => {
      const timer = setTimeout(finish, ms);
      const offQuestions = this.questions.subscribe((q) => {
        if (q.errandId === errandId && q.state === 'pending') finish();
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

  /** The errand's events after `afterSeq`, oldest first, at most `limit`. */
  events(errandId: string, afterSeq = 0, limit = 100): JournalEvent[] {
    this.#entry(errandId);
    return this.#options.journal
      .events(errandId)
      .filter((e) => e.seq > afterSeq)
      .slice(0, limit);
  }

  /** Answers one of the errand's questions, once. */
  answer(errandId: string, questionId: string, reply: Reply): QuestionView {
    this.#entry(errandId);
    return this.questions.answer(errandId, questionId, reply, this.#options.answeredBy);
  }

  /** Cancels an errand: no action starts after this, and the journal says so. */
  async cancel(errandId: string): Promise<ErrandStatus> {
    const entry = this.#entry(errandId);
    entry.controller.abort();
    await entry.done;
    return this.status(errandId);
  }

  /** Cancels every errand still running and waits for them to end. */
  async close(): Promise<void> {
    for (const entry of this.#errands.values()) if (entry.running) entry.controller.abort();
    await Promise.all([...this.#errands.values()].map((e) => e.done));
  }
}

async function closeQuietly(sandbox: Sandbox): Promise<void> {
  try {
    await sandbox.close();
  } catch {
    // the errand's result stands; a connection that would not close is not its failure
  }
}
