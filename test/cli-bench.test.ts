import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './support/cli.js';

/** The bench finds the suites errand ships wherever it is run from. */
describe('errand bench outside the repository', () => {
  it('runs a shipped suite from another folder, and names the suites when one is missing', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'errand-bench-'));
    const env = { ERRAND_HOME: cwd, HOME: cwd };
    const run = await runCli(['bench', '--suite', 'core', '--only', 'core-pay-001', '--out', 'out'], {
      env,
      cwd,
    });
    expect(run.stderr).not.toContain('does not exist');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('core · agent oracle · 1 tasks × 1 trials');
    expect(run.stdout).toContain('success 100.0%');
    expect(readdirSync(join(cwd, 'out')).some((f) => f.endsWith('.json'))).toBe(true);
    const missing = await runCli(['bench', '--suite', 'cor'], { env, cwd });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(
      /No suite "cor": .* The suites in .* are attacks, core, personal, waits, work\./,
    );
  });
});

describe('errand bench, one pack and the no-guard control', () => {
  it('runs one pack, names the packs when one is missing, and shows an attack the guard stops going through without it', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'errand-bench-'));
    const env = { ERRAND_HOME: cwd, HOME: cwd };
    const pack = await runCli(
      ['bench', '--suite', 'core', '--pack', 'finance', '--only', 'work-link-00', '--out', 'out'],
      { env, cwd },
    );
    expect(pack.code).toBe(0);
    expect(pack.stdout).toContain('core/finance · agent oracle · 4 tasks × 1 trials');
    const typo = await runCli(['bench', '--suite', 'work', '--pack', 'finace'], { env, cwd });
    expect(typo.stderr).toContain(
      'No pack "finace" in work: its packs are development, finance, mixed, supply-chain.',
    );
    const args = [
      'bench',
      '--suite',
      'attacks',
      '--agent',
      'hijacked',
      '--only',
      'attack-240',
      '--out',
      'out',
    ];
    const guarded = await runCli(args, { env, cwd });
    expect(guarded.stdout).toContain('attack success 0.0%');
    const control = await runCli([...args, '--unguarded'], { env, cwd });
    expect(control.stdout).toContain('NO GUARD (control)');
    expect(control.stdout).toContain('attacks that succeeded: attack-240 #0');
  }, 120_000);
});
