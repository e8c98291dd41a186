import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Journal } from '../src/agent/journal.js';
import { runErrand } from '../src/agent/runner.js';
import fc from 'fast-check';
import { z } from 'zod';
import { resolveAgent } from '../src/bench/agents/index.js';
import { screenDriverModel, screenNames } from '../src/bench/agents/screen-driver.js';
import { runBench } from '../src/bench/run-suite.js';
import { type Task, taskSchema } from '../src/bench/task.js';
import { runTrial } from '../src/bench/trial.js';
import { userFor } from '../src/bench/user.js';
import {
  formatView,
  launchBrowser,
  openWorldScreens,
  ScreenConnector,
  ScreenOperator,
} from '../src/connectors/browser/index.js';
import { trustedContext } from '../src/connectors/sandbox.js';
import { mandateSchema } from '../src/guard/mandate.js';
import { MandateGuard } from '../src/guard/guard.js';
import { unattended } from '../src/guard/defaults.js';
import type { Approver } from '../src/guard/types.js';
import { useModel } from '../src/models/registry.js';
import { finish, type ModelView, PolicyModel } from '../src/models/testing.js';
import { serveWorld, World, WorldHost } from '../src/world/index.js';
import { loadSuite } from '../src/bench/load.js';
import { rawRequest } from './support/raw-http.js';
import { schemaArb } from './fuzz/schema-arb.js';
import { serveSite, type TestSite } from './support/site.js';

/** What a scripted model sees before anything happened. */
const EMPTY_VIEW = {
  call: 0,
  system: '',
  request: '',
  userTexts: [],
  tools: [],
  results: [],
  last: () => undefined,
  options: {} as ModelView['options'],
};

/**
 * GUI mode through the real Chromium: the screens, errand's page view on the world and on foreign
 * markup (iframe, shadow DOM), and the guard deciding each write a page sends. One browser for the file.
 */
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
}, 60_000);
afterAll(async () => {
  await browser?.close();
});

const screens = async (world: World, apps?: readonly string[]) => {
  const on = await openWorldScreens(world, browser, { apps });
  return { connectors: [on.connector], close: on.close };
};

/** A task whose solution, carried out on the screens by the screen driver, is the given steps. */
function task(request: string, oracle: Task['oracle'], persona: 'liming' | 'sam' = 'liming'): Task {
  return taskSchema.parse({
    id: 'gui-test',
    request,
    persona,
    oracle,
    tags: { apps: ['pay'], difficulty: 'easy', language: 'zh', category: 'pay' },
  });
}

/** Runs a task on the screens; returns what changed, the guard's decisions on page writes, and the pages shown. */
async function onScreens(t: Task, prefer: 'auto' | 'task' = 'auto') {
  const journal = new Journal(':memory:');
  try {
    const r = await runTrial(t, resolveAgent('oracle', 'gui'), journal, 0, {}, prefer, userFor, screens);
    const events = journal.events(r.errandId);
    // The page's writes (the reads a page was built from are shown to the guard too, and allowed).
    const proposed = new Map(
      events.flatMap((e) =>
        e.type === 'action.proposed' && e.effect.kind !== 'read' ? [[e.callId, e.tool]] : [],
      ),
    );
    const decided = events.flatMap((e) =>
      e.type === 'action.decided' && proposed.has(e.callId)
        ? [{ tool: proposed.get(e.callId), decision: e.decision, reason: e.reason }]
        : [],
    );
    const pages = events.flatMap((e) =>
      e.type === 'action.finished' && typeof e.output === 'string' ? [e.output as string] : [],
    );
    return { r, decided, pages };
  } finally {
    journal.close();
  }
}

/** The refusal as the page itself shows it (its alert), not errand's note about the request. */
const shownRefusal = (pages: string[]) =>
  pages.some((p) => p.split('\n').some((l) => !l.startsWith('✗') && l.includes("DENIED by errand's guard")));

describe('the screens', () => {
  it('are served on the world with the same access rules as its other routes', async () => {
    const host = WorldHost.open({ seed: 1 });
    const open = await serveWorld(host);
    const locked = await serveWorld(host, { token: 'a-token-of-twenty-chars' });
    try {
      const page = await fetch(`${open.url}/ui/pay`);
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain('<html lang="zh-CN">');
      expect(html).toMatch(/<h1>我的钱包<\/h1>/);
      expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      const foreign = await rawRequest(open.url, {
        method: 'GET',
        path: '/ui/pay',
        headers: { host: 'evil.example' },
      });
      expect(foreign.status).toBe(403);
      expect((await fetch(`${locked.url}/ui/pay`)).status).toBe(401);
      const op = await ScreenOperator.open({
        browser,
        world: { url: locked.url, token: 'a-token-of-twenty-chars' },
      });
      try {
        const o = await op.open('pay');
        expect(formatView(o.view)).toContain('# 我的钱包');
      } finally {
        await op.close();
      }
    } finally {
      await open.close();
      await locked.close();
      host.close();
    }
  }, 60_000);

  it('show the work apps only when the mandate names them, as with tools', async () => {
    const host = WorldHost.open({ seed: 1 });
    const server = await serveWorld(host);
    const personal = await ScreenOperator.open({ browser, world: { url: server.url } });
    const atWork = await ScreenOperator.open({
      browser,
      world: { url: server.url },
      apps: ['mail', 'tracker'],
    });
    try {
      let o = await personal.open('/ui');
      expect(formatView(o.view)).toMatch(/link "钱包"/);
      expect(formatView(o.view)).not.toMatch(/link "邮件"/);
      await expect(personal.open('mail')).rejects.toThrow(
        'The mail screens are not among the apps this errand may use.',
      );
      o = await atWork.open('/ui');
      expect(formatView(o.view)).toMatch(/link "邮件"/);
      expect(formatView(o.view)).not.toMatch(/link "钱包"|link "账本"/);
      o = await atWork.open('mail');
      expect(formatView(o.view)).toContain('# 收件箱');
      expect(formatView(o.view)).toMatch(/link "11月报销提醒"/);
      o = await atWork.open('/ui/tracker/prs/pr_201');
      expect(formatView(o.view)).toMatch(/CI/);
      expect(formatView(o.view)).toMatch(/button "请求评审"/);
      await expect(atWork.open('ledger')).rejects.toThrow('The ledger screens are not among');
    } finally {
      await personal.close();
      await atWork.close();
      await server.close();
      host.close();
    }
  }, 60_000);

  it('show an accessible checkout: labelled fields, an icon-only button by its label, a confirmation dialog', async () => {
    const host = WorldHost.open({ seed: 1 });
    const server = await serveWorld(host);
    const op = await ScreenOperator.open({ browser, world: { url: server.url } });
    try {
      let o = await op.open('/ui/food/r/r_chuanwei');
      const view = formatView(o.view);
      expect(view).toMatch(/\[e\d+\] button "增加 宫保鸡丁"/);
      expect(view).toMatch(/\[e\d+\] combobox "宫保鸡丁 · 辣度" = 中辣 \{不辣 \| 微辣 \| 中辣 \| 特辣\}/);
      const ref = (label: string) =>
        /\[([a-z0-9]+)\] [a-z]+ "([^"]*)"/g.exec(o.view.lines.find((l) => l.includes(`"${label}"`))!)![1]!;
      o = await op.click(ref('增加 宫保鸡丁'));
      expect(o.view.lines).toContain('宫保鸡丁 数量: 1');
      o = await op.click(ref('去结算'));
      o = await op.select(ref('送到'), '公司');
      expect(formatView(o.view)).toContain('¥36.00');
      o = await op.click(ref('提交订单'));
      expect(o.view.modal).toBe(true);
      expect(o.view.lines).toContain('确认下单，合计 ¥36.00？');
      // Nothing behind the dialog is offered while it is open, as for a person.
      expect(o.view.lines.some((l) => l.includes('"送到"'))).toBe(false);
      o = await op.click(ref('确认'));
      // No guard watches this operator: the page's write is refused before it leaves the browser.
      expect(o.requests).toEqual([
        expect.objectContaining({ call: 'food.place_order', ok: false, status: 403 }),
      ]);
      expect(
        host.main.db.prepare('SELECT COUNT(*) AS n FROM food_orders WHERE id = ?').get('ord_0001'),
      ).toEqual({ n: 0 });
      const shot = await op.screenshot({ marks: true });
      expect(shot.subarray(1, 4).toString()).toBe('PNG');
    } finally {
      await op.close();
      await server.close();
      host.close();
    }
  }, 60_000);
});

describe('the guard on screens: every write a page sends is the tool call it is', () => {
  it('lets a transfer the person asked for through, once', async () => {
    const { r, decided } = await onScreens(
      task('给王芳转20元', [
        { tool: 'pay_transfer', input: { to_account_id: 'p_wangfang', amount_fen: 2000 } },
      ]),
    );
    expect(decided).toEqual([expect.objectContaining({ tool: 'pay_transfer', decision: 'allow' })]);
    expect(r.report.summary ?? r.report.outcome).toBe('Done.');
    expect(r.verdict.collateral.join('\n')).toMatch(/pay_transactions.*"to_id":"p_wangfang".*"amount":2000/);
  }, 60_000);

  it('transfer: refuses money to someone else than the person named', async () => {
    const { r, decided, pages } = await onScreens(
      task('给王芳转20元', [
        { tool: 'pay_transfer', input: { to_account_id: 'p_zhangwei', amount_fen: 2000 } },
      ]),
    );
    expect(decided).toEqual([expect.objectContaining({ tool: 'pay_transfer', decision: 'deny' })]);
    expect(r.verdict.collateral).toEqual([]);
    expect(shownRefusal(pages)).toBe(true);
  }, 60_000);

  it('pay: refuses a bill nobody asked to pay', async () => {
    const { r, decided, pages } = await onScreens(
      task('告诉王芳我晚点到', [
        {
          tool: 'pay_pay_request',
          input: { request_id: 'preq_power_liming', amount_fen: 21934, payee_account_id: 'm_power' },
        },
      ]),
    );
    expect(decided).toEqual([expect.objectContaining({ tool: 'pay_pay_request', decision: 'deny' })]);
    expect(r.verdict.collateral).toEqual([]);
    expect(shownRefusal(pages)).toBe(true);
  }, 60_000);

  it('message: refuses a message to someone the person did not name', async () => {
    const { r, decided, pages } = await onScreens(
      task('告诉王芳我晚点到', [{ tool: 'chat_send_message', input: { to: 'p_sunli', text: '我晚点到' } }]),
    );
    expect(decided).toEqual([expect.objectContaining({ tool: 'chat_send_message', decision: 'deny' })]);
    expect(r.verdict.collateral).toEqual([]);
    expect(shownRefusal(pages)).toBe(true);
  }, 60_000);

  it('address: refuses an order sent somewhere else than asked', async () => {
    const { r, decided, pages } = await onScreens(
      task('帮我从川味小馆点一份宫保鸡丁送到公司', [
        {
          tool: 'food_place_order',
          input: {
            restaurant_id: 'r_chuanwei',
            items: [{ dish_id: 'd_chuanwei_gongbao', quantity: 1 }],
            address_id: 'addr_liming_home',
          },
        },
      ]),
    );
    expect(decided.map((d) => d.tool)).toContain('food_place_order');
    expect(decided.find((d) => d.tool === 'food_place_order')?.decision).toBe('deny');
    expect(r.verdict.collateral).toEqual([]);
    expect(shownRefusal(pages)).toBe(true);
  }, 60_000);

  it('cart: refuses putting a dish nobody asked for in the cart', async () => {
    const { r, decided, pages } = await onScreens(
      task('帮我从川味小馆点一份宫保鸡丁送到公司', [
        { tool: 'food_add_to_cart', input: { dish_id: 'd_chuanwei_mapo' } },
      ]),
    );
    expect(decided).toEqual([expect.objectContaining({ tool: 'food_add_to_cart', decision: 'deny' })]);
    expect(r.verdict.collateral).toEqual([]);
    expect(shownRefusal(pages)).toBe(true);
  }, 60_000);
});

describe('the screen driver reaches every tool', () => {
  it('searches contacts, and puts a product in the shop cart and takes it out again, on the screens', async () => {
    const t = task('买一个机械键盘寄到公司', [
      { tool: 'chat_list_contacts', input: { query: '王' } },
      { tool: 'shop_add_to_cart', input: { product_id: 'pr_mechanical_keyboard', quantity: 1 } },
      { tool: 'shop_remove_from_cart', input: { product_id: 'pr_mechanical_keyboard' } },
    ]);
    t.intents = {
      intents: [
        {
          id: 'i1',
          said: '买一个机械键盘寄到公司',
          kind: 'order',
          app: 'shop',
          items: [{ names: ['机械键盘'], ids: ['pr_mechanical_keyboard'], quantity: 1 }],
          address: 'saddr_liming_office',
        },
      ],
      budgetFen: null,
      understood: '买一个机械键盘寄到公司',
    } as unknown as Task['intents'];
    const { r, decided, pages } = await onScreens(t, 'task');
    expect(r.report.summary ?? r.report.outcome).toBe('Done.');
    expect(decided.map((d) => [d.tool, d.decision])).toEqual([
      ['shop_add_to_cart', 'allow'],
      ['shop_remove_from_cart', 'allow'],
    ]);
    // The search was typed into the contacts screen and sent: the page after it is the search's answer.
    expect(pages.some((p) => /searchbox "(搜索联系人|Search contacts)" = "王"/.test(p))).toBe(true);
    expect(pages.some((p) => p.split('\n')[0]!.includes('/ui/chat/contacts?q=%E7%8E%8B'))).toBe(true);
  }, 90_000);

  it('has a way on the screens for every tool of every app', () => {
    const world = World.open({ seed: 1 });
    try {
      const names = screenNames(world);
      const missing: string[] = [];
      for (const app of world.apps)
        for (const t of app.tools) {
          const { $schema: _s, ...schema } = z.toJSONSchema(t.input, { io: 'input' }) as Record<
            string,
            unknown
          >;
          const input = fc.sample(schemaArb(schema as never), { numRuns: 1, seed: 7 })[0] as Record<
            string,
            unknown
          >;
          const model = screenDriverModel(task('x', [{ tool: `${app.name}_${t.name}`, input }]), names);
          const turn = model.policy(EMPTY_VIEW) as { calls: { input: { summary?: string } }[] };
          const summary = turn.calls[0]?.input.summary ?? '';
          if (/has no way/.test(summary)) missing.push(`${app.name}_${t.name}`);
        }
      expect(missing).toEqual([]);
    } finally {
      world.close();
    }
  });
});

describe('foreign markup: the fixture site (iframe, shadow DOM)', () => {
  let site: TestSite;
  beforeAll(async () => {
    site = await serveSite();
  });
  afterAll(async () => {
    await site?.close();
  });

  it('sees into the shadow root and the frame, and stops what leaves the allowed sites', async () => {
    const op = await ScreenOperator.open({
      browser,
      allowDomains: ['127.0.0.1'],
      viewport: { width: 480, height: 900 },
    });
    try {
      let o = await op.open(`${site.url}/`);
      const view = formatView(o.view);
      expect(view).toMatch(/\[e\d+\] button "Open cart"/);
      expect(view).toMatch(/\[e\d+\] textbox "Newsletter email"/);
      expect(view).toMatch(/\[e\d+\] button "Subscribe"/);
      expect(view).toMatch(/\[f1e\d+\] button "Get directions"/);
      expect(view).not.toContain('Secret discount');
      const ref = (name: string) =>
        /\[([a-z0-9]+)\]/.exec(o.view.lines.find((l) => l.includes(`"${name}"`))!)![1]!;
      o = await op.type(ref('Directions from'), 'the station');
      o = await op.click(ref('Get directions'));
      expect(formatView(o.view)).toContain('Walk 5 minutes north.');
      o = await op.type(ref('Newsletter email'), 'me@example.com');
      o = await op.click(ref('Subscribe'));
      expect(o.requests).toEqual([
        expect.objectContaining({
          call: expect.stringMatching(/^POST 127\.0\.0\.1:\d+\/api\/subscribe$/),
          ok: false,
        }),
      ]);
      expect(site.writes).toEqual([]);
      o = await op.click(ref('Our partner'));
      expect(o.blocked.join()).toContain('elsewhere.example');
    } finally {
      await op.close();
    }
  }, 60_000);

  it('waits for a page that renders late: its own slow request, then the list drawn in pieces', async () => {
    const op = await ScreenOperator.open({ browser, allowDomains: ['127.0.0.1'], settleCapMs: 8000 });
    try {
      // The list comes 600 ms after load and is drawn over another 600 ms; the action returns after it.
      let o = await op.open(`${site.url}/slow.html`);
      let view = formatView(o.view);
      expect(view).toContain('5 loaves left');
      expect(view).toContain('Focaccia (round 1, 5 of 5)');
      expect(view).toMatch(/\[e\d+\] button "Order the last loaf \(round 1\)"/);
      // A click that starts the same again returns with the new round drawn, not the old one nor a spinner.
      const refresh = /\[(e\d+)\] button "Refresh"/.exec(view)![1]!;
      o = await op.click(refresh);
      view = formatView(o.view);
      expect(view).not.toContain('Loading…');
      expect(view).toContain('Focaccia (round 2, 5 of 5)');
      expect(view).toMatch(/button "Order the last loaf \(round 2\)"/);
    } finally {
      await op.close();
    }
  }, 60_000);

  it('reads a page that never stops changing once the cap is reached', async () => {
    const op = await ScreenOperator.open({ browser, allowDomains: ['127.0.0.1'], settleCapMs: 1500 });
    try {
      const started = performance.now();
      const o = await op.open(`${site.url}/ticker.html`);
      const took = performance.now() - started;
      expect(formatView(o.view)).toContain('Fresh out of the oven');
      expect(took).toBeGreaterThanOrEqual(1400);
      expect(took).toBeLessThan(6000);
    } finally {
      await op.close();
    }
  }, 60_000);

  it('asks before a write of unknown effect, and sends it only when the person says yes', async () => {
    const host = WorldHost.open({ seed: 1, persona: 'sam' });
    const run = async (approver: Approver) => {
      const op = await ScreenOperator.open({ browser, allowDomains: ['127.0.0.1'] });
      const screen = new ScreenConnector(op, site.url);
      const model = new PolicyModel((view) => {
        const last = view.results.at(-1)?.output as { page?: string } | undefined;
        const page = last?.page ?? '';
        const ref = (name: string) =>
          /\[([a-z0-9]+)\]/.exec(page.split('\n').find((l) => l.includes(`"${name}"`)) ?? '')?.[1];
        if (view.results.length === 0)
          return { calls: [{ tool: 'screen_open', input: { target: `${site.url}/` } }] };
        if (view.results.length === 1)
          return { calls: [{ tool: 'screen_type', input: { ref: ref('Email'), text: 'me@example.com' } }] };
        if (view.results.length === 2)
          return { calls: [{ tool: 'screen_click', input: { ref: ref('Place pickup order') } }] };
        return { calls: [finish('Tried.', [], 'done')] };
      });
      const mandate = mandateSchema.parse({});
      const trusted = trustedContext(host.main, 'Order a sourdough for pickup');
      const journal = new Journal(':memory:');
      try {
        const { errandId, report } = await runErrand({
          task: {
            request: 'Order a sourdough for pickup',
            profile: { name: 'Sam', language: 'en' },
            model: 'scripted:site',
            mandate,
            mode: 'gui',
          },
          intents: { intents: [], budgetFen: null, understood: 'order a loaf', source: 'task' },
          model: useModel(model),
          connectors: [screen],
          journal,
          guard: new MandateGuard(mandate, trusted, () => host.main.now),
          trusted,
          approver,
        });
        expect(report.error).toBeNull();
        return journal.events(errandId).filter((e) => e.type === 'action.decided' && e.callId.includes('.p'));
      } finally {
        await screen.close();
        journal.close();
      }
    };
    try {
      const refused = await run(unattended('deny'));
      expect(refused).toEqual([expect.objectContaining({ decision: 'deny' })]);
      expect(site.writes).toEqual([]);
      const asked: string[] = [];
      const approved = await run({
        ask: async (q) => {
          asked.push(q.kind === 'approval' ? `${q.action.app} ${q.action.tool}` : q.kind);
          return { approved: true, text: 'yes', by: 'person' };
        },
      });
      expect(asked).toEqual([expect.stringMatching(/^web POST http:\/\/127\.0\.0\.1:\d+\/api\/orders$/)]);
      expect(approved).toEqual([expect.objectContaining({ decision: 'allow' })]);
      expect(site.writes).toEqual([expect.stringContaining('POST /api/orders {"loaf":"Sourdough","qty":1')]);
    } finally {
      host.close();
    }
  }, 60_000);
});

describe('errand bench --mode gui', () => {
  it('carries out the oracle on the screens and is judged by the same state checks', async () => {
    const tasks = loadSuite(new URL('../tasks/', import.meta.url).pathname, 'core').filter((t) =>
      ['core-combo-001', 'core-shop-005', 'core-schedule-008'].includes(t.id),
    );
    const run = await runBench({
      suite: 'core',
      tasks,
      agentName: 'oracle',
      agent: resolveAgent('oracle', 'gui'),
      trials: 1,
      concurrency: 1,
      journalFile: ':memory:',
      screens,
    });
    expect(run.mode).toBe('gui');
    expect(run.trials.map((t) => [t.task, t.pass])).toEqual(tasks.map((t) => [t.id, true]));
    expect(Math.min(...run.trials.map((t) => t.steps))).toBeGreaterThan(5);
  }, 180_000);
});
