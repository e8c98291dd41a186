import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveAgent } from './agents/index.js';
import { loadSuite } from './load.js';
import { runBench } from './run-suite.js';

/**
 * Ask-then-act errands with no intents from the task file: the scripted agent runs through the real
 * runner and guard, and what it may do comes only from the reader — the request, then the scripted
 * user's answers. The figure is the number of the work suite's ask tasks that pass that way.
 */
describe('ask tasks with intents from the request and the person’s answers only', () => {
  it('pass for the oracle in at least 27 of the 41, each on intents read, never the task file', async () => {
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
    expect(passed.length, `passed: ${passed.join(' ')}`).toBeGreaterThanOrEqual(27);
  }, 300_000);
});
