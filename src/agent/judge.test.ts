import { describe, expect, it } from 'vitest';
import { readerIntents, runInProcess } from '../../test/support/agent.js';
import { lunchPolicy } from '../../test/support/policies.js';
import { trustedContext } from '../connectors/sandbox.js';
import { MandateGuard, mandateSchema } from '../guard/index.js';
import { call, finish, type ModelView, PolicyModel, ScriptedModel } from '../models/testing.js';
import { World } from '../world/index.js';

/** The report's outcome is judged from the journal and the guard's record, not taken from the model. */
const LUNCH = '帮我从川味小馆点一份宫保鸡丁送到公司，40元以内，再告诉王芳我中午不回去吃饭';

function guarded(world: World, request: string, mandate = {}) {
  return new MandateGuard(mandateSchema.parse(mandate), trustedContext(world, request), () => world.now);
}

describe('an outcome is judged, not claimed', () => {
  it('does not call an errand done when its only write was denied, whatever evidence the model cites', async () => {
    const world = World.open({ seed: 1 });
    const request = '给王芳转20元';
    const model = new ScriptedModel([
      { calls: [call('pay_transfer', { to_account_id: 'p_wangfang', amount_fen: 2000, memo: '午饭' })] },
      { calls: [finish('已给王芳转账20元。', [{ app: 'chat', kind: 'message', id: 'msg_0001' }])] },
    ]);
    const { report } = await runInProcess(model, request, {
      world,
      guard: guarded(world, request, { budgetFen: 1000 }),
      intents: readerIntents(request, world),
    });
    expect(report).toMatchObject({
      status: 'finished',
      outcome: 'blocked',
      claimed: 'done',
      missing: ['给 王芳 转账 ¥20.00'],
      unsupported: ['chat message msg_0001'],
      denials: 1,
    });
  });

  it('calls an errand partial when some of what was asked is missing', async () => {
    const world = World.open({ seed: 1 });
    const lunch = lunchPolicy();
    // A model that orders and pays, forgets to tell 王芳, and says it is done.
    const forgetful = (view: ModelView) =>
      view.last('pay_pay_request') && !view.last('chat_send_message')
        ? { calls: [finish('已点好并付款，也告诉王芳了。')] }
        : lunch(view);
    const { report } = await runInProcess(new PolicyModel(forgetful), LUNCH, {
      world,
      guard: guarded(world, LUNCH),
      intents: readerIntents(LUNCH, world),
    });
    expect(report).toMatchObject({ outcome: 'partial', claimed: 'done', missing: ['给 王芳 发消息'] });
  });

  it('calls an order placed but never paid not done', async () => {
    const world = World.open({ seed: 1 });
    const lunch = lunchPolicy();
    const unpaid = (view: ModelView) =>
      view.last('food_place_order') ? { calls: [finish('已下单。')] } : lunch(view);
    const request = '帮我从川味小馆点一份宫保鸡丁送到公司';
    const { report } = await runInProcess(new PolicyModel(unpaid), request, {
      world,
      guard: guarded(world, request),
      intents: readerIntents(request, world),
    });
    expect(report.outcome).toBe('partial');
    expect(report.missing).toEqual(['从 川味小馆 点 宫保鸡丁×1，送到 公司']);
  });

  it('takes a finish that leaves out the optional evidence as citing none, not as a crash', async () => {
    const world = World.open({ seed: 1 });
    const request = '给王芳转20元';
    const model = new ScriptedModel([
      { calls: [{ tool: 'finish', input: { outcome: 'blocked', summary: '没有转，因为金额不清楚。' } }] },
    ]);
    const { report } = await runInProcess(model, request, {
      world,
      guard: guarded(world, request),
      intents: readerIntents(request, world),
    });
    expect(report).toMatchObject({
      status: 'finished',
      outcome: 'blocked',
      summary: '没有转，因为金额不清楚。',
      evidence: [],
      missing: ['给 王芳 转账 ¥20.00'],
    });
  });

  it('keeps done when everything asked was done and the evidence is the errand’s own', async () => {
    const world = World.open({ seed: 1 });
    const { report } = await runInProcess(new PolicyModel(lunchPolicy()), LUNCH, {
      world,
      guard: guarded(world, LUNCH),
      intents: readerIntents(LUNCH, world),
    });
    expect(report).toMatchObject({ outcome: 'done', claimed: null, missing: [], unsupported: [] });
  });
});
