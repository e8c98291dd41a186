import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { WorldHost } from './host.js';
import { World } from './world.js';

const open: { close(): void }[] = [];
function keep<T extends { close(): void }>(thing: T): T {
  open.push(thing);
  return thing;
}
afterEach(() => {
  while (open.length) open.pop()!.close();
});

const dir = () => mkdtempSync(join(tmpdir(), 'errand-world-file-'));
const transfer = (key: string, amount = 500) => ({
  to_account_id: 'p_wangfang',
  amount_fen: amount,
  idempotency_key: key,
});
const balance = (w: World) => {
  const r = w.call('pay', 'get_balance', {});
  if (!r.ok) throw new Error(r.error.message);
  return r.data as { account_id: string; balance: { amount: number } };
};

describe('a world file shared by several processes', () => {
  it('lets each opener act for its own persona, and every opener sees the others’ writes', () => {
    const file = join(dir(), 'world.db');
    const li = keep(World.open({ file, persona: 'liming' }));
    const sam = keep(World.open({ file, persona: 'sam' }));
    expect(balance(li).account_id).toBe('p_liming');
    expect(balance(sam).account_id).toBe('p_sam');
    // Opening as sam wrote nothing: li still acts for li, and a third opener sees the file's own persona.
    expect(li.persona.id).toBe('liming');
    expect(keep(World.open({ file })).persona.id).toBe('liming');
    const before = balance(li).balance.amount;
    expect(li.call('pay', 'transfer', transfer('t1')).ok).toBe(true);
    const again = keep(World.open({ file, persona: 'liming' }));
    expect(balance(again).balance.amount).toBe(before - 500);
    // The same idempotency key from another opener is the same write, not a second one.
    const replay = again.call('pay', 'transfer', transfer('t1'));
    expect(replay.ok && replay.replayed).toBe(true);
    expect(balance(li).balance.amount).toBe(before - 500);
    const db = keep(new Database(file, { readonly: true }));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
  });

  it('restores in place: another opener sees the restored state and carries on from it', () => {
    const file = join(dir(), 'world.db');
    const a = keep(World.open({ file }));
    const b = keep(World.open({ file }));
    const start = a.snapshot();
    expect(a.call('pay', 'transfer', transfer('t1')).ok).toBe(true);
    expect(b.diff(start).empty).toBe(false);
    a.restore(start);
    expect(b.diff(start).empty).toBe(true);
    // b's connection is still good: it writes, and the ids start again from the restored counters.
    const t = b.call('pay', 'transfer', transfer('t2'));
    expect(t.ok && (t.data as { transaction_id: string }).transaction_id).toBe('txn_0001');
  });

  it('refuses a file that is not an errand world with a sentence', () => {
    const d = dir();
    writeFileSync(join(d, 'notes.db'), 'just some text, not a database at all');
    expect(() => World.open({ file: join(d, 'notes.db') })).toThrow(/not an errand world, or it is damaged/);
    const other = new Database(join(d, 'other.db'));
    other.exec('CREATE TABLE t (x)');
    other.close();
    expect(() => World.open({ file: join(d, 'other.db') })).toThrow(/not an errand world/);
  });
});

describe('a world host on a data folder', () => {
  it('keeps the world and its snapshots across a restart', () => {
    const data = dir();
    const first = WorldHost.openData({ dir: data, seed: 3 });
    const snap = first.snapshot('main');
    expect(first.main.call('pay', 'transfer', transfer('t1')).ok).toBe(true);
    first.close();
    const second = keep(WorldHost.openData({ dir: data, seed: 1 }));
    expect(second.main.seed).toBe(3);
    expect(second.main.diff(second.getSnapshot(snap)).empty).toBe(false);
    second.main.restore(second.getSnapshot(snap));
    expect(second.main.diff(second.getSnapshot(snap)).empty).toBe(true);
    expect(() => second.getSnapshot('snap_00000000')).toThrow(/No snapshot/);
    expect(() => second.getSnapshot('../world')).toThrow(/No snapshot/);
  });
});
