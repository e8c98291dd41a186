import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  closeSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Journal } from '../src/agent/journal.js';
import { runCli } from './support/cli.js';

/** A home errand cannot use says so in one sentence, with a stable code and what to do; never INTERNAL. */
const fresh = () => mkdtempSync(join(tmpdir(), 'errand-home-'));
const cli = (home: string, args: string[]) => runCli(args, { env: { ERRAND_HOME: home, ERRAND_MODEL: '' } });

function expectOneSentence(result: { code: number | null; stderr: string }, code: string, words: RegExp) {
  expect(result.code).toBe(1);
  expect(result.stderr).not.toMatch(/INTERNAL|Unexpected error|at .*\.js:\d+/);
  expect(result.stderr.trim().split('\n')).toHaveLength(1);
  expect(result.stderr).toMatch(words);
  expect(result.stderr.trim().endsWith(`[${code}]`)).toBe(true);
}

/** A journal in `home` signed with its key, with some errands in it. */
function journalIn(home: string, events: number): string {
  const key = randomBytes(32);
  writeFileSync(join(home, 'audit.key'), key.toString('hex'), { mode: 0o600 });
  const file = join(home, 'errand.db');
  const journal = new Journal(file, { auditKey: key });
  for (const id of ['e1', 'e2', 'e3']) {
    journal.create(id, 'hello', 'scripted:x');
    for (let i = 0; i < events; i++)
      journal.append(id, { type: 'reflection', step: i, text: `${id} ${i} ${'x'.repeat(400)}` });
    journal.flush();
  }
  journal.close();
  return file;
}

describe('a home errand cannot use', () => {
  it('is a file', async () => {
    const file = join(fresh(), 'home');
    writeFileSync(file, 'not a folder');
    expectOneSentence(
      await cli(file, ['tasks']),
      'HOME_UNUSABLE',
      /home .* is a file, not a folder: set ERRAND_HOME/,
    );
  });

  it('cannot be written', async () => {
    // root writes through file modes, so it gets a folder the kernel refuses to anyone.
    let home = '/sys/errand-test-home';
    if (process.getuid?.() !== 0) {
      const parent = fresh();
      chmodSync(parent, 0o500);
      home = join(parent, 'home');
    }
    expectOneSentence(
      await cli(home, ['run', '给王芳转20元']),
      'HOME_UNUSABLE',
      /errand cannot use its home .*: make it a folder you can write, or set ERRAND_HOME/,
    );
  });

  it('holds a journal that is not a database', async () => {
    const home = fresh();
    writeFileSync(join(home, 'errand.db'), 'this is not a database, it is a text file '.repeat(200));
    expectOneSentence(
      await cli(home, ['tasks']),
      'JOURNAL_DAMAGED',
      /The journal .*errand\.db is damaged \(.*\)\. Move it aside \(mv .*\) and errand will start a new journal/,
    );
  });

  it('holds a half-damaged journal', async () => {
    const home = fresh();
    const file = journalIn(home, 60);
    // Overwrite pages in the middle of the file, as a failing disk would.
    const size = statSync(file).size;
    const fd = openSync(file, 'r+');
    for (let at = Math.floor(size / 3 / 4096) * 4096; at < (2 * size) / 3; at += 4096)
      writeSync(fd, randomBytes(4096), 0, 4096, at);
    closeSync(fd);
    expectOneSentence(await cli(home, ['audit', 'verify']), 'JOURNAL_DAMAGED', /is damaged .* Move it aside/);
    expectOneSentence(await cli(home, ['show', 'e2']), 'JOURNAL_DAMAGED', /is damaged/);
  });

  it('holds an audit key that is not one', async () => {
    const home = fresh();
    mkdirSync(home, { recursive: true });
    writeFileSync(join(home, 'audit.key'), 'not a key');
    expectOneSentence(await cli(home, ['tasks']), 'AUDIT_KEY_INVALID', /is not an errand audit key/);
  });
});
