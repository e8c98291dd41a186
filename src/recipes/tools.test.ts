import { describe, expect, it } from 'vitest';
import { trustedContext } from '../connectors/sandbox.js';
import { MandateGuard, mandateSchema } from '../guard/index.js';
import { call, finish, ScriptedModel } from '../models/testing.js';
import { World } from '../world/index.js';
import { readerIntents, runInProcess } from '../../test/support/agent.js';
import { BUILTIN_RECIPES } from './builtin.js';
import { recipeTools } from './tools.js';

const REQUEST = '帮我从川味小馆点一份宫保鸡丁送到公司，40元以内';
const orderFood = BUILTIN_RECIPES.find((r) => r.id === 'order_food')!;
const params = {
  restaurant_id: 'r_chuanwei',
  items: [{ dish_id: 'd_chuanwei_gongbao', quantity: 1 }],
  address_id: 'addr_liming_office',
  budget_fen: 4000,
};

describe('recipes offered to a model as tools', () => {
  it('let a known errand take one short model turn, with every inner call guarded and journaled', async () => {
    const world = World.open({ seed: 1 });
    const model = new ScriptedModel([
      { calls: [call('recipe_order_food', params)] },
      { calls: [finish('已下单并付款')] },
    ]);
    const guard = new MandateGuard(mandateSchema.parse({ budgetFen: 4000 }), trustedContext(world, REQUEST));
    const { report, journal, errandId } = await runInProcess(model, REQUEST, {
      world,
      guard,
      intents: readerIntents(REQUEST, world),
      macros: recipeTools([{ recipe: orderFood, suggested: params }]),
    });
    expect(report).toMatchObject({ status: 'finished', outcome: 'done', steps: 2 });
    expect(report.receipts.map((r) => r.tool)).toEqual(['food_place_order', 'pay_pay_request']);
    expect(journal.events(errandId).filter((e) => e.type === 'action.decided')).toHaveLength(4); // quote, balance, order, payment
    expect(JSON.stringify(model.seen[1]!.prompt.at(-1))).toMatch(
      /The recipe ran to the end: Ordered and paid/,
    );
    expect(
      (model.seen[0]!.tools!.find((t) => t.name === 'recipe_order_food') as { description: string })
        .description,
    ).toContain('"dish_id":"d_chuanwei_gongbao"');
  });

  it('stop when the guard refuses one of their calls, and say why', async () => {
    const world = World.open({ seed: 1 });
    const model = new ScriptedModel([
      { calls: [call('recipe_order_food', { ...params, budget_fen: 9000 })] },
      { calls: [finish('没成功', [], 'blocked')] },
    ]);
    const guard = new MandateGuard(mandateSchema.parse({ budgetFen: 1000 }), trustedContext(world, REQUEST));
    const before = world.snapshot();
    const { report } = await runInProcess(model, REQUEST, {
      world,
      guard,
      intents: readerIntents(REQUEST, world),
      macros: recipeTools([{ recipe: orderFood }]),
    });
    expect(report).toMatchObject({ denials: 1 });
    // The order could never fit the budget, so it was not placed: nothing is left behind unpaid.
    expect(world.diff(before).tables.find((t) => t.table === 'food_orders')).toBeUndefined();
    expect(JSON.stringify(model.seen[1]!.prompt)).toMatch(
      /The recipe stopped: DENIED by errand's guard: 这单至少 ¥30\.00，超过了你的上限 ¥10\.00/,
    );
  });

  it('offer a recipe used twice in one request as one tool with both readings', () => {
    const tools = recipeTools([
      { recipe: orderFood, suggested: { dish: 'a' } },
      { recipe: orderFood, suggested: { dish: 'b' } },
    ]);
    expect(tools).toHaveLength(1);
    expect(tools[0]!.description).toContain('{"dish":"a"}; then {"dish":"b"}');
  });
});
