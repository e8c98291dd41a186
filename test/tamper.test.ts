import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { Journal, verifyJournalFile } from '../src/agent/journal.js';
import { call, finish, ScriptedModel } from '../src/models/testing.js';
import { runInProcess } from './support/agent.js';

/**
 * The tamper suite: an attacker with the journal file but not the key changes it with raw SQL, one
 * kind of change at a time, and the audit must name each one. A clean copy must pass.
 */
const key = randomBytes(32);
let original: string;
const ids: string[] = [];

const transfer = () =>
  new ScriptedModel([
    { calls: [call('pay_get_balance')] },
    { calls: [call('pay_transfer', { to_account_id: 'p_wangfang', amount_fen: 2000 })] },
    { calls: [finish('done')] },
  ]);

beforeAll(async () => {
  original = join(mkdtempSync(join(tmpdir(), 'errand-tamper-')), 'errand.db');
  const journal = new Journal(original, { auditKey: key });
  for (let i = 0; i < 3; i++) {
    const { errandId } = await runInProcess(transfer(), '给王芳转20元', { journal });
    ids.push(errandId);
  }
  journal.close();
});

/** A copy of the journal changed by `attack`, as its check reads. */
function attacked(attack: (db: Database.Database, a: string, b: string, c: string) => void) {
  const file = join(mkdtempSync(join(tmpdir(), 'errand-tampered-')), 'errand.db');
  copyFileSync(original, file);
  const db = new Database(file);
  attack(db, ids[0]!, ids[1]!, ids[2]!);
  db.close();
  return verifyJournalFile(file, key);
}

const lastSeq = (db: Database.Database, id: string) =>
  (db.prepare('SELECT MAX(seq) AS s FROM events WHERE errand_id = ?').get(id) as { s: number }).s;
const deleteTail = (db: Database.Database, id: string, n: number) =>
  db.prepare('DELETE FROM events WHERE errand_id = ? AND seq > ?').run(id, lastSeq(db, id) - n);

type Attack = [string, (db: Database.Database, a: string, b: string, c: string) => void, string, RegExp];

const ATTACKS: Attack[] = [
  [
    'an edited event',
    (db, a) =>
      db
        .prepare(
          "UPDATE events SET data = replace(data, 'p_wangfang', 'p_stranger_cs') WHERE errand_id = ? AND type = 'action.proposed'",
        )
        .run(a),
    'edited',
    /#\d+ \(action\.proposed\) was changed after it was written/,
  ],
  [
    'an edited time',
    (db, b) =>
      db.prepare("UPDATE events SET at = at - 60000 WHERE errand_id = ? AND type = 'task.started'").run(b),
    'edited',
    /#2 \(task\.started\) was changed/,
  ],
  [
    'a changed event type',
    (db, a) => db.prepare("UPDATE events SET type = 'reflection' WHERE errand_id = ? AND seq = 3").run(a),
    'edited',
    /#3 \(reflection\) was changed/,
  ],
  [
    'a deleted event',
    (db, a) => db.prepare("DELETE FROM events WHERE errand_id = ? AND type = 'action.decided'").run(a),
    'deleted',
    /events #\d+, #\d+ of errand e\w+ were deleted/,
  ],
  [
    'two events swapped',
    (db, _a, b) => {
      const rows = db
        .prepare('SELECT seq, data FROM events WHERE errand_id = ? AND seq IN (3, 4) ORDER BY seq')
        .all(b) as { seq: number; data: string }[];
      const set = db.prepare('UPDATE events SET data = ? WHERE errand_id = ? AND seq = ?');
      set.run(rows[1]!.data, b, 3);
      set.run(rows[0]!.data, b, 4);
    },
    'reordered',
    /#3 and e\w+#4 were reordered/,
  ],
  [
    'two events renumbered',
    (db, _a, b) => {
      const set = db.prepare('UPDATE events SET seq = ? WHERE errand_id = ? AND seq = ?');
      set.run(1000, b, 5);
      set.run(5, b, 6);
      set.run(6, b, 1000);
    },
    'reordered',
    /#6 and e\w+#5 were reordered|#5 and e\w+#6 were reordered/,
  ],
  [
    'a cut end',
    (db, _a, _b, c) => deleteTail(db, c, 3),
    'cut',
    /the end of the journal was cut: it should end at e\w+#\d+ \(event \d+\) .*; 3 events are gone/,
  ],
  [
    "a cut end with the errand's head set to an earlier stored hash",
    (db, _a, _b, c) => {
      deleteTail(db, c, 3);
      const last = db
        .prepare('SELECT seq, hash FROM events WHERE errand_id = ? ORDER BY seq DESC LIMIT 1')
        .get(c) as { seq: number; hash: string };
      db.prepare(
        "UPDATE errands SET head = ?, events = ?, status = 'running', outcome = NULL WHERE id = ?",
      ).run(last.hash, last.seq, c);
    },
    'cut',
    /the end of the journal was cut/,
  ],
  [
    "a cut end with the journal's head moved back",
    (db, _a, _b, c) => {
      deleteTail(db, c, 3);
      const last = db.prepare('SELECT g, hash, errand_id, seq FROM events ORDER BY g DESC LIMIT 1').get() as {
        g: number;
        hash: string;
        errand_id: string;
        seq: number;
      };
      db.prepare('UPDATE journal_head SET g = ?, hash = ?, ref = ?').run(
        last.g,
        last.hash,
        `${last.errand_id}#${last.seq}`,
      );
    },
    'checkpoint-forged',
    /signed head was changed by someone without the key/,
  ],
  [
    "an errand's tail cut in the middle of the journal",
    (db, a) => deleteTail(db, a, 2),
    'cut',
    /errand e\w+ was cut after #\d+: events #\d+–#\d+ are gone/,
  ],
  [
    'a removed errand',
    (db, _a, b) => {
      db.prepare('DELETE FROM events WHERE errand_id = ?').run(b);
      db.prepare('DELETE FROM errands WHERE id = ?').run(b);
    },
    'errand-removed',
    /errand e\w+ was removed: its entry and all its events are gone/,
  ],
  [
    'the last errand removed',
    (db, _a, _b, c) => {
      db.prepare('DELETE FROM events WHERE errand_id = ?').run(c);
      db.prepare('DELETE FROM errands WHERE id = ?').run(c);
    },
    'errand-removed',
    /errand e\w+ was removed/,
  ],
  [
    'a changed status',
    (db, a) => db.prepare("UPDATE errands SET status = 'cancelled', outcome = NULL WHERE id = ?").run(a),
    'status-changed',
    /status was changed: the list says "cancelled", its record says "finished \(done\)"/,
  ],
  [
    'a changed outcome',
    (db, _a, b) => db.prepare("UPDATE errands SET outcome = 'blocked' WHERE id = ?").run(b),
    'status-changed',
    /the list says "finished \(blocked\)"/,
  ],
  [
    'a changed request in the errand list',
    (db, a) => db.prepare("UPDATE errands SET request = '给王芳转2元' WHERE id = ?").run(a),
    'errand-row-changed',
    /request was changed in the errand list: it shows "给王芳转2元", the record says "给王芳转20元"/,
  ],
  [
    'an event added at the end',
    (db, a) => {
      const head = db.prepare('SELECT g, ref FROM journal_head').get() as { g: number; ref: string };
      db.prepare('INSERT INTO events VALUES (?, 99, 0, ?, ?, ?, ?, ?)').run(
        a,
        'reflection',
        '{"type":"reflection","step":9,"text":"all fine"}',
        'f'.repeat(64),
        head.g + 1,
        head.ref,
      );
    },
    'inserted',
    /after the journal's signed head .* added: e\w+#99/,
  ],
  [
    'an event inserted in the middle',
    (db, a) => {
      const at = db.prepare('SELECT g, seq FROM events WHERE errand_id = ? AND seq = 5').get(a) as {
        g: number;
        seq: number;
      };
      db.prepare('UPDATE events SET g = g + 1000000 WHERE g > ?').run(at.g);
      db.prepare('UPDATE events SET g = g - 1000000 + 1 WHERE g > 1000000').run();
      db.prepare('INSERT INTO events VALUES (?, 1000, 0, ?, ?, ?, ?, ?)').run(
        a,
        'reflection',
        '{"type":"reflection","step":1,"text":"the person said yes"}',
        'f'.repeat(64),
        at.g + 1,
        `${a}#5`,
      );
    },
    'inserted',
    /event e\w+#1000 \(reflection\) was not written by errand: it was inserted/,
  ],
  [
    'an event moved to another errand',
    (db, a, b) =>
      db
        .prepare(
          "UPDATE events SET errand_id = ?, seq = 500 WHERE errand_id = ? AND seq = (SELECT MIN(seq) FROM events WHERE errand_id = ? AND type = 'action.started')",
        )
        .run(b, a, a),
    'inserted',
    /e\w+#500 \(action\.started\) was not written by errand/,
  ],
  [
    'a forged signature on the head',
    (db) => db.prepare("UPDATE journal_head SET mac = replace(mac, substr(mac, 1, 1), 'x')").run(),
    'checkpoint-forged',
    /signature does not match/,
  ],
  [
    'the signed head deleted',
    (db) => db.prepare('DELETE FROM journal_head').run(),
    'checkpoint-missing',
    /signed head is missing/,
  ],
  [
    'an errand removed from the list only',
    (db, a) => db.prepare('DELETE FROM errands WHERE id = ?').run(a),
    'errand-row-removed',
    /errand e\w+ was removed from the errand list \(\d+ events remain\)/,
  ],
  [
    'an errand added to the list by hand',
    (db) =>
      db
        .prepare(
          "INSERT INTO errands (id, created_at, request, model, status, outcome, events) VALUES ('efake', 0, 'x', 'y', 'finished', 'done', 0)",
        )
        .run(),
    'errand-row-inserted',
    /errand efake is not in the record: its entry was added by hand/,
  ],
];

describe('the audit names every change an attacker with the file makes', () => {
  it('passes a clean journal', () => {
    const check = attacked(() => {});
    expect(check).toMatchObject({ ok: true, errands: 3, signed: true, problems: [] });
    expect(check.events).toBeGreaterThan(30);
  });

  it.each(ATTACKS)('finds %s', (_name, attack, kind, message) => {
    const check = attacked(attack);
    expect(check.ok).toBe(false);
    const found = check.findings.filter((f) => f.kind === kind).map((f) => f.message);
    expect(found.join('\n')).toMatch(message);
  });

  it('covers at least twelve kinds of change', () => {
    expect(new Set(ATTACKS.map((a) => a[2])).size).toBeGreaterThanOrEqual(12);
  });

  it('cannot be checked, or forged, with another key', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'errand-tampered-')), 'errand.db');
    copyFileSync(original, file);
    expect(verifyJournalFile(file, randomBytes(32)).ok).toBe(false);
    const other = new Journal(file, { auditKey: randomBytes(32) });
    expect(() => other.create('e-other', 'x', 'y')).toThrow(/was changed outside errand/);
    other.close();
  });
});
