import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveAgent } from './agents/index.js';
import { loadSuite } from './load.js';
import { runBench } from './run-suite.js';

/**
 * Ask-then-act errands with no intents from the task file: the scripted agent runs through the real
 * runner and guard, and what it may do comes only from the reader — the request, then the scripted
 * user's answers. The figure is the number of the work suite's ask tasks that pass that way: 29 of 41
 * (13 without reading the answers). The 12 that do not, because the reader cannot read them:
 * - records described by what others wrote in the apps, which the reader does not read: work-ask-019 ("the
 *   backup issue"), work-ask-020 (the PR "about the refund webhook"), work-dev-014 ("the slow Android list"),
 *   work-finance-018 (which CloudHost invoice is "November": told only by its memo);
 * - filing a food order as an expense, and exports: work-ask-015, work-ask-016, work-ask-017,
 *   work-finance-015, work-finance-016 (no reading of "last week's lunch" or "export … for November");
 * - a role instead of a name: work-ask-027 ("the warehouse manager");
 * - a meeting beside the work: work-ask-025, work-ask-026 (an event whose time is in the answer).
 */
describe('ask tasks with intents from the request and the person’s answers only', () => {
  it('pass for the oracle in at least 29 of the 41, each on intents read, never the task file', async () => {
    const tasks = loadSuite(join(import.meta.dirname, '../../tasks'), 'work').filter((t) => t.user);
    expect(tasks).toHaveLength(41);
    const run = await runBench({
      suite: 'work',
      tasks,
      agentName: 'oracle',
      agent: resolveAgent('oracle'),
      trials: 1,
      concurrency: 2,
      journalFile: ':memory:',
      intents: 'answers',
    });
    expect(run.trials.every((t) => t.intentSource !== 'task')).toBe(true);
    const passed = run.trials.filter((t) => t.pass).map((t) => t.task);
    expect(passed.length, `passed: ${passed.join(' ')}`).toBeGreaterThanOrEqual(29);
  }, 300_000);
});
