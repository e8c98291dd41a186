import { afterEach, describe, expect, it } from 'vitest';
import { trustedContext } from '../connectors/sandbox.js';
import { inProcessConnectors } from '../connectors/in-process.js';
import { offeredConnectors } from '../guard/index.js';
import { call, finish, PolicyModel, ScriptedModel } from '../models/testing.js';
import { countTokens } from '../models/tokens.js';
import { World } from '../world/index.js';
import { readerIntents, runInProcess } from '../../test/support/agent.js';
import { leanText } from './runner/lean.js';
import { searchTools } from './tool-search.js';
import { receiptOf } from './runner/receipt.js';
import { unattended } from '../guard/defaults.js';
import { toolsToOpen } from './runner/open-at-start.js';
import { Toolset } from './toolset.js';

const worlds: World[] = [];
function world(): World {
  const w = World.open({ seed: 1 });
  worlds.push(w);
  return w;
}
afterEach(() => {
  while (worlds.length) worlds.pop()!.close();
});

const names = (tools: { name: string }[] | undefined) => (tools ?? []).map((t) => t.name);

describe('what the model is sent', () => {
  it('starts with the catalogue and the tools the intents need, and opens an app when asked', async () => {
    const w = world();
    const request = '给王芳转20元';
    const model = new ScriptedModel([
      { calls: [call('open_apps', { apps: ['calendar'] })] },
      { calls: [finish('ok')] },
    ]);
    await runInProcess(model, request, { world: w, intents: readerIntents(request, w) });
    const first = names(model.seen[0]!.tools);
    expect(first).toContain('pay_transfer');
    expect(first).not.toContain('food_place_order');
    expect(first).not.toContain('calendar_create_event');
    // Every app is in the catalogue, one line each, naming the tools the model was not given yet.
    const system = String(model.seen[0]!.prompt[0]!.content);
    expect(system).toMatch(/- calendar 日历: list_events, /);
    expect(system).toMatch(/- pay 钱包: .*list_transactions/);
    expect(system).not.toMatch(/- pay 钱包: .*\btransfer\b/);
    expect(names(model.seen[1]!.tools)).toContain('calendar_create_event');
  });

  it('finds tools by what they do, in Chinese and English', async () => {
    const tools = (await Toolset.build(inProcessConnectors(world()))).appTools();
    expect(searchTools(tools, '菜单')[0]!.name).toBe('food_get_menu');
    expect(searchTools(tools, 'transfer money')[0]!.name).toBe('pay_transfer');
    expect(searchTools(tools, '大家什么时候有空').map((t) => t.name)).toContain('calendar_find_free_time');
    expect(searchTools(tools, '怎么去外滩').map((t) => t.name)).toContain('maps_route');
  });

  it('offers people lookup with a pay-only mandate, from the person’s own world', async () => {
    const w = world();
    const request = 'Send Sam 50 yuan';
    const connectors = offeredConnectors(inProcessConnectors(w), { apps: ['pay'] });
    const model = new PolicyModel((view) =>
      view.call === 0 ? { calls: [call('find_people', { name: 'Sam' })] } : { calls: [finish('ok')] },
    );
    await runInProcess(model, request, { world: w, connectors, trusted: trustedContext(w, request) });
    expect(names(model.seen[0]!.tools)).toContain('find_people');
    expect(JSON.stringify(model.seen[1]!.prompt.at(-1))).toMatch(/p_sam \| 山姆·卡特 \/ Sam Carter/);
  });

  it('keeps system message and tools byte-identical while nothing opens, the plan in the conversation', async () => {
    const model = new ScriptedModel([
      { calls: [call('update_plan', { items: [{ step: '查余额', status: 'in_progress' }] })] },
      { calls: [call('pay_get_balance')] },
      { calls: [call('update_plan', { items: [{ step: '查余额', status: 'done' }] })] },
      { calls: [finish('ok')] },
    ]);
    await runInProcess(model, '查一下余额', { world: world() });
    const prefixes = model.seen.map((s) => JSON.stringify([s.prompt[0], s.tools]));
    expect(new Set(prefixes).size).toBe(1);
  });

  it('shows results lean: money as ¥, rows under named columns, repeated option groups once', () => {
    const w = world();
    const menu = w.call('food', 'get_menu', { restaurant_id: 'r_chuanwei' });
    if (!menu.ok) throw new Error('no menu');
    const lean = leanText(menu.data, 'zh');
    expect(lean).toMatch(/^dishes\[\d+\]: id \| name \| description \| price/m);
    expect(lean).toContain('d_chuanwei_gongbao | 宫保鸡丁 |');
    expect(lean).toContain('¥30.00');
    expect(lean).not.toContain('"amount"');
    expect(lean).toMatch(/§1 = \[\{key: spice, name: 辣度/);
    expect(countTokens(lean)).toBeLessThan(0.5 * countTokens(JSON.stringify(menu.data)));
  });

  it('tells the model and the person when a new event overlaps their own or an invitee is busy', async () => {
    const w = world();
    const model = new ScriptedModel([
      {
        calls: [
          call('calendar_create_event', {
            title: '年终总结讨论',
            start: '2026-12-02T14:00',
            duration_minutes: 30,
            attendee_ids: ['p_chenjing'],
          }),
        ],
      },
      { calls: [finish('约好了')] },
    ]);
    const { report } = await runInProcess(model, '明天下午两点约陈经理', { world: w });
    const shown = JSON.stringify(model.seen[1]!.prompt.at(-1));
    expect(shown).toContain('⚠ errand: tell the person');
    expect(report.warnings).toEqual([
      expect.stringMatching(/与你已有的日程冲突：一对一：年终总结/),
      expect.stringMatching(/这些受邀人那时已有安排：陈经理/),
    ]);
  });
});

describe('what the model is sent, leaner', () => {
  it('offers read_more only once a result was cut, after the tools already sent', async () => {
    const w = world();
    const model = new ScriptedModel([
      { calls: [call('pay_get_balance')] },
      { calls: [call('food_get_menu', { restaurant_id: 'r_chuanwei' })] },
      { calls: [finish('ok')] },
    ]);
    const { journal, errandId } = await runInProcess(model, '看看川味小馆的菜单', {
      world: w,
      observationBudget: 200,
    });
    expect(names(model.seen[0]!.tools)).not.toContain('read_more');
    expect(names(model.seen[1]!.tools)).not.toContain('read_more');
    const after = names(model.seen[2]!.tools);
    expect(after.at(-1)).toBe('read_more');
    // The tools sent before stay first and unchanged, so a provider's cache keeps them.
    expect(JSON.stringify(model.seen[2]!.tools!.slice(0, -1))).toBe(JSON.stringify(model.seen[1]!.tools));
    expect(journal.events(errandId)).toContainEqual(
      expect.objectContaining({ type: 'tools.opened', tools: ['read_more'], by: 'cut' }),
    );
    // search_tools is never sent: open_apps takes words too.
    expect(model.seen.some((s) => names(s.tools).includes('search_tools'))).toBe(false);
  });

  it('opens the tools that fit words given to open_apps', async () => {
    const model = new ScriptedModel([
      { calls: [call('open_apps', { apps: ['退货'] })] },
      { calls: [finish('ok')] },
    ]);
    await runInProcess(model, '查一下余额', { world: world() });
    expect(names(model.seen[0]!.tools)).not.toContain('shop_request_return');
    expect(names(model.seen[1]!.tools)).toContain('shop_request_return');
    expect(JSON.stringify(model.seen[1]!.prompt.at(-1))).toContain('shop_request_return');
  });

  it('shows a write as a receipt — ids, money, next step, no echo — while the journal keeps the whole answer', async () => {
    const w = world();
    const model = new ScriptedModel([
      {
        calls: [
          call('food_place_order', {
            restaurant_id: 'r_chuanwei',
            items: [{ dish_id: 'd_chuanwei_gongbao', quantity: 1 }],
            address_id: 'addr_liming_office',
          }),
        ],
      },
      { calls: [finish('ok')] },
    ]);
    const { journal, errandId } = await runInProcess(model, '点一份宫保鸡丁送到公司', { world: w });
    const message = model.seen[1]!.prompt.at(-1) as { content: { output: { value: string } }[] };
    const shown = message.content[0]!.output.value;
    for (const kept of [
      'id: ord_0001',
      'total: ¥36.00',
      'payment_request_id: preq_',
      'payee_account_id: m_r_chuanwei',
      'next_step',
    ])
      expect(shown).toContain(kept);
    // The address block and the dish ids the model sent are not echoed back; nor is the moment of the write.
    for (const echo of ['汇亚大厦', 'addr_liming_office', 'd_chuanwei_gongbao', 'created_at', 'discount'])
      expect(shown).not.toContain(echo);
    const finished = journal.events(errandId).find((e) => e.type === 'action.finished');
    expect(finished).toMatchObject({
      output: { address: { id: 'addr_liming_office' }, created_at: expect.any(String) },
    });
    expect(JSON.stringify(finished)).toContain('汇亚大厦');
  });

  it('keeps a receipt’s own ids even when the model sent them, and names records it did not send', () => {
    expect(
      receiptOf({ message_id: 'm_1', recalled_at: '2026-11-30T11:00:00+08:00' }, { message_id: 'm_1' }),
    ).toEqual({
      message_id: 'm_1',
    });
    expect(
      receiptOf(
        {
          id: 'ord_9',
          restaurant: { id: 'r_x', name: '川味小馆' },
          total: { amount: 0, currency: 'CNY', display: '¥0.00' },
        },
        { order_id: 'ord_8' },
      ),
    ).toEqual({ id: 'ord_9', restaurant: 'r_x (川味小馆)' });
  });

  it('shows times in the errand’s zone as local times the apps take back, and others whole', () => {
    const lean = leanText({ start: '2026-12-02T12:00:00+08:00', at: '2026-12-02T04:00:00Z' }, 'zh', '+08:00');
    expect(lean).toBe('start: 2026-12-02T12:00\nat: 2026-12-02T04:00:00Z');
  });

  it('tells the model when nobody can answer, and how to treat a calendar clash either way', async () => {
    const alone = new ScriptedModel([{ calls: [finish('ok')] }]);
    await runInProcess(alone, '查一下余额', { world: world(), approver: unattended('deny') });
    const watched = new ScriptedModel([{ calls: [finish('ok')] }]);
    await runInProcess(watched, '查一下余额', {
      world: world(),
      approver: { ask: async () => ({ text: '好', approved: true, by: 'person' }) },
    });
    const a = String(alone.seen[0]!.prompt[0]!.content);
    const b = String(watched.seen[0]!.prompt[0]!.content);
    expect(a).toMatch(/Nobody can answer questions/);
    expect(a).toMatch(/clashes with the person’s events or busy invitees; propose free slots in finish/);
    expect(b).not.toMatch(/Nobody can answer/);
    expect(b).toMatch(/clashes with the person’s events or busy invitees without asking them/);
  });

  it('sends schemas without what only the validator needs, and still refuses an unknown argument', async () => {
    const model = new ScriptedModel([
      { calls: [call('pay_transfer', { to_account_id: 'p_wangfang', amount_fen: 100, colour: 'red' })] },
      { calls: [finish('ok')] },
    ]);
    await runInProcess(model, '给王芳转1元', { world: world() });
    const transfer = model.seen[0]!.tools!.find((t) => t.name === 'pay_transfer') as { inputSchema: object };
    expect(JSON.stringify(transfer.inputSchema)).not.toContain('additionalProperties');
    expect(JSON.stringify(model.seen[1]!.prompt)).toMatch(/additional properties \(colour\)/);
  });
});

describe('tools opened at the start', () => {
  it('opens what the intents need to do, and look-ups only for apps no intent opened', async () => {
    const w = world();
    const request = '帮我从川味小馆点一份宫保鸡丁送到公司，再告诉王芳我中午不回去吃饭';
    const apps = (await Toolset.build(inProcessConnectors(w))).apps();
    const opened = toolsToOpen(apps, request, readerIntents(request, w));
    expect(opened).toEqual(
      expect.arrayContaining(['food_place_order', 'pay_pay_request', 'chat_send_message']),
    );
    // "告诉" is the message intent, not a look-up of conversations; the order is placed, not quoted first.
    expect(opened).not.toContain('chat_read_messages');
    expect(opened).not.toContain('chat_list_conversations');
    expect(opened).not.toContain('food_quote_order');
    // A look-up word for an app no intent opened still opens it.
    expect(toolsToOpen(apps, '外滩怎么去', undefined)).toContain('maps_route');
  });
});
