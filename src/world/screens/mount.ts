import type { Hono } from 'hono';
import { toErrandError } from '../../errors.js';
import { calendarScreens } from '../apps/calendar/screens.js';
import { chatScreens } from '../apps/chat/screens.js';
import { foodScreens } from '../apps/food/screens.js';
import { inventoryScreens } from '../apps/inventory/screens.js';
import { ledgerScreens } from '../apps/ledger/screens.js';
import { mailScreens } from '../apps/mail/screens.js';
import { mapsScreens } from '../apps/maps/screens.js';
import { payScreens } from '../apps/pay/screens.js';
import { shopScreens } from '../apps/shop/screens.js';
import { trackerScreens } from '../apps/tracker/screens.js';
import type { WorldHost } from '../host.js';
import type { WorldEnv } from '../http-json.js';
import { SCREEN_CSS, SCREEN_JS } from './client.js';
import { appTitle, esc, page, type ScreenContext, screenContext } from './html.js';
import type { ScreenRoute } from './kit.js';

/** Every app's screens. */
export const SCREENS: ScreenRoute[] = [
  ...foodScreens,
  ...payScreens,
  ...chatScreens,
  ...calendarScreens,
  ...mapsScreens,
  ...shopScreens,
  ...mailScreens,
  ...ledgerScreens,
  ...inventoryScreens,
  ...trackerScreens,
];

const HEADERS = {
  'Content-Type': 'text/html; charset=utf-8',
  // Screens run only their own script, fetch only their own world, and are never framed.
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
  'X-Frame-Options': 'DENY',
  'Cache-Control': 'no-store',
  'Referrer-Policy': 'no-referrer',
};

function home(s: ScreenContext): string {
  // A browser errand operates says which apps its mandate opens; a person's own browser sees them all.
  const only = s.c.req.header('x-errand-apps')?.split(',');
  const apps = s.world.apps
    .filter((a) => !only || only.includes(a.name))
    .map(
      (a) =>
        `<li class="card"><a href="${esc(s.href(`/${a.name}`))}">${esc(appTitle(a.name, s.lang))}</a></li>`,
    );
  return page(
    s,
    '',
    s.t(`${s.world.persona.name} 的手机`, `${s.world.persona.name}'s phone`),
    `<ul class="list">${apps.join('')}</ul>`,
  );
}

/**
 * Serves the apps' screens under `/ui/<app>/…` on every world (forks included), behind the same
 * access rules as the rest of the world server. Pages read through the apps' read tools; their
 * forms write through the apps' own JSON endpoints, so a guard in the browser sees each write as
 * the tool call it is.
 */
export function mountScreens(worlds: Hono<WorldEnv>, host: WorldHost): void {
  worlds.get('/ui/_/screen.js', (c) =>
    c.body(SCREEN_JS, 200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'no-store' }),
  );
  worlds.get('/ui/_/screen.css', (c) =>
    c.body(SCREEN_CSS, 200, { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'no-store' }),
  );
  const routes: ScreenRoute[] = [['/ui', home], ...SCREENS];
  for (const [path, render] of routes) {
    worlds.get(path, (c) => {
      const s = screenContext(c, host.world(c.get('worldId')));
      try {
        const html = render(s);
        // Which app reads the page shows, so a guard in the browser can see what the person saw.
        return c.body(html, 200, {
          ...HEADERS,
          'X-Errand-Reads': encodeURIComponent(JSON.stringify(s.reads)),
        });
      } catch (err) {
        const e = toErrandError(err);
        const status = e.code === 'NOT_FOUND' ? 404 : e.code === 'INVALID_INPUT' ? 400 : 409;
        return c.body(
          page(
            s,
            path.split('/')[2] ?? '',
            s.t('出错了', 'Something went wrong'),
            `<p role="alert">${esc(e.message)}</p>`,
          ),
          status,
          HEADERS,
        );
      }
    });
  }
}
