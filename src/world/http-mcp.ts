import { randomUUID } from 'node:crypto';
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import type { Hono } from 'hono';
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
    const sessionId = c.req.header('mcp-session-id');
    if (sessionId) {
      const transport = sessions.find(sessionId, worldId, appName);
      if (transport) return transport.handleRequest(c.req.raw);
      return errorReply(c, {
        code: 'NOT_FOUND',
        message: `Session not found: no open MCP session with that id for the ${appName} app here; it may have expired. Start a new one.`,
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
          onsessioninitialized: (id) => sessions.add(id, transport, worldId, appName),
          onsessionclosed: (id) => sessions.remove(id),
        });
      transport.onclose = () => {
        if (transport.sessionId) sessions.remove(transport.sessionId);
      };
      await createAppMcpServer(world, appName).connect(transport);
      const response = await transport.handleRequest(c.req.raw);
      // A request that did not start a session leaves nothing behind.
      if (!transport.sessionId) await transport.close();
      return response;
    } finally {
      sessions.release();
    }
  });
}
