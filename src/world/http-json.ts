import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';
import { type ErrorBody, type ErrorCode, ErrandError } from '../errors.js';
import { formatZodError } from '../validation.js';

/** What every route of the world server knows: which world the path names. */
export type WorldEnv = { Variables: { worldId: string } };

const STATUS: Partial<Record<ErrorCode, ContentfulStatusCode>> = {
  INVALID_INPUT: 400,
  UNAUTHORIZED: 401,
  INSUFFICIENT_FUNDS: 402,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  UNKNOWN_TOOL: 404,
  TOO_LARGE: 413,
  INTERNAL: 500,
  STORAGE_FAILED: 507,
};

/** True when a path is an app's MCP endpoint, whose clients read errors in JSON-RPC's shape. */
function isMcpPath(path: string): boolean {
  return /\/apps\/[^/]+\/mcp\/?$/.test(path);
}

/**
 * A typed error as the world server answers it: `{ ok: false, error }`, or on an MCP endpoint a
 * JSON-RPC error whose `data` is the same typed error. The status follows the code unless given.
 */
export function errorReply(
  c: Context,
  error: ErrorBody,
  status: ContentfulStatusCode = STATUS[error.code] ?? 409,
  headers: Record<string, string> = {},
): Response {
  const body = isMcpPath(c.req.path)
    ? {
        jsonrpc: '2.0',
        error: { code: error.code === 'NOT_FOUND' ? -32001 : -32000, message: error.message, data: error },
        id: null,
      }
    : { ok: false, error };
  return c.json(body, status, headers);
}

/** Reads a JSON body (an empty one is `{}`) and checks it against a schema, or throws INVALID_INPUT. */
export async function readJson<T>(c: Context, schema: z.ZodType<T>): Promise<T> {
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
