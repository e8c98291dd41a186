import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { cliCommand, runCli } from './support/cli.js';

/** Ctrl-C during an errand: it stops at once, no action starts after it, and the journal says so. */
it('cancels a running errand on Ctrl-C and records it', async () => {
  // A model server that takes the request and never answers.
  const server = createServer(() => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const home = mkdtempSync(join(tmpdir(), 'errand-cancel-'));
  const env = {
    ...process.env,
    ERRAND_HOME: home,
    DEEPSEEK_API_KEY: 'k',
    DEEPSEEK_BASE_URL: `http://127.0.0.1:${port}/v1`,
  };
  const { command, args } = cliCommand(['run', '--model', 'deepseek:deepseek-chat', '给王芳转20元']);
  const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => {
    stdout += d;
  });
  child.stderr.on('data', (d) => {
    stderr += d;
  });
  // Wait until the model has been asked (the request reached the server), then press Ctrl-C.
  await new Promise<void>((resolve) => server.once('request', () => resolve()));
  child.kill('SIGINT');
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  server.closeAllConnections();
  server.close();
  expect(stderr).toContain('Cancelling');
  expect(code).toBe(130);
  expect(stdout).toContain('■ cancelled — Cancelled by the person.');
  expect(stdout).toContain('没有改动任何应用。');
  const tasks = await runCli(['tasks'], { env });
  expect(tasks.stdout).toMatch(/cancelled\s+deepseek:deepseek-chat\s+给王芳转20元/);
});
