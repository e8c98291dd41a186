import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Hono } from 'hono';
import { ErrandError } from '../../errors.js';
import type { Caller } from '../access.js';
import type { ErrandDesk, WorldPool } from '../../errands/index.js';
import { listErrands, viewErrand } from '../errand-views.js';
import { worldState } from '../world-state.js';
import { consoleScript } from './client.js';
import {
  auditPage,
  benchPage,
  errandPage,
  historyPage,
  layout,
  loginPage,
  newErrandPage,
  problemPage,
  worldPage,
} from './pages.js';
import { CONSOLE_CSS } from './style.js';

/** What the console's pages need. */
export interface ConsoleDeps {
  desk: ErrandDesk;
  worlds: WorldPool;
  /** Where `errand bench` writes its reports. */
  benchDir: string;
  /** The model errands use when none is chosen, as the form shows it. */
  defaultModel: string;
}

/** A bench report's file name: no folders, only the HTML the bench writes. */
const REPORT_NAME = /^[\w.-]+\.html$/;

/**
 * A bench report may run its own script (its charts), but only in a sandbox: an opaque origin that
 * can reach neither the console's session nor its API.
 */
const REPORT_CSP =
  "sandbox allow-scripts; default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:";

function benchReports(dir: string): { name: string; size: number; modified: number }[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .filter((n) => REPORT_NAME.test(n))
    .map((name) => {
      const s = statSync(join(dir, name));
      return { name, size: s.size, modified: s.mtimeMs };
    })
    .sort((a, b) => b.modified - a.modified);
}

/** The web console: server-rendered pages and one small script that follows an errand live. */
export function consoleRoutes(deps: ConsoleDeps): Hono<{ Variables: { caller: Caller } }> {
  const { desk, worlds } = deps;
  const app = new Hono<{ Variables: { caller: Caller } }>();
  const script = consoleScript();
  const page = (
    c: { get(k: 'caller'): Caller },
    title: string,
    name: string,
    body: Parameters<typeof layout>[1],
    data?: Record<string, string>,
  ) => layout({ title, page: name, session: c.get('caller') === 'session', data }, body);

  app.get('/console.css', (c) =>
    c.body(CONSOLE_CSS, 200, { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'no-cache' }),
  );
  app.get('/console.js', (c) =>
    c.body(script, 200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'no-cache' }),
  );
  app.get('/favicon.ico', (c) => c.body(null, 204));
  app.get('/login', (c) => c.html(page(c, 'Log in', 'login', loginPage())));
  app.get('/', (c) =>
    c.html(page(c, 'New errand', 'new', newErrandPage(worlds.personas, deps.defaultModel))),
  );
  app.get('/errands/:id', (c) => {
    const { summary } = viewErrand(desk, c.req.param('id'));
    return c.html(
      page(c, summary.request.slice(0, 40), 'errand', errandPage(summary), {
        errand: summary.id,
        request: summary.request,
      }),
    );
  });
  app.get('/history', (c) => {
    const q = (c.req.query('q') ?? '').slice(0, 200);
    return c.html(page(c, 'History', 'history', historyPage(listErrands(desk, { q, limit: 200 }), q)));
  });
  app.get('/audit', (c) => c.html(page(c, 'Audit', 'audit', auditPage(desk.journal.verifyAll()))));
  app.get('/world', async (c) => {
    const persona = c.req.query('persona') ?? worlds.personas[0]!;
    const sandbox = await worlds.get(persona);
    return c.html(page(c, 'World', 'world', worldPage(worldState(sandbox), worlds.personas)));
  });
  app.get('/bench', (c) =>
    c.html(page(c, 'Bench', 'bench', benchPage(benchReports(deps.benchDir), deps.benchDir))),
  );
  app.get('/bench/:name', (c) => {
    const name = c.req.param('name');
    if (!benchReports(deps.benchDir).some((r) => r.name === name))
      throw new ErrandError('NOT_FOUND', `No bench report "${name.slice(0, 80)}".`);
    return c.body(readFileSync(join(deps.benchDir, name)), 200, {
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': REPORT_CSP,
    });
  });
  return app;
}

export { problemPage };
