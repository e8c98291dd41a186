import type { World } from '../world/index.js';
import { mcpTools } from '../world/mcp.js';
import type { Connector, RemoteTool, ToolOutcome } from './types.js';

/**
 * One sandbox app called in the same process, with no protocol in between. For benchmarks of the
 * runtime's own overhead and for fast unit tests; real errands use MCP.
 */
export class InProcessConnector implements Connector {
  /** errand's own sandbox: its effect declarations are believed. */
  readonly trusted = true;

  constructor(
    private readonly world: World,
    readonly name: string,
  ) {}

  async listTools(): Promise<RemoteTool[]> {
    const app = this.world.app(this.name);
    if (!app) return [];
    return mcpTools(app).map((t, i) => ({
      name: t.name,
      description: t.description ?? t.name,
      inputSchema: t.inputSchema as Record<string, unknown>,
      effect: app.tools[i]!.effect,
      annotations: t.annotations,
    }));
  }

  async callTool(name: string, args: Record<string, unknown>): Promise<ToolOutcome> {
    const result = this.world.call(this.name, name, args);
    return result.ok ? { ok: true, data: result.data } : { ok: false, error: result.error };
  }

  async close(): Promise<void> {}
}

/** In-process connectors for every app of a world. */
export function inProcessConnectors(world: World): Connector[] {
  return world.apps.map((a) => new InProcessConnector(world, a.name));
}
