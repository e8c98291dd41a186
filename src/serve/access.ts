import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { getCookie } from 'hono/cookie';
import { errorReply } from './reply.js';

/** Who may call `errand serve`, and how much they may send. */
export interface ServeAccess {
  /** The secret every call must carry (as a Bearer token, or a console session made with it); undefined when none is needed. */
  token: string | undefined;
  /** The Host header values the server answers to (`name:port`), known once it listens. */
  hosts: () => readonly string[];
  /** The largest request body read, in bytes. */
  maxBodyBytes: number;
  sessions: ConsoleSessions;
}

/** The console's session cookie: HttpOnly and SameSite=Strict, so no page script and no other site can use it. */
export const SESSION_COOKIE = 'errand_session';

/** How long a console session lasts without use. */
const SESSION_IDLE_MS = 12 * 3600_000;

/**
 * Console sessions opened with the token. The browser keeps only a random session id in a cookie, never
 * the token itself; a restarted server forgets them all.
 */
export class ConsoleSessions {
  readonly #sessions = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Opens a session and returns its id. */
  open(): string {
    const id = randomBytes(32).toString('base64url');
    this.#sessions.set(id, this.now());
    return id;
  }

  /** True when `id` names a live session (and keeps it alive). */
  check(id: string | undefined): boolean {
    if (!id) return false;
    const seen = this.#sessions.get(id);
    if (seen === undefined) return false;
    if (this.now() - seen > SESSION_IDLE_MS) {
      this.#sessions.delete(id);
      return false;
    }
    this.#sessions.set(id, this.now());
    return true;
  }

  /** Ends a session. */
  close(id: string | undefined): void {
    if (id) this.#sessions.delete(id);
  }
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

/** True when `given` is the token (compared in constant time). */
export function isToken(given: string, token: string): boolean {
  return timingSafeEqual(digest(given), digest(token));
}

/** Headers that keep every page and answer out of frames, caches and other sites' hands. */
export function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'no-referrer');
    c.header('X-Frame-Options', 'DENY');
    if (!c.res.headers.get('Content-Security-Policy'))
      c.header(
        'Content-Security-Policy',
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
      );
    if (!c.res.headers.get('Cache-Control')) c.header('Cache-Control', 'no-store');
  };
}

/** True for a browser opening a page of the console from a link (a read that changes nothing). */
function isPageNavigation(c: Context): boolean {
  return (
    c.req.method === 'GET' &&
    !c.req.path.startsWith('/api/') &&
    c.req.header('sec-fetch-mode') === 'navigate' &&
    c.req.header('sec-fetch-dest') === 'document'
  );
}

/**
 * Refuses requests that do not name this server in Host (DNS rebinding), that come from a page of
 * another origin, or that a browser sends on another site's behalf; a link from elsewhere may still
 * open a page of the console.
 */
export function checkOrigin(access: ServeAccess): MiddlewareHandler {
  return async (c, next) => {
    const hosts = access.hosts();
    const host = (c.req.header('host') ?? '').toLowerCase();
    if (!hosts.includes(host))
      return errorReply(c, {
        code: 'FORBIDDEN',
        message: `errand serve does not answer to the host "${host.slice(0, 100)}"; open it as http://${hosts[0]}.`,
      });
    const origin = c.req.header('origin');
    if (
      origin !== undefined &&
      origin !== 'null' &&
      !hosts.some((h) => origin.toLowerCase() === `http://${h}`)
    )
      return errorReply(c, {
        code: 'FORBIDDEN',
        message: `Requests from the web page origin "${origin.slice(0, 100)}" are refused: only errand's own console may call this server from a browser.`,
      });
    const site = c.req.header('sec-fetch-site');
    if ((site === 'cross-site' || site === 'same-site' || origin === 'null') && !isPageNavigation(c))
      return errorReply(c, {
        code: 'FORBIDDEN',
        message: 'Requests a browser sends for another site are refused.',
      });
    await next();
  };
}

/**
 * Requires a JSON body on every write, so no page can send one as a "simple" cross-origin request
 * (forms and text/plain skip the CORS preflight), and stops reading a body past the limit.
 */
export function checkBody(access: ServeAccess): MiddlewareHandler {
  const limit = bodyLimit({
    maxSize: access.maxBodyBytes,
    onError: (c) =>
      errorReply(
        c,
        {
          code: 'TOO_LARGE',
          message: `The request body is over ${access.maxBodyBytes} bytes, the most errand serve reads.`,
        },
        413,
        { Connection: 'close' },
      ),
  });
  return async (c, next) => {
    if (['POST', 'PUT', 'PATCH', 'DELETE'].includes(c.req.method)) {
      const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
      const empty = c.req.method === 'DELETE' && !c.req.header('content-length');
      if (type !== 'application/json' && !empty)
        return errorReply(
          c,
          {
            code: 'INVALID_INPUT',
            message: `Send the body as JSON with "Content-Type: application/json" (got "${type.slice(0, 60) || 'none'}").`,
          },
          415,
        );
    }
    return limit(c, next);
  };
}

/** How a request proved who it is: a Bearer token, a console session, or nothing needed. */
export type Caller = 'token' | 'session' | 'open';

/** Paths anyone who passed the Host and Origin checks may reach: the login page and what it needs. */
const OPEN_PATHS = new Set([
  '/login',
  '/api/session',
  '/console.css',
  '/console.js',
  '/favicon.ico',
  '/api/openapi.json',
]);

/**
 * Requires the token where one is set: `Authorization: Bearer <token>` from programs, or the session
 * cookie the console gets by logging in with it. A console session's writes must also come from the
 * console's own origin. A page without either goes to the login page; an API call gets 401.
 */
export function requireCaller(access: ServeAccess): MiddlewareHandler<{ Variables: { caller: Caller } }> {
  return async (c, next) => {
    const token = access.token;
    if (token === undefined) {
      c.set('caller', 'open');
      return next();
    }
    const bearer = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header('authorization') ?? '')?.[1];
    if (bearer !== undefined && isToken(bearer, token)) {
      c.set('caller', 'token');
      return next();
    }
    if (bearer === undefined && access.sessions.check(getCookie(c, SESSION_COOKIE))) {
      if (c.req.method !== 'GET' && c.req.method !== 'HEAD' && c.req.header('origin') === undefined)
        return errorReply(c, {
          code: 'FORBIDDEN',
          message: 'A console session can change things only from the console page itself.',
        });
      c.set('caller', 'session');
      return next();
    }
    if (OPEN_PATHS.has(c.req.path)) {
      c.set('caller', 'open');
      return next();
    }
    if (!c.req.path.startsWith('/api/') && c.req.method === 'GET') return c.redirect('/login', 303);
    return errorReply(
      c,
      {
        code: 'UNAUTHORIZED',
        message:
          bearer === undefined
            ? 'This call needs the server token as "Authorization: Bearer <token>" (errand serve keeps it in errand\'s home, in the file serve-token).'
            : "The token given is not this server's token.",
      },
      401,
      { 'WWW-Authenticate': 'Bearer' },
    );
  };
}
