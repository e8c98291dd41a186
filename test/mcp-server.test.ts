import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { cliCommand, runCli } from './support/cli.js';
import { rawRequest } from './support/raw-http.js';

/**
 * Another agent delegates errands to `errand mcp` through the official MCP client: it starts one,
 * follows it, answers its approval — and the guard still stands in front of every effect. No model:
 * errand's own recipes think for it.
 */
const LUNCH = '帮我从川味小馆点一份宫保鸡丁送到公司，40元以内，再告诉王芳我中午不回去吃饭';

const clients: Client[] = [];
const children: ChildProcess[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

function tempHome() {
  const root = mkdtempSync(join(tmpdir(), 'errand-mcp-'));
  const home = join(root, 'home');
  return { home, env: { ERRAND_HOME: home, HOME: root, ERRAND_MODEL: '', ERRAND_MCP_TOKEN: '' } };
}

/** Calls a tool and returns its structured result, or the typed error it reported. */
async function call(client: Client, name: string, args: Record<string, unknown>): Promise<any> {
  const result = await client.callTool({ name, arguments: args });
  if (result.isError) {
    const text = (result.content as { text: string }[])[0]!.text;
    return { error: (JSON.parse(text) as { error: unknown }).error };
  }
  return result.structuredContent;
}

function payments(home: string): { id: string; amount: number }[] {
  const db = new Database(join(home, 'world.db'), { readonly: true });
  try {
    return db.prepare("SELECT id, amount FROM pay_transactions WHERE id GLOB 'txn_[0-9]*'").all() as {
      id: string;
      amount: number;
    }[];
  } finally {
    db.close();
  }
}

async function stdioClient(args: string[], env: Record<string, string>): Promise<Client> {
  const { command, args: argv } = cliCommand(['mcp', ...args]);
  const client = new Client({ name: 'delegating-agent', version: '1.0.0' });
  await client.connect(
    new StdioClientTransport({
      command,
      args: argv,
      env: { ...(process.env as Record<string, string>), ...env },
      stderr: 'pipe',
    }),
  );
  clients.push(client);
  return client;
}

describe('errand mcp over stdio', () => {
  it('runs a delegated errand to the end through one approval, answered once', {
    timeout: 120_000,
  }, async () => {
    const { home, env } = tempHome();
    const client = await stdioClient([], env);
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual([
      'answer_approval',
      'cancel_errand',
      'errand_events',
      'errand_status',
      'start_errand',
    ]);

    // A payment above ¥30 needs approval: the lunch is ¥36.
    const started = await call(client, 'start_errand', {
      request: LUNCH,
      mandate: { approval: { paymentsAboveFen: 3000 } },
    });
    expect(started.error).toBeUndefined();
    const id = started.errandId as string;
    const waiting = await call(client, 'errand_status', { errand_id: id, wait_seconds: 60 });
    expect(waiting.status).toBe('waiting');
    expect(waiting.understood).toEqual([
      '从 川味小馆 点 宫保鸡丁×1，送到 公司，不超过 ¥40.00',
      '给 王芳 发消息',
    ]);
    const [question] = waiting.questions;
    // The question says exactly what will happen: which app and tool, to whom, how much.
    expect(question).toMatchObject({
      kind: 'approval',
      state: 'pending',
      withinMandate: true,
      action: {
        app: 'pay',
        tool: 'pay_request',
        input: { amount_fen: 3600, payee_account_id: 'm_r_chuanwei' },
      },
    });
    expect(question.text).toContain('¥36.00');
    expect(payments(home)).toEqual([]);

    const yes = await call(client, 'answer_approval', {
      errand_id: id,
      question_id: question.id,
      approve: true,
    });
    expect(yes).toMatchObject({ state: 'answered', answer: { approved: true, by: 'mcp:stdio' } });
    const twice = await call(client, 'answer_approval', {
      errand_id: id,
      question_id: question.id,
      approve: true,
    });
    expect(twice.error).toMatchObject({ code: 'CONFLICT' });
    expect(twice.error.message).toMatch(/already answered.*nothing was done again/);

    const done = await call(client, 'errand_status', { errand_id: id, wait_seconds: 60 });
    expect(done).toMatchObject({ status: 'finished', outcome: 'done' });
    expect(done.report.receipts.map((r: { tool: string }) => r.tool)).toEqual([
      'food_place_order',
      'pay_pay_request',
      'chat_send_message',
    ]);
    // Paid once, whatever was answered after.
    expect(payments(home)).toEqual([{ id: 'txn_0001', amount: 3600 }]);
    const late = await call(client, 'answer_approval', {
      errand_id: id,
      question_id: question.id,
      approve: false,
    });
    expect(late.error).toMatchObject({ code: 'CONFLICT' });

    // The journal has every step, the guard's ask and who answered it; `errand show` reads the same errand.
    const { events } = await call(client, 'errand_events', { errand_id: id });
    const payment = events.find((e: any) => e.type === 'action.proposed' && e.tool === 'pay_pay_request');
    const decided = events.filter((e: any) => e.type === 'action.decided' && e.callId === payment.callId);
    expect(decided).toEqual([expect.objectContaining({ decision: 'allow', by: 'mcp:stdio' })]);
    const verify = await runCli(['audit', 'verify'], { env });
    expect(verify.stdout).toMatch(/✔ journal: audit chain intact \(\d+ events, signed\)/);
  });

  it('lets the caller narrow the person’s mandate but never widen it', { timeout: 120_000 }, async () => {
    const { home, env } = tempHome();
    // The person allows at most ¥30 on any errand; the caller asks for ¥1000.
    const client = await stdioClient(['--budget', '30'], env);
    const started = await call(client, 'start_errand', { request: LUNCH, mandate: { budgetFen: 100_000 } });
    const end = await call(client, 'errand_status', { errand_id: started.errandId, wait_seconds: 60 });
    expect(end.status).toBe('finished');
    expect(end.outcome).not.toBe('done');
    expect(end.report.denials).toBeGreaterThan(0);
    expect(payments(home)).toEqual([]);

    const typo = await call(client, 'start_errand', { request: LUNCH, mandate: { budget_fen: 1 } });
    expect(typo.error).toMatchObject({ code: 'INVALID_INPUT' });
    const vague = await call(client, 'start_errand', { request: '帮我弄一下那个事' });
    expect(vague.error).toMatchObject({ code: 'INVALID_INPUT' });
    expect(vague.error.message).toMatch(/not sure/);
    const nobody = await call(client, 'errand_status', { errand_id: 'e-nope' });
    expect(nobody.error).toMatchObject({ code: 'NOT_FOUND' });
  });
});

/** Starts `errand mcp --http` and resolves with its endpoint and the token it keeps in the home. */
async function httpServer(
  env: Record<string, string>,
  home: string,
): Promise<{ url: string; token: string }> {
  const { command, args } = cliCommand(['mcp', '--http', '--port', '0']);
  const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let stderr = '';
  child.stderr.on('data', (d) => {
    stderr += d;
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const found = /http:\/\/127\.0\.0\.1:\d+\/mcp/.exec(out);
      if (found && out.includes('Press Ctrl-C')) resolve(found[0]);
    });
    child.once('exit', (code) => reject(new Error(`errand mcp exited ${code}: ${stderr}`)));
  });
  return { url, token: readFileSync(join(home, 'mcp-token'), 'utf8').trim() };
}

describe('errand mcp over Streamable HTTP', () => {
  it('answers only with its token, on its own host, to no other web page; a declined payment is not made', {
    timeout: 120_000,
  }, async () => {
    const { home, env } = tempHome();
    const { url, token } = await httpServer(env, home);
    const init = JSON.stringify({
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'x', version: '1' } },
    });
    const headers = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };
    const port = new URL(url).port;
    const noToken = await rawRequest(url, {
      path: '/mcp',
      headers: { ...headers, host: `127.0.0.1:${port}` },
      body: init,
    });
    expect(noToken.status).toBe(401);
    const wrong = await rawRequest(url, {
      path: '/mcp',
      headers: { ...headers, host: `127.0.0.1:${port}`, authorization: 'Bearer not-the-token-at-all' },
      body: init,
    });
    expect(wrong.status).toBe(401);
    const rebound = await rawRequest(url, {
      path: '/mcp',
      headers: { ...headers, host: `evil.example:${port}`, authorization: `Bearer ${token}` },
      body: init,
    });
    expect(rebound.status).toBe(403);
    const page = await rawRequest(url, {
      path: '/mcp',
      headers: {
        ...headers,
        host: `127.0.0.1:${port}`,
        origin: 'http://evil.example',
        authorization: `Bearer ${token}`,
      },
      body: init,
    });
    expect(page.status).toBe(403);

    const client = new Client({ name: 'delegating-agent', version: '1.0.0' });
    await client.connect(
      new StreamableHTTPClientTransport(new URL(url), {
        requestInit: { headers: { authorization: `Bearer ${token}` } },
      }),
    );
    clients.push(client);
    const started = await call(client, 'start_errand', {
      request: LUNCH,
      mandate: { approval: { paymentsAboveFen: 3000 } },
    });
    const waiting = await call(client, 'errand_status', { errand_id: started.errandId, wait_seconds: 60 });
    const [question] = waiting.questions;
    const no = await call(client, 'answer_approval', {
      errand_id: started.errandId,
      question_id: question.id,
      approve: false,
      text: 'Too dear today.',
    });
    expect(no).toMatchObject({ answer: { approved: false, by: 'mcp:http', text: 'Too dear today.' } });
    const end = await call(client, 'errand_status', { errand_id: started.errandId, wait_seconds: 60 });
    expect(end.status).toBe('finished');
    expect(end.outcome).not.toBe('done');
    expect(payments(home)).toEqual([]);
  });
});
