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
    // Every app is in the catalogue, one line each.
    expect(model.seen[0]!.prompt[0]!.content).toMatch(/- calendar \(日历 \/ Calendar\): list_events, /);
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
