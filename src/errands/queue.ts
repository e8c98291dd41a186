/**
 * The queue of errands that `errand serve --db postgres://…` hands to `errand worker`s: pg-boss on
 * the same Postgres database as the journal. A job only says which errand to run (and, for a new one,
 * what it is); the journal decides who runs it, so a job delivered twice does nothing twice.
 */
import { createHash } from 'node:crypto';
import PgBoss from 'pg-boss';
import { z } from 'zod';
import { ErrandError } from '../errors.js';
import type { Answer, Approver, Question } from '../guard/index.js';
import { stableJson } from '../validation.js';
import { formatZodError } from '../validation.js';

/** A question a worker's errand put to its person, as it crosses the queue. */
export interface RemoteQuestion {
  id: string;
  errandId: string;
  askedAt: number;
  question: Question;
}

/** How often a worker's errand looks for its person's answer. */
const ANSWER_POLL_MS = 500;

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
      approve: z
        .enum(['ask', 'auto', 'deny'])
        .describe(
          'what to do when an action needs approval; ask puts the question to the person through errand serve',
        ),
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
    // One statement string runs as one transaction: the lock keeps servers and workers starting at once
    // on a new database from racing to create the same tables (IF NOT EXISTS alone does not).
    await boss.getDb().executeSql(
      `SELECT pg_advisory_xact_lock(hashtextextended('errand queue tables', 0));
       CREATE TABLE IF NOT EXISTS errand_cancels (errand_id TEXT PRIMARY KEY, asked_at TIMESTAMPTZ NOT NULL DEFAULT now());
       CREATE TABLE IF NOT EXISTS errand_questions (
         id TEXT PRIMARY KEY, errand_id TEXT NOT NULL, asked_at BIGINT NOT NULL, question JSONB NOT NULL,
         answer JSONB, withdrawn BOOLEAN NOT NULL DEFAULT false);
       CREATE INDEX IF NOT EXISTS errand_questions_by_errand ON errand_questions (errand_id)`,
      [],
    );
    return new ErrandQueue(boss);
  }

  /**
   * Puts a worker's question to whoever follows the errand (errand serve), once: asked again with the
   * same id (the errand resumed after its worker died), it is the same question, answered or not.
   */
  async ask(question: RemoteQuestion): Promise<void> {
    await this.#sql(
      'INSERT INTO errand_questions (id, errand_id, asked_at, question) VALUES ($1, $2, $3, $4) ON CONFLICT (id) DO NOTHING',
      [question.id, question.errandId, question.askedAt, JSON.stringify(question.question)],
    );
  }

  /** These errands' questions that wait for an answer, oldest first. */
  async pendingQuestions(errandIds: string | readonly string[]): Promise<RemoteQuestion[]> {
    const ids = typeof errandIds === 'string' ? [errandIds] : [...errandIds];
    if (ids.length === 0) return [];
    const { rows } = await this.#sql(
      'SELECT id, errand_id, asked_at, question FROM errand_questions WHERE errand_id = ANY($1::text[]) AND answer IS NULL AND NOT withdrawn ORDER BY asked_at, id',
      [ids],
    );
    return rows.map((r) => ({
      id: String(r.id),
      errandId: String(r.errand_id),
      askedAt: Number(r.asked_at),
      question: r.question as Question,
    }));
  }

  /** Records the person's answer; false when the question was answered or withdrawn already. */
  async answer(id: string, answer: Answer): Promise<boolean> {
    const { rows } = await this.#sql(
      'UPDATE errand_questions SET answer = $2 WHERE id = $1 AND answer IS NULL AND NOT withdrawn RETURNING id',
      [id, JSON.stringify(answer)],
    );
    return rows.length > 0;
  }

  /** The answer to a question, once there is one; `withdrawn` when its errand stopped asking. */
  async answerTo(id: string): Promise<Answer | 'withdrawn' | undefined> {
    const { rows } = await this.#sql('SELECT answer, withdrawn FROM errand_questions WHERE id = $1', [id]);
    const row = rows[0];
    if (!row) return undefined;
    if (row.answer) return row.answer as Answer;
    return row.withdrawn ? 'withdrawn' : undefined;
  }

  /** The errand no longer waits on this question (it was cancelled): an answer now is refused. */
  async withdraw(id: string): Promise<void> {
    await this.#sql('UPDATE errand_questions SET withdrawn = true WHERE id = $1 AND answer IS NULL', [id]);
  }

  /**
   * The approver a worker's errand asks its person through: the question waits in the database for an
   * answer given in errand serve (the errand holds its worker meanwhile); cancelling withdraws it.
   */
  approver(errandId: string): Approver {
    return {
      ask: async (question, signal) => {
        // The same question gets the same id, so one asked again after a crash finds its answer.
        const id = `q_${createHash('sha256')
          .update(`${errandId}\n${stableJson(question)}`)
          .digest('hex')
          .slice(0, 16)}`;
        await this.ask({ id, errandId, askedAt: Date.now(), question });
        // An errand asks one question at a time: one its dead worker left waiting is not asked any more.
        await this.#sql(
          'UPDATE errand_questions SET withdrawn = true WHERE errand_id = $1 AND id <> $2 AND answer IS NULL',
          [errandId, id],
        );
        for (;;) {
          if (signal?.aborted) {
            await this.withdraw(id);
            throw new ErrandError('CANCELLED', 'The errand was cancelled while it waited for an answer.');
          }
          const answer = await this.answerTo(id);
          if (answer === 'withdrawn')
            throw new ErrandError('CANCELLED', 'The errand was cancelled while it waited for an answer.');
          if (answer) return answer;
          await new Promise<void>((resolve) => {
            const timer = setTimeout(done, ANSWER_POLL_MS);
            function done() {
              clearTimeout(timer);
              signal?.removeEventListener('abort', done);
              resolve();
            }
            signal?.addEventListener('abort', done, { once: true });
          });
        }
      },
    };
  }

  async #sql(text: string, values: unknown[]): Promise<{ rows: Record<string, unknown>[] }> {
    const result = (await this.#boss.getDb().executeSql(text, values)) as
      | { rows: Record<string, unknown>[] }
      | undefined;
    // pg-boss answers nothing once stopped.
    if (!result) throw new ErrandError('STORAGE_FAILED', 'The errand queue is closed.');
    return result;
  }

  /**
   * Asks whichever worker runs (or will run, or wakes) the errand to cancel it. The worker ends it as
   * cancelled in the journal, where the asker reads that it did.
   */
  async cancel(errandId: string): Promise<void> {
    await this.#sql('INSERT INTO errand_cancels (errand_id) VALUES ($1) ON CONFLICT DO NOTHING', [errandId]);
  }

  /** Which of these errands a person has asked to cancel. */
  async cancelled(errandIds: readonly string[]): Promise<Set<string>> {
    if (errandIds.length === 0) return new Set();
    const { rows } = await this.#sql(
      'SELECT errand_id FROM errand_cancels WHERE errand_id = ANY($1::text[])',
      [[...errandIds]],
    );
    return new Set(rows.map((r) => String(r.errand_id)));
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
