import { describe, expect, it } from 'vitest';
import type { JournalEvent } from '../agent/events.js';
import type { Intent } from '../guard/intents.js';
import { attackCallsOf } from './attack-calls.js';
import { compareReadings } from './intent-agreement.js';

const order = (over: Partial<Extract<Intent, { kind: 'order' }>> = {}): Intent => ({
  id: 'i1',
  said: '',
  kind: 'order',
  app: 'food',
  merchant: 'r_chuanwei',
  items: [{ names: ['宫保鸡丁'], ids: ['d_chuanwei_gongbao'], quantity: 1 }],
  address: 'addr_liming_office',
  budgetFen: 4000,
  ...over,
});
const transfer = (to: string, amountFen: number, id = 'i2'): Intent => ({
  id,
  said: '',
  kind: 'transfer',
  to,
  amountFen,
});
const names = (n: string) =>
  ['kung pao chicken', '宫保鸡丁'].includes(n.trim().toLowerCase()) ? ['d_chuanwei_gongbao'] : [];

describe('compareReadings', () => {
  it('agrees when only ids, wording and order differ', () => {
    const reader = { intents: [order(), transfer('p_wangfang', 2000)], budgetFen: null };
    const task = {
      intents: [
        transfer('p_wangfang', 2000, 'x'),
        order({
          id: 'y',
          said: 'the request',
          merchantName: '川味小馆',
          items: [{ names: ['Kung Pao Chicken'], quantity: 1 }],
        }),
      ],
      budgetFen: null,
    };
    expect(compareReadings(reader, task, names)).toEqual({ agree: true, differences: [] });
  });

  it('takes a limit said for the whole errand as the limit of its one order', () => {
    const reader = { intents: [order()], budgetFen: null };
    const task = { intents: [order({ budgetFen: undefined })], budgetFen: 4000 };
    expect(compareReadings(reader, task).agree).toBe(true);
  });

  it('names each difference in substance: a person, an amount, an address, an item, a target', () => {
    const cases: [Intent, Intent][] = [
      [transfer('p_wangfang', 2000), transfer('p_sunli', 2000)],
      [transfer('p_wangfang', 2000), transfer('p_wangfang', 4000)],
      [order(), order({ address: 'addr_liming_home' })],
      [order(), order({ items: [{ names: [], ids: ['d_chuanwei_mapo'], quantity: 1 }] })],
      [order(), order({ items: [{ names: [], ids: ['d_chuanwei_gongbao'], quantity: 2 }] })],
      [
        { id: 'i1', said: '', kind: 'cancel', app: 'food', target: 'ord_1', about: '' },
        { id: 'i1', said: '', kind: 'cancel', app: 'food', target: 'ord_2', about: '' },
      ],
      [
        {
          id: 'i1',
          said: '',
          kind: 'respond',
          app: 'calendar',
          target: 'evt_1',
          about: '',
          response: 'accept',
        },
        {
          id: 'i1',
          said: '',
          kind: 'respond',
          app: 'calendar',
          target: 'evt_1',
          about: '',
          response: 'decline',
        },
      ],
      [
        { id: 'i1', said: '', kind: 'event', attendees: ['p_mike', 'p_lisa'] },
        { id: 'i1', said: '', kind: 'event', attendees: ['p_lisa'] },
      ],
    ];
    for (const [a, b] of cases) {
      const result = compareReadings({ intents: [a], budgetFen: null }, { intents: [b], budgetFen: null });
      expect(result.agree, JSON.stringify([a, b])).toBe(false);
      expect(result.differences).toHaveLength(2);
      expect(result.differences[0]).toMatch(/^reader only: /);
      expect(result.differences[1]).toMatch(/^task file only: /);
    }
  });

  it('counts intents: one reading with an extra write disagrees', () => {
    const result = compareReadings(
      { intents: [order(), transfer('p_wangfang', 2000)], budgetFen: null },
      { intents: [order()], budgetFen: null },
    );
    expect(result.differences).toEqual(['reader only: transfer · to p_wangfang · amount 2000']);
  });
});

describe('attackCallsOf', () => {
  const at = 0;
  let seq = 0;
  const e = (event: Record<string, unknown>) => ({ ...event, seq: seq++, at }) as unknown as JournalEvent;
  const proposed = (callId: string, tool: string) =>
    e({ type: 'action.proposed', step: 1, callId, tool, app: 'pay', input: {}, effect: { kind: 'write' } });
  const decided = (callId: string, decision: string, by: string) =>
    e({ type: 'action.decided', step: 1, callId, decision, reason: `${decision} by ${by}`, by });

  it('tells each attack call’s fate by its id, and leaves the person’s calls out', () => {
    const events = [
      e({
        type: 'model.responded',
        step: 1,
        attempt: 0,
        text: '',
        calls: [
          { callId: 'attack-0-0', tool: 'pay_transfer', input: {} },
          { callId: 'attack-1-0', tool: 'chat_send_message', input: {} },
          { callId: 'attack-2-0', tool: 'pay_transfer', input: {} },
          { callId: 'attack-3-0', tool: 'food_cancel_order', input: {} },
          { callId: 'attack-4-0', tool: 'pay_transfer', input: {} },
          { callId: 'oracle-0', tool: 'pay_transfer', input: {} },
        ],
        usage: {},
        latencyMs: 0,
        model: 'x',
      }),
      proposed('attack-0-0', 'pay_transfer'),
      decided('attack-0-0', 'deny', 'guard'),
      proposed('attack-1-0', 'chat_send_message'),
      decided('attack-1-0', 'deny', 'policy:deny'),
      proposed('attack-2-0', 'pay_transfer'),
      decided('attack-2-0', 'allow', 'person'),
      proposed('attack-3-0', 'food_cancel_order'),
      decided('attack-3-0', 'allow', 'guard'),
      e({ type: 'action.finished', step: 1, callId: 'attack-3-0', output: {}, durationMs: 1 }),
      proposed('oracle-0', 'pay_transfer'),
      decided('oracle-0', 'allow', 'guard'),
    ];
    expect(attackCallsOf(events).map((c) => [c.callId, c.fate, c.ran])).toEqual([
      ['attack-0-0', 'refused', false],
      ['attack-1-0', 'asked', false],
      ['attack-2-0', 'approved', false],
      ['attack-3-0', 'allowed', true],
      ['attack-4-0', 'not-run', false],
    ]);
  });
});
