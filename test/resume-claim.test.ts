import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Journal } from '../src/agent/journal.js';

const KEY = Buffer.alloc(32, 7);

/** A real process starts an errand, begins a write and dies without a word (it just exits). */
function startInAnotherProcess(file: string, id: string): void {
  const tsx = new URL('../node_modules/tsx/dist/loader.mjs', import.meta.url).href;
  const journal = fileURLToPath(new URL('../src/agent/journal.ts', import.meta.url));
  const script = `
    import { Journal } from ${JSON.stringify(journal)};
    const j = new Journal(${JSON.stringify(file)}, { auditKey: Buffer.alloc(32, 7) });
    j.create(${JSON.stringify(id)}, '给王芳转20元', 'scripted:x');
    j.append(${JSON.stringify(id)}, { type: 'action.proposed', step: 1, callId: 'c1', tool: 'pay_transfer', app: 'pay', input: { to_account_id: 'p_wangfang', amount_fen: 2000 }, effect: { kind: 'write' } });
    j.append(${JSON.stringify(id)}, { type: 'action.started', step: 1, callId: 'c1', idempotencyKey: 'k1' }, true);
    process.exit(0);`;
  const ran = spawnSync(process.execPath, ['--import', tsx, '--input-type=module', '-e', script], {
    encoding: 'utf8',
  });
  expect(ran.status, ran.stderr).toBe(0);
}

describe('taking up an interrupted errand', () => {
  it('is done by one process at a time, is chained and signed, and is refused once the errand has ended', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'errand-resume-')), 'errand.db');
    startInAnotherProcess(file, 'e1');
    const journal = new Journal(file, { auditKey: KEY });
    try {
      expect(journal.resumable()).toEqual(['e1']);
      const events = journal.resume('e1');
      expect(events.map((e) => e.type)).toEqual([
        'task.created',
        'action.proposed',
        'action.started',
        'task.interrupted',
      ]);
      const last = journal.events('e1').at(-1);
      expect(last?.type).toBe('task.resumed');
      expect(last?.type === 'task.resumed' && last.unknown).toBe(1);
      expect(journal.list(1, { id: 'e1' })[0]?.status).toBe('running');
      // This process owns it now: another taker is refused while it lives.
      expect(() => journal.resume('e1')).toThrow(/still running/);
      expect(journal.verifyAll().ok).toBe(true);
      journal.append('e1', {
        type: 'task.finished',
        outcome: 'done',
        summary: 'Sent.',
        evidence: [],
        usage: { inputTokens: 0, outputTokens: 0, costUsd: 0, energyWh: 0 },
        steps: 1,
      });
      expect(() => journal.resume('e1')).toThrow(/already ended/);
      expect(journal.resumable()).toEqual([]);
      const check = journal.verifyAll();
      expect(check.problems).toEqual([]);
    } finally {
      journal.close();
    }
  });
});
