import { join } from 'node:path';
import { type Sandbox, type SandboxOptions, startSandbox } from '../connectors/sandbox.js';
import type { Connector, RemoteTool } from '../connectors/types.js';
import { ErrandError } from '../errors.js';
import { PERSONA_IDS } from '../world/index.js';

/**
 * Where background errands' worlds come from: a sandbox's options (seed, a file every persona's world
 * is kept in, a world server's URL, the persona an errand that names none acts for), or `dataDir`, a
 * folder to keep each persona's world in (`world-<persona>.db`). With neither a file, a folder nor a
 * URL, worlds live in memory for as long as the pool does.
 */
export interface WorldPoolOptions extends SandboxOptions {
  dataDir?: string;
}

/**
 * The sandbox worlds background errands act on (`errand serve`, `errand mcp`): one per persona,
 * started on first use and shared by every errand for that persona, so the order placed by one errand
 * is there for the next.
 */
export class WorldPool {
  readonly #sandboxes = new Map<string, Promise<Sandbox>>();

  constructor(private readonly options: WorldPoolOptions = {}) {}

  /** The personas errands can be run for. */
  get personas(): readonly string[] {
    return PERSONA_IDS;
  }

  /**
   * The running world of a persona (default: the pool's, or with none the world's own), started
   * when first asked for.
   */
  get(persona: string | undefined = this.options.persona): Promise<Sandbox> {
    if (persona !== undefined && !PERSONA_IDS.includes(persona))
      return Promise.reject(
        new ErrandError('NOT_FOUND', `No persona "${persona}"; choose one of ${PERSONA_IDS.join(', ')}.`),
      );
    const key = persona ?? '';
    let sandbox = this.#sandboxes.get(key);
    if (!sandbox) {
      sandbox = start(persona, this.options);
      this.#sandboxes.set(key, sandbox);
      // A world that failed to start is tried again next time, not remembered as failed.
      sandbox.catch(() => this.#sandboxes.delete(key));
    }
    return sandbox;
  }

  /** The worlds started so far, by persona. */
  async started(): Promise<Map<string, Sandbox>> {
    const out = new Map<string, Sandbox>();
    for (const [persona, sandbox] of this.#sandboxes) {
      try {
        out.set(persona, await sandbox);
      } catch {
        // not running
      }
    }
    return out;
  }

  /** Closes every world. */
  async close(): Promise<void> {
    const running = await this.started();
    this.#sandboxes.clear();
    await Promise.all([...running.values()].map((s) => s.close()));
  }
}

async function start(persona: string | undefined, options: WorldPoolOptions): Promise<Sandbox> {
  const { dataDir, ...sandboxOptions } = options;
  const sandbox = await startSandbox({
    ...sandboxOptions,
    persona,
    file: options.file ?? (dataDir ? join(dataDir, `world-${persona ?? 'default'}.db`) : undefined),
  });
  // The apps' tools do not change while the world runs: list them once, not once an errand.
  sandbox.connectors = sandbox.connectors.map(listingOnce);
  return sandbox;
}

/** The apps' tools do not change while a world runs: list them once, not once an errand. */
export function listingOnce(connector: Connector): Connector {
  let tools: Promise<RemoteTool[]> | undefined;
  return {
    name: connector.name,
    trusted: connector.trusted,
    listTools: () => {
      tools ??= connector.listTools();
      tools.catch(() => {
        tools = undefined;
      });
      return tools;
    },
    callTool: (name, args, options) => connector.callTool(name, args, options),
    close: () => connector.close(),
  };
}
