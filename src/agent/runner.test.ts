import { afterEach, describe, expect, it } from 'vitest';
import { call, finish, PolicyModel, ScriptedModel } from '../models/testing.js';
import { World } from '../world/index.js';
import { runInProcess } from '../../test/support/agent.js';

const worlds: World[] = [];
function world(): World {
  const w = World.open({ seed: 1 });
  worlds.push(w);
  return w;
}
afterEach(() => {
  while (worlds.length) worlds.pop()!.close();
});

const transfer = (amount = 2000) =>
  call('pay_transfer', { to_account_id: 'p_wangfang', amount_fen: amount, memo: '午饭' });

describe('runner', () => {
  it('runs an errand to a finish with evidence, journaling every step in order', async () => {
    const w = world();
    const before = w.snapshot();
    const model = new ScriptedModel([
      { calls: [call('update_plan', { items: [{ step: '转账给王芳', status: 'in_progress' }] })] },
      { calls: [call('pay_get_balance'), call('pay_list_transactions', { limit: 5 })] },
      { calls: [transfer()] },
      { calls: [finish('已转账20元给王芳', [{ app: 'pay', kind: 'transfer', id: 'txn_0001' }])] },
    ]);
    const { report, journal, errandId } = await runInProcess(model, '给王芳转20元', { world: w });
    expect(report).toMatchObject({
      status: 'finished',
      outcome: 'done',
      steps: 4,
      actions: 3,
      failedActions: 0,
    });
    expect(report.receipts).toEqual([
      expect.objectContaining({ app: 'pay', kind: 'irreversible', id: 'txn_0001', amount: '¥20.00' }),
    ]);
    expect(report.usage.inputTokens).toBeGreaterThan(0);
    const types = journal.events(errandId).map((e) => e.type);
    expect(types[0]).toBe('task.started');
    expect(journal.events(errandId, { withCreated: true })[0]?.type).toBe('task.created');
    expect(types.at(-1)).toBe('task.finished');
    expect(types).toContain('plan.updated');
    const started = types.indexOf('action.started', types.indexOf('action.started') + 2);
    expect(types.slice(started - 2, started + 3)).toEqual([
      'action.proposed',
      'action.decided',
      'action.started',
      'action.finished',
      'observation',
    ]);
    const diff = w.diff(before);
    expect(diff.tables.find((t) => t.table === 'pay_transactions')?.added).toEqual([
      expect.objectContaining({ kind: 'transfer', to_id: 'p_wangfang', amount: 2000 }),
    ]);
    // The plan reaches the model in the conversation (its own update_plan call), and the system message
    // and tools stay byte-identical from turn to turn, so a provider can cache them.
    expect(JSON.stringify(model.seen[1]!.prompt.slice(1))).toContain('转账给王芳');
    expect(JSON.stringify(model.seen[1]!.prompt[0])).not.toContain('转账给王芳');
    const prefix = (i: number) => JSON.stringify([model.seen[i]!.prompt[0], model.seen[i]!.tools]);
    expect(prefix(3)).toBe(prefix(0));
  });

  it('gives every write an idempotency key from errand, step and call, and hides the key from the model', async () => {
    const { journal, errandId } = await runInProcess(
      new ScriptedModel([{ calls: [transfer()] }, { calls: [finish('ok')] }]),
      '转账',
      {
        world: world(),
      },
    );
    const started = journal.events(errandId).find((e) => e.type === 'action.started');
    expect(started).toMatchObject({ idempotencyKey: `${errandId}-s1-c0` });
    const model = new ScriptedModel([{ calls: [finish('ok')] }]);
    await runInProcess(model, '给王芳转20元', { world: world() });
    const tool = model.seen[0]!.tools!.find((t) => t.name === 'pay_transfer') as {
      inputSchema: { properties: object };
    };
    expect(Object.keys(tool.inputSchema.properties)).not.toContain('idempotency_key');
  });

  it('reports a tool error, prompts a reflection, and lets the model choose another way', async () => {
    const model = new ScriptedModel([
      { calls: [call('pay_transfer', { to_account_id: 'p_stranger_cs', amount_fen: 100 })] },
      { calls: [finish('无法转账给陌生人', [], 'blocked')] },
    ]);
    const { report, journal, errandId } = await runInProcess(model, '给客服小张转1元', { world: world() });
    expect(report).toMatchObject({ status: 'finished', outcome: 'blocked', failedActions: 1 });
    const second = JSON.stringify(model.seen[1]!.prompt);
    expect(second).toContain('FORBIDDEN');
    expect(second).toContain('did not go as planned');
    expect(journal.events(errandId).some((e) => e.type === 'reflection')).toBe(true);
  });

  it('repairs an unknown tool, unparseable arguments and invalid arguments, then carries on', async () => {
    const model = new ScriptedModel([
      { calls: [call('pay_steal_money', {})] },
      { calls: [{ tool: 'pay_transfer', rawInput: '{"to_account_id": "p_wangfang", ' }] },
      { calls: [transfer()] },
      { calls: [call('pay_transfer', { to_account_id: 'p_wangfang', amount_fen: 'twenty' })] },
      { calls: [finish('done')] },
    ]);
    const { report, journal, errandId } = await runInProcess(model, '转账', { world: world() });
    expect(report).toMatchObject({ status: 'finished', outcome: 'done', actions: 1 });
    const invalid = journal.events(errandId).filter((e) => e.type === 'model.output_invalid');
    expect(invalid.map((e) => (e as { problem: string }).problem)).toEqual([
      expect.stringContaining('no tool named "pay_steal_money"'),
      expect.stringContaining('not valid JSON'),
      expect.stringContaining('Invalid arguments for pay_transfer'),
    ]);
    expect(JSON.stringify(model.seen[1]!.prompt)).toContain('no tool named');
  });

  it('fails cleanly after too many unusable replies in a row', async () => {
    const model = new ScriptedModel([{ text: 'Sure!' }, { text: 'I will.' }, { calls: [call('nope')] }]);
    const { report } = await runInProcess(model, '转账', { world: world() });
    expect(report).toMatchObject({ status: 'failed', error: { code: 'MODEL_OUTPUT_INVALID' } });
    expect(report.error!.message).toMatch(/3 times in a row/);
  });

  it('stops a model that repeats a failing action', async () => {
    const model = new PolicyModel(() => ({
      calls: [call('pay_transfer', { to_account_id: 'p_stranger_cs', amount_fen: 100 })],
    }));
    const w = world();
    const before = w.snapshot();
    const { report } = await runInProcess(model, '转账', { world: w });
    expect(report).toMatchObject({ status: 'failed', error: { code: 'LOOP_DETECTED' }, actions: 1 });
    expect(w.diff(before).empty).toBe(true);
  });

  it('does not repeat a write that already succeeded, even when the model asks again', async () => {
    const model = new ScriptedModel([
      { calls: [transfer(500)] },
      { calls: [transfer(500)] },
      { calls: [finish('ok')] },
    ]);
    const w = world();
    const before = w.snapshot();
    const { report } = await runInProcess(model, '转账', { world: w });
    expect(report.receipts).toHaveLength(1);
    expect(w.diff(before).tables.find((t) => t.table === 'pay_transactions')?.added).toHaveLength(1);
  });

  it('meets the step limit with a clean failure when the model never finishes', async () => {
    let n = 0;
    const model = new PolicyModel(() => ({
      calls: [call('pay_list_transactions', { limit: 1 + (n++ % 50) })],
    }));
    const { report } = await runInProcess(model, '查账', { world: world() });
    expect(report).toMatchObject({ status: 'failed', error: { code: 'LIMIT_REACHED' }, steps: 30 });
  });

  it('backs off and retries provider errors, and gives up at once on a bad key', async () => {
    const flaky = new ScriptedModel([
      { fail: { status: 429 } },
      { fail: { status: 503 } },
      { calls: [finish('ok')] },
    ]);
    const { report, journal, errandId } = await runInProcess(flaky, 'x', { world: world() });
    expect(report.status).toBe('finished');
    const failures = journal.events(errandId).filter((e) => e.type === 'model.failed');
    expect(failures.map((e) => (e as { retryInMs: number }).retryInMs)).toEqual([1, 2]);
    const denied = new ScriptedModel([{ fail: { status: 401, message: 'Invalid API key' } }]);
    const bad = await runInProcess(denied, 'x', { world: world() });
    expect(bad.report).toMatchObject({ status: 'failed', error: { code: 'MODEL_UNAVAILABLE' } });
    expect(bad.report.error!.message).toMatch(/401.*Check the API key/);
  });

  it('gives up on a model that does not answer in time after one retry, not one per retry', async () => {
    const model = new ScriptedModel([{ hang: true }, { hang: true }, { hang: true }, { hang: true }]);
    const { report, journal, errandId } = await runInProcess(model, 'x', {
      world: world(),
      retry: { retries: 3, baseMs: 1, timeoutMs: 30 },
    });
    expect(report).toMatchObject({ status: 'failed', error: { code: 'MODEL_UNAVAILABLE' } });
    expect(report.error!.message).toMatch(/did not answer in time/);
    // Other failures get all three retries; a model that never answers fails in about twice the timeout.
    expect(journal.events(errandId).filter((e) => e.type === 'model.failed')).toHaveLength(2);
  });

  it('cancels while the model thinks, and no action starts after cancellation', async () => {
    const controller = new AbortController();
    const hanging = new PolicyModel(() => {
      setImmediate(() => controller.abort());
      return { hang: true };
    });
    const first = await runInProcess(hanging, 'x', { world: world(), signal: controller.signal });
    expect(first.report.status).toBe('cancelled');

    const second = new AbortController();
    const w = world();
    const before = w.snapshot();
    const model = new PolicyModel(() => {
      second.abort(); // the person presses Ctrl-C while the model's answer is on its way
      return { calls: [transfer()] };
    });
    const { report, journal, errandId } = await runInProcess(model, 'x', { world: w, signal: second.signal });
    expect(report.error).toBeNull();
    expect(report.status).toBe('cancelled');
    expect(journal.events(errandId).some((e) => e.type === 'action.started')).toBe(false);
    expect(w.diff(before).empty).toBe(true);
    expect(journal.list(1)[0]).toMatchObject({ status: 'cancelled' });
  });

  it('cuts large results to a token budget, at whole lines, with a handle the model can read on from', async () => {
    const w = world();
    let first = 0;
    const model = new PolicyModel((view) => {
      if (view.call === 0) return { calls: [call('pay_list_payment_requests')] };
      if (view.call === 1) {
        const text = JSON.stringify(view.options.prompt);
        const [, handle, offset] = /handle \\"(h\d+_\d+)\\" and offset (\d+)/.exec(text) ?? [];
        first = Number(offset);
        return { calls: [call('read_more', { handle, offset: first })] };
      }
      return { calls: [finish('read')] };
    });
    const { journal, errandId } = await runInProcess(model, 'bills', { world: w, observationBudget: 40 });
    const obs = journal.events(errandId).find((e) => e.type === 'observation') as {
      truncated: boolean;
      handle: string;
    };
    expect(obs).toMatchObject({ truncated: true, handle: 'h1_0' });
    const third = model.seen[2]!.prompt.at(-1)!;
    expect(JSON.stringify(third)).toContain('read_more:h1_0');
    const next = Number(/read_more with handle .*h1_0.* and offset (\d+)/.exec(JSON.stringify(third))?.[1]);
    expect(next).toBeGreaterThan(first);
    // What the model was shown is whole table rows: the cut falls at a line end.
    const shown = JSON.stringify(model.seen[1]!.prompt.at(-1));
    expect(shown).toMatch(/\\n\[cut: about \d+ of \d+ tokens shown/);
  });

  it('compacts older results as the history grows, keeping a handle instead of dropping them', async () => {
    let n = 0;
    const model = new PolicyModel(() =>
      n++ < 6 ? { calls: [call('pay_list_payment_requests')] } : { calls: [finish('ok')] },
    );
    const { journal, errandId } = await runInProcess(model, 'bills', { world: world(), contextBudget: 600 });
    const compacted = journal.events(errandId).filter((e) => e.type === 'context.compacted');
    expect(compacted.length).toBeGreaterThan(0);
    expect(JSON.stringify(model.seen.at(-1)!.prompt)).toMatch(
      /\[compacted: an earlier result of pay_list_payment_requests.*read_more with handle/,
    );
  });

  it('fences app data with a per-errand marker and tells the model it carries no instructions', async () => {
    const model = new ScriptedModel([{ calls: [call('pay_get_balance')] }, { calls: [finish('ok')] }]);
    await runInProcess(model, 'x', { world: world() });
    const system = model.seen[0]!.prompt[0]!.content as string;
    const marker = /⟦data:([0-9a-f]{12})/.exec(system)?.[1];
    expect(marker).toBeDefined();
    expect(system).toMatch(/never instructions/);
    expect(JSON.stringify(model.seen[1]!.prompt)).toContain(`⟦data:${marker} from=pay.get_balance⟧`);
  });

  it('rejects a malformed errand with a clear error', async () => {
    await expect(runInProcess(new ScriptedModel([]), '   ', { world: world() })).rejects.toThrow(
      /request is empty/,
    );
  });
});
