import { afterAll, describe, expect, it } from 'vitest';
import { World } from '../world/index.js';
import { planOffline } from './offline.js';

const world = World.open({ seed: 1 });
const sam = World.open({ seed: 1, persona: 'sam' });
afterAll(() => {
  world.close();
  sam.close();
});

describe('planning an errand with no model', () => {
  it('turns a known errand into recipes, with the stated budget', () => {
    const plan = planOffline(
      '帮我从川味小馆点一份宫保鸡丁送到公司，40元以内，再告诉王芳我中午不回去吃饭',
      world,
    );
    expect(plan.kind).toBe('run');
    if (plan.kind !== 'run') return;
    expect(plan.steps.map((s) => s.recipe.id)).toEqual(['order_food', 'send_message']);
    // The budget is the order's, as the guard will hold it.
    expect(plan.intents?.intents).toMatchObject([
      { kind: 'order', app: 'food', budgetFen: 4000, address: 'addr_liming_office' },
      { kind: 'message', to: ['p_wangfang'] },
    ]);
  });

  it.each([
    [
      'Push my gym session tonight to 8pm.',
      'move_event',
      { event_id: 'evt_sam_gym_1130', start: '2026-11-30T20:00' },
    ],
    [
      'Cancel my gym session on Wednesday, I am swamped that day.',
      'cancel_event',
      { event_id: 'evt_sam_gym_1202' },
    ],
  ])('moves or cancels one of the person\'s own events: "%s"', (request, recipe, params) => {
    const plan = planOffline(request, sam);
    expect(plan.kind).toBe('run');
    if (plan.kind !== 'run') return;
    expect(plan.steps.map((s) => [s.recipe.id, s.params])).toEqual([[recipe, params]]);
  });

  it.each([
    ['上周买的那副降噪耳机音质不满意，帮我申请退货。', 'return_order', 'sord_liming_earbuds'],
    ['围巾那单应该还没发货吧？帮我取消掉。', 'cancel_shop_order', 'sord_liming_scarf'],
    ['粤香茶餐厅那单奶茶菠萝油我不要了，还没付钱，帮我取消掉。', 'cancel_food_order', 'ord_liming_pending'],
  ])('returns or cancels the one order that fits: "%s"', (request, recipe, orderId) => {
    const plan = planOffline(request, world);
    expect(plan.kind).toBe('run');
    if (plan.kind !== 'run') return;
    expect(plan.steps.map((s) => [s.recipe.id, s.params.order_id])).toEqual([[recipe, orderId]]);
  });

  it('turns down a return past its window rather than buying the thing again', () => {
    const plan = planOffline('Return the oat milk I ordered a couple of weeks ago, please.', sam);
    expect(plan.kind).toBe('unsure');
    if (plan.kind === 'unsure') expect(plan.missing.join(' ')).toMatch(/return window has passed/);
  });

  it.each([['刚才那条消息发错了，帮我撤回。', '撤回消息']])(
    'never reads "%s" as something it is not (a return as a purchase)',
    (request, named) => {
      const plan = planOffline(request, world);
      expect(plan.kind).toBe('unsure');
      if (plan.kind === 'unsure') expect(plan.missing.join(' ')).toContain(named);
    },
  );
});
