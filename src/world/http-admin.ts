import type { Hono } from 'hono';
import { z } from 'zod';
import { ErrandError } from '../errors.js';
import { APP_NAMES } from './app.js';
import { formatWorldTime } from './clock.js';
import type { WorldHost } from './host.js';
import { readJson, type WorldEnv } from './http-json.js';
import type { McpSessions } from './mcp-sessions.js';

const plantBody = z.object({
  app: z.enum(APP_NAMES).describe('The app holding the field.'),
  table: z.string().describe('The table of the untrusted field.'),
  column: z.string().describe('The untrusted column.'),
  id: z.string().describe('The row id.'),
  text: z.string().describe('The text to plant.'),
  mode: z.enum(['replace', 'append']).optional().describe('Replace the text or append to it.'),
});

/**
 * The admin endpoints under `admin/`: snapshot, export, restore, fork, drop, advance, diff and plant.
 * The caller mounts them behind the token check.
 */
export function mountAdmin(worlds: Hono<WorldEnv>, host: WorldHost, sessions: McpSessions): void {
  worlds.post('/admin/snapshot', (c) => c.json({ snapshot: host.snapshot(c.get('worldId')) }));

  // A whole copy of the world's state as an SQLite file: `errand run --world URL` reads the person's
  // contacts and addresses from it before acting, as it would from a world in its own process.
  worlds.get('/admin/export', (c) => {
    const bytes = host.world(c.get('worldId')).snapshot().bytes;
    return c.body(new Uint8Array(bytes), 200, { 'Content-Type': 'application/vnd.sqlite3' });
  });

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
    sessions.closeWorld(c.get('worldId'));
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
}
