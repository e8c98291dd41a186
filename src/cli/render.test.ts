import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { JournalEvent } from '../agent/events.js';
import { terminalApprover } from './approver.js';
import { buildReport } from '../agent/report.js';
import { formatReport, LiveRenderer } from './render.js';

function rendered(events: Partial<JournalEvent>[]): string {
  const out = new PassThrough();
  let text = '';
  out.on('data', (d) => {
    text += d;
  });
  const r = new LiveRenderer(out, false);
  for (const e of events) r.event({ seq: 1, at: 0, ...e } as JournalEvent);
  return text;
}

const view = {
  app: 'pay',
  tool: 'transfer',
  input: { to_account_id: 'p_stranger_cs', amount_fen: 5000 },
  effect: { kind: 'irreversible' as const, amount: 'amount_fen', payee: 'to_account_id' },
  effectAssumed: false,
};

describe('what a person sees', () => {
  it('sees every denial, approval and question with its reason', () => {
    const text = rendered([
      {
        type: 'action.proposed',
        step: 2,
        callId: 'c1',
        tool: 'pay_transfer',
        app: 'pay',
        input: view.input,
        effect: view.effect,
      },
      {
        type: 'action.decided',
        step: 2,
        callId: 'c1',
        decision: 'deny',
        reason: 'p_stranger_cs is not someone you named or allowed',
        by: 'policy:deny',
      },
      {
        type: 'action.decided',
        step: 3,
        callId: 'c2',
        decision: 'allow',
        reason: '¥60.00 is above ¥50.00 — approved (yes)',
        by: 'person',
      },
      {
        type: 'question.asked',
        step: 4,
        callId: 'c3',
        question: '哪位张伟？',
        answer: '大学同学那位',
        by: 'person',
      },
      {
        type: 'content.flagged',
        step: 1,
        callId: 'c0',
        source: 'food.get_restaurant',
        kinds: ['asks for money'],
      },
    ]);
    expect(text).toContain('→ pay.transfer to_account_id="p_stranger_cs" amount_fen=5000');
    expect(text).toContain('✋ denied: p_stranger_cs is not someone you named or allowed');
    expect(text).toContain('✔ approved (person)');
    expect(text).toContain('? 哪位张伟？\n    ↳ 大学同学那位 (person)');
    expect(text).toContain(
      '⚠ food.get_restaurant holds instruction-like text (asks for money); treated as data',
    );
  });

  it('is asked at the terminal, with the reason and the action, and only yes approves', async () => {
    for (const [reply, approved] of [
      ['y\n', true],
      ['是\n', true],
      ['\n', false],
      ['no\n', false],
    ] as const) {
      const input = new PassThrough();
      const output = new PassThrough();
      let shown = '';
      output.on('data', (d) => {
        shown += d;
      });
      const answer = terminalApprover(input, output).ask({
        kind: 'approval',
        action: view,
        reason: '你的请求没有要付钱给 客服小张',
        withinMandate: false,
        text: '转账 ¥50.00 给 客服小张？',
      });
      input.write(reply);
      expect((await answer).approved).toBe(approved);
      // The person reads the action in plain words and why it is asked, in their language.
      expect(shown).toContain('⚠ 转账 ¥50.00 给 客服小张？');
      expect(shown).toContain('原因: 你的请求没有要付钱给 客服小张');
      expect(shown).toContain('允许吗？[y/N]');
    }
  });
});

describe('the report', () => {
  it('speaks Chinese to a Chinese request, the write whose result never came too', () => {
    const report = buildReport([], 'e1');
    Object.assign(report, {
      request: '给妈妈转50元',
      status: 'interrupted',
      summary: '中断了',
      unknown: [
        {
          step: 1,
          callId: 'c1',
          tool: 'pay_transfer',
          app: 'pay',
          input: { to_account_id: 'p_mum', amount_fen: 5000 },
          idempotencyKey: 'k1',
        },
      ],
    });
    const text = formatReport(report);
    expect(text).toContain('已经开始，但 errand 没有收到结果');
    expect(text).not.toContain('Started, but errand never learned');
  });
});

describe('the live view speaks the request’s language', () => {
  it('says "errand understood" to an English request even when the dishes have Chinese names', () => {
    const text = rendered([
      { type: 'task.started', task: { request: 'Order two oat lattes to my office', model: 'm' }, tools: [] },
      {
        type: 'intents.derived',
        lines: ['Order 燕麦拿铁×2, delivered to Office'],
        intents: { source: 'planner', understood: '', intents: [], budgetFen: null },
        doubts: [],
      },
    ] as never);
    expect(text).toContain('errand understood');
    expect(text).not.toContain('理解为');
  });
});

describe('what the person added in an answer', () => {
  const events = (request: string, line: string) =>
    [
      { type: 'task.started', task: { request, model: 'm' }, tools: [] },
      {
        type: 'intents.widened',
        step: 1,
        callId: 'c1',
        answer: '200',
        intents: { source: 'person', understood: '', intents: [], budgetFen: null },
        lines: [line],
      },
    ] as never;

  it('is shown live and in the report, in the person’s language', () => {
    const zh = events('给妈妈转点钱', '给 妈妈（刘秀英） 转账 ¥200.00');
    expect(rendered(zh)).toContain('你补充了：给 妈妈（刘秀英） 转账 ¥200.00');
    expect(formatReport(buildReport(zh, 'e1'))).toContain('你补充了: 给 妈妈（刘秀英） 转账 ¥200.00');
    const en = events('Send Rachel some money', 'Send ¥200.00 to Rachel Green');
    expect(rendered(en)).toContain('You added: Send ¥200.00 to Rachel Green');
    expect(formatReport(buildReport(en, 'e1'))).toContain('You added: Send ¥200.00 to Rachel Green');
  });
});
