import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { cliCommand, runCli } from './support/cli.js';

/**
 * The record as a person meets it: an errand killed after it ordered food shows as interrupted
 * everywhere, the same request is not run again silently, and the audit commands check the whole
 * journal here and elsewhere and name what was changed.
 */
const LUNCH = '帮我从川味小馆点一份宫保鸡丁送到公司，40元以内，再告诉王芳我中午不回去吃饭';
const home = mkdtempSync(join(tmpdir(), 'errand-record-'));
const env = { ERRAND_HOME: home, HOME: home, ERRAND_MODEL: '' };
const cli = (args: string[]) => runCli(args, { env });

/** Runs the lunch errand and kills it (SIGKILL) as soon as its food order's result is written. */
async function killAfterOrder(): Promise<string> {
  const { command, args } = cliCommand(['run', '--json', LUNCH]);
  const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let errandId = '';
  let buffered = '';
  const orders = new Set<string>();
  child.stdout.on('data', (d: Buffer) => {
    buffered += d;
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) {
      const e = JSON.parse(line);
      if (e.type === 'action.proposed' && e.tool === 'food_place_order') orders.add(e.callId);
      if (e.type === 'action.started' && e.idempotencyKey)
        errandId = /^(e\w+?)-s/.exec(e.idempotencyKey)![1]!;
      if (e.type === 'action.finished' && orders.has(e.callId)) child.kill('SIGKILL');
    }
  });
  child.stderr.resume();
  const signal = await new Promise((resolve) => child.on('close', (_c, s) => resolve(s)));
  expect(signal).toBe('SIGKILL');
  return errandId;
}

describe('an interrupted errand and the audit, from the command line', () => {
  let first = '';

  it('shows an errand whose process was killed as interrupted, in tasks, show and the audit', async () => {
    first = await killAfterOrder();
    expect(first).toMatch(/^e\w+$/);
    expect((await cli(['tasks'])).stdout).toMatch(new RegExp(`${first} .* interrupted`));
    const show = await cli(['show', first]);
    expect(show.stdout).toMatch(/■ interrupted — errand's process \(pid \d+\) ended before the errand did/);
    expect(show.stdout).toMatch(/做了什么：\n\s+food\.place_order/);
    const audit = await cli(['audit', 'show', first]);
    expect(audit.stdout).toMatch(/Outcome: interrupted: errand's process/);
    expect(audit.stdout).toContain('Audit chain: intact');
  });

  it('does not run the same request again silently, and runs it with --again', async () => {
    const refused = await cli(['run', LUNCH]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`this same request was interrupted before it finished (errand ${first}`);
    expect(refused.stderr).toMatch(/food\.place_order restaurant_id="r_chuanwei" .* — done/);
    expect(refused.stderr).toContain(`\`errand show ${first}\``);
    expect(refused.stderr).toContain('to run the request anew anyway, add --again');
    expect(JSON.parse((await cli(['tasks', '--json'])).stdout)).toHaveLength(1);
    const again = await cli(['run', '--again', LUNCH]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('✔ done');
  });

  it('verifies the whole journal, and a copy elsewhere with the key', async () => {
    const whole = await cli(['audit', 'verify']);
    expect(whole).toMatchObject({ code: 0 });
    expect(whole.stdout).toMatch(/✔ journal: audit chain intact \(\d+ events in 2 errands, signed\)/);
    const copy = join(mkdtempSync(join(tmpdir(), 'errand-export-')), 'journal.db');
    expect((await cli(['audit', 'export', copy])).stdout).toMatch(/Exported \d+ events of 2 errands/);
    const elsewhere = await runCli(['audit', 'verify', '--journal', copy, '--key', join(home, 'audit.key')], {
      env: { ERRAND_HOME: mkdtempSync(join(tmpdir(), 'errand-elsewhere-')) },
    });
    expect(elsewhere.stdout).toMatch(/✔ journal .*journal\.db: audit chain intact/);
    const wrongKey = join(home, 'wrong.key');
    writeFileSync(wrongKey, randomBytes(32).toString('hex'));
    const wrong = await cli(['audit', 'verify', '--journal', copy, '--key', wrongKey]);
    expect(wrong.code).toBe(2);
    expect(wrong.stdout).toMatch(/audit chain broken/);
  });

  it('names a cut end hidden by setting the head to an earlier hash, and a removed errand', async () => {
    const db = new Database(join(home, 'errand.db'));
    const last = (
      db.prepare('SELECT id FROM errands ORDER BY created_at DESC LIMIT 1').get() as { id: string }
    ).id;
    db.prepare(
      'DELETE FROM events WHERE errand_id = ? AND seq > (SELECT MAX(seq) - 3 FROM events WHERE errand_id = ?)',
    ).run(last, last);
    const head = db
      .prepare('SELECT seq, hash FROM events WHERE errand_id = ? ORDER BY seq DESC LIMIT 1')
      .get(last) as { seq: number; hash: string };
    db.prepare('UPDATE errands SET head = ?, events = ? WHERE id = ?').run(head.hash, head.seq, last);
    db.prepare('DELETE FROM events WHERE errand_id = ?').run(first);
    db.prepare('DELETE FROM errands WHERE id = ?').run(first);
    db.close();
    const whole = await cli(['audit', 'verify']);
    expect(whole.code).toBe(2);
    expect(whole.stdout).toMatch(/the end of the journal was cut: .* 3 events are gone/);
    expect(whole.stdout).toContain(`errand ${first} was removed`);
    const one = await cli(['audit', 'verify', last]);
    expect(one.code).toBe(2);
    expect(one.stdout).toContain(`errand ${last} was cut after`);
    const removed = await cli(['audit', 'verify', first]);
    expect(removed.code).toBe(2);
    expect(removed.stdout).toContain(`errand ${first} was removed: its entry and all its events are gone`);
  });
});
