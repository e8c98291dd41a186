import type { JournalEvent } from '../agent/events.js';
import type { ErrandSummary, Journal } from '../agent/journal.js';
import { buildReport, type Report } from '../agent/report.js';
import { newErrandId, runErrand } from '../agent/runner.js';
import { type ErrorBody, ErrandError, toErrandError } from '../errors.js';
import { unattended } from '../guard/index.js';
import { formatZodError } from '../validation.js';
import type { Recipe } from '../recipes/format.js';
import { traceErrand, type Tracing } from '../telemetry/index.js';
import { type ModelResolver, prepareErrand } from './prepare.js';
import { type PendingQuestion, QuestionBoard, type Reply } from './questions.js';
import { startSchema } from './start-request.js';
import type { WorldPool } from './worlds.js';

/** What the service needs: the journal it writes, the worlds it acts on, how it finds models. */
export interface ErrandServiceOptions {
  journal: Journal;
  worlds: WorldPool;
  models: ModelResolver;
  /** Learned recipes, read when an errand starts (default none). */
  learned?: () => Recipe[];
  tracing?: Tracing;
}

/** One errand this server is running. */
interface Running {
  id: string;
  request: string;
  createdAt: number;
  controller: AbortController;
  done: Promise<void>;
  /** Why it could not start, when it failed before its first event was written. */
  failure?: ErrorBody;
}

/** An errand as the API shows it: how it stands, its report, and any question it waits on. */
export interface ErrandView {
  summary: ErrandSummary;
  report: Report;
  pending: PendingQuestion[];
  failure: ErrorBody | null;
}

/**
 * Runs errands for the HTTP API: starts them in the background on the persona's world, keeps what
 * it needs to cancel them and answer their questions, and reads everything else from the journal.
 */
export class ErrandService {
  readonly questions = new QuestionBoard();
  readonly journal: Journal;
  readonly #running = new Map<string, Running>();
  readonly #failures = new Set<(id: string, failure: ErrorBody) => void>();

  constructor(private readonly options: ErrandServiceOptions) {
    this.journal = options.journal;
  }

  /**
   * Starts an errand and returns its id once it is sure to run: a malformed request, an unknown
   * persona or model, or a request errand's recipes are not sure of (with no model) is refused here.
   */
  async start(body: unknown): Promise<{ id: string; note: string }> {
    const parsed = startSchema.safeParse(body);
    if (!parsed.success) throw new ErrandError('INVALID_INPUT', formatZodError(parsed.error, startSchema));
    const start = parsed.data;
    const sandbox = await this.options.worlds.get(start.persona);
    const prepared = prepareErrand(start, sandbox, {
      models: this.options.models,
      learned: this.options.learned?.() ?? [],
    });
    const { note, ...run } = prepared;
    const id = newErrandId();
    const controller = new AbortController();
    const approver =
      start.approve === 'ask'
        ? this.questions.approver(id)
        : unattended(start.approve === 'auto' ? 'auto' : 'deny');
    traceErrand(this.options.tracing, this.journal, id);
    const running: Running = {
      id,
      request: run.task.request,
      createdAt: Date.now(),
      controller,
      done: Promise.resolve(),
    };
    running.done = runErrand({
      ...run,
      errandId: id,
      journal: this.journal,
      approver,
      signal: controller.signal,
    })
      .then(() => undefined)
      .catch((err: unknown) => {
        // Only a failure before the errand's first event lands here: the runner journals the rest.
        running.failure = toErrandError(err).toJSON();
        for (const listener of this.#failures) listener(id, running.failure);
      })
      .finally(() => {
        // Kept a little while when it failed to start, so a watcher can still be told why.
        if (!running.failure) this.#running.delete(id);
        else setTimeout(() => this.#running.delete(id), 60_000).unref();
      });
    this.#running.set(id, running);
    return { id, note };
  }

  /** Cancels a running errand: no action starts after it. False when it is not running here. */
  cancel(id: string): boolean {
    const running = this.#running.get(id);
    if (!running) {
      this.#known(id);
      return false;
    }
    running.controller.abort();
    return true;
  }

  /** Answers a question an errand waits on, once. */
  answer(id: string, questionId: string, reply: Reply) {
    this.#known(id);
    return this.questions.answer(id, questionId, reply);
  }

  /** Past and running errands, newest first; `q` keeps those whose request or id contains it. */
  list(options: { q?: string; limit?: number } = {}): ErrandSummary[] {
    const limit = options.limit ?? 50;
    const q = options.q?.trim().toLowerCase();
    const all = this.journal.list(q ? 2000 : limit);
    const starting = [...this.#running.values()]
      .filter((r) => !all.some((e) => e.id === r.id))
      .map((r) => this.#startingSummary(r));
    const rows = [...starting, ...all];
    const found = q ? rows.filter((r) => r.request.toLowerCase().includes(q) || r.id.startsWith(q)) : rows;
    return found.slice(0, limit);
  }

  /** One errand: its line in the list, its report so far, and what it waits on. */
  get(id: string): ErrandView {
    const running = this.#running.get(id);
    const events = this.events(id);
    const summary =
      this.journal.list(1, { id }).at(0) ?? (running ? this.#startingSummary(running) : undefined);
    if (!summary) throw notFound(id);
    const report = buildReport(events, id);
    if (!report.request) report.request = summary.request;
    return {
      summary,
      report,
      pending: this.questions.pending(id),
      failure: running?.failure ?? null,
    };
  }

  /** Every event of an errand so far, in order; empty for one that is starting. */
  events(id: string): JournalEvent[] {
    if (!this.#running.has(id)) this.#known(id);
    return this.journal.events(id);
  }

  /** True when the errand runs in this server (its events may still come). */
  isRunning(id: string): boolean {
    const running = this.#running.get(id);
    return !!running && !running.failure;
  }

  /** Why an errand failed before its first event, if it did. */
  failureOf(id: string): ErrorBody | undefined {
    return this.#running.get(id)?.failure;
  }

  /** Calls `listener` when an errand fails before its first event (its journal will say nothing). */
  onFailure(listener: (id: string, failure: ErrorBody) => void): () => void {
    this.#failures.add(listener);
    return () => this.#failures.delete(listener);
  }

  /** How many errands run now. */
  get runningCount(): number {
    return this.#running.size;
  }

  /** Cancels every running errand and waits for each to end cleanly. */
  async close(): Promise<void> {
    const running = [...this.#running.values()];
    for (const r of running) r.controller.abort();
    await Promise.all(running.map((r) => r.done));
  }

  #startingSummary(r: Running): ErrandSummary {
    return {
      id: r.id,
      createdAt: r.createdAt,
      request: r.request,
      model: '',
      status: r.failure ? 'failed' : 'running',
      outcome: null,
    };
  }

  #known(id: string): void {
    if (this.#running.has(id)) return;
    if (!/^[\w-]{1,64}$/.test(id) || this.journal.list(1, { id }).length === 0) throw notFound(id);
  }
}

function notFound(id: string): ErrandError {
  return new ErrandError('NOT_FOUND', `No errand "${id.slice(0, 64)}"; GET /api/errands lists them.`);
}
