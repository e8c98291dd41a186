import { describe, expect, it } from 'vitest';
import { MandateGuard, mandateSchema } from '../guard/index.js';
import { trustedContext } from '../connectors/sandbox.js';
import { useModel } from '../models/registry.js';
import { World } from '../world/index.js';
import { readerIntents, runInProcess } from '../../test/support/agent.js';
import { BUILTIN_RECIPES } from './builtin.js';
import { recipeModel, resolveParams } from './replay.js';

const recipe = (id: string) => BUILTIN_RECIPES.find((r) => r.id === id)!;
const REQUEST = '帮我从川味小馆点一份宫保鸡丁送到公司，40元以内，再告诉王芳我中午不回去吃饭';

describe('recipe replay', () => {
  it('runs a known errand with no model: zero tokens, same runner, guard and journal', async () => {
    const world = World.open({ seed: 1 });
    const before = world.snapshot();
    const model = recipeModel([
      {
        recipe: recipe('order_food'),
        params: {
          restaurant_id: 'r_chuanwei',
          items: [{ dish_id: 'd_chuanwei_gongbao', quantity: 1 }],
          address_id: 'addr_liming_office',
          budget_fen: 4000,
        },
      },
      { recipe: recipe('send_message'), params: { to: 'p_wangfang', text: '我中午不回去吃饭' } },
    ]);
    const guard = new MandateGuard(mandateSchema.parse({ budgetFen: 4000 }), trustedContext(world, REQUEST));
    const { report } = await runInProcess(model, REQUEST, {
      world,
      guard,
      intents: readerIntents(REQUEST, world),
      model: useModel(model, 'recipe', 'order_food+send_message'),
    });
    expect(report).toMatchObject({ status: 'finished', outcome: 'done', failedActions: 0 });
    expect(report.usage).toMatchObject({ inputTokens: 0, outputTokens: 0, costUsd: 0, energyWh: 0 });
    expect(model.provider).toBe('recipe');
    expect(report.receipts.map((r) => r.tool)).toEqual([
      'food_place_order',
      'pay_pay_request',
      'chat_send_message',
    ]);
    expect(report.summary).toMatch(/已下单并付款 ¥\d+\.\d{2}（订单 ord_\d+）。已告诉 王芳/);
    // Each receipt says what was done in the person's words, not the tool's arguments.
    expect(report.receipts.map((r) => r.what)).toEqual([
      '下单 宫保鸡丁×1，送到 公司',
      expect.stringMatching(/^付款 ¥\d+\.\d{2} 给 川味小馆（账单 preq_\w+）$/),
      '给 王芳 发消息：“我中午不回去吃饭”',
    ]);
    const tables = world.diff(before).tables.map((t) => t.table);
    expect(tables).toContain('food_orders');
  });

  it('stops at its own budget check before ordering anything', async () => {
    const world = World.open({ seed: 1 });
    const before = world.snapshot();
    const model = recipeModel([
      {
        recipe: recipe('order_food'),
        params: {
          restaurant_id: 'r_chuanwei',
          items: [{ dish_id: 'd_chuanwei_gongbao', quantity: 1 }],
          address_id: 'addr_liming_office',
          budget_fen: 1000,
        },
      },
    ]);
    const { report } = await runInProcess(model, '点宫保鸡丁，10元以内', { world });
    expect(report).toMatchObject({ status: 'finished', outcome: 'blocked' });
    expect(report.summary).toMatch(/over the budget/);
    expect(world.diff(before).empty).toBe(true);
  });

  it('does not place an order the wallet cannot pay, so none is left behind unpaid', async () => {
    const world = World.open({ seed: 1 });
    const before = world.snapshot();
    const model = recipeModel([
      {
        recipe: recipe('buy_product'),
        params: { product_id: 'pr_laptop', variant_id: 'pv_laptop_32g', address_id: 'saddr_liming_home' },
      },
    ]);
    const { report } = await runInProcess(model, '买一台笔记本电脑', { world });
    expect(report).toMatchObject({ status: 'finished', outcome: 'blocked' });
    expect(report.summary).toMatch(/more than the ¥[\d.]+ in the wallet/);
    expect(world.diff(before).empty).toBe(true);
  });

  it('gets no bypass of the mandate: the guard denies what the mandate does not allow', async () => {
    const world = World.open({ seed: 1 });
    const model = recipeModel([
      { recipe: recipe('transfer'), params: { to: 'p_wangfang', amount_fen: 50000 } },
    ]);
    const guard = new MandateGuard(
      mandateSchema.parse({ budgetFen: 10000 }),
      trustedContext(world, '给王芳转500元'),
    );
    const { report } = await runInProcess(model, '给王芳转500元', {
      world,
      guard,
      intents: readerIntents('给王芳转500元', world),
    });
    expect(report).toMatchObject({ denials: 1, outcome: 'blocked' });
  });

  it('refuses parameters that are missing or of the wrong type', () => {
    expect(() => resolveParams(recipe('transfer'), { to: 'p_wangfang' })).toThrow(/amount_fen is missing/);
    expect(() => resolveParams(recipe('transfer'), { to: 'p_wangfang', amount_fen: 12.5 })).toThrow(
      /amount_fen should be fen/,
    );
    expect(() => resolveParams(recipe('schedule_event'), { title: 'x', start: 'tomorrow' })).toThrow(
      /start should be time/,
    );
  });
});
