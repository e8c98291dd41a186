import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { CallToolRequestSchema, ListToolsRequestSchema, type Tool } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import type { AppModule } from './app.js';
import type { ToolDef } from './tool.js';
import type { CallResult, World } from './world.js';

/** The `_meta` key under which each tool carries errand's effect declaration. */
export const EFFECT_META_KEY = 'errand/effect';

const VERSION = '0.1.0';

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
  return rest;
}

/** One tool definition as MCP lists it: JSON schemas, annotations, and the effect in `_meta`. */
export function toMcpTool(app: AppModule, tool: ToolDef): Tool {
  const output = jsonSchema(tool.output, 'output');
  return {
    name: tool.name,
    title: tool.title,
    description: tool.description,
    inputSchema: jsonSchema(tool.input, 'input') as Tool['inputSchema'],
    ...(output.type === 'object' ? { outputSchema: output as Tool['outputSchema'] } : {}),
    annotations: {
      title: tool.title,
      readOnlyHint: tool.effect.kind === 'read',
      destructiveHint: tool.effect.kind === 'irreversible',
      idempotentHint: true,
      openWorldHint: false,
    },
    _meta: { [EFFECT_META_KEY]: tool.effect, 'errand/app': app.name },
  };
}

const toolLists = new WeakMap<AppModule, Tool[]>();

/** The MCP tool list of an app, built once. */
export function mcpTools(app: AppModule): Tool[] {
  let tools = toolLists.get(app);
  if (!tools) {
    tools = app.tools.map((t) => toMcpTool(app, t));
    toolLists.set(app, tools);
  }
  return tools;
}

/** A tool result in MCP's shape: structured data on success, `isError` with the typed error otherwise. */
export function toMcpResult(result: CallResult): {
  content: { type: 'text'; text: string }[];
  [k: string]: unknown;
} {
  if (result.ok) {
    const data = result.data as Record<string, unknown>;
    return { content: [{ type: 'text', text: JSON.stringify(data) }], structuredContent: data };
  }
  return { isError: true, content: [{ type: 'text', text: JSON.stringify({ error: result.error }) }] };
}

/** An MCP server for one app of a world; it calls the world's current state on every request. */
export function createAppMcpServer(world: World, appName: string): Server {
  const app = world.app(appName);
  if (!app) throw new Error(`No app "${appName}"`);
  const server = new Server(
    { name: `errand-world-${app.name}`, title: `${app.title.en} (${app.title.zh})`, version: VERSION },
    { capabilities: { tools: {} }, instructions: `The ${app.title.en} app of errand's sandbox world.` },
  );
  server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools: mcpTools(app) }));
  server.setRequestHandler(CallToolRequestSchema, async (request) =>
    toMcpResult(world.call(app.name, request.params.name, request.params.arguments ?? {})),
  );
  return server;
}
