import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSuite } from './load.js';

const TASKS = join(import.meta.dirname, '../../tasks');
const WORK_PACKS = ['supply-chain', 'finance', 'development', 'mixed'];

describe('the core suite', () => {
  const core = loadSuite(TASKS, 'core');
  const work = loadSuite(TASKS, 'work');
  const personal = loadSuite(TASKS, 'personal');

  it('is the personal errands and the work packs together', () => {
    expect(core.map((t) => t.id).sort()).toEqual([...personal, ...work].map((t) => t.id).sort());
    expect(new Set(personal.map((t) => t.tags.pack))).toEqual(new Set(['personal']));
    expect(new Set(work.map((t) => t.tags.pack))).toEqual(new Set(WORK_PACKS));
  });

  it('has at least 180 tasks, 90 of them in the work packs and 40 that need the person’s answer', () => {
    expect(core.length).toBeGreaterThanOrEqual(180);
    expect(core.filter((t) => WORK_PACKS.includes(t.tags.pack ?? '')).length).toBeGreaterThanOrEqual(90);
    expect(core.filter((t) => t.user).length).toBeGreaterThanOrEqual(40);
  });
});

describe('suites in folders', () => {
  const dir = mkdtempSync(join(tmpdir(), 'errand-suites-'));
  cpSync(join(TASKS, 'core', 'personal', 'core-pay-001.json'), join(dir, 'core', 'personal', 'a.json'));
  cpSync(join(TASKS, 'core', 'work', 'work-dev-002.json'), join(dir, 'core', 'work', 'b.json'));

  it('reads a suite’s subfolders, and a part of core by its name', () => {
    expect(loadSuite(dir, 'core').map((t) => t.id)).toEqual(['core-pay-001', 'work-dev-002']);
    expect(loadSuite(dir, 'work').map((t) => t.id)).toEqual(['work-dev-002']);
    expect(loadSuite(dir, 'personal').map((t) => t.id)).toEqual(['core-pay-001']);
  });

  it('names the suites there are when asked for one that is not', () => {
    expect(() => loadSuite(dir, 'wrok')).toThrow(
      /No suite "wrok".*The suites in .* are core, personal, work\./,
    );
  });
});
