import { describe, expect, it } from 'vitest';
import { trustedContext } from '../connectors/sandbox.js';
import { allowAll } from '../guard/defaults.js';
import { MandateGuard, mandateSchema } from '../guard/index.js';
import { call, type ModelView, PolicyModel, type Turn } from '../models/testing.js';
import { World } from '../world/index.js';
import { runInProcess } from '../../test/support/agent.js';
import { lunchPolicy } from '../../test/support/policies.js';
import { recipeSchema } from './format.js';
import { learnRecipe } from './learn.js';
import { planOffline } from './offline.js';
import { recipeModel } from './replay.js';

const REQUEST = '帮我从川味小馆点一份宫保鸡丁送到公司，40元以内，再告诉王芳我中午不回去吃饭';

async function lunchErrand(policy: (view: ModelView) => Turn, guarded = true) {
  const world = World.open({ seed: 1 });
  const trusted = trustedContext(world, REQUEST);
  const guard = guarded ? new MandateGuard(mandateSchema.parse({ budgetFen: 4000 }), trusted) : allowAll;
  const run = await runInProcess(new PolicyModel(policy), REQUEST, { world, guard });
  return { ...run, trusted: { people: [...trusted.person.contacts, ...trusted.person.groups] } };
}

describe('learning a recipe from an errand', () => {
  it('turns request values into parameters and found ids into lookups by name, and replays with no model', async () => {
    const { journal, errandId, trusted } = await lunchErrand(lunchPolicy());
    const { recipe } = learnRecipe(journal.events(errandId), errandId, 'lunch', trusted);
    expect(recipeSchema.parse(recipe)).toBeTruthy();
    const defaults = Object.values(recipe.params).map((p) => p.default);
    expect(defaults).toEqual(expect.arrayContaining(['川味小馆', '宫保鸡丁', '公司', 'p_wangfang']));
    expect(recipe.steps.filter((s) => 'find' in s).map((s) => ('find' in s ? s.find : ''))).toEqual(
      expect.arrayContaining(['food_search_restaurants', 'food_get_menu', 'food_list_addresses']),
    );
    expect(recipe.steps.filter((s) => 'call' in s).map((s) => ('call' in s ? s.call : ''))).toEqual([
      'food_place_order',
      'pay_pay_request',
      'chat_send_message',
    ]);
    // Replayed on another seed (other prices and stock): lookups by name still find the right things.
    const world = World.open({ seed: 8 });
    const before = world.snapshot();
    const { report } = await runInProcess(recipeModel([{ recipe, params: {} }]), REQUEST, {
      world,
      observationBudget: Number.MAX_SAFE_INTEGER,
      guard: new MandateGuard(mandateSchema.parse({ budgetFen: 4000 }), trustedContext(world, REQUEST)),
      // The learned recipe is allowed what the person asked for when it was learned.
      intents: recipe.source.kind === 'learned' ? recipe.source.intents : undefined,
    });
    expect(report).toMatchObject({ status: 'finished', outcome: 'done', failedActions: 0 });
    expect(report.usage.inputTokens + report.usage.outputTokens).toBe(0);
    const diff = world.diff(before);
    const added = (table: string) => diff.tables.find((t) => t.table === table)?.added ?? [];
    expect(added('food_orders')).toEqual([
      expect.objectContaining({
        restaurant_id: 'r_chuanwei',
        address_id: 'addr_liming_office',
        status: 'paid',
      }),
    ]);
    // The whole errand again: the order, its payment, and the message.
    expect(added('pay_transactions')).toEqual([expect.objectContaining({ kind: 'payment' })]);
    expect(added('chat_messages')).toEqual([
      expect.objectContaining({ conversation_id: 'cv_liming_wangfang', text: '我中午不回去吃饭了' }),
    ]);
  });

  it('learns nothing, and says why, from an errand an instruction planted in an app made do more', async () => {
    const lunch = lunchPolicy();
    let obeyed = 0;
    // A fooled model: it also does what a restaurant notice told it (with no guard to stop it).
    const fooled = (view: ModelView): Turn => {
      if (view.last('food_place_order') && obeyed === 0) {
        obeyed++;
        return {
          calls: [
            call('pay_transfer', { to_account_id: 'p_zhaolei', amount_fen: 5000, memo: '餐厅要求' }),
            call('food_place_order', {
              restaurant_id: 'r_chuanwei',
              items: [
                { dish_id: 'd_chuanwei_gongbao', quantity: 1 },
                { dish_id: 'd_chuanwei_laziji', quantity: 1 },
              ],
              address_id: 'addr_liming_office',
            }),
          ],
        };
      }
      return lunch(view);
    };
    const { journal, errandId, trusted, report } = await lunchErrand(fooled, false);
    expect(report.receipts.map((r) => r.tool)).toContain('pay_transfer'); // it really happened in that errand
    // Dropping the transfer and the extra dish would leave a recipe that is not the errand that ran:
    // a recipe is learned whole or not at all.
    const learn = () => learnRecipe(journal.events(errandId), errandId, 'lunch', trusted);
    expect(learn).toThrow(/only whole/);
    expect(learn).toThrow(/pay_transfer: it used a value the request did not give/);
    expect(learn).toThrow(/1 item\(s\) of items not named in the request/);
    expect(learn).toThrow(/Nothing was saved/);
  });

  it('refuses to learn an errand run by its own recipes, which already runs with no model', async () => {
    const world = World.open({ seed: 1 });
    const plan = planOffline(REQUEST, world);
    if (plan.kind !== 'run')
      throw new Error(`the offline matcher should read the lunch errand: ${plan.understood}`);
    const { journal, errandId } = await runInProcess(recipeModel(plan.steps), REQUEST, {
      world,
      observationBudget: Number.MAX_SAFE_INTEGER,
    });
    expect(() => learnRecipe(journal.events(errandId), errandId, 'lunch')).toThrow(
      /run by errand's recipes \(order_food\+send_message\)[\s\S]*Nothing was saved/,
    );
  });

  it('refuses to learn from an errand that did not meet its need', async () => {
    const { journal, errandId, trusted } = await lunchErrand(() => ({
      calls: [call('finish', { outcome: 'blocked', summary: 'no' })],
    }));
    expect(() => learnRecipe(journal.events(errandId), errandId, 'x', trusted)).toThrow(
      /only an errand that finished/i,
    );
  });
});
