import type { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import { ErrandError } from '../errors.js';

/** Limits on the MCP sessions a world server keeps. */
export interface McpSessionOptions {
  /** The most sessions open at once; past it new ones are refused (default 64). */
  max?: number;
  /** A session with no request for this long is closed (default 30 minutes). */
  idleMs?: number;
  /** The wall clock in ms (default `Date.now`); tests pass their own to expire sessions without waiting. */
  now?: () => number;
}

type Transport = WebStandardStreamableHTTPServerTransport;

interface Session {
  transport: Transport;
  world: string;
  app: string;
  lastUsed: number;
}

/**
 * The MCP sessions a world server holds. Each answers only on the world and app it was opened
 * on, so a session id cannot reach another app's tools or another world's state; idle ones expire
 * and their number is capped, so a careless or hostile client cannot pile them up.
 */
export class McpSessions {
  readonly max: number;
  readonly idleMs: number;
  readonly #now: () => number;
  readonly #open = new Map<string, Session>();
  #starting = 0;

  constructor(options: McpSessionOptions = {}) {
    this.max = options.max ?? 64;
    this.idleMs = options.idleMs ?? 30 * 60_000;
    this.#now = options.now ?? Date.now;
  }

  /** How many sessions are open. */
  get size(): number {
    return this.#open.size;
  }

  /** The session with this id, if it was opened on this world and app and has not expired; marks it used. */
  find(id: string, world: string, app: string): Transport | undefined {
    this.sweep();
    const session = this.#open.get(id);
    if (!session || session.world !== world || session.app !== app) return undefined;
    session.lastUsed = this.#now();
    return session.transport;
  }

  /**
   * Holds a place for a session about to start, or throws LIMIT_EXCEEDED when all are taken.
   * Call {@link release} once the start has been answered, whether or not a session came of it.
   */
  reserve(): void {
    this.sweep();
    if (this.#open.size + this.#starting >= this.max) {
      throw new ErrandError(
        'LIMIT_EXCEEDED',
        `The world server already has ${this.max} MCP sessions open, the most it keeps; close one (DELETE with its mcp-session-id) or wait for idle ones to expire after ${Math.round(this.idleMs / 60_000)} minutes.`,
      );
    }
    this.#starting++;
  }

  /** Gives back a place held by {@link reserve}. */
  release(): void {
    this.#starting = Math.max(0, this.#starting - 1);
  }

  /** Records a session that has started, bound to its world and app. */
  add(id: string, transport: Transport, world: string, app: string): void {
    this.#open.set(id, { transport, world, app, lastUsed: this.#now() });
  }

  /** Forgets a session that has closed. */
  remove(id: string): void {
    this.#open.delete(id);
  }

  /** Closes every session opened on a world, as when the world is dropped. */
  closeWorld(world: string): void {
    for (const [id, session] of this.#open) if (session.world === world) this.#close(id, session);
  }

  /** Closes sessions idle for longer than the limit. */
  sweep(): void {
    const now = this.#now();
    for (const [id, session] of this.#open) {
      if (now - session.lastUsed > this.idleMs) this.#close(id, session);
    }
  }

  /** Closes every session. */
  closeAll(): void {
    for (const [id, session] of this.#open) this.#close(id, session);
  }

  #close(id: string, session: Session): void {
    this.#open.delete(id);
    void session.transport.close().catch(() => {});
  }
}
