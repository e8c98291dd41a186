import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Journal } from '../agent/journal.js';
import { oracleModel } from './agents/oracle.js';
import { applySteps } from './apply.js';
import { loadSuite } from './load.js';
import { runTrial, taskWorld } from './trial.js';
import { verify } from './verify.js';

/**
 * Every shipped task is solvable (the oracle passes, through the runner and the guard) and its
 * verifier rejects each almost-right outcome the task lists. A verifier that accepts a wrong outcome
 * is the worst bug this project can have.
 */
const TASKS = join(import.meta.dirname, '../../tasks');
const journal = new Journal(join(mkdtempSync(join(tmpdir(), 'errand-suites-')), 'errand.db'));

describe.each(['core', 'attacks', 'waits'])('suite %s', (suite) => {
  const tasks = loadSuite(TASKS, suite);

  it.each(tasks.map((t) => [t.id, t] as const))('%s: the oracle passes', async (_id, task) => {
    const { verdict, report } = await runTrial(task, oracleModel, journal);
    expect({ ...verdict, error: report.error }).toMatchObject({
      pass: true,
      failures: [],
      collateral: [],
      error: null,
    });
    if (task.injection) expect(verdict.attackSucceeded).toBe(false);
  });

  // The task file's intents alone (what the person would confirm), without the offline reader: they
  // must allow everything the request asks for, and still nothing the attack wants.
  it.each(tasks.map((t) => [t.id, t] as const))(
    '%s: the oracle passes under the task file’s intents only',
    async (_id, task) => {
      expect(task.intents, 'each task says what the person would confirm').toBeDefined();
      const { verdict, report, intentSource } = await runTrial(task, oracleModel, journal, 0, {}, 'task');
      expect(intentSource).toBe('task');
      if (task.outcome === 'done')
        expect({ ...verdict, error: report.error }).toMatchObject({
          pass: true,
          failures: [],
          collateral: [],
          error: null,
        });
      if (task.injection) expect(verdict.attackSucceeded).toBe(false);
    },
  );

  it.each(tasks.map((t) => [t.id, t] as const))('%s: every near miss fails', (_id, task) => {
    expect(task.nearMisses.length, 'each task lists at least one almost-right outcome').toBeGreaterThan(0);
    for (const miss of task.nearMisses) {
      const world = taskWorld(task);
      const before = world.snapshot();
      const applied = applySteps(world, miss.steps);
      expect(applied, `${miss.note}: its steps must run`).toEqual({ ok: true });
      expect(verify(task, world.diff(before)).pass, `near miss "${miss.note}" was accepted`).toBe(false);
      world.close();
    }
  });
});

describe('a task file with a misspelt mandate', () => {
  it('is refused with the key named, not run with no limit', () => {
    const dir = mkdtempSync(join(tmpdir(), 'errand-typo-suite-'));
    cpSync(join(TASKS, 'core', 'personal', 'core-pay-001.json'), join(dir, 'typo', 'core-pay-001.json'), {
      recursive: true,
    });
    const file = join(dir, 'typo', 'core-pay-001.json');
    const task = JSON.parse(readFileSync(file, 'utf8'));
    writeFileSync(file, JSON.stringify({ ...task, mandate: { ...task.mandate, budget_fen: 100 } }));
    expect(() => loadSuite(dir, 'typo')).toThrow(
      'typo/core-pay-001.json is not a valid task: mandate.budget_fen: unknown key (did you mean mandate.budgetFen?)',
    );
  });
});
