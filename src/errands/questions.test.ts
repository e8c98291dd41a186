import { describe, expect, it } from 'vitest';
import type { Question } from '../guard/index.js';
import { type QuestionNotice, QuestionBoard } from './questions.js';

const approval: Question = {
  kind: 'approval',
  action: {
    app: 'pay',
    tool: 'transfer',
    input: { to_account_id: 'p_wangfang', amount_fen: 5000 },
    effect: { kind: 'irreversible' },
    effectAssumed: false,
  },
  reason: 'payment above ¥30.00 needs approval',
  withinMandate: true,
  text: '转账 ¥50.00 给 王芳？',
};

describe('questions an errand asks whoever delegated it', () => {
  it('hands the first answer to the errand and refuses every later one', async () => {
    const board = new QuestionBoard();
    const notices: QuestionNotice['type'][] = [];
    board.subscribe((n) => notices.push(n.type));
    const asked = board.approver('e1').ask(approval);
    const [view] = board.views('e1');
    // What a caller sees: exactly what will happen on yes, in the person's words.
    expect(view).toMatchObject({
      kind: 'approval',
      state: 'pending',
      text: '转账 ¥50.00 给 王芳？',
      withinMandate: true,
      action: { app: 'pay', tool: 'transfer', input: { to_account_id: 'p_wangfang', amount_fen: 5000 } },
    });
    expect(board.pending('e1')).toEqual([
      expect.objectContaining({ id: view!.id, errandId: 'e1', question: approval }),
    ]);
    expect(() => board.answer('e1', view!.id, {}, 'mcp')).toThrow(/yes or no: send \{"approved": true\}/);
    board.answer('e1', view!.id, { approved: true }, 'mcp');
    // A bare yes is recorded in the question's language.
    expect(await asked).toEqual({ text: '同意', approved: true, by: 'mcp' });
    expect(() => board.answer('e1', view!.id, { approved: false }, 'mcp')).toThrow(
      /already answered \(approved by mcp\); nothing was done again/,
    );
    expect(() => board.answer('e2', view!.id, { approved: true }, 'mcp')).toThrow(/has no question/);
    expect(board.pending('e1')).toEqual([]);
    expect(board.views('e1')).toEqual([
      expect.objectContaining({ state: 'answered', answer: { text: '同意', approved: true, by: 'mcp' } }),
    ]);
    expect(notices).toEqual(['asked', 'answered']);
  });

  it('withdraws the question when the errand is cancelled, and then takes no answer', async () => {
    const board = new QuestionBoard({
      wording: { yesNo: 'answer it with approve', words: 'answer it with text' },
    });
    const notices: QuestionNotice[] = [];
    board.subscribe((n) => notices.push(n));
    const controller = new AbortController();
    const asked = board.approver('e1').ask({ kind: 'question', text: 'Which address?' }, controller.signal);
    const [view] = board.views('e1');
    expect(() => board.answer('e1', view!.id, { text: '  ' }, 'mcp')).toThrow(
      /in words: answer it with text/,
    );
    controller.abort();
    await expect(asked).rejects.toThrow(/cancelled/);
    expect(board.views('e1')[0]!.state).toBe('cancelled');
    expect(board.pending()).toEqual([]);
    expect(notices.map((n) => n.type)).toEqual(['asked', 'withdrawn']);
    expect(() => board.answer('e1', view!.id, { text: 'home' }, 'mcp')).toThrow(
      expect.objectContaining({ code: 'CONFLICT', message: expect.stringMatching(/no longer waits/) }),
    );
  });

  it('does not put a question on the board for an errand already cancelled', async () => {
    const board = new QuestionBoard();
    const controller = new AbortController();
    controller.abort();
    await expect(board.approver('e1').ask(approval, controller.signal)).rejects.toThrow(/cancelled/);
    expect(board.views('e1')).toEqual([]);
  });
});
