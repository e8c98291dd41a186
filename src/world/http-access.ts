import { createHash, timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { errorReply } from './http-json.js';

/**
 * Who may call the world server. A web page the person opens, or a DNS-rebinding host, must not
 * be able to move the sandbox's money: requests must name this server in Host, come from no other
 * browser origin, be JSON, be small, and carry the token where one is needed.
 */
export interface AccessPolicy {
  /** The secret admin calls carry as `Authorization: Bearer <token>`. */
  token: string;
  /** App calls (MCP and JSON) need the token too, as they must when the server is reachable off this machine. */
  appsNeedToken: boolean;
  /** The Host header values the server answers to (`name:port`); read per request, as the port is known only once listening. */
  hosts: () => readonly string[];
  /** The largest request body read, in bytes. */
  maxBodyBytes: number;
}

/** The default body limit: far above any tool call, far below what could hurt the process. */
export const MAX_BODY_BYTES = 1024 * 1024;

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];

/** True for addresses and names that reach only this machine. */
export function isLoopbackHost(hostname: string): boolean {
  const name = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  return name === 'localhost' || name === '::1' || /^(::ffff:)?127(\.\d{1,3}){3}$/.test(name);
}

/** The Host header values a server on `hostname:port` answers to: its loopback names, plus `extra` names. */
export function allowedHosts(hostname: string, port: number, extra: readonly string[] = []): string[] {
  const own = hostname.includes(':') && !hostname.startsWith('[') ? `[${hostname}]` : hostname;
  const wildcard = ['0.0.0.0', '[::]'].includes(own);
  const names = new Set(
    [...LOOPBACK_NAMES, ...(wildcard ? [] : [own]), ...extra].map((n) => n.toLowerCase()),
  );
  return [...names].flatMap((n) => (port === 80 ? [`${n}:80`, n] : [`${n}:${port}`]));
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

/** True when the request carries the token as a Bearer credential (compared in constant time). */
function hasToken(c: Context, token: string): boolean {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header('authorization') ?? '');
  return !!match && timingSafeEqual(digest(match[1]!), digest(token));
}

/**
 * Refuses requests from anywhere but this server's own names: a foreign Host (DNS rebinding), a
 * browser page of another origin (Origin), or a cross-site browser request (Sec-Fetch-Site).
 */
export function checkOrigin(policy: AccessPolicy): MiddlewareHandler {
  return async (c, next) => {
    const hosts = policy.hosts();
    const hostHeader = (c.req.header('host') ?? '').toLowerCase();
    if (!hosts.includes(hostHeader)) {
      return errorReply(c, {
        code: 'FORBIDDEN',
        message: `This server does not answer to the host "${hostHeader}"; call it as http://${hosts[0]}.`,
      });
    }
    const origin = c.req.header('origin');
    if (origin !== undefined && !hosts.some((h) => origin.toLowerCase() === `http://${h}`)) {
      return errorReply(c, {
        code: 'FORBIDDEN',
        message: `Requests from the web page origin "${origin}" are refused: only errand and tools on this machine may call the sandbox world.`,
      });
    }
    const site = c.req.header('sec-fetch-site');
    if (site === 'cross-site' || site === 'same-site') {
      return errorReply(c, {
        code: 'FORBIDDEN',
        message: 'Requests a browser sends for another site are refused.',
      });
    }
    await next();
  };
}

/** Requires the token as `Authorization: Bearer <token>`; a missing or wrong one gets 401. */
export function requireToken(policy: AccessPolicy): MiddlewareHandler {
  return async (c, next) => {
    if (!hasToken(c, policy.token)) {
      return errorReply(
        c,
        {
          code: 'UNAUTHORIZED',
          message:
            'This call needs the world server token as "Authorization: Bearer <token>" (errand world serve prints where it is kept).',
        },
        401,
        { 'WWW-Authenticate': 'Bearer' },
      );
    }
    await next();
  };
}

/**
 * Requires a JSON body on every POST, so that a browser cannot send one as a "simple" cross-origin
 * request (text/plain and forms skip the CORS preflight), and stops reading a body past the limit.
 */
export function checkBody(policy: AccessPolicy): MiddlewareHandler {
  const limit = bodyLimit({
    maxSize: policy.maxBodyBytes,
    // Connection: close makes the server drop the socket instead of draining the rest of the body.
    onError: (c) =>
      errorReply(
        c,
        {
          code: 'TOO_LARGE',
          message: `The request body is over ${policy.maxBodyBytes} bytes, the most this server reads.`,
        },
        413,
        { Connection: 'close' },
      ),
  });
  return async (c, next) => {
    if (['POST', 'PUT', 'PATCH'].includes(c.req.method)) {
      const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
      if (type !== 'application/json') {
        return errorReply(
          c,
          {
            code: 'INVALID_INPUT',
            message: `Send the body as JSON with "Content-Type: application/json" (got "${type || 'none'}").`,
          },
          415,
        );
      }
    }
    return limit(c, next);
  };
}
