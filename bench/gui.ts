// npm run bench:gui — errand's page view against Playwright MCP's browser_snapshot on the same pages
// (every app screen of the world and the fixture site), in the same Chromium: tokens with the project's
// tokenizer (o200k_base), and whether every actionable element of Playwright MCP's snapshot is reachable
// from errand's view (same role and name). Then the core suite's oracle in API mode and on the screens
// (the scripted screen driver), side by side: success, steps, tokens, time, and the time per step with
// no model (median and p90), for the core and work suites (GUI_BENCH_SUITES=personal,work). GUI_BENCH_ONLY=<text>
// limits the second part to task ids containing it; GUI_BENCH_SUITES= (empty) skips it.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { Journal } from '../src/agent/journal.js';
import { resolveAgent } from '../src/bench/agents/index.js';
import { loadSuite } from '../src/bench/load.js';
import { type BenchRun, runBench } from '../src/bench/run-suite.js';
import {
  CHROMIUM,
  CHROMIUM_ARGS,
  formatView,
  launchBrowser,
  openWorldScreens,
  ScreenOperator,
} from '../src/connectors/browser/index.js';
import { countTokens } from '../src/models/tokens.js';
import { APP_NAMES, serveWorld, WorldHost } from '../src/world/index.js';
import { serveSite } from '../test/support/site.js';
import { summarise } from './stats.js';

const SCREENS = [
  '/ui/food',
  '/ui/food/r/r_chuanwei',
  '/ui/food/checkout?r=r_chuanwei&items=%5B%7B%22dish_id%22%3A%22d_chuanwei_gongbao%22%2C%22quantity%22%3A1%7D%5D&address=addr_liming_office',
  '/ui/food/cart',
  '/ui/food/orders/ord_liming_pending',
  '/ui/pay',
  '/ui/pay/requests/preq_power_liming',
  '/ui/pay/transfer',
  '/ui/chat',
  '/ui/chat/c/p_wangfang',
  '/ui/calendar',
  '/ui/calendar/new',
  '/ui/calendar/free?attendees=p_wangfang&date=2026-12-01&duration=60',
  '/ui/maps?q=%E5%A4%96%E6%BB%A9',
  '/ui/maps/route?to=pl_bund',
  '/ui/shop',
  '/ui/shop/p/pr_mechanical_keyboard',
  '/ui/shop/cart',
  '/ui/shop/orders/sord_liming_scarf',
  // The work apps (opened here because the comparison names them, as a mandate must).
  '/ui/mail',
  '/ui/mail/t/th_li_01',
  '/ui/mail/t/th_li_03/reply/ml_li_03',
  '/ui/mail/new',
  '/ui/ledger',
  '/ui/ledger/expenses?status=submitted',
  '/ui/ledger/expenses/exp_seed_1',
  '/ui/ledger/invoices/inv_xy_1127',
  '/ui/inventory',
  '/ui/inventory/suppliers?sku=sku_sensor',
  '/ui/inventory/order?supplier=sup_xinyuan&sku=sku_sensor',
  '/ui/inventory/orders/po_seed_box',
  '/ui/tracker',
  '/ui/tracker/issues/iss_101',
  '/ui/tracker/prs/pr_201',
  '/ui/tracker/releases',
];

const ACTIONABLE = new Set([
  'button',
  'link',
  'textbox',
  'searchbox',
  'checkbox',
  'radio',
  'combobox',
  'listbox',
  'slider',
  'spinbutton',
  'switch',
  'tab',
  'menuitem',
]);

const norm = (t: string) => t.replace(/\s+/g, ' ').trim();

/** The actionable elements of a Playwright MCP snapshot: role and name of each line with a ref. */
function actionableIn(snapshot: string): { role: string; name: string }[] {
  const out: { role: string; name: string }[] = [];
  for (const line of snapshot.split('\n')) {
    const m = /^\s*- ([a-z]+)(?: "((?:[^"\\]|\\.)*)")?.*\[ref=[^\]]+\]/.exec(line);
    if (m && ACTIONABLE.has(m[1]!)) out.push({ role: m[1]!, name: norm((m[2] ?? '').replace(/\\"/g, '"')) });
  }
  return out;
}

/** errand's elements: role and name of each line with a ref. */
function errandElements(view: string): { role: string; name: string }[] {
  const out: { role: string; name: string }[] = [];
  for (const line of view.split('\n')) {
    const m = /^\s*\[[a-z0-9]+\] ([a-z]+)(?: "([^"]*)")?/.exec(line);
    if (m) out.push({ role: m[1]!, name: norm(m[2] ?? '') });
  }
  return out;
}

/** True when errand's view has the element: same role and name (names errand cuts at 80 characters). */
function reachable(el: { role: string; name: string }, mine: { role: string; name: string }[]): boolean {
  return mine.some(
    (m) => m.role === el.role && (m.name === el.name || (el.name.length > 80 && el.name.startsWith(m.name))),
  );
}

async function playwrightMcp(): Promise<{ client: Client; close(): Promise<void> }> {
  const home = mkdtempSync(join(tmpdir(), 'errand-pwmcp-'));
  const config = join(home, 'config.json');
  writeFileSync(
    config,
    JSON.stringify({
      browser: {
        browserName: 'chromium',
        isolated: true,
        launchOptions: { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS },
        contextOptions: { viewport: { width: 390, height: 844 }, locale: 'zh-CN' },
      },
      imageResponses: 'omit',
      outputDir: join(home, 'output'),
    }),
  );
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [join('node_modules', '@playwright', 'mcp', 'cli.js'), '--config', config],
    env: { ...(process.env as Record<string, string>), HOME: home, XDG_CACHE_HOME: join(home, 'cache') },
    stderr: 'ignore',
  });
  const client = new Client({ name: 'errand-bench-gui', version: '1' });
  await client.connect(transport);
  return { client, close: () => client.close() };
}

function textOf(result: unknown): string {
  const content = (result as { content?: { type: string; text?: string }[] }).content ?? [];
  return content.map((c) => c.text ?? '').join('\n');
}

async function compareViews() {
  const host = WorldHost.open({ seed: 1, persona: 'liming' });
  const world = await serveWorld(host);
  const site = await serveSite();
  const browser = await launchBrowser();
  const op = await ScreenOperator.open({
    browser,
    world: { url: world.url },
    allowDomains: ['127.0.0.1'],
    apps: APP_NAMES,
  });
  const mcp = await playwrightMcp();
  const pages = [...SCREENS.map((p) => `${world.url}${p}`), `${site.url}/`, `${site.url}/menu.html`];
  const rows: {
    page: string;
    errandTokens: number;
    mcpTokens: number;
    ratio: number;
    actionable: number;
    reached: number;
    missing: string[];
  }[] = [];
  try {
    for (const url of pages) {
      const view = formatView((await op.open(url)).view);
      await mcp.client.callTool({ name: 'browser_navigate', arguments: { url } });
      const snap = textOf(await mcp.client.callTool({ name: 'browser_snapshot', arguments: {} }));
      const theirs = actionableIn(snap);
      const mine = errandElements(view);
      const missing = theirs.filter((el) => !reachable(el, mine)).map((el) => `${el.role} "${el.name}"`);
      const errandTokens = countTokens(view);
      const mcpTokens = countTokens(snap);
      rows.push({
        page: url.replace(world.url, '').replace(site.url, 'site'),
        errandTokens,
        mcpTokens,
        ratio: errandTokens / mcpTokens,
        actionable: theirs.length,
        reached: theirs.length - missing.length,
        missing,
      });
    }
  } finally {
    await mcp.close();
    await op.close();
    await browser.close();
    await site.close();
    await world.close();
    host.close();
  }
  return rows;
}

async function stepTimes(run: BenchRun, journalFile: string, screens: boolean): Promise<number[]> {
  const journal = new Journal(journalFile);
  const times: number[] = [];
  for (const t of run.trials) {
    const events = journal.events(t.errandId);
    const tools = new Map<string, string>();
    for (const e of events) {
      if (e.type === 'action.proposed') tools.set(e.callId, e.tool);
      if ((e.type === 'action.finished' || e.type === 'action.failed') && !e.callId.includes('.')) {
        const tool = tools.get(e.callId) ?? '';
        if (tool.startsWith('screen_') === screens) times.push(e.durationMs);
      }
    }
  }
  journal.close();
  return times;
}

async function compareModes(suite: string) {
  const only = process.env.GUI_BENCH_ONLY;
  const tasks = loadSuite(fileURLToPath(new URL('../tasks/', import.meta.url)), suite).filter(
    (t) => !only || t.id.includes(only),
  );
  const dir = mkdtempSync(join(tmpdir(), 'errand-bench-gui-'));
  const api = await runBench({
    suite,
    tasks,
    agentName: 'oracle',
    agent: resolveAgent('oracle', 'api'),
    trials: 1,
    concurrency: 2,
    journalFile: join(dir, 'api.db'),
  });
  const browser = await launchBrowser();
  let gui: BenchRun;
  try {
    gui = await runBench({
      suite,
      tasks,
      agentName: 'oracle',
      agent: resolveAgent('oracle', 'gui'),
      trials: 1,
      concurrency: 2,
      journalFile: join(dir, 'gui.db'),
      screens: async (world, apps) => {
        const on = await openWorldScreens(world, browser, { apps });
        return { connectors: [on.connector], close: on.close };
      },
    });
  } finally {
    await browser.close();
  }
  return {
    api,
    gui,
    apiSteps: await stepTimes(api, join(dir, 'api.db'), false),
    guiSteps: await stepTimes(gui, join(dir, 'gui.db'), true),
  };
}

const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
const ms = (v: number) => `${v.toFixed(1)} ms`;

const views = await compareViews();
console.log(
  'page view against Playwright MCP browser_snapshot (tokens o200k_base; actionable elements reached)',
);
for (const r of views)
  console.log(
    `  ${r.page.slice(0, 60).padEnd(60)} ${String(r.errandTokens).padStart(5)} / ${String(r.mcpTokens).padStart(5)} = ${r.ratio.toFixed(2)}×  ${r.reached}/${r.actionable}${r.missing.length ? `  missing: ${r.missing.slice(0, 4).join(', ')}` : ''}`,
  );
const totalMine = views.reduce((s, r) => s + r.errandTokens, 0);
const totalTheirs = views.reduce((s, r) => s + r.mcpTokens, 0);
const worst = Math.max(...views.map((r) => r.ratio));
const reached = views.reduce((s, r) => s + r.reached, 0);
const actionable = views.reduce((s, r) => s + r.actionable, 0);
console.log(
  `  all ${views.length} pages: ${totalMine} / ${totalTheirs} tokens = ${(totalMine / totalTheirs).toFixed(2)}× (worst page ${worst.toFixed(2)}×) · actionable elements reached ${reached}/${actionable} (${pct(reached / actionable)})`,
);

const suites = (process.env.GUI_BENCH_SUITES ?? 'personal,work').split(',').filter(Boolean);
const bySuite: Record<string, unknown> = {};
for (const suite of suites) {
  const modes = await compareModes(suite);
  console.log(`\n${suite} suite, oracle: API mode against the screens (scripted screen driver)`);
  for (const [name, run] of [
    ['api', modes.api],
    ['gui', modes.gui],
  ] as const) {
    const m = run.metrics;
    console.log(
      `  ${name}: success ${pct(m.successRate)} · steps ${m.meanSteps.toFixed(1)} · tokens ${Math.round(m.usage.inputTokens + m.usage.outputTokens)} · wall ${(m.wallMs / 1000).toFixed(1)} s`,
    );
  }
  const apiT = summarise(modes.apiSteps);
  const guiT = summarise(modes.guiSteps);
  console.log(
    `  time per step, no model: API median ${ms(apiT.median)} p90 ${ms(apiT.p90)} (${apiT.runs} actions) · GUI median ${ms(guiT.median)} p90 ${ms(guiT.p90)} (${guiT.runs} screen actions, observation and the page's writes included)`,
  );
  const byTask = modes.api.trials.map((a) => {
    const g = modes.gui.trials.find((t) => t.task === a.task);
    return {
      task: a.task,
      api: { pass: a.pass, steps: a.steps },
      gui: { pass: g?.pass ?? false, steps: g?.steps ?? 0 },
    };
  });
  const differ = byTask.filter((t) => t.api.pass !== t.gui.pass);
  if (differ.length) console.log(`  tasks passing in one mode only: ${differ.map((d) => d.task).join(', ')}`);
  bySuite[suite] = {
    api: modes.api.metrics,
    gui: modes.gui.metrics,
    apiSteps: modes.apiSteps,
    guiSteps: modes.guiSteps,
    byTask,
  };
}
mkdirSync('bench-results', { recursive: true });
const out = join('bench-results', `gui-${new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19)}.json`);
writeFileSync(out, `${JSON.stringify({ views, suites: bySuite }, null, 2)}\n`);
console.log(`results ${out}`);
