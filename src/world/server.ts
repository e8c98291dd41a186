import { randomBytes } from 'node:crypto';
import { ErrandError } from '../errors.js';
import type { WorldHost } from './host.js';
import { isLoopbackHost, MAX_BODY_BYTES } from './http-access.js';
import { createWorldApp } from './http.js';
import { listen } from './http-listen.js';
import type { McpSessionOptions } from './mcp-sessions.js';

/** A running world server. */
export interface RunningServer {
  /** Base URL, e.g. http://127.0.0.1:41234 */
  url: string;
  port: number;
  /** The token admin calls carry as `Authorization: Bearer <token>` (every call, when one was given). */
  token: string;
  close(): Promise<void>;
}

/** How to serve a world. */
export interface ServeOptions {
  /** Port to listen on; 0 picks a free one. */
  port?: number;
  /** Address to listen on (default 127.0.0.1); one off this machine needs `token`. */
  hostname?: string;
  /** A token every call must carry, app calls included; without it only admin calls need one. */
  token?: string;
  /** The token admin calls carry when `token` is not given (default: a random one, see {@link RunningServer.token}). */
  adminToken?: string;
  /** More Host names to answer to besides loopback and `hostname`, e.g. the machine's name; needs `token`. */
  allowHosts?: string[];
  /** The largest request body read, in bytes (default 1 MiB). */
  maxBodyBytes?: number;
  /** Limits on MCP sessions: how many, how long idle, and the clock. */
  sessions?: McpSessionOptions;
}

/** The shortest token accepted: long enough that it cannot be guessed over HTTP. */
export const MIN_TOKEN_LENGTH = 16;

/** A new random token for the world server. */
export function newWorldToken(): string {
  return randomBytes(32).toString('base64url');
}

function checkOptions(hostname: string, options: ServeOptions): void {
  for (const [name, token] of [
    ['token', options.token],
    ['adminToken', options.adminToken],
  ] as const) {
    if (token !== undefined && (token.length < MIN_TOKEN_LENGTH || /\s/.test(token))) {
      throw new ErrandError(
        'CONFIG_INVALID',
        `The world server ${name} must be at least ${MIN_TOKEN_LENGTH} characters with no spaces.`,
      );
    }
  }
  if (!options.token && !isLoopbackHost(hostname)) {
    throw new ErrandError(
      'CONFIG_INVALID',
      `Listening on ${hostname} would let anyone who can reach this machine move the sandbox's money; give the server a token that every call must carry, or listen on 127.0.0.1.`,
    );
  }
  if (!options.token && options.allowHosts?.length) {
    throw new ErrandError('CONFIG_INVALID', 'Answering to other host names needs a token as well.');
  }
}

/**
 * Serves a world host over HTTP, on loopback unless a token is given; port 0 picks a free port.
 * Admin calls always need a token; app calls need it when one was given.
 */
export async function serveWorld(host: WorldHost, options: ServeOptions = {}): Promise<RunningServer> {
  const hostname = options.hostname ?? '127.0.0.1';
  checkOptions(hostname, options);
  const token = options.token ?? options.adminToken ?? newWorldToken();
  let hosts: string[] = [];
  const { app, sessions } = createWorldApp(host, {
    access: {
      token,
      appsNeedToken: options.token !== undefined,
      hosts: () => hosts,
      maxBodyBytes: options.maxBodyBytes ?? MAX_BODY_BYTES,
    },
    sessions: options.sessions,
  });
  const { url, port, close } = await listen(app.fetch, hostname, options, (names) => {
    hosts = names;
  });
  return {
    url,
    port,
    token,
    close: async () => {
      sessions.closeAll();
      await close();
    },
  };
}
