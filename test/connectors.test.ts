import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { McpConnector } from '../src/connectors/mcp.js';
import type { Connector } from '../src/connectors/types.js';
import { call, finish, ScriptedModel } from '../src/models/testing.js';
import { runInProcess } from './support/agent.js';

/** errand with MCP servers it did not write, and with servers that crash or hang. */
const flaky = fileURLToPath(new URL('./fixtures/flaky-mcp-server.ts', import.meta.url));
const bin = (name: string) => fileURLToPath(new URL(`../node_modules/.bin/${name}`, import.meta.url));
const open: Connector[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.close()));
});
async function connect(
  name: string,
  endpoint: Parameters<typeof McpConnector.connect>[1],
): Promise<McpConnector> {
  const c = await McpConnector.connect(name, endpoint);
  open.push(c);
  return c;
}

describe('MCP servers errand did not write', () => {
  it('runs an errand with the official filesystem server', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'errand-fs-'));
    writeFileSync(join(dir, 'shopping.txt'), 'milk, eggs, 宫保鸡丁\n');
    const fs = await connect('files', { command: bin('mcp-server-filesystem'), args: [dir] });
    const tools = (await fs.listTools()).map((t) => t.name);
    expect(tools).toContain('read_text_file');
    const model = new ScriptedModel([
      { calls: [call('files_read_text_file', { path: join(dir, 'shopping.txt') })] },
      { calls: [finish('read the list')] },
    ]);
    const { report } = await runInProcess(model, 'read my shopping list', { connectors: [fs] });
    expect(report).toMatchObject({ status: 'finished', failedActions: 0 });
    expect(JSON.stringify(model.seen[1]!.prompt)).toContain('宫保鸡丁');
  });

  it('runs an errand with the official everything server, trusting its annotations only when told to', async () => {
    const everything = await connect('everything', {
      command: bin('mcp-server-everything'),
      args: ['stdio'],
      trusted: true,
    });
    const tools = await everything.listTools();
    expect(tools.length).toBeGreaterThan(3);
    const echo = tools.find((t) => t.name === 'echo');
    expect(echo).toBeDefined();
    const model = new ScriptedModel([
      { calls: [call('everything_echo', { message: 'hello errand' })] },
      { calls: [finish('ok')] },
    ]);
    const { report, journal, errandId } = await runInProcess(model, 'echo', { connectors: [everything] });
    expect(report.failedActions).toBe(0);
    expect(JSON.stringify(model.seen[1]!.prompt)).toContain('hello errand');
    const proposed = journal.events(errandId).find((e) => e.type === 'action.proposed') as {
      effect: { kind: string };
    };
    expect(proposed.effect.kind).toBe(echo!.annotations?.readOnlyHint ? 'read' : 'irreversible');

    // Not marked trusted, the same server's word counts for nothing: echo is a write of unknown effect.
    const untrusted = await connect('stranger', { command: bin('mcp-server-everything'), args: ['stdio'] });
    const again = await runInProcess(
      new ScriptedModel([{ calls: [call('stranger_echo', { message: 'hi' })] }, { calls: [finish('ok')] }]),
      'echo',
      { connectors: [untrusted] },
    );
    const seen = again.journal.events(again.errandId).find((e) => e.type === 'action.proposed') as {
      effect: { kind: string };
    };
    expect(seen.effect.kind).toBe('irreversible');
  });
});

describe('a misbehaving server', () => {
  it('crashes mid-errand: the action fails with a clear message and the errand ends cleanly', async () => {
    const server = await connect('flaky', { command: process.execPath, args: ['--import', 'tsx', flaky] });
    const model = new ScriptedModel([
      { calls: [call('flaky_echo', { text: 'hi' })] },
      { calls: [call('flaky_crash')] },
      { calls: [call('flaky_echo', { text: 'still there?' })] },
      { calls: [finish('the app is down', [], 'blocked')] },
    ]);
    const { report, journal, errandId } = await runInProcess(model, 'x', { connectors: [server] });
    expect(report).toMatchObject({ status: 'finished', outcome: 'blocked', failedActions: 2 });
    const failures = journal.events(errandId).filter((e) => e.type === 'action.failed') as {
      error: { code: string; message: string };
    }[];
    expect(failures.map((f) => f.error.code)).toEqual(['CONNECTOR_FAILED', 'CONNECTOR_FAILED']);
    expect(failures[1]!.error.message).toMatch(/flaky app is unavailable/);
  });

  it('hangs: the call times out and the model hears so', async () => {
    const server = await connect('flaky', { command: process.execPath, args: ['--import', 'tsx', flaky] });
    const model = new ScriptedModel([
      { calls: [call('flaky_hang')] },
      { calls: [finish('gave up', [], 'blocked')] },
    ]);
    const { report } = await runInProcess(model, 'x', { connectors: [server], actionTimeoutMs: 300 });
    expect(report).toMatchObject({ status: 'finished', failedActions: 1 });
    expect(JSON.stringify(model.seen[1]!.prompt)).toMatch(/did not answer hang within 0.3 s/);
  });

  it('cannot be reached: connecting fails with the server named', async () => {
    await expect(
      McpConnector.connect('ghost', { command: process.execPath, args: ['-e', 'process.exit(2)'] }),
    ).rejects.toThrow(/Could not connect to the ghost app/);
    await expect(McpConnector.connect('nohttp', { url: 'http://127.0.0.1:9/mcp' }, 2000)).rejects.toThrow(
      /nohttp/,
    );
  });
});
