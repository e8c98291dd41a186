import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrandQueue } from '../src/errands/queue.js';
import type { Question } from '../src/guard/index.js';
import { freshDatabase, type TestPostgres, testPostgres } from './support/postgres.js';

let server: TestPostgres | undefined;
let db: string;
beforeAll(async () => {
  server = await testPostgres();
  db = await freshDatabase(server.url);
}, 60_000);
afterAll(async () => server?.stop());

const transfer: Question = {
  kind: 'approval',
  action: {
    app: 'pay',
    tool: 'transfer',
    input: { to_account_id: 'p_wangfang', amount_fen: 2000 },
    effect: { kind: 'irreversible', act: 'transfer', amount: 'amount_fen', payee: 'to_account_id' },
    effectAssumed: false,
  },
  reason: 'a payment above ¥10.00',
  withinMandate: true,
  text: '转账 ¥20.00 给 王芳（王芳）？',
  lang: 'zh',
};

describe('questions across the queue', () => {
  it('opens on a new database from several processes at once (servers and workers starting together)', async () => {
    const fresh = await freshDatabase(server!.url);
    const queues = await Promise.all(
      Array.from({ length: 6 }, () => ErrandQueue.open(fresh, { supervise: false })),
    );
    await Promise.all(queues.map((q) => q.close(false)));
  });

  it('an errand resumed after its worker died asks the same question and finds the answer given meanwhile', async () => {
    const queue = await ErrandQueue.open(db, { supervise: false });
    try {
      // The first worker asks, then dies (it never hears the answer).
      const first = queue.approver('e-q1').ask(transfer);
      await expect.poll(() => queue.pendingQuestions('e-q1'), { timeout: 10_000 }).toHaveLength(1);
      const [asked] = await queue.pendingQuestions('e-q1');
      expect(asked!.question).toEqual(transfer);
      expect(await queue.answer(asked!.id, { text: 'yes', approved: true, by: 'person' })).toBe(true);
      // Answered once: a second answer is refused.
      expect(await queue.answer(asked!.id, { text: 'no', approved: false, by: 'person' })).toBe(false);
      // The errand, resumed by another worker, asks the same question and gets that answer at once.
      const again = await queue.approver('e-q1').ask(transfer);
      expect(again).toEqual({ text: 'yes', approved: true, by: 'person' });
      expect(await queue.pendingQuestions('e-q1')).toEqual([]);
      // (Had the first worker lived, it would have heard the same answer.)
      expect(await first).toEqual(again);
    } finally {
      await queue.close(false);
    }
  });

  it('a cancelled errand withdraws its question: an answer then is refused, and a new question replaces a stale one', async () => {
    const queue = await ErrandQueue.open(db, { supervise: false });
    try {
      const cancel = new AbortController();
      const waiting = queue.approver('e-q2').ask(transfer, cancel.signal);
      await expect.poll(() => queue.pendingQuestions('e-q2'), { timeout: 10_000 }).toHaveLength(1);
      const [asked] = await queue.pendingQuestions('e-q2');
      cancel.abort();
      await expect(waiting).rejects.toMatchObject({ code: 'CANCELLED' });
      expect(await queue.answer(asked!.id, { text: 'yes', approved: true, by: 'person' })).toBe(false);
      expect(await queue.answerTo(asked!.id)).toBe('withdrawn');

      // A question left by a dead worker is withdrawn when the errand asks another.
      const stale = queue.approver('e-q3').ask(transfer);
      await expect.poll(() => queue.pendingQuestions('e-q3'), { timeout: 10_000 }).toHaveLength(1);
      const other: Question = { kind: 'question', text: '哪个王芳？' };
      const stop = new AbortController();
      const fresh = queue.approver('e-q3').ask(other, stop.signal);
      await expect
        .poll(async () => (await queue.pendingQuestions('e-q3')).map((q) => q.question), { timeout: 10_000 })
        .toEqual([other]);
      // The stale one's asker hears it was withdrawn.
      await expect(stale).rejects.toMatchObject({ code: 'CANCELLED' });
      stop.abort();
      await expect(fresh).rejects.toMatchObject({ code: 'CANCELLED' });
    } finally {
      await queue.close(false);
    }
  });
});
