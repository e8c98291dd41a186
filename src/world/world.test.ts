import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { formatWorldTime, parseWorldTime } from './clock.js';
import { World } from './world.js';

const open: World[] = [];
function make(options: Parameters<typeof World.open>[0] = {}): World {
  const w = World.open(options);
  open.push(w);
  return w;
}
afterEach(() => {
  while (open.length) open.pop()!.close();
});

const transfer = (key: string, amount = 500) => ({
  to_account_id: 'p_wangfang',
  amount_fen: amount,
  idempotency_key: key,
});

describe('world', () => {
  it('builds the same world byte for byte from the same seed, and a different one from another', () => {
    const a = make({ seed: 42 }).snapshot().bytes;
    const b = make({ seed: 42 }).snapshot().bytes;
    const c = make({ seed: 43 }).snapshot().bytes;
    expect(a.equals(b)).toBe(true);
    expect(a.equals(c)).toBe(false);
  });

  it('restores a snapshot exactly and diffs what changed by app and table', () => {
    const w = make({ seed: 2 });
    const snap = w.snapshot();
    expect(w.call('pay', 'transfer', transfer('t1')).ok).toBe(true);
    const diff = w.diff(snap);
    expect(diff.tables.map((t) => t.table)).toEqual(['pay_accounts', 'pay_transactions']);
    expect(diff.tables[1]!.added).toHaveLength(1);
    expect(diff.tables[0]!.changed.map((c) => c.key).sort()).toEqual(['p_liming', 'p_wangfang']);
    w.restore(snap);
    expect(w.diff(snap).empty).toBe(true);
    expect(w.snapshot().bytes.equals(snap.bytes)).toBe(true);
  });

  it('forks into an independent copy', () => {
    const w = make({ seed: 2 });
    const before = w.snapshot();
    const fork = w.fork();
    open.push(fork);
    expect(fork.call('pay', 'transfer', transfer('f1')).ok).toBe(true);
    expect(w.diff(before).empty).toBe(true);
    expect(fork.diff(before).empty).toBe(false);
  });

  it('keeps a file-backed world across opens and restores it whole', () => {
    const dir = mkdtempSync(join(tmpdir(), 'errand-world-'));
    const file = join(dir, 'world.db');
    const w = make({ seed: 9, file });
    const snap = w.snapshot();
    expect(w.call('pay', 'transfer', transfer('p1', 700)).ok).toBe(true);
    w.close();
    const again = make({ file });
    expect(again.seed).toBe(9);
    expect(again.diff(snap).tables.find((t) => t.table === 'pay_transactions')?.added).toHaveLength(1);
    again.restore(snap);
    expect(again.diff(snap).empty).toBe(true);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(existsSync(file)).toBe(true);
  });

  it('moves only forward in time, on the simulated clock', () => {
    const w = make();
    expect(formatWorldTime(w.now)).toBe('2026-11-30T11:00:00+08:00');
    w.advance(90 * 60_000);
    expect(formatWorldTime(w.now)).toBe('2026-11-30T12:30:00+08:00');
    expect(() => w.advance(-1)).toThrow(/forward/);
  });

  it('parses local and zoned times the same way', () => {
    expect(parseWorldTime('2026-12-01T15:00')).toBe(Date.parse('2026-12-01T07:00:00Z'));
    expect(parseWorldTime('2026-12-01 15:00')).toBe(parseWorldTime('2026-12-01T15:00:00+08:00'));
    expect(parseWorldTime('tomorrow-ish')).toBeUndefined();
  });

  it('plants text only in declared untrusted fields', () => {
    const w = make();
    expect(() =>
      w.plant({ app: 'pay', table: 'pay_accounts', column: 'name_en', id: 'p_liming', text: 'x' }),
    ).toThrow(/not an untrusted/);
    expect(() =>
      w.plant({ app: 'pay', table: 'pay_transactions', column: 'memo', id: 'missing', text: 'x' }),
    ).toThrow(/No row/);
  });

  it('refuses an unknown persona or a fractional seed with a clear error', () => {
    expect(() => World.open({ persona: 'nobody' })).toThrow(/No persona "nobody"/);
    expect(() => World.open({ seed: 1.5 })).toThrow(/integer/);
  });

  it('acts for the chosen persona', () => {
    const w = make({ persona: 'sam' });
    expect(w.persona.person_id).toBe('p_sam');
    const balance = w.call('pay', 'get_balance', {});
    expect(balance.ok && (balance.data as { account_id: string }).account_id).toBe('p_sam');
  });
});

describe('a full disk', () => {
  it('refuses a write with STORAGE_FAILED and leaves nothing half-written', () => {
    const w = make({ seed: 2 });
    const before = w.snapshot();
    // SQLite's own ceiling on the file's size: the next page the write needs cannot be had.
    const { page_count } = w.db.prepare('PRAGMA page_count').get() as { page_count: number };
    w.db.pragma(`max_page_count = ${page_count}`);
    let result = w.call('pay', 'transfer', transfer('full-1'));
    for (let i = 2; result.ok && i < 2000; i++) result = w.call('pay', 'transfer', transfer(`full-${i}`, 1));
    expect(result.ok ? 'ok' : result.error.code).toBe('STORAGE_FAILED');
    if (!result.ok) expect(result.error.message).toMatch(/disk is full; nothing was written/);
    // Every transfer that succeeded is whole: balances moved by exactly what the transactions say.
    const diff = w.diff(before);
    const added = diff.tables.find((t) => t.table === 'pay_transactions')?.added ?? [];
    const paid = added.reduce((sum, t) => sum + Number(t.amount), 0);
    const me = diff.tables
      .find((t) => t.table === 'pay_accounts')!
      .changed.find((c) => c.key === 'p_liming')!;
    expect(Number(me.before.balance) - Number(me.after.balance)).toBe(paid);
  });
});
