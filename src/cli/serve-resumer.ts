import type { Journal } from '../agent/journal.js';
import { toErrandError } from '../errors.js';
import { SandboxCache } from '../errands/sandbox-cache.js';
import { resumeErrand } from './resume.js';

/** How often a server looks for waiting errands that are due. */
const SWEEP_MS = 5_000;

/**
 * What `errand serve` does for the errands of its journal (SQLite mode): on start it takes up every
 * interrupted errand and every waiting one whose event or deadline has come, and while it runs it
 * wakes waiting errands when they are due — each through the resume path, nothing done twice.
 */
export class ServeResumer {
  readonly #journal: Journal;
  readonly #log: (line: string) => void;
  readonly #controller = new AbortController();
  readonly #sandboxes = new SandboxCache();
  readonly #running = new Map<string, Promise<void>>();
  #timer: NodeJS.Timeout | undefined;
  #sweeping = false;

  constructor(journal: Journal, log: (line: string) => void) {
    this.#journal = journal;
    this.#log = log;
  }

  /** Takes up what is due now; then looks again every few seconds. Returns the ids taken up now. */
  start(): string[] {
    const found = this.#sweep();
    this.#timer = setInterval(() => this.#sweep(), SWEEP_MS);
    this.#timer.unref();
    return found;
  }

  #sweep(): string[] {
    if (this.#sweeping || this.#controller.signal.aborted) return [];
    this.#sweeping = true;
    try {
      const ids = this.#journal.resumable({ waiting: true }).filter((id) => !this.#running.has(id));
      for (const id of ids) this.#running.set(id, this.#resume(id));
      return ids;
    } catch (err) {
      this.#log(`errand serve: could not look for errands to resume: ${toErrandError(err).message}`);
      return [];
    } finally {
      this.#sweeping = false;
    }
  }

  async #resume(errandId: string): Promise<void> {
    try {
      const resumed = await resumeErrand(this.#journal, errandId, {
        out: null,
        signal: this.#controller.signal,
        openSandbox: (options) => this.#sandboxes.get(options),
      });
      if (resumed.kind === 'ran')
        this.#log(
          `errand serve: resumed errand ${errandId}: ${resumed.report.status}${resumed.report.outcome ? ` (${resumed.report.outcome})` : ''}`,
        );
    } catch (err) {
      this.#log(`errand serve: could not resume errand ${errandId}: ${toErrandError(err).message}`);
    } finally {
      this.#running.delete(errandId);
    }
  }

  /** Stops looking, cancels the errands resumed here (their journal says so) and closes their worlds. */
  async close(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#controller.abort();
    await Promise.all(this.#running.values());
    await this.#sandboxes.close();
  }
}
