import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from './support/cli.js';

/** A model that never answers, and a local model server that is not running, as the CLI meets them. */
const servers: Server[] = [];
afterEach(() => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    s.close();
  }
});

async function listen(server: Server): Promise<number> {
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

function events(stdout: string): { type: string; [k: string]: any }[] {
  return stdout
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));
}

function home(): { ERRAND_HOME: string; HOME: string; ERRAND_MODEL: string } {
  const dir = mkdtempSync(join(tmpdir(), 'errand-model-'));
  return { ERRAND_HOME: dir, HOME: dir, ERRAND_MODEL: '' };
}

describe('a model that does not answer', () => {
  it('fails after two calls of --model-timeout, and says how to give a slow model longer', async () => {
    const port = await listen(createServer(() => {}));
    const env = { ...home(), DEEPSEEK_API_KEY: 'k', DEEPSEEK_BASE_URL: `http://127.0.0.1:${port}/v1` };
    const started = performance.now();
    const run = await runCli(
      ['run', '--json', '--model-timeout', '0.5', '--model', 'deepseek:deepseek-chat', '给王芳转20元'],
      { env },
    );
    const wallS = (performance.now() - started) / 1000;
    expect(run.code).toBe(1);
    const failed = events(run.stdout).filter((e) => e.type === 'model.failed');
    expect(failed.map((e) => e.retryInMs)).toEqual([1000, null]);
    expect(failed[1]!.error.message).toContain('did not answer in time (0.5 s per call)');
    expect(failed[1]!.error.message).toContain('--model-timeout');
    // Two calls of 0.5 s and one backoff of 1 s, plus the process's own start: far from 4 calls.
    expect(wallS).toBeLessThan(15);
  });

  it('takes the timeout from the config file, and refuses a timeout that is not a number of seconds', async () => {
    const port = await listen(createServer(() => {}));
    const env = { ...home(), DEEPSEEK_API_KEY: 'k', DEEPSEEK_BASE_URL: `http://127.0.0.1:${port}/v1` };
    const file = join(env.ERRAND_HOME, 'errand.json');
    writeFileSync(file, JSON.stringify({ model: { timeoutSeconds: 0.3 } }));
    const run = await runCli(
      ['run', '--json', '--config', file, '--model', 'deepseek:deepseek-chat', '给王芳转20元'],
      { env },
    );
    const failed = events(run.stdout).filter((e) => e.type === 'model.failed');
    expect(failed.at(-1)!.error.message).toContain('(0.3 s per call)');
    const bad = await runCli(['run', '--model-timeout', 'soon', '给王芳转20元'], { env });
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('"soon" is not a number of seconds');
  });
});

describe('a local model server that is not running', () => {
  it('fails at once and says to start it or set <PROVIDER>_BASE_URL', async () => {
    // A port that was just free: nothing listens there, so the connection is refused.
    const closed = createServer();
    const port = await listen(closed);
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const env = { ...home(), OLLAMA_BASE_URL: `http://127.0.0.1:${port}/v1` };
    const run = await runCli(['run', '--json', '--model', 'ollama:qwen2.5:7b', '给王芳转20元'], { env });
    expect(run.code).toBe(1);
    const failed = events(run.stdout).filter((e) => e.type === 'model.failed');
    expect(failed).toHaveLength(1);
    expect(failed[0]!.retryInMs).toBeNull();
    expect(failed[0]!.error.message).toBe(
      `Nothing is listening at http://127.0.0.1:${port}/v1 for ollama:qwen2.5:7b (connection refused). Start the ollama server (ollama serve), or set OLLAMA_BASE_URL to the address it listens on.`,
    );
  });
});
