import { join } from 'node:path';
import { type Sandbox, startSandbox } from '../connectors/sandbox.js';
import type { Connector, RemoteTool } from '../connectors/types.js';
import { ErrandError } from '../errors.js';
import { PERSONA_IDS } from '../world/index.js';

/** Where the server's sandbox worlds come from. */
export interface WorldPoolOptions {
  /** The seed of every new world (default 1). */
  seed?: number;
  /** A folder to keep each persona's world in (`world-<persona>.db`), so it outlives the server. */
  dataDir?: string;
  /**
   * One file every persona's world is kept in, shared with other processes: `errand serve` passes
   * errand's home world, the one `errand run` acts on. Without it or `dataDir`, worlds live in memory.
   */
  file?: string;
}

/**
 * The sandbox worlds `errand serve` acts on: one per persona, started on first use and shared by
 * every errand for that persona, so the order placed by one errand is there for the next.
 */
export class WorldPool {
  readonly #sandboxes = new Map<string, Promise<Sandbox>>();

  constructor(private readonly options: WorldPoolOptions = {}) {}

  /** The personas errands can be run for. */
  get personas(): readonly string[] {
    return PERSONA_IDS;
  }

  /** The running world of a persona, started when first asked for. */
  get(persona: string): Promise<Sandbox> {
    if (!PERSONA_IDS.includes(persona))
      return Promise.reject(
        new ErrandError('NOT_FOUND', `No persona "${persona}"; choose one of ${PERSONA_IDS.join(', ')}.`),
      );
    let sandbox = this.#sandboxes.get(persona);
    if (!sandbox) {
      sandbox = start(persona, this.options);
      this.#sandboxes.set(persona, sandbox);
      // A world that failed to start is tried again next time, not remembered as failed.
      sandbox.catch(() => this.#sandboxes.delete(persona));
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

async function start(persona: string, options: WorldPoolOptions): Promise<Sandbox> {
  const sandbox = await startSandbox({
    seed: options.seed,
    persona,
    file: options.file ?? (options.dataDir ? join(options.dataDir, `world-${persona}.db`) : undefined),
  });
  // The apps' tools do not change while the world runs: list them once, not once an errand.
  sandbox.connectors = sandbox.connectors.map(listingOnce);
  return sandbox;
}

function listingOnce(connector: Connector): Connector {
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
