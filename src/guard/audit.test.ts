import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Journal } from '../agent/journal.js';
import { call, finish, ScriptedModel } from '../models/testing.js';
import { runInProcess } from '../../test/support/agent.js';

/** The audit chain finds any edit, deletion or reordering of an errand's journal. */
async function journalWithErrand(): Promise<{ journal: Journal; errandId: string }> {
  const journal = new Journal(join(mkdtempSync(join(tmpdir(), 'errand-audit-')), 'errand.db'), {
    auditKey: randomBytes(32),
  });
  const model = new ScriptedModel([
    { calls: [call('pay_get_balance')] },
    { calls: [call('pay_transfer', { to_account_id: 'p_wangfang', amount_fen: 2000 })] },
    { calls: [finish('done')] },
  ]);
  const { errandId } = await runInProcess(model, '给王芳转20元', { journal });
  return { journal, errandId };
}

describe('audit chain', () => {
  it('is intact after an errand', async () => {
    const { journal, errandId } = await journalWithErrand();
    const check = journal.verify(errandId);
    expect(check.ok).toBe(true);
    expect(check.events).toBeGreaterThan(8);
  });

  it('finds an edited event', async () => {
    const { journal, errandId } = await journalWithErrand();
    journal.db
      .prepare(
        "UPDATE events SET data = replace(data, 'p_wangfang', 'p_stranger_cs') WHERE errand_id = ? AND type = 'action.proposed'",
      )
      .run(errandId);
    const check = journal.verify(errandId);
    expect(check.ok).toBe(false);
    expect(check.problems.join()).toMatch(/action.proposed\) was changed/);
  });

  it('finds a deleted event and a cut tail', async () => {
    const { journal, errandId } = await journalWithErrand();
    journal.db.prepare("DELETE FROM events WHERE errand_id = ? AND type = 'action.decided'").run(errandId);
    expect(journal.verify(errandId).problems.join()).toMatch(/events #\d+, #\d+ of errand \w+ were deleted/);
    const again = await journalWithErrand();
    again.journal.db
      .prepare(
        'DELETE FROM events WHERE errand_id = ? AND seq = (SELECT MAX(seq) FROM events WHERE errand_id = ?)',
      )
      .run(again.errandId, again.errandId);
    expect(again.journal.verify(again.errandId).problems.join()).toMatch(
      /the end of the journal was cut: it should end at \w+#\d+ .*; 1 event is gone/,
    );
  });

  it('finds reordered events', async () => {
    const { journal, errandId } = await journalWithErrand();
    const rows = journal.db
      .prepare('SELECT seq, data FROM events WHERE errand_id = ? AND seq IN (3, 4) ORDER BY seq')
      .all(errandId) as { seq: number; data: string }[];
    const swap = journal.db.prepare('UPDATE events SET data = ? WHERE errand_id = ? AND seq = ?');
    swap.run(rows[1]!.data, errandId, 3);
    swap.run(rows[0]!.data, errandId, 4);
    expect(journal.verify(errandId).problems.join()).toMatch(/#3 and \w+#4 were reordered/);
  });

  it('cannot be recomputed without the key', async () => {
    const { journal, errandId } = await journalWithErrand();
    const other = new Journal(journal.db.name, { auditKey: randomBytes(32) });
    expect(other.verify(errandId).ok).toBe(false);
  });
});
