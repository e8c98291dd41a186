import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PolicyModel } from '../models/testing.js';
import { call } from '../models/testing.js';
import { runInProcess } from '../../test/support/agent.js';
import { Journal } from './journal.js';

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
