import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  deepseekReasonerRecording,
  REASONING_TURNS,
  REASONING_USAGE,
} from './fixtures/reasoning-recordings.js';
import { runCli } from './support/cli.js';
import { type ReplayServer, startReplayServer } from './support/replay-server.js';

/** `errand run --reasoning` as a person meets it: a thinking model replayed over HTTP, and the refusals. */
const servers: ReplayServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

function home(): { ERRAND_HOME: string; HOME: string; ERRAND_MODEL: string } {
  const dir = mkdtempSync(join(tmpdir(), 'errand-reasoning-'));
  return { ERRAND_HOME: dir, HOME: dir, ERRAND_MODEL: '' };
}

async function deepseek() {
  const server = await startReplayServer(deepseekReasonerRecording());
  servers.push(server);
  return { server, env: { ...home(), DEEPSEEK_API_KEY: 'k', DEEPSEEK_BASE_URL: `${server.url}/v1` } };
}

describe('errand run --reasoning', () => {
  it('shows that the model reasons, and for how many tokens, never what it thought', async () => {
    const { server, env } = await deepseek();
    const run = await runCli(
      ['run', '--reasoning', 'high', '--model', 'deepseek:deepseek-chat', '给王芳转20元'],
      {
        env,
      },
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(server.requests.map((r) => r.body.model)).toEqual([
      'deepseek-reasoner',
      'deepseek-reasoner',
      'deepseek-reasoner',
    ]);
    expect(run.stdout).toContain('model deepseek:deepseek-reasoner');
    for (const t of REASONING_TURNS) {
      expect(run.stdout).toContain(`🧠 reasoned ${t.reasoning} tokens`);
      expect(run.stdout).not.toContain(t.thinking);
    }
    expect(run.stdout).toContain(`out (${REASONING_USAGE.reasoning} reasoning)`);
  });

  it('keeps the reasoning in the journal when the config file says so', async () => {
    const { env } = await deepseek();
    const file = join(env.ERRAND_HOME, 'errand.json');
    writeFileSync(file, JSON.stringify({ model: { reasoning: 'low', keepReasoning: true } }));
    const run = await runCli(
      ['run', '--json', '--config', file, '--model', 'deepseek:deepseek-chat', '给王芳转20元'],
      {
        env,
      },
    );
    expect(run.code).toBe(0);
    const lines = run.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const asked = lines.filter((e) => e.type === 'model.requested');
    expect(asked.map((e) => e.reasoning)).toEqual(['low', 'low', 'low']);
    expect(lines.filter((e) => e.type === 'model.responded').map((e) => e.reasoning)).toEqual(
      REASONING_TURNS.map((t) => t.thinking),
    );
    expect(lines.at(-1)).toMatchObject({
      type: 'report',
      usage: { reasoningTokens: REASONING_USAGE.reasoning },
    });
    // Shown again later, it is the same errand: `errand show` reads the journal.
    const shown = await runCli(['show', lines.at(-1).errandId], { env });
    expect(shown.stdout).toContain(`(${REASONING_USAGE.reasoning} reasoning)`);
  });

  it('refuses a level for a model that cannot think, a level that is not one, and a level with no model', async () => {
    const env = { ...home(), OPENAI_API_KEY: 'k' };
    const cannot = await runCli(
      ['run', '--reasoning', 'high', '--model', 'openai:gpt-4o-mini', '给王芳转20元'],
      {
        env,
      },
    );
    expect(cannot.code).not.toBe(0);
    expect(cannot.stderr).toContain('openai:gpt-4o-mini cannot think before it acts');
    expect(cannot.stderr).toContain('openai:o4-mini');
    const notALevel = await runCli(['run', '--reasoning', 'max', '给王芳转20元'], { env });
    expect(notALevel.code).not.toBe(0);
    expect(notALevel.stderr).toContain('--reasoning takes off, low, medium, high, not "max"');
    const noModel = await runCli(['run', '--reasoning', 'low', '给王芳转20元'], { env });
    expect(noModel.code).not.toBe(0);
    expect(noModel.stderr).toContain("errand's recipes do not think");
  });
});
