import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';
import { type ErrorBody, type ErrorCode, ErrandError } from '../errors.js';
import { formatZodError } from '../validation.js';

const STATUS: Partial<Record<ErrorCode, ContentfulStatusCode>> = {
  INVALID_INPUT: 400,
  CONFIG_INVALID: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  LIMIT_EXCEEDED: 429,
  TOO_LARGE: 413,
  JOURNAL_DAMAGED: 500,
  INTERNAL: 500,
  STORAGE_FAILED: 507,
};

/** A typed error as `errand serve` answers it: `{ ok: false, error }`, with the status its code calls for. */
export function errorReply(
  c: Context,
  error: ErrorBody,
  status: ContentfulStatusCode = STATUS[error.code] ?? 409,
  headers: Record<string, string> = {},
): Response {
  return c.json({ ok: false, error }, status, headers);
}

/** Reads a JSON body (an empty one is `{}`) against a schema, or throws INVALID_INPUT saying what is wrong. */
export async function readBody<T>(c: Context, schema: z.ZodType<T>): Promise<T> {
  let body: unknown = {};
  const text = await c.req.text();
  if (text.trim()) {
    try {
      body = JSON.parse(text);
    } catch (err) {
      throw new ErrandError(
        'INVALID_INPUT',
        `The request body is not valid JSON (${(err as Error).message}); send one JSON object.`,
      );
    }
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new ErrandError('INVALID_INPUT', formatZodError(parsed.error, schema));
  return parsed.data;
}
