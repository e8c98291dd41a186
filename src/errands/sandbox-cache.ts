import { type Sandbox, type SandboxOptions, startSandbox } from '../connectors/sandbox.js';
import { withLatency } from './slow-apps.js';
import { listingOnce } from './worlds.js';

/**
 * The worlds a long-lived process (a worker, a server taking up its errands) resumes errands on: one
 * running sandbox per place errands act on, started when first asked for and shared by its errands.
 */
export class SandboxCache {
  readonly #sandboxes = new Map<string, Promise<Sandbox>>();

  /** `appLatencyMs` makes every tool call wait first (simulated slow apps, for load benches). */
  constructor(private readonly appLatencyMs = 0) {}

  get(options: SandboxOptions): Promise<Sandbox> {
    const key = JSON.stringify([options.file, options.url, options.persona]);
    let sandbox = this.#sandboxes.get(key);
    if (!sandbox) {
      sandbox = startSandbox(options).then((s) => {
        s.connectors = s.connectors.map((c) => withLatency(listingOnce(c), this.appLatencyMs));
        return s;
      });
      this.#sandboxes.set(key, sandbox);
      // A world that failed to start is tried again next time, not remembered as failed.
      sandbox.catch(() => this.#sandboxes.delete(key));
    }
    return sandbox;
  }

  async close(): Promise<void> {
    const all = [...this.#sandboxes.values()];
    this.#sandboxes.clear();
    await Promise.all(
      all.map(async (s) => {
        try {
          await (await s).close();
        } catch {
          // a world that never started has nothing to close
        }
      }),
    );
  }
}
