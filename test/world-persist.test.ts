import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { cliCommand, runCli } from './support/cli.js';

/**
 * errand's own world remembers: what one `errand run` did, the next one finds — until the person
 * resets it. `--fresh-world` acts on a new world and leaves the kept one alone; `--world URL` acts on a
 * running world server.
 */
const LUNCH = '帮我从川味小馆点一份宫保鸡丁送到公司，40元以内，再告诉王芳我中午不回去吃饭';
const orderOf = (stdout: string) => /已下单并付款 ¥36\.00（订单 (ord_\d+)）/.exec(stdout)?.[1];

function keptOrders(home: string): string[] {
  const db = new Database(join(home, 'world.db'), { readonly: true });
  try {
    return (
      db.prepare("SELECT id FROM food_orders WHERE id GLOB 'ord_[0-9]*' ORDER BY id").all() as {
        id: string;
      }[]
    ).map((r) => r.id);
  } finally {
    db.close();
  }
}

describe("errand's own world", () => {
  it('keeps an order placed by one errand for the next, until it is reset', {
    timeout: 120_000,
  }, async () => {
    const root = mkdtempSync(join(tmpdir(), 'errand-persist-'));
    const home = join(root, 'home');
    const env = { ERRAND_HOME: home, HOME: root, ERRAND_MODEL: '' };

    const first = await runCli(['run', LUNCH], { env });
    expect(first.code, first.stderr).toBe(0);
    expect(orderOf(first.stdout)).toBe('ord_0001');

    // The next errand reads the order the first one placed (on a new world it would see only the old one).
    const cancel = await runCli(['run', '川味小馆那单宫保鸡丁我不要了，帮我取消掉'], { env });
    expect(cancel.stdout).toContain('川味小馆：宫保鸡丁（2026-11-30 11:00下单，已付款）');

    const second = await runCli(['run', LUNCH], { env });
    expect(orderOf(second.stdout)).toBe('ord_0002');
    expect(second.stdout).toMatch(/balance=¥1351\.00/);

    // A fresh world starts over and leaves the kept one as it was.
    const fresh = await runCli(['run', '--fresh-world', LUNCH], { env });
    expect(orderOf(fresh.stdout)).toBe('ord_0001');
    expect(keptOrders(home)).toEqual(['ord_0001', 'ord_0002']);

    // A seed that is not the kept world's is refused, not silently ignored.
    const seeded = await runCli(['run', '--seed', '2', LUNCH], { env });
    expect(seeded.code).toBe(1);
    expect(seeded.stderr).toMatch(/built from seed 1, not 2.*errand world reset --seed 2.*\[CONFLICT\]/);

    const reset = await runCli(['world', 'reset'], { env });
    expect(reset.stdout).toContain(`The world in ${join(home, 'world.db')} starts over: seed 1`);
    expect(keptOrders(home)).toEqual([]);
    const after = await runCli(['run', LUNCH], { env });
    expect(orderOf(after.stdout)).toBe('ord_0001');
  });

  it('acts on a running world server with --world, which keeps what it did', {
    timeout: 120_000,
  }, async () => {
    const root = mkdtempSync(join(tmpdir(), 'errand-persist-'));
    const home = join(root, 'home');
    const data = join(root, 'data');
    const env = { ERRAND_HOME: home, HOME: root, ERRAND_MODEL: '', ERRAND_WORLD_TOKEN: '' };
    const { command, args } = cliCommand(['world', 'serve', '--port', '0', '--data', data]);
    const server = spawn(command, args, {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise((resolve) => server.once('exit', resolve));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        server.stdout.on('data', (d) => {
          out += d;
          const found = /http:\/\/127\.0\.0\.1:\d+/.exec(out);
          if (found && out.includes('Press Ctrl-C')) resolve(found[0]);
        });
        server.once('exit', (code) => reject(new Error(`world serve exited ${code}`)));
      });
      const run = await runCli(['run', '--world', url, LUNCH], { env });
      expect(run.code, run.stderr).toBe(0);
      expect(orderOf(run.stdout)).toBe('ord_0001');
      // The order is the server's: its data folder has it, and errand's own world was never made.
      expect(keptOrders(data)).toEqual(['ord_0001']);
      expect(existsSync(join(home, 'world.db'))).toBe(false);
      const again = await runCli(['run', '--world', url, LUNCH], { env });
      expect(orderOf(again.stdout)).toBe('ord_0002');
      // Without the server's token errand cannot read the person's world there, and says how to get it.
      const stranger = await runCli(['run', '--world', url, LUNCH], {
        env: { ...env, ERRAND_HOME: join(root, 'elsewhere') },
      });
      expect(stranger.code).toBe(1);
      expect(stranger.stderr).toMatch(/wants its token.*ERRAND_WORLD_TOKEN.*\[UNAUTHORIZED\]/);
      const persona = await runCli(['run', '--world', url, '--persona', 'sam', 'Send Anna 50 yuan'], { env });
      expect(persona.stderr).toMatch(/acts for liming, not sam.*\[CONFLICT\]/);
    } finally {
      server.kill('SIGINT');
      await exited;
    }
    expect(keptOrders(data)).toEqual(['ord_0001', 'ord_0002']);
  });
});
