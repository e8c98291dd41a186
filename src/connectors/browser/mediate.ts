import type { ErrorBody } from '../../errors.js';

/**
 * A request a page sends that could change something (any method but GET, HEAD and OPTIONS), held in
 * the browser until errand decides. On the world's screens it is the app's own tool call; anywhere else
 * it is a write of unknown effect to a host.
 */
export type PageRequest =
  | { kind: 'tool'; app: string; tool: string; input: Record<string, unknown>; method: string; url: string }
  /** A read a world screen was rendered from: shown to the guard and the journal, never refused after the fact. */
  | { kind: 'read'; app: string; tool: string; input: Record<string, unknown>; method: string; url: string }
  | {
      kind: 'web';
      host: string;
      method: string;
      url: string;
      body: string | null;
      /** Lets the request go on as it was sent; resolves with the site's status. */
      forward(): Promise<{ status: number }>;
    };

/** What becomes of a held request: an answer errand gives the page, or the site's own (forwarded). */
export type PageReply = { status: number; body: unknown } | { forwarded: true; status: number };

/** Decides each held request: the guard, through the runner. */
export type Mediator = (request: PageRequest) => Promise<PageReply>;

/** One held request and what became of it, for the result of the action that caused it. */
export interface MediatedRequest {
  call: string;
  input?: Record<string, unknown>;
  status: number;
  ok: boolean;
  data?: unknown;
  error?: ErrorBody;
}

const TOOL_PATH = /^(?:\/worlds\/[^/]+)?\/apps\/([a-z]+)\/tools\/([a-z_]+)$/;

/**
 * Reads a held request as the app's tool call when it goes to the world's JSON endpoint of a tool with
 * a JSON object body; the page's own idempotency key is dropped (errand gives each write its own).
 */
export function decodeToolCall(
  url: URL,
  worldOrigin: string | undefined,
  body: string | null,
): { app: string; tool: string; input: Record<string, unknown> } | undefined {
  if (!worldOrigin || url.origin !== worldOrigin) return undefined;
  const m = TOOL_PATH.exec(url.pathname);
  if (!m) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body ?? '{}');
  } catch {
    return undefined;
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return undefined;
  const { idempotency_key: _key, ...input } = parsed as Record<string, unknown>;
  return { app: m[1]!, tool: m[2]!, input };
}

/** With no one to decide, nothing a page sends that could change something leaves the browser. */
export const refuseAll: Mediator = async (request) => ({
  status: 403,
  body: {
    ok: false,
    error: {
      code: 'FORBIDDEN',
      message: `errand let nothing through: no guard is watching this page (${request.method} ${request.url}).`,
    },
  },
});

/** True when a host may be reached: the allowed names, and their subdomains. */
export function hostAllowed(host: string, allowed: readonly string[]): boolean {
  const h = host.toLowerCase();
  return allowed.some((a) => {
    const d = a.toLowerCase().replace(/^\*\./, '');
    return h === d || h.endsWith(`.${d}`);
  });
}
