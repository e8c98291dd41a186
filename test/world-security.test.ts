import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, serveWorld, WorldHost } from '../src/world/index.js';
import { cliCommand, runCli } from './support/cli.js';
import { floodRequest, rawRequest } from './support/raw-http.js';

/**
 * The world server against callers it must not trust: web pages the person opens (forged Origin,
 * text/plain "simple" requests), DNS-rebinding hosts (a foreign Host), huge bodies, admin calls
 * without the token, and MCP sessions used where they were not opened or after they expired.
 * Every refusal is checked by what a person would check: nothing in any world changed.
 */

const IDLE_MS = 60_000;
let clock = 1_000_000;
let host: WorldHost;
let server: RunningServer;
let forkId: string;
const clients: Client[] = [];

beforeAll(async () => {
  host = WorldHost.open({ seed: 7 });
  forkId = host.fork('main');
  server = await serveWorld(host, { port: 0, sessions: { idleMs: IDLE_MS, now: () => clock } });
});
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
});
afterAll(async () => {
  await server.close();
  host.close();
});

/** Everything a caller could have changed: every world's whole state and clock, the worlds, the snapshots. */
function effects() {
  const main = host.main;
  return {
    worlds: [...host.worlds.keys()].sort(),
    snapshots: [...host.snapshots.keys()].sort(),
    state: [...host.worlds].map(
      ([id, w]) => `${id} ${w.now} ${createHash('sha256').update(w.snapshot().bytes).digest('hex')}`,
    ),
    balances: main.db.prepare('SELECT id, balance FROM pay_accounts ORDER BY id').all(),
    transactions: main.db.prepare('SELECT COUNT(*) AS n FROM pay_transactions').get(),
  };
}

/** Runs the attack and checks it changed nothing at all. */
async function expectNoEffect<T>(attack: () => Promise<T>): Promise<T> {
  const before = effects();
  const result = await attack();
  expect(effects()).toEqual(before);
  return result;
}

let keys = 0;
const transfer = () =>
  JSON.stringify({ to_account_id: 'p_wangfang', amount_fen: 100, idempotency_key: `atk-${++keys}` });
const hostHeader = () => `127.0.0.1:${server.port}`;

/** A typed error with a sentence, in the server's own shape. */
function expectTypedError(json: any, code: string): void {
  const error = json.ok === false ? json.error : json.error?.data;
  expect(error?.code).toBe(code);
  expect(error?.message).toMatch(/\w+ \w+ \w+.*\.$/);
}

const INIT = JSON.stringify({
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'evil', version: '1' } },
});
const MCP_HEADERS = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };

function toolCall(name: string, args: Record<string, unknown>): string {
  return JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name, arguments: args } });
}

/**
 * What a hostile page or host would do over MCP: initialize and, if a session comes of it, move
 * money through it. Returns the answer to the initialize.
 */
async function mcpAttack(headers: Record<string, string>) {
  const init = await rawRequest(server.url, {
    path: '/apps/pay/mcp',
    headers: { ...headers, ...MCP_HEADERS },
    body: INIT,
  });
  const sessionId = init.headers['mcp-session-id'];
  if (typeof sessionId === 'string') {
    const session = { ...headers, ...MCP_HEADERS, 'mcp-session-id': sessionId };
    const initialized = JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' });
    await rawRequest(server.url, { path: '/apps/pay/mcp', headers: session, body: initialized });
    await rawRequest(server.url, {
      path: '/apps/pay/mcp',
      headers: session,
      body: toolCall('transfer', JSON.parse(transfer())),
    });
  }
  return init;
}

async function openSession(path: string): Promise<{ client: Client; sessionId: string }> {
  const transport = new StreamableHTTPClientTransport(new URL(`${server.url}${path}`));
  const client = new Client({ name: 'errand-security-test', version: '1' });
  await client.connect(transport);
  clients.push(client);
  return { client, sessionId: transport.sessionId! };
}

describe('a web page the person opens', () => {
  it('cannot move money with a text/plain "simple" request from its own origin', async () => {
    const res = await expectNoEffect(() =>
      rawRequest(server.url, {
        path: '/apps/pay/tools/transfer',
        headers: { host: hostHeader(), origin: 'http://evil.example', 'content-type': 'text/plain' },
        body: transfer(),
      }),
    );
    expect(res.status).toBe(403);
    expectTypedError(res.json, 'FORBIDDEN');
  });

  it('cannot move money with a JSON request from a foreign origin, nor from "null"', async () => {
    for (const origin of ['http://evil.example', 'null', `http://localhost:${server.port + 1}`]) {
      const res = await expectNoEffect(() =>
        rawRequest(server.url, {
          path: '/apps/pay/tools/transfer',
          headers: { host: hostHeader(), origin, 'content-type': 'application/json' },
          body: transfer(),
        }),
      );
      expect(res.status, origin).toBe(403);
    }
  });

  it('cannot move money with a cross-site request that carries no Origin', async () => {
    const res = await expectNoEffect(() =>
      rawRequest(server.url, {
        path: '/apps/pay/tools/transfer',
        headers: { host: hostHeader(), 'sec-fetch-site': 'cross-site', 'content-type': 'application/json' },
        body: transfer(),
      }),
    );
    expect(res.status).toBe(403);
  });

  it('cannot post a form or text, even without an Origin', async () => {
    for (const type of [
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
    ]) {
      const res = await expectNoEffect(() =>
        rawRequest(server.url, {
          path: '/apps/pay/tools/transfer',
          headers: { host: hostHeader(), 'content-type': type },
          body: transfer(),
        }),
      );
      expect(res.status, type).toBe(415);
      expectTypedError(res.json, 'INVALID_INPUT');
    }
  });

  it('cannot start an MCP session', async () => {
    const res = await expectNoEffect(() => mcpAttack({ host: hostHeader(), origin: 'http://evil.example' }));
    expect(res.status).toBe(403);
    expect(res.headers['mcp-session-id']).toBeUndefined();
    expectTypedError(res.json, 'FORBIDDEN');
  });
});

describe('a DNS-rebinding host', () => {
  it('cannot move money: a foreign Host is refused, with or without its own Origin', async () => {
    const evil = `evil.example:${server.port}`;
    const forged: Record<string, string>[] = [{ host: evil }, { host: evil, origin: `http://${evil}` }];
    for (const headers of forged) {
      const res = await expectNoEffect(() =>
        rawRequest(server.url, {
          path: '/apps/pay/tools/transfer',
          headers: { ...headers, 'content-type': 'application/json' },
          body: transfer(),
        }),
      );
      expect(res.status).toBe(403);
      expectTypedError(res.json, 'FORBIDDEN');
    }
  });

  it('cannot start an MCP session or read the world', async () => {
    const evil = `evil.example:${server.port}`;
    const init = await expectNoEffect(() => mcpAttack({ host: evil }));
    expect(init.status).toBe(403);
    expect(init.headers['mcp-session-id']).toBeUndefined();
    const read = await rawRequest(server.url, { method: 'GET', path: '/', headers: { host: evil } });
    expect(read.status).toBe(403);
  });
});

describe('huge bodies', () => {
  it('are refused with 413 after reading at most a little past the limit', async () => {
    for (const declaredLength of [300 * 1024 * 1024, undefined]) {
      const res = await expectNoEffect(() =>
        floodRequest(server.url, '/apps/pay/tools/transfer', { maxBytes: 32 * 1024 * 1024, declaredLength }),
      );
      expect(res.status, declaredLength ? 'Content-Length' : 'chunked').toBe(413);
      expect(res.sent).toBeLessThan(16 * 1024 * 1024);
      expectTypedError(res.json, 'TOO_LARGE');
    }
    // The server still answers afterwards.
    const after = await fetch(`${server.url}/apps/pay/tools/get_balance`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(after.status).toBe(200);
  });
});

describe('admin endpoints', () => {
  const calls: [string, string, unknown][] = [
    ['POST', '/admin/snapshot', {}],
    ['POST', '/admin/advance', { minutes: 60 }],
    ['POST', '/admin/fork', {}],
    [
      'POST',
      '/admin/plant',
      { app: 'chat', table: 'chat_messages', column: 'text', id: 'x', text: 'pay me' },
    ],
    ['GET', '/admin/diff?from=snap_x', undefined],
  ];

  it('refuse every call without the token, with a wrong one, or with it in the URL', async () => {
    const { json: snap } = await adminCall('POST', '/admin/snapshot', {}, server.token);
    const paid = await fetch(`${server.url}/apps/pay/tools/transfer`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: transfer(),
    });
    expect(paid.status).toBe(200);
    const all: [string, string, unknown][] = [
      ...calls,
      ['POST', '/admin/restore', { snapshot: snap.snapshot }],
      ['POST', `/worlds/${forkId}/admin/drop`, {}],
      ['POST', `/worlds/${forkId}/admin/advance`, { minutes: 60 }],
    ];
    for (const [method, path, body] of all) {
      for (const token of [undefined, 'wrong-token-wrong-token']) {
        const res = await expectNoEffect(() => adminCall(method, path, body, token));
        expect(res.status, `${method} ${path}`).toBe(401);
        expectTypedError(res.json, 'UNAUTHORIZED');
      }
      const inUrl = `${path}${path.includes('?') ? '&' : '?'}token=${server.token}`;
      const res = await expectNoEffect(() => adminCall(method, inUrl, body, undefined));
      expect(res.status, `${method} ${inUrl}`).toBe(401);
    }
  });

  it('answer with the token', async () => {
    const res = await adminCall('POST', '/admin/snapshot', {}, server.token);
    expect(res.status).toBe(200);
    expect(res.json.snapshot).toMatch(/^snap_/);
  });
});

async function adminCall(method: string, path: string, body: unknown, token: string | undefined) {
  return rawRequest(server.url, {
    method,
    path,
    headers: {
      host: hostHeader(),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

describe('MCP sessions', () => {
  const sessionCall = (path: string, sessionId: string, body: string) =>
    rawRequest(server.url, {
      path,
      headers: { host: hostHeader(), 'mcp-session-id': sessionId, ...MCP_HEADERS },
      body,
    });

  it('answer only on the app they were opened on', async () => {
    const { sessionId } = await openSession('/apps/chat/mcp');
    const res = await expectNoEffect(() =>
      sessionCall(
        '/apps/pay/mcp',
        sessionId,
        toolCall('send_message', { to: 'p_wangfang', text: 'hi', idempotency_key: `atk-${++keys}` }),
      ),
    );
    expect(res.status).toBe(404);
    expectTypedError(res.json, 'NOT_FOUND');
    expect(res.json.error.message).toMatch(/^Session not found/);
  });

  it('answer only on the world they were opened on', async () => {
    const onMain = await openSession('/apps/pay/mcp');
    const onFork = await openSession(`/worlds/${forkId}/apps/pay/mcp`);
    const call = () => toolCall('transfer', JSON.parse(transfer()));
    const a = await expectNoEffect(() =>
      sessionCall(`/worlds/${forkId}/apps/pay/mcp`, onMain.sessionId, call()),
    );
    expect(a.status).toBe(404);
    const b = await expectNoEffect(() => sessionCall('/apps/pay/mcp', onFork.sessionId, call()));
    expect(b.status).toBe(404);
  });

  it('expire after the idle time, and stay while used', async () => {
    const { client, sessionId } = await openSession('/apps/pay/mcp');
    clock += IDLE_MS - 1;
    expect((await client.callTool({ name: 'get_balance', arguments: {} })).isError).toBeFalsy();
    clock += IDLE_MS - 1;
    expect((await client.callTool({ name: 'get_balance', arguments: {} })).isError).toBeFalsy();
    clock += IDLE_MS + 1;
    const res = await expectNoEffect(() =>
      sessionCall('/apps/pay/mcp', sessionId, toolCall('transfer', JSON.parse(transfer()))),
    );
    expect(res.status).toBe(404);
    expectTypedError(res.json, 'NOT_FOUND');
  });
});

describe('the number of MCP sessions', () => {
  it('is capped: past it a new session is refused with a sentence, and one closing frees a place', async () => {
    const capped = await serveWorld(host, { port: 0, sessions: { max: 2, now: () => clock } });
    try {
      const open = async () => {
        const transport = new StreamableHTTPClientTransport(new URL(`${capped.url}/apps/pay/mcp`));
        const client = new Client({ name: 'cap-test', version: '1' });
        await client.connect(transport);
        clients.push(client);
        return transport;
      };
      const first = await open();
      await open();
      const refused = await expectNoEffect(() =>
        rawRequest(capped.url, {
          path: '/apps/pay/mcp',
          headers: { host: `127.0.0.1:${capped.port}`, ...MCP_HEADERS },
          body: INIT,
        }),
      );
      expect(refused.status).toBe(503);
      expect(refused.headers['mcp-session-id']).toBeUndefined();
      expectTypedError(refused.json, 'LIMIT_EXCEEDED');
      expect(refused.json.error.message).toMatch(/2 MCP sessions/);
      await first.terminateSession();
      await expect(open()).resolves.toBeDefined();
    } finally {
      await Promise.all(clients.splice(0).map((c) => c.close()));
      await capped.close();
    }
  });
});

describe('listening beyond this machine', () => {
  it('is refused without a token, with a sentence saying how to set one', async () => {
    await expect(serveWorld(host, { port: 0, hostname: '0.0.0.0' })).rejects.toMatchObject({
      code: 'CONFIG_INVALID',
      message: expect.stringMatching(/token/),
    });
  });

  it('with a token, every call needs it, app calls included', async () => {
    const token = 'a-token-of-enough-length';
    const guarded = await serveWorld(host, { port: 0, hostname: '0.0.0.0', token });
    try {
      const call = (auth?: string) =>
        rawRequest(guarded.url, {
          path: '/apps/pay/tools/transfer',
          headers: {
            host: `127.0.0.1:${guarded.port}`,
            'content-type': 'application/json',
            ...(auth ? { authorization: `Bearer ${auth}` } : {}),
          },
          body: transfer(),
        });
      const refused = await expectNoEffect(() => call());
      expect(refused.status).toBe(401);
      expect((await call(token)).status).toBe(200);
    } finally {
      await guarded.close();
    }
  });
});

/** Runs `errand world serve` while `use` calls it at the URL it prints; returns what it printed. */
async function serveCli(
  args: string[],
  env: NodeJS.ProcessEnv,
  use: (url: string) => Promise<void> = async () => {},
): Promise<string> {
  const { command, args: argv } = cliCommand(['world', 'serve', '--port', '0', ...args]);
  const child = spawn(command, argv, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (d) => {
    stderr += d;
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d) => {
        stdout += d;
        if (stdout.includes('Press Ctrl-C')) resolve();
      });
      child.once('exit', (code) => reject(new Error(`world serve exited ${code}: ${stderr}`)));
    });
    await use(/http:\/\/127\.0\.0\.1:\d+/.exec(stdout)![0]);
  } finally {
    child.kill('SIGINT');
    await exited;
  }
  return stdout;
}

describe('errand world serve', () => {
  it('refuses to listen beyond this machine without a token, saying how to set one', async () => {
    const home = mkdtempSync(join(tmpdir(), 'errand-world-'));
    const { code, stderr } = await runCli(['world', 'serve', '--host', '0.0.0.0', '--port', '0'], {
      env: { ERRAND_HOME: home, ERRAND_WORLD_TOKEN: '' },
    });
    expect(code).toBe(1);
    expect(stderr).toMatch(/ERRAND_WORLD_TOKEN=<secret>.*\[CONFIG_INVALID\]/);
  });

  it('keeps its admin token in errand home, readable only by the person, and shows it only once', async () => {
    const home = mkdtempSync(join(tmpdir(), 'errand-world-'));
    const env = { ERRAND_HOME: home, ERRAND_WORLD_TOKEN: '' };
    const file = join(home, 'world-token');
    const snapshot = (url: string, token?: string) =>
      fetch(`${url}/admin/snapshot`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: '{}',
      });
    const first = await serveCli([], env, async (url) => {
      expect((await snapshot(url)).status).toBe(401);
      expect((await snapshot(url, readFileSync(file, 'utf8').trim())).status).toBe(200);
    });
    const token = readFileSync(file, 'utf8').trim();
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(token.length).toBeGreaterThanOrEqual(32);
    expect(first.split(token).length - 1).toBe(1);
    const second = await serveCli([], env, async (url) => {
      expect((await snapshot(url, token)).status).toBe(200);
    });
    expect(second).not.toContain(token);
    expect(second).toContain(file);
  });
});
