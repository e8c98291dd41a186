import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatTurns, type RecordedCall } from './fixtures/recordings.js';
import { runCli } from './support/cli.js';
import { type ReplayServer, startReplayServer } from './support/replay-server.js';

/**
 * `errand run --mode gui` as a person runs it: a real process, the world's screens in Debian's Chromium,
 * a model replayed over HTTP that looks at errand's page view and clicks by ref; the transfer the page
 * sends goes through the guard as pay.transfer.
 */
const TURNS: RecordedCall[] = [
  { name: 'screen_open', args: { target: 'pay/transfer' } },
  { name: 'screen_select', args: { ref: 'e2', option: 'p_wangfang' } },
  { name: 'screen_type', args: { ref: 'e3', text: '20' } },
  { name: 'screen_click', args: { ref: 'e5' } },
  { name: 'screen_click', args: { ref: 'e2' } },
  {
    name: 'finish',
    args: {
      outcome: 'done',
      summary: '已在钱包里给王芳转账20元。',
      evidence: [{ app: 'pay', kind: 'transfer', id: 'txn_0001' }],
    },
  },
];

let replay: ReplayServer;
let env: NodeJS.ProcessEnv;
beforeAll(async () => {
  const home = mkdtempSync(join(tmpdir(), 'errand-cli-gui-'));
  replay = await startReplayServer(chatTurns('deepseek-chat', TURNS));
  env = {
    ERRAND_HOME: home,
    HOME: home,
    XDG_CACHE_HOME: join(home, 'cache'),
    XDG_CONFIG_HOME: join(home, 'config'),
    DEEPSEEK_API_KEY: 'test-key',
    DEEPSEEK_BASE_URL: `${replay.url}/v1`,
    ERRAND_MODEL: '',
  };
});
afterAll(() => replay.close());

describe('errand run --mode gui', () => {
  it('operates the wallet screen; the page’s transfer is guarded and journaled as pay.transfer', async () => {
    const { code, stdout, stderr } = await runCli(
      ['run', '--mode', 'gui', '--fresh-world', '--model', 'deepseek:deepseek-chat', '给王芳转20元'],
      { env, timeoutMs: 120_000 },
    );
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('✔ done');
    expect(stdout).toMatch(/pay\.transfer\s+txn_0001\s+¥20\.00/);
    // The model saw only the screen: its second request offered screen tools and no app tool.
    const tools = (replay.requests[1]?.body.tools ?? []).map(
      (t: { function: { name: string } }) => t.function.name,
    );
    expect(tools).toContain('screen_click');
    expect(tools.some((t: string) => t.startsWith('pay_'))).toBe(false);
    const seen = JSON.stringify(replay.requests[2]?.body.messages ?? []);
    expect(seen).toContain('combobox \\"收款人\\"');
  }, 150_000);

  it('needs a model, and keeps the GUI flags for GUI mode', async () => {
    const noModel = await runCli(['run', '--mode', 'gui', '--fresh-world', '给王芳转20元'], { env });
    expect(noModel.code).toBe(1);
    expect(noModel.stderr).toContain('GUI mode needs a model');
    const apiUrl = await runCli(['run', '--url', 'http://127.0.0.1:9/', '给王芳转20元'], { env });
    expect(apiUrl.code).toBe(1);
    expect(apiUrl.stderr).toContain('--url, --allow-domain and --headed are for --mode gui');
  }, 60_000);
});
