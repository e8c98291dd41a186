import type { ErrandSummary } from '../../agent/journal.js';
import type { AuditCheck } from '../../guard/audit.js';
import { PERSONAS } from '../../world/index.js';
import type { WorldState } from '../world-state.js';
import { html, type SafeHtml } from './html.js';

/** What every page's frame needs to know. */
export interface Frame {
  title: string;
  page: string;
  /** Shows the log-out button (a console session is open). */
  session: boolean;
  data?: Record<string, string>;
}

/** The frame of every console page: header, navigation, the stylesheet and the one script. */
export function layout(frame: Frame, body: SafeHtml): string {
  const data = Object.entries(frame.data ?? {}).map(([k, v]) => html` data-${k}="${v}"`);
  return html`<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>errand · ${frame.title}</title>
<link rel="stylesheet" href="/console.css">
<script src="/console.js" defer></script>
</head>
<body data-page="${frame.page}"${data}>
<header>
  <a class="brand" href="/">errand</a>
  <nav>
    <a href="/">New</a><a href="/history">History</a><a href="/audit">Audit</a><a href="/world">World</a><a href="/bench">Bench</a>
    ${frame.session ? html`<a href="#" id="logout">Log out</a>` : ''}
  </nav>
</header>
<main>
${body}
</main>
</body>
</html>`.text;
}

const EXAMPLES: { persona: string; text: string }[] = [
  { persona: 'liming', text: '帮我从川味小馆点一份宫保鸡丁送到公司，40元以内，再告诉王芳我中午不回去吃饭' },
  { persona: 'liming', text: '给王芳转50元' },
  { persona: 'sam', text: "Order me a latte to the office and tell Tom I'm running late" },
];

/** The page to start an errand. */
export function newErrandPage(personas: readonly string[], defaultModel: string): SafeHtml {
  return html`<h1>What do you need? · 要办什么事？</h1>
<form id="new-errand" class="card" autocomplete="off">
  <label for="request">Request · 请求</label>
  <textarea id="request" name="request" required maxlength="4000" placeholder="帮我从川味小馆点一份宫保鸡丁送到公司，40元以内…"></textarea>
  <div class="examples">${EXAMPLES.map((e) => html`<button type="button" data-persona="${e.persona}" data-request="${e.text}">${e.text.length > 22 ? `${e.text.slice(0, 21)}…` : e.text}</button>`)}</div>
  <div class="row">
    <div><label for="persona">For · 为谁</label>
      <select id="persona" name="persona">${personas.map((p) => html`<option value="${p}">${PERSONAS.find((x) => x.id === p)?.name ?? p} (${p})</option>`)}</select></div>
    <div><label for="budget">Budget ¥ · 预算</label><input id="budget" name="budget" inputmode="decimal" placeholder="none"></div>
    <div><label for="approveAbove">Ask above ¥ · 超过多少要问我</label><input id="approveAbove" name="approveAbove" inputmode="decimal" placeholder="never"></div>
  </div>
  <label for="model">Model · 模型</label>
  <input id="model" name="model" placeholder="${defaultModel}">
  <label class="muted small check"><input type="checkbox" name="confirm"> Show me what errand understood before it acts · 先确认理解</label>
  <div class="actions"><button type="submit" class="primary">Run · 开始</button></div>
  <p id="form-error" class="error" role="alert"></p>
</form>
<p class="muted small">errand works out what you asked for from your words alone; every payment, message and order is checked against that, outside the model.</p>`;
}

/** The live page of one errand: filled in by the script from the errand's event stream. */
export function errandPage(summary: ErrandSummary): SafeHtml {
  return html`<h1 class="request">${summary.request}</h1>
<p><span id="status" class="badge ${summary.status}">${summary.status}</span> <span class="muted small">${summary.id}${summary.model ? ` · ${summary.model}` : ''}</span></p>
${summary.status === 'running' ? html`<div class="actions"><button id="cancel" type="button">Cancel · 取消</button></div>` : ''}
<div id="questions"></div>
<section class="card"><h2>What errand understood · 理解为</h2><ul id="understood" class="understood"><li class="muted">…</li></ul></section>
<section class="card"><h2>Plan · 计划</h2><ol id="plan" class="plain plan"></ol></section>
<section class="card"><h2>Steps · 步骤</h2><ol id="steps" class="plain steps"></ol></section>
<section id="report"></section>`;
}

function when(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').slice(0, 16);
}

/** The history of errands, newest first, with a search box. */
export function historyPage(errands: ErrandSummary[], q: string): SafeHtml {
  return html`<h1>History · 历史</h1>
<form class="search" method="get" action="/history" role="search">
  <input name="q" value="${q}" placeholder="Search requests · 搜索" aria-label="Search">
  <button type="submit">Search</button>
</form>
${
  errands.length === 0
    ? html`<p class="muted">${q ? `Nothing matches “${q}”.` : 'No errands yet.'}</p>`
    : html`<ul class="plain history">${errands.map(
        (e) =>
          html`<li><a href="/errands/${encodeURIComponent(e.id)}"><span class="badge ${e.outcome ?? e.status}">${e.outcome ?? e.status}</span> <span class="req">${e.request}</span><br><span class="muted small">${when(e.createdAt)} · ${e.id}${e.model ? ` · ${e.model}` : ''}</span></a></li>`,
      )}</ul>`
}`;
}

/** The whole journal's audit check. */
export function auditPage(check: AuditCheck): SafeHtml {
  return html`<h1>Audit · 审计</h1>
<div class="card">
  <p><span class="badge ${check.ok ? 'ok' : 'bad'}">${check.ok ? 'intact' : 'changed'}</span>
  ${check.events} events in ${check.errands} errands, ${check.signed ? 'signed with the audit key' : 'not signed'}.</p>
  ${check.ok ? html`<p>Every event, errand and status is one link of a signed hash chain, and it checks.</p>` : html`<ul>${check.problems.map((p) => html`<li class="error">${p}</li>`)}</ul>`}
</div>`;
}

/** The apps of one persona's world as they stand now. */
export function worldPage(state: WorldState, personas: readonly string[]): SafeHtml {
  // One line a row, its first cell in bold: tables do not fit a phone.
  const table = (_heads: string[], rows: unknown[][]) =>
    rows.length === 0
      ? html`<p class="muted">none</p>`
      : html`<ul class="plain rows">${rows.map(
          ([first, ...rest]) =>
            html`<li><strong>${first}</strong> <span class="muted small">${rest.filter((v) => v !== '').join(' · ')}</span></li>`,
        )}</ul>`;
  return html`<h1>World · ${state.name}</h1>
<p>${personas.map((p) => html`<a class="button" href="/world?persona=${p}">${p}</a> `)}</p>
<p class="muted">World time ${state.now}</p>
<section class="card"><h2>Wallet · 钱包</h2><p>Balance <strong id="balance">${state.balance ?? '?'}</strong></p>
${table(
  ['id', 'kind', 'amount', 'to', 'at'],
  state.transactions.map((t) => [`${t.amount} → ${t.counterparty}`, t.kind, t.id, t.at]),
)}</section>
<section class="card"><h2>Food orders · 外卖</h2>${table(
    ['id', 'status', 'shop', 'total', 'items'],
    state.foodOrders.map((o) => [`${o.shop} ${o.items}`, o.total, o.status, o.id]),
  )}</section>
<section class="card"><h2>Shop orders · 购物</h2>${table(
    ['id', 'status', 'total', 'items'],
    state.shopOrders.map((o) => [o.items, o.total, o.status, o.id]),
  )}</section>
<section class="card"><h2>Chats · 聊天</h2>${table(
    ['with', 'last message', 'at'],
    state.chats.map((c) => [c.title, `${c.fromMe ? '→ ' : ''}${c.last}`, c.at]),
  )}</section>
<section class="card"><h2>Calendar · 日程</h2>${table(
    ['title', 'start', 'status'],
    state.events.map((e) => [e.title, e.start.slice(11, 16), e.status]),
  )}</section>`;
}

/** The bench reports found, newest first. */
export function benchPage(
  reports: { name: string; size: number; modified: number }[],
  dir: string,
): SafeHtml {
  return html`<h1>Bench reports · 评测</h1>
${
  reports.length === 0
    ? html`<p class="muted">No reports in ${dir} yet: <code>npx errand bench --suite core --agent oracle</code> writes one.</p>`
    : html`<ul class="plain history">${reports.map((r) => html`<li><a href="/bench/${r.name}">${r.name}<br><span class="muted small">${when(r.modified)} · ${Math.round(r.size / 1024)} KiB</span></a></li>`)}</ul>`
}`;
}

/** The page that opens a console session with the server's token. */
export function loginPage(): SafeHtml {
  return html`<h1>Log in · 登录</h1>
<form id="login" class="card">
  <label for="token">Server token</label>
  <input id="token" name="token" type="password" autocomplete="current-password" required>
  <p class="muted small">errand serve keeps it in errand's home, in the file <code>serve-token</code>. It is sent once, in the body of this form; the browser keeps only a session cookie.</p>
  <div class="actions"><button type="submit" class="primary">Log in</button></div>
  <p id="form-error" class="error" role="alert"></p>
</form>`;
}

/** A page that says what went wrong, in a sentence. */
export function problemPage(message: string): SafeHtml {
  return html`<h1>Not found</h1><p class="card">${message}</p>`;
}
