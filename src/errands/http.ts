/**
 * `errand mcp --http`: the errand MCP server over Streamable HTTP, on loopback only, with the world
 * server's checks in front — its own Host names only (no DNS rebinding), no browser page of another
 * origin, JSON bodies of bounded size — and a token on every call, since every call can start an
 * errand that spends the person's money or answer one of its approvals.
 */
import { Hono } from 'hono';
import { toErrandError } from '../errors.js';
import {
  answerMcp,
  checkBody,
  checkOrigin,
  errorReply,
  listen,
  MAX_BODY_BYTES,
  McpSessions,
  requireToken,
} from '../world/index.js';
import type { ErrandDesk } from './desk.js';
import { createErrandMcpServer } from './mcp.js';

/** A running errand MCP server. */
export interface ErrandMcpHttp {
  /** The MCP endpoint, e.g. http://127.0.0.1:41234/mcp */
  url: string;
  port: number;
  close(): Promise<void>;
}

/** How to serve errand over MCP Streamable HTTP. */
export interface ErrandMcpHttpOptions {
  /** The token every call carries as `Authorization: Bearer <token>`. */
  token: string;
  /** Port on 127.0.0.1; 0 picks a free one. */
  port?: number;
  /** The largest request body read, in bytes (default 1 MiB). */
  maxBodyBytes?: number;
}

/** Serves a desk of errands as MCP over Streamable HTTP on 127.0.0.1, every call behind the token. */
export async function serveErrandMcp(
  desk: ErrandDesk,
  options: ErrandMcpHttpOptions,
): Promise<ErrandMcpHttp> {
  let hosts: string[] = [];
  const policy = {
    token: options.token,
    appsNeedToken: true,
    hosts: () => hosts,
    maxBodyBytes: options.maxBodyBytes ?? MAX_BODY_BYTES,
  };
  const sessions = new McpSessions();
  const app = new Hono();
  app.onError((err, c) => errorReply(c, toErrandError(err).toJSON()));
  app.notFound((c) =>
    errorReply(c, { code: 'NOT_FOUND', message: `Nothing at ${c.req.path}; errand answers MCP at /mcp.` }),
  );
  app.use('*', checkOrigin(policy), requireToken(policy), checkBody(policy));
  app.all('/mcp', async (c) => {
    return answerMcp(
      c,
      sessions,
      { worldId: 'errand', app: 'errand' },
      {
        connect: (transport) => createErrandMcpServer(desk).connect(transport),
        unknownSession:
          'Session not found: no open MCP session with that id here; it may have expired. Start a new one.',
      },
    );
  });
  const listening = await listen(app.fetch, '127.0.0.1', options, (names) => {
    hosts = names;
  });
  return {
    url: `${listening.url}/mcp`,
    port: listening.port,
    close: async () => {
      sessions.closeAll();
      await listening.close();
    },
  };
}
