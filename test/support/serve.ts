import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Journal } from '../../src/agent/journal.js';
import { resolveModel, useModel } from '../../src/models/registry.js';
import { PolicyModel } from '../../src/models/testing.js';
import { type RunningServe, type ServeOptions, startServe } from '../../src/serve/index.js';
import { lunchPolicy } from './policies.js';

/** A served errand with what the test needs to reach it and clean up. */
export interface TestServe extends RunningServe {
  journal: Journal;
  log: string[];
  stop(): Promise<void>;
}

/**
 * Starts `errand serve` in this process on port 0, with a signed journal in a fresh folder. Models: the
 * shipped scripted model playing the lunch errand as `scripted:lunch`, the provider registry otherwise,
 * errand's recipes when none is named.
 */
export async function startTestServe(options: Partial<ServeOptions> = {}): Promise<TestServe> {
  const dir = mkdtempSync(join(tmpdir(), 'errand-serve-'));
  const journal = new Journal(join(dir, 'errand.db'), { auditKey: randomBytes(32) });
  const log: string[] = [];
  const serve = await startServe({
    journal,
    port: 0,
    benchDir: join(dir, 'bench-results'),
    models: (ref) =>
      ref === 'scripted:lunch'
        ? useModel(new PolicyModel(lunchPolicy(), 'lunch'))
        : ref
          ? resolveModel(ref, {})
          : undefined,
    log: (line) => log.push(line),
    ...options,
  });
  return {
    ...serve,
    journal,
    log,
    stop: async () => {
      await serve.close();
      journal.close();
    },
  };
}

/** One HTTP call's answer, body parsed when it is JSON. */
export interface Reply {
  status: number;
  headers: Headers;
  body: any;
}

/** Calls the API with a JSON body (or raw text when `raw` is given). */
export async function call(
  base: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Reply> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    redirect: 'manual',
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, headers: response.headers, body: parsed };
}

/** One Server-Sent Event as read off the wire. */
export interface SseEvent {
  event: string;
  id: string | undefined;
  data: any;
}

/**
 * Reads an errand's event stream as any client would, over a real connection: calls `onEvent` with
 * each event as it arrives, and resolves with them all once the server sends `end` (or after `timeoutMs`).
 */
export async function readEvents(
  base: string,
  id: string,
  options: {
    headers?: Record<string, string>;
    onEvent?: (e: SseEvent) => void | Promise<void>;
    timeoutMs?: number;
  } = {},
): Promise<SseEvent[]> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeoutMs ?? 20_000);
  const events: SseEvent[] = [];
  try {
    const response = await fetch(`${base}/api/errands/${id}/events`, {
      headers: { accept: 'text/event-stream', ...options.headers },
      signal: controller.signal,
    });
    if (!response.ok || !response.body) throw new Error(`events: HTTP ${response.status}`);
    const decoder = new TextDecoder();
    let buffer = '';
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(chunk, { stream: true });
      let cut = buffer.indexOf('\n\n');
      while (cut >= 0) {
        const block = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        cut = buffer.indexOf('\n\n');
        const fields: Record<string, string> = {};
        for (const line of block.split('\n')) {
          const at = line.indexOf(':');
          if (at <= 0) continue;
          const key = line.slice(0, at);
          fields[key] = (fields[key] ? `${fields[key]}\n` : '') + line.slice(at + 1).replace(/^ /, '');
        }
        if (!fields.event && !fields.data) continue;
        const event = {
          event: fields.event ?? 'message',
          id: fields.id,
          data: JSON.parse(fields.data ?? 'null'),
        };
        events.push(event);
        await options.onEvent?.(event);
        if (event.event === 'end') {
          controller.abort();
          return events;
        }
      }
    }
    return events;
  } catch (err) {
    if (controller.signal.aborted) return events;
    throw err;
  } finally {
    clearTimeout(timer);
  }
}
