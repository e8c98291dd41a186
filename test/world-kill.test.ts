import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { World } from '../src/world/index.js';
import { cliCommand } from './support/cli.js';

/**
 * A real `errand world serve --data DIR` is killed with SIGKILL while transfers pour in. Restarted on
 * the same folder it must hold every transfer it answered for, and no half of one: each transfer
 * recorded under its idempotency key has its transaction, the balances moved by exactly what the
 * transactions say, and the file checks as whole.
 */
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

/** Starts the world server on `data` and resolves with its URL once it listens. */
async function serve(data: string, home: string): Promise<{ child: ChildProcess; url: string }> {
  const { command, args } = cliCommand(['world', 'serve', '--port', '0', '--data', data]);
  const child = spawn(command, args, {
    env: { ...process.env, ERRAND_HOME: home, HOME: home, ERRAND_WORLD_TOKEN: '' },
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
      const found = /http:\/\/127\.0\.0\.1:\d+/.exec(stdout);
      if (found && stdout.includes('Press Ctrl-C')) resolve(found[0]);
    });
    child.once('exit', (code) => reject(new Error(`world serve exited ${code}: ${stderr}`)));
  });
  return { child, url };
}

interface Answered {
  key: string;
  transactionId: string;
  amount: number;
}

async function transfer(url: string, key: string, amount: number): Promise<Answered | null> {
  try {
    const res = await fetch(`${url}/apps/pay/tools/transfer`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ to_account_id: 'p_wangfang', amount_fen: amount, idempotency_key: key }),
    });
    const body = (await res.json()) as { ok: boolean; data?: { transaction_id: string } };
    return body.ok ? { key, transactionId: body.data!.transaction_id, amount } : null;
  } catch {
    return null; // the server died under this request
  }
}

describe('a world server killed with SIGKILL mid-write', () => {
  it('restarts with every answered write present and none half-written', { timeout: 120_000 }, async () => {
    const root = mkdtempSync(join(tmpdir(), 'errand-world-kill-'));
    const data = join(root, 'data');
    const home = join(root, 'home');
    const first = await serve(data, home);
    const answered: Answered[] = [];
    let sent = 0;
    let inFlight = 0;
    let killedWhileInFlight = 0;
    let killed = false;
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      first.child.once('exit', (_code, signal) => resolve(signal)),
    );
    // Eight writers at once, each sending its next transfer as soon as the last is answered; after
    // 150 answers the server is killed while the writers' next transfers are on their way.
    const writer = async () => {
      while (!killed) {
        const n = ++sent;
        inFlight++;
        const result = await transfer(first.url, `k${n}`, 1 + (n % 7));
        inFlight--;
        if (result && !killed) answered.push(result);
        if (answered.length >= 150 && !killed) {
          killed = true;
          killedWhileInFlight = inFlight;
          first.child.kill('SIGKILL');
        }
      }
    };
    await Promise.all(Array.from({ length: 8 }, writer));
    expect(await exited).toBe('SIGKILL');
    expect(killedWhileInFlight).toBeGreaterThan(0);

    const second = await serve(data, home);
    // Every answered transfer is there: the same key gives back the same transaction, not a new one.
    for (const a of answered) {
      const res = await fetch(`${second.url}/apps/pay/tools/transfer`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ to_account_id: 'p_wangfang', amount_fen: a.amount, idempotency_key: a.key }),
      });
      const body = (await res.json()) as { ok: boolean; replayed: boolean; data: { transaction_id: string } };
      expect(body, a.key).toMatchObject({
        ok: true,
        replayed: true,
        data: { transaction_id: a.transactionId },
      });
    }
    second.child.kill('SIGKILL');
    await new Promise((resolve) => second.child.once('exit', resolve));

    const db = new Database(join(data, 'world.db'));
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const kept = db
        .prepare("SELECT key, result FROM world_idempotency WHERE app = 'pay' AND tool = 'transfer'")
        .all() as { key: string; result: string }[];
      const txns = db.prepare("SELECT id, amount FROM pay_transactions WHERE kind = 'transfer'").all() as {
        id: string;
        amount: number;
      }[];
      // One transaction per recorded write, each the one its write answered with.
      expect(kept.length).toBeGreaterThanOrEqual(answered.length);
      expect(txns.map((t) => t.id).sort()).toEqual(
        kept.map((k) => (JSON.parse(k.result) as { transaction_id: string }).transaction_id).sort(),
      );
      // The money moved by exactly what the transactions say: no balance moved without its record.
      const sum = txns.reduce((s, t) => s + t.amount, 0);
      const balance = (id: string) =>
        (db.prepare('SELECT balance FROM pay_accounts WHERE id = ?').get(id) as { balance: number }).balance;
      const start = World.open({ seed: 1 });
      const seeded = (id: string) =>
        (start.db.prepare('SELECT balance FROM pay_accounts WHERE id = ?').get(id) as { balance: number })
          .balance;
      expect(balance('p_liming')).toBe(seeded('p_liming') - sum);
      expect(balance('p_wangfang')).toBe(seeded('p_wangfang') + sum);
      start.close();
    } finally {
      db.close();
    }
  });
});
