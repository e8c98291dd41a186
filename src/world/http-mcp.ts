import { randomUUID } from 'node:crypto';
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import type { Context, Hono } from 'hono';
import { ErrandError, toErrandError } from '../errors.js';
import type { WorldHost } from './host.js';
import { errorReply, type WorldEnv } from './http-json.js';
import { createAppMcpServer } from './mcp.js';
import type { McpSessions } from './mcp-sessions.js';

/**
 * Serves each app as MCP over Streamable HTTP at `apps/<app>/mcp`. A request with a session id
 * goes to that session only if it was opened on this world and app; one without starts a session.
 */
export function mountMcp(worlds: Hono<WorldEnv>, host: WorldHost, sessions: McpSessions): void {
  worlds.all('/apps/:app/mcp', async (c) => {
    const worldId = c.get('worldId');
    const world = host.world(worldId);
    const appName = c.req.param('app');
    if (!world.app(appName)) throw new ErrandError('NOT_FOUND', `No app "${appName}".`);
    return answerMcp(
      c,
      sessions,
      { worldId, app: appName },
      {
        connect: (transport) => createAppMcpServer(world, appName).connect(transport),
        unknownSession: `Session not found: no open MCP session with that id for the ${appName} app here; it may have expired. Start a new one.`,
      },
    );
  });
}

/** Where an MCP session was opened: a world and one of its apps, or a server of its own (`errand mcp`). */
export interface McpScope {
  worldId: string;
  app: string;
}

/**
 * Answers one Streamable HTTP request to an MCP server: a request naming a session goes to that
 * session only if it was opened in the same scope; one naming none starts a session, within the
 * sessions' limit, and a request that started none leaves nothing behind.
 */
export async function answerMcp(
  c: Context,
  sessions: McpSessions,
  scope: McpScope,
  server: {
    connect: (transport: WebStandardStreamableHTTPServerTransport) => Promise<void>;
    /** What a caller is told when its session is not open here. */
    unknownSession: string;
  },
): Promise<Response> {
  const sessionId = c.req.header('mcp-session-id');
  if (sessionId) {
    const transport = sessions.find(sessionId, scope.worldId, scope.app);
    if (transport) return transport.handleRequest(c.req.raw);
    return errorReply(c, { code: 'NOT_FOUND', message: server.unknownSession });
  }
  try {
    sessions.reserve();
  } catch (err) {
    return errorReply(c, toErrandError(err).toJSON(), 503);
  }
  try {
    const transport: WebStandardStreamableHTTPServerTransport = new WebStandardStreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      enableJsonResponse: true,
      onsessioninitialized: (id) => sessions.add(id, transport, scope.worldId, scope.app),
      onsessionclosed: (id) => sessions.remove(id),
    });
    transport.onclose = () => {
      if (transport.sessionId) sessions.remove(transport.sessionId);
    };
    await server.connect(transport);
    const response = await transport.handleRequest(c.req.raw);
    if (!transport.sessionId) await transport.close();
    return response;
  } finally {
    sessions.release();
  }
}
