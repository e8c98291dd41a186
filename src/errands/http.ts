/**
 * `errand mcp --http`: the errand MCP server over Streamable HTTP, on loopback only, with the world
 * server's checks in front — its own Host names only (no DNS rebinding), no browser page of another
 * origin, JSON bodies of bounded size — and a token on every call, since every call can start an
 * errand that spends the person's money or answer one of its approvals.
 */
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import { Hono } from 'hono';
import { toErrandError } from '../errors.js';
import {
  allowedHosts,
  checkBody,
  checkOrigin,
  errorReply,
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
    const sessionId = c.req.header('mcp-session-id');
    if (sessionId) {
      const transport = sessions.find(sessionId, 'errand', 'errand');
      if (transport) return transport.handleRequest(c.req.raw);
      return errorReply(c, {
        code: 'NOT_FOUND',
        message:
          'Session not found: no open MCP session with that id here; it may have expired. Start a new one.',
      });
    }
    try {
      sessions.reserve();
    } catch (err) {
      return errorReply(c, toErrandError(err).toJSON(), 503);
    }
    try {
      const transport: WebStandardStreamableHTTPServerTransport =
        new WebStandardStreamableHTTPServerTransport({
          sessionIdGenerator: () => randomUUID(),
          enableJsonResponse: true,
          onsessioninitialized: (id) => sessions.add(id, transport, 'errand', 'errand'),
          onsessionclosed: (id) => sessions.remove(id),
        });
      transport.onclose = () => {
        if (transport.sessionId) sessions.remove(transport.sessionId);
      };
      await createErrandMcpServer(desk).connect(transport);
      const response = await transport.handleRequest(c.req.raw);
      if (!transport.sessionId) await transport.close();
      return response;
    } finally {
      sessions.release();
    }
  });
  return new Promise((resolve, reject) => {
    const server = serve(
      { fetch: app.fetch, port: options.port ?? 0, hostname: '127.0.0.1' },
      (info: AddressInfo) => {
        hosts = allowedHosts('127.0.0.1', info.port);
        resolve({
          url: `http://127.0.0.1:${info.port}/mcp`,
          port: info.port,
          close: () =>
            new Promise<void>((done) => {
              sessions.closeAll();
              if ('closeAllConnections' in server) server.closeAllConnections();
              server.close(() => done());
            }),
        });
      },
    );
    if ('keepAliveTimeout' in server) server.keepAliveTimeout = 0;
    server.once('error', reject);
  });
}
