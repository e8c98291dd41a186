import { describe, expect, it } from 'vitest';
import { runWaitTask, WAIT_TASKS } from '../bench/waits.js';

/**
 * Errands that wait for the world — a delivery, a reply, an answer, a time, or a deadline that passes —
 * judged by the `waits` suite's verifier: the world's state and the order of events (the message after
 * the delivery). While one waits it holds nothing: its run has ended, its wait is in the journal, and
 * here the journal and the world are even closed and opened again from their files at every step of
 * the clock. Each runs under the guard, a new one at every wake, as `errand resume` makes.
 */
describe('waiting for the world', () => {
  it(`${WAIT_TASKS.length} errands that need a wait pass, surviving a restart at every wait`, {
    timeout: 240_000,
  }, async () => {
    expect(WAIT_TASKS.length).toBeGreaterThanOrEqual(10);
    for (const task of WAIT_TASKS) {
      const r = await runWaitTask(task, { restart: true });
      expect(r.problems, task.id).toEqual([]);
      // It really waited (its run ended with the errand waiting) and was woken once, when due.
      expect(r.waits, task.id).toBeGreaterThanOrEqual(1);
      expect(r.wakes, task.id).toBe(1);
      const types = r.events.map((e) => e.type);
      expect(types.indexOf('task.waiting'), task.id).toBeLessThan(types.indexOf('task.resumed'));
      expect(
        types.filter((t) => t === 'wait.ended'),
        task.id,
      ).toHaveLength(1);
    }
  });

  it('a wait whose deadline passes ends by the deadline, not by an event', { timeout: 60_000 }, async () => {
    const task = WAIT_TASKS.find((t) => t.id === 'wait-reply-deadline')!;
    const r = await runWaitTask(task);
    const ended = r.events.find((e) => e.type === 'wait.ended');
    expect(ended?.type === 'wait.ended' && ended.how).toBe('deadline');
    const delivered = await runWaitTask(WAIT_TASKS.find((t) => t.id === 'wait-delivered-tell')!);
    const seen = delivered.events.find((e) => e.type === 'wait.ended');
    expect(seen?.type === 'wait.ended' && seen.how).toBe('event');
  });

  it('an errand that does not wait is caught: the message sent at once fails the order-of-events check', {
    timeout: 60_000,
  }, async () => {
    const task = WAIT_TASKS.find((t) => t.id === 'wait-delivered-tell')!;
    const hasty = { ...task, oracle: task.oracle.filter((s) => s.tool !== 'wait_for') };
    const r = await runWaitTask(hasty);
    expect(r.passed).toBe(false);
    expect(r.problems.join('\n')).toMatch(/the food arrived/);
  });
});
