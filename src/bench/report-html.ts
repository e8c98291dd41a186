import { createHash } from 'node:crypto';
import type { TrialRecord } from './metrics.js';
import { attackBars, costScatter, groupBars, passKCurve, tone } from './report-charts.js';
import {
  compact,
  duration,
  Html,
  type HtmlValue,
  html,
  num,
  pct,
  summarizeTasks,
  type TaskSummary,
  usd,
  wh,
} from './report-format.js';
import { REPORT_CSS } from './report-style.js';
import type { BenchRun } from './run-suite.js';

/** Filters the task list and opens or closes every row; the page reads fine without it. */
const REPORT_JS = `
const rows=[...document.querySelectorAll('details.task')];
const q=document.getElementById('q');const shown=document.getElementById('shown');
const buttons=[...document.querySelectorAll('[data-filter]')];let mode='all';
const fits=(s)=>mode==='all'||(mode==='notpass'?s!=='pass':s===mode);
function apply(){const t=q.value.trim().toLowerCase();let n=0;
for(const r of rows){const ok=fits(r.dataset.status)&&(!t||r.dataset.search.includes(t));r.hidden=!ok;if(ok)n++;}
shown.textContent=n+' of '+rows.length;}
for(const b of buttons)b.addEventListener('click',()=>{mode=b.dataset.filter;
for(const o of buttons)o.setAttribute('aria-pressed',String(o===b));apply();});
q.addEventListener('input',apply);
document.getElementById('toggle').addEventListener('click',(e)=>{const open=!rows.some((r)=>r.open&&!r.hidden);
for(const r of rows)if(!r.hidden)r.open=open;e.target.textContent=open?'Collapse all':'Expand all';});
apply();
`;

const sha256 = (s: string) => `'sha256-${createHash('sha256').update(s).digest('base64')}'`;
/** No network at all: only this page's own style and script may run. */
const CSP = `default-src 'none'; style-src ${sha256(REPORT_CSS)}; script-src ${sha256(REPORT_JS)}; img-src data:`;

const STATUS_LABEL = { pass: 'pass', flaky: 'flaky', fail: 'fail', none: 'no trials' } as const;

function card(key: HtmlValue, value: string, detail: string, cls = '', hero = false): Html {
  return html`<div class="card${hero ? ' hero' : ''}"><div class="k">${key}</div><div class="v ${cls}">${value}</div><div class="d">${detail}</div></div>`;
}

function headline(run: BenchRun): Html {
  const m = run.metrics;
  const passed = run.trials.filter((r) => r.variant !== 'benign' && r.pass).length;
  const kMax = m.passK.length;
  const tokens = m.usage.inputTokens + m.usage.outputTokens;
  const perTrial = m.meanUsage.inputTokens + m.meanUsage.outputTokens;
  const extra = run.trials.length - m.trials;
  return html`<section class="cards" aria-label="headline figures">
${card('Success rate', pct(m.successRate), `${passed} of ${m.trials} trials passed · ${m.tasks} task${m.tasks === 1 ? '' : 's'}`, tone(m.successRate), true)}
${card(
  html`pass<sup>k</sup>`,
  kMax > 1 ? `${pct(m.passK[0] ?? 0)} → ${pct(m.passK[kMax - 1] ?? 0)}` : pct(m.passK[0] ?? 0),
  kMax > 1 ? `k = 1 → ${kMax}: every one of k trials passes` : 'k = 1 (one trial per task)',
  tone(m.passK[kMax - 1] ?? 0),
  true,
)}
${card('Trials', String(m.trials), `${run.trialsPerTask} per task${extra > 0 ? ` + ${extra} benign` : ''} · ${run.concurrency} at once`)}
${card('Mean steps', num(m.meanSteps), 'model turns per trial')}
${card('Tokens', compact(tokens), `${compact(perTrial)} per trial · ${compact(m.usage.inputTokens)} in / ${compact(m.usage.outputTokens)} out`)}
${card('Cost', usd(m.usage.costUsd), `${usd(m.meanUsage.costUsd)} per trial`)}
${card('Energy', wh(m.usage.energyWh), `${wh(m.meanUsage.energyWh)} per trial`)}
${card('Wall time', duration(m.wallMs), `${num(m.trialsPerSecond, 2)} trials per second`)}
${card('Asks', num(m.meanAsks, 2), 'per trial: questions put to the person')}
${card('Denials', num(m.meanDenials, 2), 'per trial: actions the guard stopped')}
${card('Collateral damage', String(m.collateralTrials), `trial${m.collateralTrials === 1 ? '' : 's'} that changed what nobody asked for`, m.collateralTrials > 0 ? 'bad' : 'good')}
${card('Asks in mandate', num(m.asksPerInMandateErrand, 3), 'per trial of a task whose right outcome is done')}
${card(
  'Intents from',
  `${m.intents.reader} · ${m.intents.task} · ${m.intents.planner}`,
  `trials read by the reader · from the task file · by a planner${m.intents.none ? ` (${m.intents.none} with none)` : ''}; reader and task file agree in ${m.intents.agreed} of ${m.intents.compared}`,
  m.intents.agreed === m.intents.compared ? 'good' : '',
)}
${
  m.attacks &&
  card(
    'Attack success',
    pct(m.attacks.attackSuccessRate),
    `${m.attacks.cases} attacked trials · utility ${pct(m.attacks.utilityUnderAttack)} under attack, ${pct(m.attacks.benignUtility)} benign · ${num(m.attacks.asksPerErrand, 2)} asks per errand`,
    m.attacks.attackSuccessRate === 0 ? 'good' : 'bad',
  )
}
${
  m.attacks &&
  card(
    'Attack calls',
    `${m.attacks.refused + m.attacks.asked} / ${m.attacks.attackCalls}`,
    `stopped (refused ${m.attacks.refused}, asked ${m.attacks.asked}) in ${m.attacks.attempted} attacked errands · ${m.attacks.allowed} went through · ${m.attacks.notRun} never reached the guard`,
    m.attacks.allowed === 0 ? 'good' : 'bad',
  )
}
</section>`;
}

function chart(title: string, note: string, body: Html): Html {
  return html`<div class="card"><h3>${title}</h3><p class="note">${note}</p>${body}</div>`;
}

function charts(run: BenchRun, tasks: TaskSummary[]): Html {
  const m = run.metrics;
  const appCount = (k: string) => Number.parseInt(k, 10) || 0;
  return html`<h2>Charts</h2><section class="charts">
${chart('Success by category', 'Share of trials that passed, per task category.', groupBars('success by category', m.byCategory))}
${chart('Success by app count', 'Errands that need more apps are harder.', groupBars('success by app count', m.byAppCount, appCount))}
${chart('Success by language', 'Requests in Chinese and in English.', groupBars('success by language', m.byLanguage))}
${chart('Success by app', 'A trial counts for every app its task needs.', groupBars('success by app', m.byApp ?? {}))}
${Object.keys(m.byPack ?? {}).length ? chart('Success by pack', 'Task packs: supply chain, finance, development, mixed.', groupBars('success by pack', m.byPack)) : ''}
${chart('pass^k', 'The chance that k trials of a task all pass: how dependable, not just how able.', passKCurve(m.passK))}
${chart('Cost against success', 'One dot per task; bigger dots are several tasks in one spot. Hover for ids.', costScatter(tasks))}
${
  m.attacks &&
  chart(
    'Attacks',
    `${m.attacks.cases} trials with an instruction planted in app content. Utility: higher is better; attack success: lower is better.`,
    attackBars(m.attacks),
  )
}
</section>`;
}

function trialBlock(r: TrialRecord, open: boolean): Html {
  const tokens = r.usage.inputTokens + r.usage.outputTokens;
  const attack =
    r.attackSucceeded === null
      ? ''
      : r.attackSucceeded
        ? html`<span class="pill bad">attack succeeded</span>`
        : html`<span class="pill good">attack resisted</span>`;
  return html`<details class="trial ${r.pass ? 'pass' : 'fail'}"${open ? ' open' : ''}>
<summary><span class="chev">▸</span><b>Trial ${r.trial + 1}</b>${r.variant !== 'plain' && html` <span class="muted">${r.variant}</span>`}
<span class="pill ${r.pass ? 'pass' : 'fail'}">${r.pass ? 'pass' : 'fail'}</span>${attack}
<span>${r.status}${r.outcome ? ` · ${r.outcome}` : ''}</span>
<span class="figs">intents: ${r.intentSource} · ${r.steps} steps · ${r.actions} actions · ${r.asks} asks · ${r.denials} denials · ${compact(tokens)} tokens · ${usd(r.usage.costUsd)} · ${duration(r.wallMs)} · <code>${r.errandId}</code></span></summary>
${r.error && html`<p class="error">${r.error}</p>`}
${
  r.timeline.length
    ? html`<ol class="timeline">${r.timeline.map(
        (e) =>
          html`<li class="k-${e.kind}"><span class="step">${e.step}</span><span class="kind">${e.kind}</span><span class="text">${e.text}</span></li>`,
      )}</ol>`
    : html`<p class="muted">No steps recorded.</p>`
}
${
  r.attackCalls.length > 0 &&
  html`<h4>Attack calls</h4><ul class="issues">${r.attackCalls.map(
    (c) =>
      html`<li><code>${c.callId}</code> ${c.tool}: <b>${c.fate}</b>${c.ran ? ' (ran)' : ''}${c.reason && ` — ${c.reason}`}</li>`,
  )}</ul>`
}
${
  r.intentDifferences.length > 0 &&
  html`<h4>Reader and task file differ</h4><ul class="issues">${r.intentDifferences.map((x) => html`<li>${x}</li>`)}</ul>`
}
${r.failures.length > 0 && html`<h4>Verifier failures</h4><ul class="issues failures">${r.failures.map((x) => html`<li>${x}</li>`)}</ul>`}
${r.collateral.length > 0 && html`<h4>Collateral damage</h4><ul class="issues collateral">${r.collateral.map((x) => html`<li>${x}</li>`)}</ul>`}
</details>`;
}

function taskRow(t: TaskSummary): Html {
  const firstFail = t.trials.findIndex((r) => !r.pass);
  const search = [t.id, t.request, t.tags.category, t.tags.language, ...t.tags.apps].join(' ').toLowerCase();
  const lang = t.tags.language === 'zh' ? 'zh-CN' : 'en';
  return html`<details class="task" data-status="${t.status}" data-search="${search}">
<summary class="row"><span class="c-status"><span class="chev">▸</span> <span class="pill ${t.status}">${STATUS_LABEL[t.status]}</span></span>
<span class="c-id id" title="${t.id}">${t.id}</span>
<span class="c-x" data-label="lang">${t.tags.language}</span>
<span class="c-x" data-label="apps">${t.tags.apps.join(' · ')}</span>
<span class="c-x" data-label="category">${t.tags.category}</span>
<span class="c-req" lang="${lang}" title="${t.request}">${t.request}</span>
<span class="c-pass n">${t.passed}/${t.n}</span>
<span class="c-x n" data-label="steps">${num(t.meanSteps)}</span>
<span class="c-x n" data-label="tokens">${compact(t.meanTokens)}</span>
<span class="c-x n" data-label="cost">${usd(t.meanCostUsd)}</span>
<span class="c-x n" data-label="denials">${t.denials}</span></summary>
<div class="body">
<p class="request" lang="${lang}">${t.request}</p>
<div class="meta"><span>${t.tags.difficulty}</span><span>right outcome: ${t.outcome}</span><span>apps: ${t.tags.apps.join(', ')}</span>${
    t.attack && html`<span>attack: ${t.attack}</span>`
  }${t.collateralTrials > 0 && html`<span>collateral damage in ${t.collateralTrials} trial(s)</span>`}${
    t.asks > 0 && html`<span>${t.asks} ask(s)</span>`
  }</div>
${t.trials.map((r, i) => trialBlock(r, firstFail === -1 ? i === 0 : i === firstFail))}
</div></details>`;
}

function taskTable(tasks: TaskSummary[]): Html {
  const count = (f: (t: TaskSummary) => boolean) => tasks.filter(f).length;
  const button = (filter: string, label: string, n: number) =>
    html`<button type="button" data-filter="${filter}" aria-pressed="${String(filter === 'all')}">${label} ${n}</button>`;
  return html`<h2>Tasks</h2>
<div class="tools">${button('all', 'All', tasks.length)}${button(
    'notpass',
    'Not passing',
    count((t) => t.status !== 'pass'),
  )}${button(
    'flaky',
    'Flaky',
    count((t) => t.status === 'flaky'),
  )}${button(
    'pass',
    'Passing',
    count((t) => t.status === 'pass'),
  )}
<input id="q" type="search" placeholder="Search id, request, category, app" aria-label="search tasks">
<button type="button" id="toggle">Expand all</button><span class="muted" id="shown"></span></div>
<div class="tasks" role="list">
<div class="row thead" aria-hidden="true"><span>status</span><span>task</span><span>lang</span><span>apps</span><span>category</span><span>request</span><span class="n">passed</span><span class="n">steps</span><span class="n">tokens</span><span class="n">cost</span><span class="n">denials</span></div>
${tasks.length ? tasks.map(taskRow) : html`<p class="empty body">No tasks in this run.</p>`}
</div>`;
}

/**
 * The bench run as one self-contained HTML page (inline CSS, SVG and a little script, no network):
 * headline figures, charts, and every task with each trial's step timeline and verdict.
 */
export function renderHtml(run: BenchRun): string {
  const tasks = summarizeTasks(run);
  const when = run.startedAt.replace('T', ' ').replace(/:\d\d(\.\d+)?Z$/, ' UTC');
  const title = `errand bench · ${run.suite} · ${run.agent}`;
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<title>${title}</title>
<style>${new Html(REPORT_CSS)}</style>
</head>
<body>
<main>
<header><h1>errand bench · ${run.suite}</h1>
<div class="sub">agent <b>${run.agent}</b> · ${when} · ${run.metrics.tasks} task${run.metrics.tasks === 1 ? '' : 's'} × ${run.trialsPerTask} trial${run.trialsPerTask === 1 ? '' : 's'}</div></header>
${headline(run)}
${charts(run, tasks)}
${taskTable(tasks)}
<footer>Node ${run.machine.node} · ${run.machine.cpus} CPUs · ${run.machine.platform} · concurrency ${run.concurrency} · run format v${run.version}. A trial passes when the world's changes meet the task and nothing else changed; a task passes when all its trials pass.</footer>
</main>
<script>${new Html(REPORT_JS)}</script>
</body>
</html>
`.value;
}
