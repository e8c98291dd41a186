import { z } from 'zod';
import type { ErrorBody } from '../errors.js';
import { EFFECT_ACTS, type Effect } from '../world/tool.js';

/** A tool an app offers, as a connector lists it. */
export interface RemoteTool {
  name: string;
  description: string;
  inputSchema: Record<string, unknown>;
  /** errand's effect declaration, when the app carries one (the sandbox apps do). */
  effect: Effect | undefined;
  /** MCP annotations, when the server gives them. */
  annotations: { readOnlyHint?: boolean; destructiveHint?: boolean; idempotentHint?: boolean } | undefined;
}

/** What a tool call came back with: data, or a typed error. */
export type ToolOutcome = { ok: true; data: unknown } | { ok: false; error: ErrorBody };

/** Options for one tool call. */
export interface CallOptions {
  signal?: AbortSignal;
  /** Give up after this long; default 30 s. */
  timeoutMs?: number;
}

/** The only way errand touches an app. */
export interface Connector {
  /** The app's name as errand shows it and prefixes its tools with. */
  readonly name: string;
  /**
   * Whether errand believes what this server says its tools do (errand's own sandbox, or a server the
   * config marks trusted). An untrusted server's effects and annotations are hints only: every tool of
   * it is a write of unknown effect.
   */
  readonly trusted: boolean;
  listTools(): Promise<RemoteTool[]>;
  callTool(name: string, args: Record<string, unknown>, options?: CallOptions): Promise<ToolOutcome>;
  close(): Promise<void>;
}

/** Schema of an effect declaration read from a tool's `_meta`. */
export const effectSchema = z.object({
  kind: z.enum(['read', 'write', 'irreversible']),
  act: z.enum(EFFECT_ACTS).optional(),
  target: z.string().optional(),
  merchant: z.string().optional(),
  amount: z.string().optional(),
  payee: z.string().optional(),
  recipients: z.string().optional(),
  address: z.string().optional(),
  notifies: z.string().optional(),
  items: z.string().optional(),
});
