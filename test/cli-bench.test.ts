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
    expect(missing.stderr).toMatch(/No suite "cor": .* The suites in .* are attacks, core, work\./);
  });
});
