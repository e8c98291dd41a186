import { Hono } from 'hono';
import { z } from 'zod';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { ErrandDesk, WorldPool } from '../errands/index.js';
import { ErrandError } from '../errors.js';
import { type Caller, isToken, SESSION_COOKIE, type ServeAccess } from './access.js';
import { answerErrand, cancelErrand, errandEventsOf, listErrands, viewErrand } from './errand-views.js';
import { errandEvents } from './event-stream.js';
import { openApiDocument } from './openapi.js';
import { readBody } from './reply.js';
import { answerSchema, sessionSchema, startSchema } from './start-request.js';
import { worldState } from './world-state.js';

/** What the API routes need. */
export interface ApiDeps {
  desk: ErrandDesk;
  worlds: WorldPool;
  access: ServeAccess;
}

/** The JSON API under `/api`: errands (start, list, read, stream, answer, cancel), the audit, the worlds, sessions. */
export function apiRoutes(deps: ApiDeps): Hono<{ Variables: { caller: Caller } }> {
  const { desk, worlds, access } = deps;
  const api = new Hono<{ Variables: { caller: Caller } }>();

  api.get('/openapi.json', (c) => c.json(openApiDocument()));

  api.post('/session', async (c) => {
    const { token } = await readBody(c, sessionSchema);
    if (access.token === undefined) return c.json({ ok: true, needed: false });
    if (!isToken(token, access.token))
      throw new ErrandError(
        'UNAUTHORIZED',
        'That is not this server’s token; it is in errand’s home, in serve-token.',
      );
    setCookie(c, SESSION_COOKIE, access.sessions.open(), {
      httpOnly: true,
      sameSite: 'Strict',
      path: '/',
      maxAge: 12 * 3600,
    });
    return c.json({ ok: true, needed: true });
  });

  api.delete('/session', (c) => {
    access.sessions.close(getCookie(c, SESSION_COOKIE));
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.json({ ok: true });
  });

  api.post('/errands', async (c) => {
    const { mode, url, allowDomain, ...start } = await readBody(c, startSchema);
    const { errandId: id, note } = await desk.start({
      ...start,
      screens: { mode, ...(url ? { url } : {}), ...(allowDomain ? { allowDomain } : {}) },
    });
    return c.json(
      {
        ok: true,
        id,
        status: 'running',
        note,
        links: { self: `/api/errands/${id}`, events: `/api/errands/${id}/events`, console: `/errands/${id}` },
      },
      202,
      { Location: `/api/errands/${id}` },
    );
  });

  api.get('/errands', (c) => {
    const limit = Math.min(Math.max(Number.parseInt(c.req.query('limit') ?? '50', 10) || 50, 1), 500);
    return c.json({ ok: true, errands: listErrands(desk, { q: c.req.query('q'), limit }) });
  });

  api.get('/errands/:id', (c) => c.json({ ok: true, ...viewErrand(desk, c.req.param('id')) }));

  api.get('/errands/:id/events', (c) => {
    const id = c.req.param('id');
    if ((c.req.header('accept') ?? '').includes('application/json'))
      return c.json({ ok: true, events: errandEventsOf(desk, id) });
    return errandEvents(c, desk, id);
  });

  api.post('/errands/:id/answers', async (c) => {
    const { questionId, ...reply } = await readBody(c, answerSchema);
    const answer = answerErrand(desk, c.req.param('id'), questionId, reply);
    return c.json({ ok: true, answer });
  });

  api.post('/errands/:id/cancel', async (c) => {
    await readBody(c, z.strictObject({}));
    const cancelled = await cancelErrand(desk, c.req.param('id'));
    return c.json({ ok: true, cancelled }, cancelled ? 202 : 200);
  });

  api.get('/errands/:id/audit', (c) => {
    const id = c.req.param('id');
    viewErrand(desk, id);
    return c.json({ ok: true, audit: desk.journal.verify(id) });
  });

  api.get('/audit', (c) => c.json({ ok: true, audit: desk.journal.verifyAll() }));

  api.get('/worlds', async (c) =>
    c.json({ ok: true, personas: worlds.personas, running: [...(await worlds.started()).keys()] }),
  );

  api.get('/worlds/:persona', async (c) => {
    const sandbox = await worlds.get(c.req.param('persona'));
    return c.json({ ok: true, world: worldState(sandbox) });
  });

  return api;
}
