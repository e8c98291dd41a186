import { spawnSync } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { call, finish, PolicyModel } from '../models/testing.js';
import { runInProcess } from '../../test/support/agent.js';
import { ZERO_USAGE } from './events.js';
import { Journal } from './journal.js';
import { currentOwner, ownerGone } from './owner.js';
import { buildReport } from './report.js';

const fresh = () => new Journal(join(mkdtempSync(join(tmpdir(), 'errand-journal-')), 'errand.db'));

describe('journal', () => {
  it('keeps every event in order, durable across reopening', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'errand-journal-')), 'errand.db');
    const j = new Journal(file);
    j.create('e1', 'hello', 'scripted:x');
    j.append('e1', { type: 'reflection', step: 1, text: 'a' });
    j.append('e1', { type: 'reflection', step: 2, text: 'b' }, true);
    j.close();
    const again = new Journal(file);
    expect(again.events('e1').map((e) => (e as { text: string }).text)).toEqual(['a', 'b']);
    expect(again.verify('e1').ok).toBe(true);
  });

  it('fails with STORAGE_FAILED on a full disk, and what was written stays whole and verifiable', () => {
    const j = fresh();
    j.create('e1', 'hello', 'scripted:x');
    j.append('e1', { type: 'reflection', step: 1, text: 'fits' }, true);
    const { page_count } = j.db.prepare('PRAGMA page_count').get() as { page_count: number };
    j.db.pragma(`max_page_count = ${page_count}`);
    expect(() => {
      for (let i = 0; i < 500; i++)
        j.append('e1', { type: 'reflection', step: 2, text: 'x'.repeat(4000) }, true);
    }).toThrow(/Could not write to the journal/);
    j.db.pragma('max_page_count = 1073741823');
    const stored = j.db.prepare('SELECT COUNT(*) AS n FROM events').get() as { n: number };
    expect(stored.n).toBeGreaterThanOrEqual(1);
    const rows = j.db.prepare("SELECT seq FROM events WHERE errand_id = 'e1' ORDER BY seq").all() as {
      seq: number;
    }[];
    expect(rows.map((r) => r.seq)).toEqual(rows.map((_r, i) => i + 1));
  });

  it('makes an errand end with a clear STORAGE_FAILED when the disk fills mid-errand', async () => {
    const journal = fresh();
    let n = 0;
    const model = new PolicyModel(() => {
      if (n++ === 1) {
        const { page_count } = journal.db.prepare('PRAGMA page_count').get() as { page_count: number };
        journal.db.pragma(`max_page_count = ${page_count}`);
      }
      return {
        calls: [
          call('pay_transfer', { to_account_id: 'p_wangfang', amount_fen: 100 + n, memo: 'x'.repeat(3000) }),
        ],
      };
    });
    await expect(runInProcess(model, '给王芳转1元', { journal })).rejects.toMatchObject({
      code: 'STORAGE_FAILED',
    });
  });
});

describe('durability and interrupted errands', () => {
  it("has a write's result on disk before the next step", async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'errand-journal-')), 'errand.db');
    const journal = new Journal(file);
    const onDisk: string[][] = [];
    const model = new PolicyModel((view) => {
      // What another process (errand show, a crash's survivor) can read at the start of each step.
      const reader = new Database(file, { readonly: true });
      onDisk.push(
        (
          reader.prepare("SELECT type FROM events WHERE type LIKE 'action.%' ORDER BY g").all() as {
            type: string;
          }[]
        ).map((r) => r.type),
      );
      reader.close();
      return view.call === 0
        ? { calls: [call('pay_transfer', { to_account_id: 'p_wangfang', amount_fen: 2000 })] }
        : { calls: [finish('done')] };
    });
    await runInProcess(model, '给王芳转20元', { journal });
    expect(onDisk[1]).toEqual(['action.proposed', 'action.decided', 'action.started', 'action.finished']);
  });

  it('marks an errand interrupted when its process died, naming the write it started with no result', async () => {
    const home = mkdtempSync(join(tmpdir(), 'errand-journal-'));
    const file = join(home, 'errand.db');
    // A real process starts an errand and a write, then dies before the write's result is written.
    const script = `
      import { Journal } from ${JSON.stringify(fileURLToPath(new URL('./journal.ts', import.meta.url)))};
      const j = new Journal(${JSON.stringify(file)});
      j.create('e-dead', '给王芳转20元', 'scripted:x');
      j.append('e-dead', { type: 'action.proposed', step: 1, callId: 'c1', tool: 'pay_transfer', app: 'pay',
        input: { to_account_id: 'p_wangfang', amount_fen: 2000 }, effect: { kind: 'irreversible' } });
      j.append('e-dead', { type: 'action.started', step: 1, callId: 'c1', idempotencyKey: 'e-dead-s1-c0' }, true);
      process.kill(process.pid, 'SIGKILL');`;
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script]);
    expect(child.signal).toBe('SIGKILL');
    const journal = new Journal(file);
    expect(journal.list()).toMatchObject([{ id: 'e-dead', status: 'interrupted' }]);
    const end = journal.events('e-dead').at(-1);
    expect(end).toMatchObject({
      type: 'task.interrupted',
      reason: expect.stringMatching(/errand's process \(pid \d+\) ended before the errand did/),
      unknown: [{ callId: 'c1', tool: 'pay_transfer', idempotencyKey: 'e-dead-s1-c0' }],
    });
    const report = buildReport(journal.events('e-dead'), 'e-dead');
    expect(report).toMatchObject({ status: 'interrupted', unknown: [{ callId: 'c1' }] });
    expect(journal.verifyAll()).toMatchObject({ ok: true, errands: 1 });
    // A second reader finds it already settled: one interrupted event, not two.
    const again = new Journal(file);
    expect(again.events('e-dead').filter((e) => e.type === 'task.interrupted')).toHaveLength(1);
    again.close();
    journal.close();
  });

  it('leaves an errand of a live process running', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'errand-journal-')), 'errand.db');
    const writer = new Journal(file);
    writer.create('e-live', 'x', 'scripted:x');
    const reader = new Journal(file);
    expect(reader.list()).toMatchObject([{ id: 'e-live', status: 'running' }]);
    reader.close();
    writer.close();
  });
});

describe('process identity', () => {
  it('survives pid reuse: a live pid with another start time is not the owner', () => {
    const me = currentOwner();
    expect(ownerGone(me)).toBe(false);
    const [boot, pid, start] = me.split(':');
    expect(ownerGone(`${boot}:${pid}:${Number(start) + 1}`)).toBe(true);
    expect(ownerGone(`${boot}:4194303:${start}`)).toBe(true);
    expect(ownerGone(`another-boot:${pid}:${start}`)).toBe(true);
  });
});

describe('a journal from before the one chain', () => {
  const OLD_SCHEMA = `
    CREATE TABLE errands (id TEXT PRIMARY KEY, created_at INTEGER NOT NULL, request TEXT NOT NULL, model TEXT NOT NULL,
      status TEXT NOT NULL, outcome TEXT, head TEXT, events INTEGER NOT NULL DEFAULT 0);
    CREATE TABLE events (errand_id TEXT NOT NULL REFERENCES errands(id), seq INTEGER NOT NULL, at INTEGER NOT NULL,
      type TEXT NOT NULL, data TEXT NOT NULL, hash TEXT NOT NULL, PRIMARY KEY (errand_id, seq));`;

  /** Writes an old journal the way the old code did: one HMAC chain per errand. */
  function oldJournal(key: Buffer, tamper = false): string {
    const file = join(mkdtempSync(join(tmpdir(), 'errand-old-')), 'errand.db');
    const db = new Database(file);
    db.exec(OLD_SCHEMA);
    for (const [id, status] of [
      ['e-old1', 'finished'],
      ['e-old2', 'running'],
    ] as const) {
      db.prepare('INSERT INTO errands VALUES (?, 1000, ?, ?, ?, ?, NULL, 0)').run(
        id,
        '给王芳转20元',
        'scripted:x',
        status,
        status === 'finished' ? 'done' : null,
      );
      let prev = 'errand-audit-v1';
      const events = [
        { type: 'reflection', step: 1, text: `${id} thinks` },
        ...(status === 'finished'
          ? [
              {
                type: 'task.finished',
                outcome: 'done',
                summary: 'ok',
                evidence: [],
                usage: ZERO_USAGE,
                steps: 1,
              },
            ]
          : []),
      ];
      events.forEach((e, i) => {
        const data = JSON.stringify(e);
        const hash = createHmac('sha256', key)
          .update([prev, id, i + 1, 2000 + i, e.type, data].join('\u001f'))
          .digest('hex');
        db.prepare('INSERT INTO events VALUES (?, ?, ?, ?, ?, ?)').run(
          id,
          i + 1,
          2000 + i,
          e.type,
          data,
          hash,
        );
        db.prepare('UPDATE errands SET head = ?, events = ? WHERE id = ?').run(hash, i + 1, id);
        prev = hash;
      });
    }
    if (tamper)
      db.prepare("UPDATE events SET data = replace(data, 'thinks', 'paid') WHERE errand_id = 'e-old1'").run();
    db.close();
    return file;
  }

  it('is checked and carried into the one chain, its running errand marked interrupted', () => {
    const key = randomBytes(32);
    const journal = new Journal(oldJournal(key), { auditKey: key });
    expect(journal.list().map((e) => [e.id, e.status])).toEqual([
      ['e-old2', 'interrupted'],
      ['e-old1', 'finished'],
    ]);
    expect(journal.events('e-old1').map((e) => e.type)).toEqual(['reflection', 'task.finished']);
    expect(journal.verifyAll()).toMatchObject({ ok: true, errands: 2 });
    journal.close();
  });

  it('is refused, not laundered, when its old chain was changed', () => {
    const key = randomBytes(32);
    expect(() => new Journal(oldJournal(key, true), { auditKey: key })).toThrow(
      /old format and errand e-old1's audit chain does not hold/,
    );
  });
});
