import { describe, expect, it } from 'vitest';
import type { Question } from '../guard/index.js';
import { Questions } from './questions.js';

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
    const questions = new Questions();
    const asked = questions.approverFor('e1').ask(approval);
    const [view] = questions.of('e1');
    expect(view).toMatchObject({ kind: 'approval', state: 'pending', text: '转账 ¥50.00 给 王芳？' });
    expect(() => questions.answer('e1', view!.id, {}, 'mcp')).toThrow(/yes or no/);
    questions.answer('e1', view!.id, { approve: true }, 'mcp');
    expect(await asked).toEqual({ text: 'Approved.', approved: true, by: 'mcp' });
    expect(() => questions.answer('e1', view!.id, { approve: false }, 'mcp')).toThrow(
      /already answered \(approved by mcp\)/,
    );
    expect(() => questions.answer('e2', view!.id, { approve: true }, 'mcp')).toThrow(/has no question/);
  });

  it('stops waiting when the errand is cancelled, and then takes no answer', async () => {
    const questions = new Questions();
    const controller = new AbortController();
    const asked = questions
      .approverFor('e1')
      .ask({ kind: 'question', text: 'Which address?' }, controller.signal);
    controller.abort();
    await expect(asked).rejects.toThrow(/cancelled/);
    const [view] = questions.of('e1');
    expect(view!.state).toBe('cancelled');
    expect(() => questions.answer('e1', view!.id, { text: 'home' }, 'mcp')).toThrow(/no longer waits/);
  });
});
