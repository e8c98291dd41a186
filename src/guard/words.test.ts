import { afterAll, describe, expect, it } from 'vitest';
import { readPersonWorld } from '../person/index.js';
import { World } from '../world/index.js';
import { intentSetSchema } from './intents.js';
import { describeIntents } from './words.js';

/** What the person reads of errand's understanding: plain words in their language, nothing raw. */
const world = World.open({ seed: 1, persona: 'liming' });
afterAll(() => world.close());
const person = readPersonWorld(world);

const lines = (intents: unknown[], lang: 'zh' | 'en') =>
  describeIntents(intentSetSchema.parse({ intents, source: 'planner', budgetFen: null }), person, lang);

describe('errand understood', () => {
  const open = [
    { id: 'i1', kind: 'order', app: 'food', items: [], address: 'addr_liming_office', notes: '不辣' },
    { id: 'i2', kind: 'transfer', to: 'p_wangfang' },
  ];

  it('in Chinese: no space before a full-width bracket, the notes and what an amount-less transfer needs', () => {
    const [order, transfer] = lines(open, 'zh');
    expect(order).toContain('点（没指定，由 errand 选）');
    expect(order).toContain('（不辣）');
    expect(transfer).toContain('（没说金额，转账前须经本人批准）');
    for (const line of [order, transfer]) expect(line).not.toMatch(/ （/);
    expect(order).not.toMatch(/addr_|p_/);
  });

  it('in English: the same facts in English words', () => {
    const [order, transfer] = lines(open, 'en');
    expect(order).toContain('(not named: errand chooses)');
    expect(order).toContain('(不辣)');
    expect(transfer).toContain('needs the person’s approval');
    expect(`${order}${transfer}`).not.toMatch(/addr_|p_wangfang/);
  });

  it('names the operation of an update, so the person and the model see which change is allowed', () => {
    const two = [
      { id: 'i1', kind: 'update', app: 'tracker', target: 'iss_106', action: 'set_labels' },
      { id: 'i2', kind: 'update', app: 'tracker', target: 'iss_106', action: 'assign_issue' },
      { id: 'i3', kind: 'update', app: 'tracker', target: 'iss_101' },
    ];
    expect(lines(two, 'en')).toEqual([
      'Update: iss_106 (set_labels)',
      'Update: iss_106 (assign_issue)',
      'Update: iss_101',
    ]);
    expect(lines(two, 'zh')[0]).toBe('更新：iss_106（set_labels）');
  });
});
