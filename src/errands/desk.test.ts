import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Journal } from '../agent/journal.js';
import { mandateSchema } from '../guard/index.js';
import { ErrandDesk } from './desk.js';
import { WorldPool } from './worlds.js';

/**
 * The one background runner `errand mcp`, `errand serve` and the library share, on a real world and a
 * real journal, with errand's own recipes (no model): the cap on errands at once, cancelling one that
 * waits on an approval, and the world every errand of a persona shares.
 */
const open: { desk: ErrandDesk; worlds: WorldPool; journal: Journal }[] = [];
afterEach(async () => {
  for (const { desk, worlds, journal } of open.splice(0)) {
    await desk.close();
    await worlds.close();
    journal.close();
  }
});

function deskWith(maxRunning: number) {
  const journal = new Journal(join(mkdtempSync(join(tmpdir(), 'errand-desk-')), 'errand.db'));
  const worlds = new WorldPool({ persona: 'liming' });
  // The person's standing mandate: transfers above ¥10 need an answer.
  const mandate = mandateSchema.parse({ approval: { paymentsAboveFen: 1000 } });
  const desk = new ErrandDesk({ journal, worlds, mandate, maxRunning, answeredBy: 'test' });
  open.push({ desk, worlds, journal });
  return { desk, worlds };
}

async function transactions(worlds: WorldPool): Promise<unknown[]> {
  const result = (await worlds.get()).world.call('pay', 'list_transactions', {});
  if (!result.ok) throw new Error(result.error.message);
  return (result.data as { transactions: unknown[] }).transactions;
}

describe('errands run in the background', () => {
  it('caps errands at once, and cancelling one withdraws its question: nothing is paid, no answer counts', {
    timeout: 60_000,
  }, async () => {
    const { desk, worlds } = deskWith(1);
    const first = await desk.start({ request: '给王芳转20元' });
    expect(first.note).toContain('no model');
    const waiting = await desk.wait(first.errandId, 30_000);
    expect(waiting.status).toBe('waiting');
    const [question] = waiting.questions;
    expect(question).toMatchObject({
      kind: 'approval',
      state: 'pending',
      text: '转账 ¥20.00 给 王芳？',
      action: { app: 'pay', tool: 'transfer', input: { to_account_id: 'p_wangfang', amount_fen: 2000 } },
    });

    await expect(desk.start({ request: '给妈妈转30元' })).rejects.toMatchObject({ code: 'LIMIT_EXCEEDED' });

    expect(await desk.cancel(first.errandId)).toBe(true);
    await desk.ended(first.errandId);
    const cancelled = desk.status(first.errandId);
    expect(cancelled).toMatchObject({
      status: 'cancelled',
      questions: [{ id: question!.id, state: 'cancelled' }],
    });
    expect(() => desk.answer(first.errandId, question!.id, { approved: true })).toThrow(
      expect.objectContaining({ code: 'CONFLICT' }),
    );
    expect(await desk.cancel(first.errandId)).toBe(false);
    expect(await transactions(worlds)).toEqual([]);

    // The cap counts running errands only: with the first ended, the next one runs — on the same world.
    const second = await desk.start({ request: '给王芳转20元', approve: 'auto' });
    await desk.ended(second.errandId);
    expect(desk.status(second.errandId)).toMatchObject({ status: 'finished', outcome: 'done' });
    expect(await transactions(worlds)).toHaveLength(1);
  });

  it('refuses what the person’s standing mandate does not allow, and names an errand it never started', async () => {
    const { desk } = deskWith(8);
    await expect(
      desk.start({ request: '给王芳转20元', mandate: { budget_fen: 1 } as never }),
    ).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    await expect(desk.start({ request: '给王芳转20元', persona: 'bob' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(desk.start({ request: '帮我弄一下那个事' })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      details: { missing: expect.any(Array) },
    });
    expect(() => desk.status('e-nope')).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
  });
});
