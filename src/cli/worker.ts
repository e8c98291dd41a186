import type { Command } from 'commander';
import type { Journal } from '../agent/journal.js';
import { isPostgresUrl, redactUrl } from '../agent/journal-pg.js';
import { mayWait, runErrand } from '../agent/runner.js';
import type { SandboxOptions } from '../connectors/sandbox.js';
import { ErrandError, toErrandError } from '../errors.js';
import { faultPoint } from '../fault-injection.js';
import { prepareErrand } from '../errands/prepare.js';
import { type ErrandJob, ErrandQueue } from '../errands/queue.js';
import { SandboxCache } from '../errands/sandbox-cache.js';
import { mandateSchema, unattended } from '../guard/index.js';
import { resolveModel } from '../models/registry.js';
import { openJournal, storedWorldToken } from './home.js';
import { intOption } from './options.js';
import { recipeStore } from './recipes.js';
import { resumeErrand } from './resume.js';

interface WorkerFlags {
  concurrency: number;
  appLatency: number;
  sweep: number;
}

/** `errand worker --db postgres://…`: takes errands from the queue, runs them, and resumes those whose worker died. */
export function registerWorkerCommand(program: Command): void {
  program
    .command('worker')
    .description(
      'Take errands from the Postgres queue and run them; errands of a worker that died are resumed here, nothing done twice',
    )
    .option('--concurrency <n>', 'errands run at once', intOption, 4)
    .option(
      '--app-latency <ms>',
      'simulate slow apps: every tool call waits this long first (for load benches)',
      intOption,
      0,
    )
    .option('--sweep <seconds>', 'how often to look for interrupted and due waiting errands', intOption, 2)
    .action(async (flags: WorkerFlags) => {
      process.exitCode = await workerCommand(flags);
    });
}

/** The database the queue and journal share, from --db or ERRAND_DB; a worker needs Postgres. */
function postgresUrl(): string {
  const db = process.env.ERRAND_DB;
  if (!db || !isPostgresUrl(db))
    throw new ErrandError(
      'CONFIG_INVALID',
      'errand worker needs a Postgres database shared with errand serve: --db postgres://user@host/db (or ERRAND_DB).',
    );
  return db;
}

async function workerCommand(flags: WorkerFlags): Promise<number> {
  if (flags.concurrency < 1 || flags.concurrency > 256)
    throw new ErrandError('INVALID_INPUT', `--concurrency takes 1 to 256, not ${flags.concurrency}.`);
  const url = postgresUrl();
  const journal = openJournal();
  let queue: ErrandQueue;
  try {
    queue = await ErrandQueue.open(url);
  } catch (err) {
    journal.close();
    throw new ErrandError(
      'STORAGE_FAILED',
      `errand worker cannot open the queue at ${redactUrl(url)}: ${toErrandError(err).message}`,
    );
  }
  const worker = new QueueWorker(journal, queue, flags);
  await worker.start();
  process.stderr.write(
    `errand worker ${process.pid}: taking errands from ${redactUrl(url)}, ${flags.concurrency} at a time. Ctrl-C stops taking new ones; their errands are resumed by any worker.\n`,
  );
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  // A second signal quits at once: what runs is then resumed by another worker, nothing done twice.
  const quit = () => process.exit(1);
  process.once('SIGINT', quit);
  process.once('SIGTERM', quit);
  await worker.stop();
  return 0;
}

/** How often a worker looks for cancellations of the errands it runs. */
const CANCEL_WATCH_MS = 500;

/** How long a taken job may go without its errand's first event before it is queued again. */
const UNBEGUN_SECONDS = 5;

/**
 * One worker: runs each job's errand — a new one from its spec, an interrupted or waiting one through
 * the resume path — and every few seconds queues the journal's interrupted and waiting errands, so a
 * worker that died has its errands taken up even before its jobs expire.
 */
export class QueueWorker {
  readonly #sandboxes: SandboxCache;
  readonly #controller = new AbortController();
  /** The errands running here, each with its own way to cancel. */
  readonly #running = new Map<string, AbortController>();
  #sweeper: NodeJS.Timeout | undefined;
  #watcher: NodeJS.Timeout | undefined;

  constructor(
    readonly journal: Journal,
    readonly queue: ErrandQueue,
    readonly flags: WorkerFlags,
  ) {
    this.#sandboxes = new SandboxCache(flags.appLatency);
  }

  async start(): Promise<void> {
    await this.queue.work(this.flags.concurrency, async (job) => {
      try {
        await this.#handle(job);
      } catch (err) {
        // pg-boss retries the job; say why, so a worker that keeps failing can be looked into.
        process.stderr.write(
          `errand worker: errand ${job.errandId} will be tried again: ${toErrandError(err).message}\n`,
        );
        throw err;
      }
    });
    this.#sweeper = setInterval(() => void this.#sweep(), this.flags.sweep * 1000);
    this.#watcher = setInterval(() => void this.#watchCancels(), CANCEL_WATCH_MS);
    void this.#sweep();
  }

  /** Stops taking jobs and waits for the errands running here. */
  async stop(): Promise<void> {
    if (this.#sweeper) clearInterval(this.#sweeper);
    if (this.#watcher) clearInterval(this.#watcher);
    await this.queue.close(true);
    await this.#sandboxes.close();
    this.journal.close();
  }

  #sweeping = false;
  async #sweep(): Promise<void> {
    if (this.#sweeping) return;
    this.#sweeping = true;
    try {
      const dedupeSeconds = Math.max(5, this.flags.sweep * 2);
      for (const errandId of this.journal.resumable({ waiting: true }))
        await this.queue.send({ errandId }, { dedupeSeconds, first: true });
      // A worker that died between taking a new errand's job and its first event left a job pg-boss
      // would hand out again only when it expires; queue it again now. Should the first worker be alive
      // after all, one of the two finds the errand begun and does nothing.
      for (const job of await this.queue.held(UNBEGUN_SECONDS))
        if (job.start && this.journal.list(1, { id: job.errandId }).length === 0)
          await this.queue.send(job, { dedupeSeconds, first: true });
    } catch (err) {
      process.stderr.write(
        `errand worker: could not look for errands to resume: ${toErrandError(err).message}\n`,
      );
    } finally {
      this.#sweeping = false;
    }
  }

  #watchingCancels = false;
  /** Cancels the errands running here that a person asked to cancel (through errand serve). */
  async #watchCancels(): Promise<void> {
    if (this.#watchingCancels || this.#running.size === 0) return;
    this.#watchingCancels = true;
    try {
      for (const id of await this.queue.cancelled([...this.#running.keys()])) this.#running.get(id)?.abort();
    } catch {
      // Asked again in a moment; the errand goes on meanwhile.
    } finally {
      this.#watchingCancels = false;
    }
  }

  async #handle(job: ErrandJob): Promise<void> {
    const [row] = this.journal.list(1, { id: job.errandId });
    // Ended, or running in a live process (this job was delivered again): nothing to do here.
    if (row && row.status !== 'interrupted' && row.status !== 'waiting') return;
    if (!row && !job.start) return;
    const controller = new AbortController();
    const stop = () => controller.abort();
    this.#controller.signal.addEventListener('abort', stop, { once: true });
    this.#running.set(job.errandId, controller);
    try {
      // Cancelled before it began, or while it waited: it ends as cancelled, having done nothing more.
      if ((await this.queue.cancelled([job.errandId])).has(job.errandId)) controller.abort();
      if (!row) await this.#runNew(job.errandId, job.start!, controller.signal);
      else
        await resumeErrand(this.journal, job.errandId, {
          out: null,
          signal: controller.signal,
          asker: (id) => this.queue.approver(id),
          openSandbox: (options) => this.#sandboxes.get(options),
        });
    } catch (err) {
      // Another worker took it up between our look and our claim: it runs there, once.
      if (err instanceof ErrandError && err.code === 'CONFLICT' && /still running/.test(err.message)) return;
      throw err;
    } finally {
      this.#running.delete(job.errandId);
      this.#controller.signal.removeEventListener('abort', stop);
    }
  }

  async #runNew(errandId: string, spec: NonNullable<ErrandJob['start']>, signal: AbortSignal): Promise<void> {
    faultPoint('job.taken');
    const sandbox = await this.#sandboxes.get(sandboxOptionsOf(spec.world));
    const model = spec.model ? resolveModel(spec.model) : undefined;
    const prepared = prepareErrand(
      {
        request: spec.request,
        mandate: mandateSchema.parse(spec.mandate ?? {}),
        model,
        maxSteps: spec.maxSteps,
        learned: recipeStore()
          .list()
          .filter((r) => r.source.kind === 'learned'),
      },
      sandbox,
      sandbox.connectors,
    );
    if (prepared.kind !== 'ready') {
      process.stderr.write(`errand worker: errand ${errandId} was not understood here; it is left undone.\n`);
      return;
    }
    // The job was delivered again (a worker thought dead, a sweep): the errand runs elsewhere, once. Two
    // workers that both get here race at the journal's first write, which only one wins.
    if (this.journal.list(1, { id: errandId }).length > 0) return;
    await runErrand({
      ...prepared.run,
      errandId,
      journal: this.journal,
      approver: spec.approve === 'ask' ? this.queue.approver(errandId) : unattended(spec.approve),
      signal,
      origin: { world: spec.world, approve: spec.approve, ...(prepared.plan ? { plan: prepared.plan } : {}) },
      ...(mayWait(spec.request) ? { clock: () => sandbox.world.now } : {}),
    });
  }
}

function sandboxOptionsOf(world: NonNullable<ErrandJob['start']>['world']): SandboxOptions {
  return world.kind === 'file'
    ? { file: world.file, seed: world.seed, persona: world.persona }
    : {
        url: world.url,
        ...(world.persona ? { persona: world.persona } : {}),
        token: process.env.ERRAND_WORLD_TOKEN || storedWorldToken(),
      };
}
