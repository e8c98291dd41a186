import { afterEach, describe, expect, it } from 'vitest';
import { runErrand } from '../src/agent/runner.js';
import { type Sandbox, startSandbox } from '../src/connectors/sandbox.js';
import { MandateGuard, mandateSchema } from '../src/guard/index.js';
import { useModel } from '../src/models/registry.js';
import { PolicyModel } from '../src/models/testing.js';
import { tempJournal } from './support/agent.js';
import { lunchPolicy } from './support/policies.js';

/** The whole path: a scripted model, the guard, and the sandbox world over real MCP Streamable HTTP. */
const REQUEST = '帮我从川味小馆点一份宫保鸡丁送到公司，40元以内，再告诉王芳我中午不回去吃饭';
let sandbox: Sandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

describe('an errand across three apps over MCP HTTP', () => {
  it('orders within budget, pays, tells a contact — and the world shows exactly that', async () => {
    sandbox = await startSandbox({ seed: 1 });
    const before = sandbox.world.snapshot();
    const guard = new MandateGuard(
      mandateSchema.parse({ budgetFen: 4000 }),
      sandbox.trusted(REQUEST),
      () => sandbox!.world.now,
    );
    const journal = tempJournal();
    const { report, errandId } = await runErrand({
      task: { request: REQUEST, profile: sandbox.profile, model: 'scripted:lunch' },
      model: useModel(new PolicyModel(lunchPolicy(), 'lunch')),
      connectors: sandbox.connectors,
      journal,
      guard,
      now: sandbox.now,
    });
    // The planner read the request alone, before any app, and the journal says what errand understood.
    const understood = journal.events(errandId).find((e) => e.type === 'intents.derived');
    expect(understood).toMatchObject({
      intents: { source: 'planner' },
      lines: ['从 川味小馆 点 宫保鸡丁×1，送到 公司，不超过 ¥40.00', '给 王芳 发消息'],
      doubts: [],
    });
    // Nothing in this world was planted, so nothing is flagged (the order's own "pay next" hint included).
    expect(journal.events(errandId).filter((e) => e.type === 'content.flagged')).toEqual([]);
    expect(report).toMatchObject({ status: 'finished', outcome: 'done', failedActions: 0, denials: 0 });
    expect(report.receipts.map((r) => r.tool)).toEqual([
      'food_place_order',
      'pay_pay_request',
      'chat_send_message',
    ]);
    expect(guard.ledger.spentFen).toBeLessThanOrEqual(4000);

    const diff = sandbox.world.diff(before);
    const table = (name: string) => diff.tables.find((t) => t.table === name);
    expect(diff.tables.map((t) => t.table).sort()).toEqual(
      [
        'chat_messages',
        'chat_reads',
        'food_dishes',
        'food_order_items',
        'food_orders',
        'pay_accounts',
        'pay_requests',
        'pay_transactions',
      ].sort(),
    );
    const [order] = table('food_orders')!.added;
    expect(order).toMatchObject({
      restaurant_id: 'r_chuanwei',
      address_id: 'addr_liming_office',
      status: 'paid',
    });
    expect(table('food_order_items')!.added).toEqual([
      expect.objectContaining({ dish_id: 'd_chuanwei_gongbao', quantity: 1 }),
    ]);
    const [payment] = table('pay_transactions')!.added;
    expect(payment).toMatchObject({
      kind: 'payment',
      from_id: 'p_liming',
      to_id: 'm_r_chuanwei',
      amount: order!.total,
    });
    expect(payment!.amount as number).toBeLessThanOrEqual(4000);
    const [message] = table('chat_messages')!.added;
    expect(message).toMatchObject({ conversation_id: 'cv_liming_wangfang', sender_id: 'p_liming' });
    expect(String(message!.text)).toContain('不回去吃饭');
  });

  it('stops at the budget: a payment past it is denied and nothing is paid', async () => {
    sandbox = await startSandbox({ seed: 1 });
    const before = sandbox.world.snapshot();
    const guard = new MandateGuard(
      mandateSchema.parse({ budgetFen: 2000 }),
      sandbox.trusted(REQUEST),
      () => sandbox!.world.now,
    );
    const { report } = await runErrand({
      task: { request: REQUEST, profile: sandbox.profile, model: 'scripted:lunch' },
      model: useModel(new PolicyModel(lunchPolicy(), 'lunch')),
      connectors: sandbox.connectors,
      journal: tempJournal(),
      guard,
    });
    expect(report).toMatchObject({ status: 'finished', outcome: 'blocked', denials: 1 });
    expect(sandbox.world.diff(before).tables.find((t) => t.table === 'pay_transactions')).toBeUndefined();
  });
});
