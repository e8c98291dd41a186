import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cliCommand, runCli } from './support/cli.js';

/** `errand serve` as a person starts it: what it prints, the token it makes once, a clean stop. */
const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
});

async function startServe(home: string, args: string[]) {
  const { command, args: argv } = cliCommand(['serve', '--port', '0', ...args]);
  const child = spawn(command, argv, {
    env: { ...process.env, ERRAND_HOME: home, HOME: home, ERRAND_MODEL: '', ERRAND_SERVE_TOKEN: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stderr!.on('data', (d) => {
    stderr += d;
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (d) => {
      stdout += d;
      const found = /console is at (http:\/\/[^/\s]+)\//.exec(stdout);
      if (found && stdout.includes('Ctrl-C')) resolve(found[1]!);
    });
    child.once('exit', (code) => reject(new Error(`exited ${code}: ${stdout}${stderr}`)));
  });
  const stop = () =>
    new Promise<number | null>((resolve) => {
      child.once('exit', (code, signal) => resolve(code ?? (signal as unknown as number)));
      child.kill('SIGTERM');
    });
  return { url, stdout: () => stdout, stderr: () => stderr, stop };
}

describe('errand serve', () => {
  it('off loopback makes a token once, shows it once, and every call needs it', async () => {
    const home = mkdtempSync(join(tmpdir(), 'errand-serve-cli-'));
    const first = await startServe(home, ['--host', '0.0.0.0']);
    const file = join(home, 'serve-token');
    const token = readFileSync(file, 'utf8').trim();
    expect(token.length).toBeGreaterThanOrEqual(32);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(first.stdout()).toContain(token);
    expect(first.stdout()).toContain('shown this once');
    expect((await fetch(`${first.url}/api/errands`)).status).toBe(401);
    const ok = await fetch(`${first.url}/api/errands`, { headers: { authorization: `Bearer ${token}` } });
    expect(ok.status).toBe(200);
    expect(await first.stop()).toBe(0);
    // The request log names the calls, never the token.
    expect(first.stderr()).toContain('GET /api/errands 401');
    expect(first.stderr()).toContain('GET /api/errands 200');
    expect(first.stderr()).not.toContain(token);

    const again = await startServe(home, ['--host', '0.0.0.0']);
    expect(again.stdout()).not.toContain(token);
    expect(again.stdout()).toContain(`kept in ${file}`);
    expect(readFileSync(file, 'utf8').trim()).toBe(token);
    const code = await again.stop();
    expect([code, again.stderr()]).toEqual([0, '']);
  }, 90_000);

  it("acts on errand's home world, the one errand run acts on", async () => {
    const home = mkdtempSync(join(tmpdir(), 'errand-serve-cli-'));
    const env = { ERRAND_HOME: home, HOME: home, ERRAND_MODEL: '' };
    const run = await runCli(
      ['run', '帮我从川味小馆点一份宫保鸡丁送到公司，40元以内，再告诉王芳我中午不回去吃饭'],
      { env },
    );
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const placed = /订单 (ord_\d+)/.exec(run.stdout)?.[1];
    expect(placed).toBeDefined();
    const s = await startServe(home, []);
    const world = (await (await fetch(`${s.url}/api/worlds/liming`)).json()) as {
      world: { foodOrders: { id: string }[] };
    };
    expect(world.world.foodOrders.map((o) => o.id)).toContain(placed);
    expect(await s.stop()).toBe(0);
    // --fresh-world starts from the seed: the order is not there.
    const fresh = await startServe(home, ['--fresh-world']);
    const empty = (await (await fetch(`${fresh.url}/api/worlds/liming`)).json()) as {
      world: { foodOrders: { id: string }[] };
    };
    expect(empty.world.foodOrders.map((o) => o.id)).not.toContain(placed);
    expect(await fresh.stop()).toBe(0);
  }, 120_000);

  it('on loopback asks for no token, and says so', async () => {
    const home = mkdtempSync(join(tmpdir(), 'errand-serve-cli-'));
    const s = await startServe(home, []);
    expect(s.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(s.stdout()).toContain('no token is asked for');
    const list = await fetch(`${s.url}/api/errands`);
    expect(list.status).toBe(200);
    expect(await s.stop()).toBe(0);
  });
});
