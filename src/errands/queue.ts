/**
 * The queue of errands that `errand serve --db postgres://…` hands to `errand worker`s: pg-boss on
 * the same Postgres database as the journal. A job only says which errand to run (and, for a new one,
 * what it is); the journal decides who runs it, so a job delivered twice does nothing twice.
 */
import PgBoss from 'pg-boss';
import { z } from 'zod';
import { ErrandError } from '../errors.js';
import { formatZodError } from '../validation.js';

/** The queue's name in pg-boss. */
export const ERRAND_QUEUE = 'errands';

/** How a queued errand reaches its world: a world file shared by the workers, or a world server. */
const worldSchema = z
  .union([
    z.object({
      kind: z.literal('file'),
      file: z.string().describe('the world file'),
      seed: z.number().int(),
      persona: z.string(),
    }),
    z.object({
      kind: z.literal('url'),
      url: z.string().describe('the world server'),
      persona: z.string().optional(),
    }),
  ])
  .describe('where the errand acts');

/** A job: an errand to start (with its spec) or to take up from its journal (id only). */
export const errandJobSchema = z.object({
  errandId: z.string().min(1).max(64).describe('the errand, as the journal knows it'),
  start: z
    .object({
      request: z.string().min(1).describe('what the person asked'),
      model: z.string().optional().describe('provider:model; none runs errand’s recipes'),
      world: worldSchema,
      approve: z.enum(['auto', 'deny']).describe('what to do when an action needs approval'),
      maxSteps: z.number().int().positive().optional().describe('most model turns'),
      mandate: z.record(z.string(), z.unknown()).optional().describe('the errand’s limits'),
    })
    .optional()
    .describe('present for an errand not yet begun'),
});
export type ErrandJob = z.infer<typeof errandJobSchema>;

/** Reads a job's data, or says in one sentence why it is not an errand job. */
export function parseErrandJob(data: unknown): ErrandJob {
  const parsed = errandJobSchema.safeParse(data);
  if (!parsed.success)
    throw new ErrandError('INVALID_INPUT', `A queued job is not an errand: ${formatZodError(parsed.error)}`);
  return parsed.data;
}

/**
 * How long a worker may hold a job before pg-boss hands it to another. Short on purpose: a job
 * delivered again while its errand still runs finds the errand taken and does nothing, so expiry only
 * has to be soon enough to recover an errand whose worker died before its first event.
 */
const EXPIRE_SECONDS = 30;

/** The errand queue over one Postgres database. */
export class ErrandQueue {
  readonly #boss: PgBoss;

  private constructor(boss: PgBoss) {
    this.#boss = boss;
  }

  /** Connects, creating pg-boss's tables and the errand queue when missing. */
  static async open(url: string, options: { supervise?: boolean } = {}): Promise<ErrandQueue> {
    const boss = new PgBoss({
      connectionString: url,
      application_name: 'errand-queue',
      max: 4,
      // Expired jobs are found by the maintenance run; a dead worker's errands are found sooner by the
      // journal (see errand worker's sweep), so this is the backstop.
      supervise: options.supervise ?? true,
      maintenanceIntervalSeconds: 10,
      schedule: false,
    });
    boss.on('error', () => {
      // pg-boss reconnects by itself; a job that fails is retried. Nothing to stop for.
    });
    await boss.start();
    await boss.createQueue(ERRAND_QUEUE, {
      name: ERRAND_QUEUE,
      expireInSeconds: EXPIRE_SECONDS,
      retryLimit: 20,
      retryDelay: 2,
    });
    await boss
      .getDb()
      .executeSql(
        'CREATE TABLE IF NOT EXISTS errand_cancels (errand_id TEXT PRIMARY KEY, asked_at TIMESTAMPTZ NOT NULL DEFAULT now())',
        [],
      );
    return new ErrandQueue(boss);
  }

  /**
   * Asks whichever worker runs (or will run, or wakes) the errand to cancel it. The worker ends it as
   * cancelled in the journal, where the asker reads that it did.
   */
  async cancel(errandId: string): Promise<void> {
    await this.#boss
      .getDb()
      .executeSql('INSERT INTO errand_cancels (errand_id) VALUES ($1) ON CONFLICT DO NOTHING', [errandId]);
  }

  /** Which of these errands a person has asked to cancel. */
  async cancelled(errandIds: readonly string[]): Promise<Set<string>> {
    if (errandIds.length === 0) return new Set();
    const { rows } = (await this.#boss
      .getDb()
      .executeSql('SELECT errand_id FROM errand_cancels WHERE errand_id = ANY($1::text[])', [
        [...errandIds],
      ])) as { rows: { errand_id: string }[] };
    return new Set(rows.map((r) => r.errand_id));
  }

  /**
   * Queues an errand. `dedupeSeconds` keeps several workers that notice the same errand at once from
   * queueing it more than once in that window (a duplicate would find the errand taken, and do nothing).
   */
  async send(
    job: ErrandJob,
    options: { dedupeSeconds?: number; afterSeconds?: number; first?: boolean } = {},
  ): Promise<boolean> {
    const id = await this.#boss.send(ERRAND_QUEUE, errandJobSchema.parse(job), {
      ...(options.dedupeSeconds
        ? { singletonKey: job.errandId, singletonSeconds: options.dedupeSeconds }
        : {}),
      ...(options.afterSeconds ? { startAfter: options.afterSeconds } : {}),
      // Errands already under way (interrupted, or woken from a wait) go before errands not yet begun:
      // their person has been waiting longer.
      ...(options.first ? { priority: 1 } : {}),
    });
    return id !== null;
  }

  /**
   * Jobs a worker took more than `seconds` ago and still holds: their errands are running, or their
   * worker died before the errand's first event. (pg-boss 10's own table, read-only; the version is pinned.)
   */
  async held(seconds: number): Promise<ErrandJob[]> {
    const rows = (await this.#boss
      .getDb()
      .executeSql(
        `SELECT data FROM pgboss.job WHERE name = $1 AND state = 'active' AND started_on < now() - make_interval(secs => $2)`,
        [ERRAND_QUEUE, seconds],
      )) as { rows: { data: unknown }[] };
    return rows.rows.flatMap((r) => {
      const parsed = errandJobSchema.safeParse(r.data);
      return parsed.success ? [parsed.data] : [];
    });
  }

  /** Takes jobs, `concurrency` at a time, each to `handle`; a job whose handler throws is retried later. */
  async work(concurrency: number, handle: (job: ErrandJob) => Promise<void>): Promise<void> {
    for (let i = 0; i < concurrency; i++)
      await this.#boss.work<unknown>(
        ERRAND_QUEUE,
        { batchSize: 1, pollingIntervalSeconds: 0.5 },
        async (jobs) => {
          for (const job of jobs) await handle(parseErrandJob(job.data));
        },
      );
  }

  /** Stops taking jobs; with `graceful`, waits for those running. */
  async close(graceful = true): Promise<void> {
    await this.#boss.stop({ graceful, wait: true, timeout: 30_000 });
  }
}
