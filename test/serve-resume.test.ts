import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Journal } from '../src/agent/journal.js';
import { auditKey } from '../src/cli/home.js';
import { cliCommand, runCli } from './support/cli.js';
import { transfersIn } from './support/world.js';

describe('errand serve on start', () => {
  it('takes up the errand a crash left mid-write and finishes it, paying once', async () => {
    const home = mkdtempSync(join(tmpdir(), 'errand-serve-resume-'));
    const env = { ERRAND_HOME: home, HOME: home };
    // Killed just after the world took the transfer and before the journal heard its result.
    const killed = await runCli(['run', '--approve', 'auto', '给王芳转20元'], {
      env: { ...env, ERRAND_FAULT_SIGKILL_AT: '6' },
    });
    expect(killed.code).toBeNull();
    const world = join(home, 'world.db');
    expect(transfersIn(world)).toEqual([2000]);
    const journal = new Journal(join(home, 'errand.db'), { auditKey: auditKey(home) });
    const [errand] = journal.list(1);
    expect(errand?.status).toBe('interrupted');

    const { command, args } = cliCommand(['serve', '--port', '0']);
    const serve = spawn(command, args, {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    serve.stdout.on('data', (d) => {
      out += d;
    });
    serve.stderr.on('data', (d) => {
      out += d;
    });
    try {
      await expect
        .poll(() => out, { timeout: 60_000 })
        .toMatch(/Taking up 1 errand left interrupted or waiting/);
      await expect
        .poll(() => journal.list(1, { id: errand!.id })[0]?.status, { timeout: 60_000 })
        .toBe('finished');
    } finally {
      serve.kill('SIGTERM');
      await new Promise((resolve) => serve.once('exit', resolve));
    }
    expect(journal.list(1, { id: errand!.id })[0]?.outcome).toBe('done');
    expect(journal.events(errand!.id).map((e) => e.type)).toContain('task.resumed');
    // Paid once: the resent write carried its first idempotency key and the world answered with its first result.
    expect(transfersIn(world)).toEqual([2000]);
    expect(journal.verifyAll().ok).toBe(true);
    journal.close();
  }, 180_000);
});
