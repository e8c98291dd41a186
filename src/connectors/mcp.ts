import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { type ErrorBody, ErrandError, isErrorCode } from '../errors.js';
import { EFFECT_META_KEY } from '../world/mcp.js';
import {
  type CallOptions,
  type Connector,
  effectSchema,
  type RemoteTool,
  type ToolOutcome,
} from './types.js';

/** Where an MCP server is: a Streamable HTTP URL, or a command speaking MCP on stdio. */
export type McpEndpoint = (
  | { url: string; headers?: Record<string, string> }
  | { command: string; args?: string[]; env?: Record<string, string>; cwd?: string }
) & {
  /** Believe the server's own account of what its tools do (default: no, they are hints). */
  trusted?: boolean;
};

const DEFAULT_TIMEOUT_MS = 30_000;

function errorFromContent(content: unknown): ErrorBody {
  const text = Array.isArray(content)
    ? content.map((c: { type?: string; text?: string }) => (c.type === 'text' ? c.text : '')).join('\n')
    : '';
  try {
    const parsed = JSON.parse(text) as { error?: { code?: unknown; message?: unknown } };
    if (parsed.error && isErrorCode(parsed.error.code) && typeof parsed.error.message === 'string') {
      return { code: parsed.error.code, message: parsed.error.message };
    }
  } catch {
    // a plain-text error from a server errand did not write
  }
  return { code: 'TOOL_FAILED', message: text.trim() || 'The tool reported an error without a message.' };
}

function dataFromContent(result: { structuredContent?: unknown; content?: unknown }): unknown {
  if (result.structuredContent !== undefined) return result.structuredContent;
  const parts = Array.isArray(result.content) ? (result.content as { type: string; text?: string }[]) : [];
  const texts = parts.filter((p) => p.type === 'text').map((p) => p.text ?? '');
  const others = parts.filter((p) => p.type !== 'text').map((p) => `[${p.type} content omitted]`);
  const text = [...texts, ...others].join('\n');
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

const LIST_TOOLS_TIMEOUT_MS = 60_000;

/** A connection to one MCP server, over Streamable HTTP or stdio, through the official client. */
export class McpConnector implements Connector {
  readonly #client = new Client({ name: 'errand', version: '0.1.0' });
  #closedReason: string | undefined;
  #stderr = '';
  /** How long listing the tools may take: as long as connecting did, and at least the SDK's usual minute. */
  #setupTimeoutMs = LIST_TOOLS_TIMEOUT_MS;

  readonly trusted: boolean;

  private constructor(
    readonly name: string,
    private readonly endpoint: McpEndpoint,
  ) {
    this.trusted = endpoint.trusted === true;
  }

  /** Connects, or fails with CONNECTOR_FAILED saying which server and why. */
  static async connect(name: string, endpoint: McpEndpoint, timeoutMs = 15_000): Promise<McpConnector> {
    const connector = new McpConnector(name, endpoint);
    await connector.open(timeoutMs);
    return connector;
  }

  private async open(timeoutMs: number): Promise<void> {
    this.#setupTimeoutMs = Math.max(timeoutMs, LIST_TOOLS_TIMEOUT_MS);
    let transport: Transport;
    if ('url' in this.endpoint) {
      transport = new StreamableHTTPClientTransport(new URL(this.endpoint.url), {
        requestInit: this.endpoint.headers ? { headers: this.endpoint.headers } : undefined,
      });
    } else {
      const stdio = new StdioClientTransport({
        command: this.endpoint.command,
        args: this.endpoint.args ?? [],
        env: { ...(process.env as Record<string, string>), ...this.endpoint.env },
        cwd: this.endpoint.cwd,
        stderr: 'pipe',
      });
      stdio.stderr?.on('data', (chunk: Buffer) => {
        this.#stderr = (this.#stderr + chunk.toString()).slice(-2000);
      });
      transport = stdio;
    }
    this.#client.onclose = () => {
      this.#closedReason ??= `the ${this.name} server closed the connection${this.stderrTail()}`;
    };
    try {
      await this.#client.connect(transport, { timeout: timeoutMs });
    } catch (err) {
      throw new ErrandError(
        'CONNECTOR_FAILED',
        `Could not connect to the ${this.name} app (${describe(this.endpoint)}): ${(err as Error).message}${this.stderrTail()}`,
      );
    }
  }

  private stderrTail(): string {
    const tail = this.#stderr.trim().split('\n').slice(-3).join(' | ');
    return tail ? ` (server said: ${tail})` : '';
  }

  async listTools(): Promise<RemoteTool[]> {
    this.assertOpen();
    const tools: RemoteTool[] = [];
    let cursor: string | undefined;
    do {
      let page: Awaited<ReturnType<Client['listTools']>>;
      try {
        // Listing tools is part of connecting: it gets as long as the connection did.
        page = await this.#client.listTools(cursor ? { cursor } : {}, { timeout: this.#setupTimeoutMs });
      } catch (err) {
        throw new ErrandError(
          'CONNECTOR_FAILED',
          `Could not list the ${this.name} app's tools (${describe(this.endpoint)}): ${(err as Error).message}${this.stderrTail()}`,
        );
      }
      for (const t of page.tools) {
        const effect = effectSchema.safeParse(t._meta?.[EFFECT_META_KEY]);
        tools.push({
          name: t.name,
          description: t.description ?? t.title ?? t.name,
          inputSchema: t.inputSchema as Record<string, unknown>,
          effect: effect.success ? effect.data : undefined,
          annotations: t.annotations,
        });
      }
      cursor = page.nextCursor;
    } while (cursor);
    return tools;
  }

  async callTool(
    name: string,
    args: Record<string, unknown>,
    options: CallOptions = {},
  ): Promise<ToolOutcome> {
    this.assertOpen();
    const timeout = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    try {
      const result = await this.#client.callTool({ name, arguments: args }, undefined, {
        timeout,
        signal: options.signal,
      });
      if (result.isError) return { ok: false, error: errorFromContent(result.content) };
      return {
        ok: true,
        data: dataFromContent(result as { structuredContent?: unknown; content?: unknown }),
      };
    } catch (err) {
      const message = (err as Error).message ?? String(err);
      if (options.signal?.aborted)
        return { ok: false, error: { code: 'CANCELLED', message: 'The call was cancelled.' } };
      if (/timed out|timeout/i.test(message)) {
        return {
          ok: false,
          error: {
            code: 'CONNECTOR_FAILED',
            message: `The ${this.name} app did not answer ${name} within ${timeout / 1000} s.`,
          },
        };
      }
      return {
        ok: false,
        error: {
          code: 'CONNECTOR_FAILED',
          message: this.#closedReason
            ? `The ${this.name} app is unavailable: ${this.#closedReason}.`
            : `Calling ${this.name}.${name} failed: ${message}${this.stderrTail()}`,
        },
      };
    }
  }

  private assertOpen(): void {
    if (this.#closedReason) {
      throw new ErrandError(
        'CONNECTOR_FAILED',
        `The ${this.name} app is unavailable: ${this.#closedReason}.`,
      );
    }
  }

  async close(): Promise<void> {
    this.#closedReason ??= 'closed by errand';
    await this.#client.close().catch(() => undefined);
  }
}

function describe(endpoint: McpEndpoint): string {
  return 'url' in endpoint ? endpoint.url : [endpoint.command, ...(endpoint.args ?? [])].join(' ');
}
