import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EFFECT_META_KEY } from '../src/world/mcp.js';
import { APPS, type RunningServer, serveWorld, World, WorldHost } from '../src/world/index.js';
import { cliCommand } from './support/cli.js';
import { createRng, generateInput, idPool } from './support/inputs.js';

/** The official MCP client lists and calls every app's tools, over Streamable HTTP and over stdio. */
const reference = World.open({ seed: 5 });
const ids = idPool(reference);

function exampleInputs(appName: string, toolName: string): Record<string, unknown>[] {
  const app = reference.app(appName)!;
  const examples = (app.examples?.[toolName] ?? []).map((e) =>
    typeof e === 'function' ? e(reference.db) : e,
  );
  return examples;
}

async function exercise(client: Client, appName: string): Promise<{ ok: number; errors: number }> {
  const app = reference.app(appName)!;
  const { tools } = await client.listTools();
  expect(tools.map((t) => t.name).sort()).toEqual(app.tools.map((t) => t.name).sort());
  let ok = 0;
  let errors = 0;
  for (const tool of tools) {
    expect(tool._meta?.[EFFECT_META_KEY]).toBeDefined();
    const rng = createRng(3, tool.name);
    const inputs = [
      ...exampleInputs(appName, tool.name),
      generateInput(tool.inputSchema as never, ids, rng, ''),
    ];
    for (const [i, input] of inputs.entries()) {
      const args = tool.annotations?.readOnlyHint
        ? input
        : { ...(input as object), idempotency_key: `interop-${i}` };
      // The client validates structuredContent against the tool's outputSchema.
      const result = await client.callTool({ name: tool.name, arguments: args as Record<string, unknown> });
      if (result.isError) {
        const text = (result.content as { text: string }[])[0]!.text;
        expect(JSON.parse(text).error.code).toMatch(/^[A-Z_]+$/);
        errors++;
      } else {
        expect(result.structuredContent).toBeTypeOf('object');
        ok++;
      }
    }
  }
  const unknown = await client.callTool({ name: 'no_such_tool', arguments: {} });
  expect(unknown.isError).toBe(true);
  return { ok, errors };
}

async function connect(transport: Transport): Promise<Client> {
  const client = new Client({ name: 'errand-interop-test', version: '1.0.0' });
  await client.connect(transport);
  return client;
}

describe('MCP over Streamable HTTP', () => {
  let host: WorldHost;
  let server: RunningServer;
  beforeAll(async () => {
    host = WorldHost.open({ seed: 5 });
    server = await serveWorld(host, { port: 0 });
  });
  afterAll(async () => {
    await server.close();
    host.close();
  });

  it.each(APPS.map((a) => a.name))('lists and calls every %s tool', async (appName) => {
    const client = await connect(
      new StreamableHTTPClientTransport(new URL(`${server.url}/apps/${appName}/mcp`)),
    );
    const { ok } = await exercise(client, appName);
    expect(ok).toBeGreaterThan(0);
    await client.close();
  });

  it('a payment over MCP changes the served world, and HTTP JSON sees it', async () => {
    const client = await connect(new StreamableHTTPClientTransport(new URL(`${server.url}/apps/pay/mcp`)));
    const paid = await client.callTool({
      name: 'transfer',
      arguments: { to_account_id: 'p_zhangwei', amount_fen: 888, memo: 'interop', idempotency_key: 'http-1' },
    });
    expect(paid.isError).toBeFalsy();
    await client.close();
    const res = await fetch(`${server.url}/apps/pay/tools/list_transactions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    const body = (await res.json()) as {
      data: { transactions: { memo: string; amount: { amount: number } }[] };
    };
    expect(body.data.transactions.find((t) => t.memo === 'interop')?.amount.amount).toBe(888);
  });
});

describe('MCP over stdio (errand world mcp <app>)', () => {
  it.each(APPS.map((a) => a.name))('lists and calls every %s tool', async (appName) => {
    const { command, args } = cliCommand(['world', 'mcp', appName, '--seed', '5']);
    const client = await connect(new StdioClientTransport({ command, args, stderr: 'pipe' }));
    const { ok } = await exercise(client, appName);
    expect(ok).toBeGreaterThan(0);
    await client.close();
  });
});
