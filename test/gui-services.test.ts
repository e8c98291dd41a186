import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { resolveModel } from '../src/models/registry.js';
import { chatTurns, type RecordedCall } from './fixtures/recordings.js';
import { cliCommand } from './support/cli.js';
import { type ReplayServer, startReplayServer } from './support/replay-server.js';
import { call, startTestServe, type TestServe } from './support/serve.js';

/**
 * GUI mode through `errand serve` and `errand mcp`: an errand started with mode "gui" is carried out on
 * the world's screens in Chromium by a model (replayed over HTTP), and the page's transfer goes through
 * the guard as pay.transfer; a start GUI mode cannot do is refused with one sentence.
 */
const TURNS: RecordedCall[] = [
  { name: 'screen_open', args: { target: 'pay/transfer' } },
  { name: 'screen_select', args: { ref: 'e2', option: 'p_wangfang' } },
  { name: 'screen_type', args: { ref: 'e3', text: '20' } },
  { name: 'screen_click', args: { ref: 'e5' } },
  { name: 'screen_click', args: { ref: 'e2' } },
  { name: 'finish', args: { outcome: 'done', summary: '已给王芳转账20元。', evidence: [] } },
];

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function replay(): Promise<ReplayServer> {
  const r = await startReplayServer(chatTurns('deepseek-chat', TURNS));
  cleanups.push(() => r.close());
  return r;
}

/** The tools the model was offered on its second turn: on screens, only screen actions. */
const offered = (r: ReplayServer) =>
  (r.requests[1]?.body.tools ?? []).map((t: { function: { name: string } }) => t.function.name) as string[];

describe('errand serve: POST /api/errands with mode "gui"', () => {
  async function serve(r?: ReplayServer): Promise<TestServe> {
    const env = r ? { DEEPSEEK_API_KEY: 'k', DEEPSEEK_BASE_URL: `${r.url}/v1` } : { DEEPSEEK_API_KEY: 'k' };
    const s = await startTestServe({ models: (ref) => (ref ? resolveModel(ref, env) : undefined) });
    cleanups.push(() => s.stop());
    return s;
  }

  it('runs the errand on the screens; the page’s transfer is pay.transfer through the guard', async () => {
    const r = await replay();
    const s = await serve(r);
    const before = (await call(s.url, 'GET', '/api/worlds/liming')).body.world.balance;
    const started = await call(s.url, 'POST', '/api/errands', {
      request: '给王芳转20元',
      model: 'deepseek:deepseek-chat',
      mode: 'gui',
      approve: 'auto',
    });
    expect(started.status).toBe(202);
    expect(started.body.note).toContain('On screens');
    const id = started.body.id as string;
    let status: any;
    for (let i = 0; i < 120; i++) {
      status = (await call(s.url, 'GET', `/api/errands/${id}`)).body.report;
      if (status.status !== 'running') break;
      await new Promise((done) => setTimeout(done, 500));
    }
    expect(status).toMatchObject({ status: 'finished', outcome: 'done' });
    expect(offered(r)).toContain('screen_click');
    expect(offered(r).some((t) => t.startsWith('pay_'))).toBe(false);
    const events = s.journal.events(id);
    const transfer = events.find((e) => e.type === 'action.proposed' && e.tool === 'pay_transfer');
    expect(transfer).toMatchObject({ input: { to_account_id: 'p_wangfang', amount_fen: 2000 } });
    expect(
      events.find((e) => e.type === 'action.decided' && e.callId === (transfer as any).callId),
    ).toMatchObject({ decision: 'allow' });
    const after = (await call(s.url, 'GET', '/api/worlds/liming')).body.world.balance;
    expect(Number(String(before).replace(/[^\d.]/g, '')) - Number(String(after).replace(/[^\d.]/g, ''))).toBe(
      20,
    );
  }, 150_000);

  it('refuses what GUI mode cannot do, in one sentence, and starts nothing', async () => {
    const s = await serve();
    const noModel = await call(s.url, 'POST', '/api/errands', { request: '给王芳转20元', mode: 'gui' });
    expect(noModel.status).toBe(400);
    expect(noModel.body.error.message).toMatch(/^GUI mode needs a model to look at the screens/);
    const urlOnApi = await call(s.url, 'POST', '/api/errands', {
      request: '给王芳转20元',
      url: 'https://example.com',
    });
    expect(urlOnApi.status).toBe(400);
    expect(urlOnApi.body.error.message).toContain('for mode "gui" only');
    const badUrl = await call(s.url, 'POST', '/api/errands', {
      request: '给王芳转20元',
      model: 'deepseek:deepseek-chat',
      mode: 'gui',
      url: 'ftp://example.com',
    });
    expect(badUrl.status).toBe(400);
    expect(badUrl.body.error.message).toContain('needs an http(s) address');
    const badMode = await call(s.url, 'POST', '/api/errands', { request: '给王芳转20元', mode: 'screens' });
    expect(badMode.status).toBe(400);
    expect((await call(s.url, 'GET', '/api/errands')).body.errands).toEqual([]);
  }, 60_000);
});

describe('errand mcp: start_errand with mode "gui"', () => {
  async function client(env: Record<string, string>): Promise<Client> {
    const { command, args } = cliCommand(['mcp']);
    const c = new Client({ name: 'delegating-agent', version: '1.0.0' });
    await c.connect(
      new StdioClientTransport({
        command,
        args,
        env: { ...(process.env as Record<string, string>), ...env },
        stderr: 'pipe',
      }),
    );
    cleanups.push(() => c.close());
    return c;
  }

  async function tool(c: Client, name: string, args: Record<string, unknown>): Promise<any> {
    const result = await c.callTool({ name, arguments: args });
    if (result.isError) return { error: JSON.parse((result.content as { text: string }[])[0]!.text).error };
    return result.structuredContent;
  }

  it('carries the errand out on the screens, and refuses GUI mode with no model', async () => {
    const r = await replay();
    const root = mkdtempSync(join(tmpdir(), 'errand-mcp-gui-'));
    const home = join(root, 'home');
    const env = {
      ERRAND_HOME: home,
      HOME: root,
      XDG_CACHE_HOME: join(root, 'cache'),
      XDG_CONFIG_HOME: join(root, 'config'),
      ERRAND_MODEL: '',
      ERRAND_MCP_TOKEN: '',
      DEEPSEEK_API_KEY: 'k',
      DEEPSEEK_BASE_URL: `${r.url}/v1`,
    };
    const c = await client(env);
    const refused = await tool(c, 'start_errand', { request: '给王芳转20元', mode: 'gui' });
    expect(refused.error.message).toMatch(/^GUI mode needs a model to look at the screens/);

    const started = await tool(c, 'start_errand', {
      request: '给王芳转20元',
      model: 'deepseek:deepseek-chat',
      mode: 'gui',
    });
    expect(started.error).toBeUndefined();
    let status: any;
    for (let i = 0; i < 5 && status?.status !== 'finished'; i++)
      status = await tool(c, 'errand_status', { errand_id: started.errandId, wait_seconds: 60 });
    expect(status).toMatchObject({ status: 'finished', outcome: 'done' });
    expect(offered(r)).toContain('screen_select');
    const db = new Database(join(home, 'world.db'), { readonly: true });
    try {
      const paid = db
        .prepare("SELECT to_id AS who, amount FROM pay_transactions WHERE id GLOB 'txn_[0-9]*'")
        .all();
      expect(paid).toEqual([{ who: 'p_wangfang', amount: 2000 }]);
    } finally {
      db.close();
    }
  }, 150_000);
});
