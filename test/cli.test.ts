import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAiRecording } from './fixtures/recordings.js';
import { runCli } from './support/cli.js';
import { type ReplayServer, startReplayServer } from './support/replay-server.js';

/**
 * The CLI as a person uses it: a real process, the sandbox world over MCP HTTP, a model replayed over
 * HTTP. The first errand acts on the world kept in the new home; errands that replay the recorded
 * model again act on a fresh world (--fresh-world), the start the recording was made from.
 */
let home: string;
let replay: ReplayServer;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), 'errand-cli-'));
  replay = await startReplayServer([
    ...openAiRecording('deepseek-chat'),
    ...openAiRecording('deepseek-chat'),
    ...openAiRecording('deepseek-chat'),
    ...openAiRecording('deepseek-chat'),
    ...openAiRecording('deepseek-chat'),
    ...openAiRecording('deepseek-chat'),
  ]);
  env = {
    ERRAND_HOME: home,
    HOME: home,
    DEEPSEEK_API_KEY: 'test-key',
    DEEPSEEK_BASE_URL: `${replay.url}/v1`,
    ERRAND_MODEL: '',
  };
});
afterAll(() => replay.close());

describe('errand CLI', () => {
  it('runs an errand live and prints the report with receipts, tokens, cost and energy', async () => {
    const { code, stdout, stderr } = await runCli(
      ['run', '--model', 'deepseek:deepseek-chat', '给王芳转20元'],
      { env },
    );
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('errand 给王芳转20元');
    expect(stdout).toContain('→ pay.transfer to_account_id="p_wangfang" amount_fen=2000');
    expect(stdout).toContain('✔ done — 已给王芳转账20元。');
    expect(stdout).toMatch(/pay\.transfer\s+txn_0001\s+¥20\.00/);
    expect(stdout).toMatch(/tokens 4,270 in \/ 117 out · cost \$0\.00\d+ · energy ~[\d.]+ Wh/);
  });

  it('prints machine-readable events with --json, ending in the report', async () => {
    const { code, stdout } = await runCli(
      ['run', '--json', '--fresh-world', '--model', 'deepseek:deepseek-chat', '给王芳转20元'],
      { env },
    );
    expect(code).toBe(0);
    const lines = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines[0].type).toBe('task.started');
    expect(lines.at(-2).type).toBe('task.finished');
    expect(lines.at(-1)).toMatchObject({ type: 'report', status: 'finished', outcome: 'done' });
  });

  it('lists past errands and replays one from the journal', async () => {
    const tasks = await runCli(['tasks'], { env });
    const ids = [...tasks.stdout.matchAll(/^(e\w+)\s+\S+ \S+\s+done/gm)].map((m) => m[1]);
    expect(ids.length).toBe(2);
    const show = await runCli(['show', ids[0]!.slice(0, 8)], { env });
    expect(show.code).toBe(0);
    expect(show.stdout).toContain('✔ done — 已给王芳转账20元。');
    expect(show.stdout).toContain('→ pay.transfer');
  });

  it('runs a real errand with no model, through the built-in recipes', async () => {
    const { code, stdout } = await runCli(
      ['run', '帮我从川味小馆点一份宫保鸡丁送到公司，40元以内，再告诉王芳我中午不回去吃饭'],
      { env },
    );
    expect(code).toBe(0);
    expect(stdout).toContain("No model is configured: running errand's recipes with no model");
    expect(stdout).toMatch(/food\.place_order\s+ord_\d+\s+¥\d+\.\d{2}/);
    expect(stdout).toMatch(/pay\.pay_request/);
    expect(stdout).toMatch(/chat\.send_message/);
    expect(stdout).toContain('tokens 0 in / 0 out · cost $0.0000 · energy ~0.000 Wh');
  });

  it('says what it understood and what is missing when it is unsure, and does nothing', async () => {
    const { code, stdout } = await runCli(['run', '给张伟转钱'], { env });
    expect(code).toBe(1);
    expect(stdout).toMatch(/not sure what you want[\s\S]*Missing: /);
    expect(stdout).toContain('--model provider:model or ERRAND_MODEL');
    expect(stdout).not.toContain('→ pay.');
  });

  it('learns a finished errand and runs the same request again with no model', async () => {
    const first = await runCli(
      ['run', '--learn', '--fresh-world', '--model', 'deepseek:deepseek-chat', '给王芳转20元'],
      {
        env,
      },
    );
    expect(first.stderr + first.stdout).toContain('Learned recipe');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(
      /Learned recipe learned-e\w+: the same request will run again with no model/,
    );
    const again = await runCli(['run', '给王芳转20元'], { env });
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(
      /running errand's recipes with no model \(the recipe learned-e\w+, learned from this same request\)/,
    );
    expect(again.stdout).toMatch(/pay\.transfer\s+txn_\d+\s+¥20\.00/);
    expect(again.stdout).toContain('tokens 0 in / 0 out');
    const list = await runCli(['recipes', 'list'], { env });
    expect(list.stdout).toMatch(/learned-e\w+\s+learned from e\w+\s+给王芳转20元/);
  });

  it('names the missing API key, and an unknown errand id', async () => {
    const noKey = await runCli(['run', '--model', 'moonshot:kimi-k2-0905-preview', 'hi'], { env });
    expect(noKey.stderr).toMatch(/set MOONSHOT_API_KEY/);
    const missing = await runCli(['show', 'nope'], { env });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/No errand "nope"/);
  });

  it('shows a denial and why, keeps it in a verifiable audit, and finds tampering', async () => {
    const run = await runCli(['run', '--budget', '10', '--model', 'deepseek:deepseek-chat', '给王芳转20元'], {
      env,
    });
    expect(run.stdout).toContain('✋ denied: 付 ¥20.00 会让这次一共花 ¥20.00，超过你的预算 ¥10.00');
    // The model said it was done and cited a transfer; nothing was made, so errand says so and exits 1.
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('■ blocked — 已给王芳转账20元。');
    expect(run.stdout).toContain('模型说“done”');
    expect(run.stdout).toContain('没做到: 给 王芳 转账 ¥20.00');
    expect(run.stdout).toContain('引用了不是这次做的: pay transfer txn_0001');
    const id = /errand id (e\w+)/.exec(run.stdout)![1]!;
    const show = await runCli(['audit', 'show', id], { env });
    expect(show.stdout).toMatch(
      /pay\.transfer to_account_id="p_wangfang" amount_fen=2000[\s\S]*DENIED by guard: 付 ¥20\.00/,
    );
    expect(show.stdout).toContain('Audit chain: intact');
    const ok = await runCli(['audit', 'verify', id], { env });
    expect(ok).toMatchObject({ code: 0 });
    const { default: Database } = await import('better-sqlite3');
    const db = new Database(join(home, 'errand.db'));
    db.prepare(
      "UPDATE events SET data = replace(data, 'DENY', 'allow') WHERE errand_id = ? AND type = 'action.decided'",
    ).run(id);
    db.prepare(
      "UPDATE events SET data = replace(data, '\"deny\"', '\"allow\"') WHERE errand_id = ? AND type = 'action.decided'",
    ).run(id);
    db.close();
    const bad = await runCli(['audit', 'verify', id], { env });
    expect(bad.code).toBe(2);
    expect(bad.stdout).toMatch(/audit chain broken[\s\S]*action.decided\) was changed/);
  });

  it('sends pictures with the request to the model, and refuses a file that is not one', async () => {
    const picture = join(home, 'receipt.png');
    writeFileSync(picture, Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'));
    const sent = replay.requests.length;
    const run = await runCli(
      ['run', '--image', picture, '--fresh-world', '--model', 'deepseek:deepseek-chat', '给王芳转20元'],
      { env },
    );
    expect(run.code).toBe(0);
    expect(JSON.stringify(replay.requests[sent]!.body)).toContain(
      'data:image/png;base64,iVBORw0KGgoAAAANSUhEUg',
    );
    const bad = await runCli(
      ['run', '--image', join(home, 'notes.txt'), '--model', 'deepseek:deepseek-chat', 'x'],
      { env },
    );
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/notes\.txt is not a picture errand can send/);
  });

  it('shows the model only the apps the mandate allows', async () => {
    const sent = replay.requests.length;
    const run = await runCli(
      ['run', '--allow-app', 'pay', '--fresh-world', '--model', 'deepseek:deepseek-chat', '给王芳转20元'],
      { env },
    );
    expect(run.code).toBe(0);
    const tools = (replay.requests[sent]!.body.tools as { function: { name: string } }[]).map(
      (t) => t.function.name,
    );
    expect(tools).toContain('pay_transfer');
    expect(tools.filter((t) => /^(food|chat|maps|calendar|shop)_/.test(t))).toEqual([]);
  });
});
