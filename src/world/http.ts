import { randomUUID } from 'node:crypto';
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import { type Context, Hono } from 'hono';
import { z } from 'zod';
import { type ErrorBody, type ErrorCode, ErrandError, toErrandError } from '../errors.js';
import { formatWorldTime } from './clock.js';
import type { WorldHost } from './host.js';
import { createAppMcpServer, mcpTools } from './mcp.js';
import { formatZodError } from '../validation.js';

const STATUS: Partial<Record<ErrorCode, 400 | 402 | 403 | 404 | 409 | 422 | 500 | 507>> = {
  INVALID_INPUT: 400,
  NOT_FOUND: 404,
  UNKNOWN_TOOL: 404,
  FORBIDDEN: 403,
  INSUFFICIENT_FUNDS: 402,
  STORAGE_FAILED: 507,
  INTERNAL: 500,
};

function fail(c: Context, error: ErrorBody) {
  return c.json({ ok: false, error }, STATUS[error.code] ?? 409);
}

async function readJson<T>(c: Context, schema: z.ZodType<T>): Promise<T> {
  let body: unknown = {};
  const text = await c.req.text();
  if (text.trim()) {
    try {
      body = JSON.parse(text);
    } catch {
      throw new ErrandError('INVALID_INPUT', 'The request body is not valid JSON.');
    }
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new ErrandError('INVALID_INPUT', formatZodError(parsed.error));
  return parsed.data;
}

const plantBody = z.object({
  app: z.enum(['maps', 'pay', 'food', 'chat', 'calendar', 'shop']).describe('The app holding the field.'),
  table: z.string().describe('The table of the untrusted field.'),
  column: z.string().describe('The untrusted column.'),
  id: z.string().describe('The row id.'),
  text: z.string().describe('The text to plant.'),
  mode: z.enum(['replace', 'append']).optional().describe('Replace the text or append to it.'),
});

/**
 * The world's HTTP face: each app as MCP over Streamable HTTP and as JSON endpoints,
 * and admin endpoints to snapshot, restore, fork, advance and diff. Forks answer under `/worlds/<id>/`.
 */
export function createWorldApp(host: WorldHost): Hono {
  const app = new Hono();
  const sessions = new Map<string, WebStandardStreamableHTTPServerTransport>();

  app.onError((err, c) => fail(c, toErrandError(err).toJSON()));
  app.notFound((c) => fail(c, { code: 'NOT_FOUND', message: `Nothing at ${c.req.method} ${c.req.path}.` }));

  const worlds = new Hono<{ Variables: { worldId: string } }>();

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

  worlds.all('/apps/:app/mcp', async (c) => {
    const world = host.world(c.get('worldId'));
    const appName = c.req.param('app');
    if (!world.app(appName)) throw new ErrandError('NOT_FOUND', `No app "${appName}".`);
    const sessionId = c.req.header('mcp-session-id');
    const existing = sessionId ? sessions.get(sessionId) : undefined;
    if (existing) return existing.handleRequest(c.req.raw);
    if (sessionId) {
      return c.json({ jsonrpc: '2.0', error: { code: -32001, message: 'Session not found' }, id: null }, 404);
    }
    const transport = new WebStandardStreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      enableJsonResponse: true,
      onsessioninitialized: (id) => {
        sessions.set(id, transport);
      },
      onsessionclosed: (id) => {
        sessions.delete(id);
      },
    });
    transport.onclose = () => {
      if (transport.sessionId) sessions.delete(transport.sessionId);
    };
    await createAppMcpServer(world, appName).connect(transport);
    return transport.handleRequest(c.req.raw);
  });

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
    return result.ok ? c.json(result) : fail(c, result.error);
  });

  worlds.post('/admin/snapshot', (c) => c.json({ snapshot: host.snapshot(c.get('worldId')) }));

  worlds.post('/admin/restore', async (c) => {
    const { snapshot } = await readJson(c, z.object({ snapshot: z.string().describe('A snapshot id.') }));
    const world = host.world(c.get('worldId'));
    world.restore(host.getSnapshot(snapshot));
    return c.json({ restored: snapshot, now: formatWorldTime(world.now) });
  });

  worlds.post('/admin/fork', async (c) => {
    const { snapshot } = await readJson(
      c,
      z.object({ snapshot: z.string().optional().describe('Fork this snapshot.') }),
    );
    return c.json({ world: host.fork(c.get('worldId'), snapshot) });
  });

  worlds.post('/admin/drop', (c) => {
    host.drop(c.get('worldId'));
    return c.json({ dropped: c.get('worldId') });
  });

  worlds.post('/admin/advance', async (c) => {
    const { minutes } = await readJson(
      c,
      z.object({ minutes: z.number().nonnegative().max(525_600).describe('How far to move the clock.') }),
    );
    const world = host.world(c.get('worldId'));
    world.advance(minutes * 60_000);
    return c.json({ now: formatWorldTime(world.now) });
  });

  worlds.get('/admin/diff', (c) => {
    const from = c.req.query('from');
    if (!from)
      throw new ErrandError('INVALID_INPUT', 'Say which snapshot to diff from: ?from=<snapshot id>.');
    const to = c.req.query('to');
    const world = host.world(c.get('worldId'));
    return c.json(world.diff(host.getSnapshot(from), to ? host.getSnapshot(to) : undefined));
  });

  worlds.post('/admin/plant', async (c) => {
    host.world(c.get('worldId')).plant(await readJson(c, plantBody));
    return c.json({ planted: true });
  });

  const main = new Hono<{ Variables: { worldId: string } }>();
  main.use('*', async (c, next) => {
    c.set('worldId', 'main');
    await next();
  });
  const forked = new Hono<{ Variables: { worldId: string } }>();
  forked.use('*', async (c, next) => {
    c.set('worldId', c.req.param('wid') ?? 'main');
    await next();
  });
  main.route('/', worlds);
  forked.route('/', worlds);
  app.route('/worlds/:wid', forked);
  app.route('/', main);
  return app;
}
