import { Hono } from 'hono';
import { z } from 'zod';
import { ErrandError, toErrandError } from '../errors.js';
import { formatWorldTime } from './clock.js';
import type { WorldHost } from './host.js';
import { type AccessPolicy, checkBody, checkOrigin, requireToken } from './http-access.js';
import { mountAdmin } from './http-admin.js';
import { errorReply, readJson, type WorldEnv } from './http-json.js';
import { mountMcp } from './http-mcp.js';
import { mcpTools } from './mcp.js';
import { type McpSessionOptions, McpSessions } from './mcp-sessions.js';
import { mountScreens } from './screens/mount.js';

/** How a world's HTTP face admits callers and keeps MCP sessions. */
export interface WorldAppOptions {
  access: AccessPolicy;
  sessions?: McpSessionOptions;
}

/** The world's HTTP face, with the MCP sessions it holds (closed when the server stops). */
export interface WorldApp {
  app: Hono;
  sessions: McpSessions;
}

/**
 * The world's HTTP face: each app as MCP over Streamable HTTP and as JSON endpoints, and admin
 * endpoints (behind the token) to snapshot, restore, fork, advance and diff, and the apps' screens
 * under `/ui/<app>/…`. Forks answer under
 * `/worlds/<id>/`. Every request first passes the access policy.
 */
export function createWorldApp(host: WorldHost, options: WorldAppOptions): WorldApp {
  const { access } = options;
  const sessions = new McpSessions(options.sessions);
  const app = new Hono();

  app.onError((err, c) => errorReply(c, toErrandError(err).toJSON()));
  app.notFound((c) =>
    errorReply(c, { code: 'NOT_FOUND', message: `Nothing at ${c.req.method} ${c.req.path}.` }),
  );
  app.use('*', checkOrigin(access));
  if (access.appsNeedToken) app.use('*', requireToken(access));
  app.use('*', checkBody(access));

  const worlds = new Hono<WorldEnv>();
  worlds.use('/admin/*', requireToken(access));

  worlds.get('/', (c) => {
    const world = host.world(c.get('worldId'));
    return c.json({
      world: c.get('worldId'),
      seed: world.seed,
      persona: world.persona,
      now: formatWorldTime(world.now),
      apps: world.apps.map((a) => ({ name: a.name, title: a.title, tools: a.tools.length })),
    });
  });

  mountMcp(worlds, host, sessions);

  worlds.get('/apps/:app/tools', (c) => {
    const world = host.world(c.get('worldId'));
    const target = world.app(c.req.param('app'));
    if (!target) throw new ErrandError('NOT_FOUND', `No app "${c.req.param('app')}".`);
    return c.json({ app: target.name, tools: mcpTools(target) });
  });

  worlds.post('/apps/:app/tools/:tool', async (c) => {
    const world = host.world(c.get('worldId'));
    const input = await readJson(c, z.record(z.string(), z.unknown()));
    const result = world.call(c.req.param('app'), c.req.param('tool'), input);
    return result.ok ? c.json(result) : errorReply(c, result.error);
  });

  mountAdmin(worlds, host, sessions);
  mountScreens(worlds, host);

  const main = new Hono<WorldEnv>();
  main.use('*', async (c, next) => {
    c.set('worldId', 'main');
    await next();
  });
  const forked = new Hono<WorldEnv>();
  forked.use('*', async (c, next) => {
    c.set('worldId', c.req.param('wid') ?? 'main');
    await next();
  });
  main.route('/', worlds);
  forked.route('/', worlds);
  app.route('/worlds/:wid', forked);
  app.route('/', main);
  return { app, sessions };
}
