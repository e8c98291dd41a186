import type { GroupMetrics, Metrics } from './metrics.js';
import { compact, type Html, html, num, pct, type TaskSummary, usd } from './report-format.js';

/** Charts are drawn in a 360-unit-wide box and scale to their card, so text stays legible on a phone. */
const W = 360;

/** The colour class of a success share. */
export const tone = (rate: number): 'good' | 'mid' | 'bad' =>
  rate >= 0.8 ? 'good' : rate >= 0.5 ? 'mid' : 'bad';

const f = (x: number) => num(x, 1);

function svg(label: string, height: number, body: Html | Html[]): Html {
  return html`<svg class="chart" viewBox="0 0 ${W} ${height}" role="img" aria-label="${label}"><title>${label}</title>${body}</svg>`;
}

const clip = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

/** Horizontal bars of success per group (category, app count, language), with passed/trials. */
export function groupBars(
  label: string,
  groups: Record<string, GroupMetrics>,
  sortKey?: (k: string) => number,
): Html {
  const keys = Object.keys(groups).sort((a, b) =>
    sortKey ? sortKey(a) - sortKey(b) || a.localeCompare(b) : a.localeCompare(b),
  );
  if (keys.length === 0) return html`<p class="empty">No trials.</p>`;
  const rowH = 28;
  const x0 = 112;
  const barW = 150;
  const rows = keys.map((k, i) => {
    const g = groups[k]!;
    const y = 6 + i * rowH;
    return html`<g><title>${k}: ${pct(g.successRate)} (${g.passed} of ${g.trials} trials passed)</title>
<text class="label" x="${x0 - 8}" y="${y + 14}" text-anchor="end">${clip(k, 16)}</text>
<rect class="track" x="${x0}" y="${y + 2}" width="${barW}" height="16" rx="3"/>
<rect class="bar ${tone(g.successRate)}" x="${x0}" y="${y + 2}" width="${f(barW * g.successRate)}" height="16" rx="3"/>
<text class="value" x="${W - 4}" y="${y + 14}" text-anchor="end">${pct(g.successRate)} <tspan class="muted">${g.passed}/${g.trials}</tspan></text></g>`;
  });
  return svg(label, keys.length * rowH + 8, rows);
}

function yAxis(top: number, bottom: number, left: number, right: number): Html[] {
  return [0, 0.25, 0.5, 0.75, 1].map((v) => {
    const y = bottom - (bottom - top) * v;
    return html`<line class="grid" x1="${left}" x2="${right}" y1="${f(y)}" y2="${f(y)}"/><text class="tick" x="${left - 6}" y="${f(y + 4)}" text-anchor="end">${pct(v)}</text>`;
  });
}

/** The pass^k curve: the chance that all k trials of a task pass, for k = 1..trials. */
export function passKCurve(passK: number[]): Html {
  if (passK.length === 0) return html`<p class="empty">No trials.</p>`;
  const H = 210;
  const [l, r, t, b] = [44, 28, 18, H - 36];
  const x = (i: number) =>
    passK.length === 1 ? (l + r + W - r * 2) / 2 : l + ((W - r - l) * i) / (passK.length - 1);
  const y = (v: number) => b - (b - t) * v;
  const pts = passK.map((v, i) => `${f(x(i))},${f(y(v))}`).join(' ');
  const every = Math.ceil(passK.length / 10);
  const showValues = passK.length <= 8;
  return svg('pass^k by k', H, [
    ...yAxis(t, b, l, W - r),
    html`<polygon class="area" points="${f(x(0))},${b} ${pts} ${f(x(passK.length - 1))},${b}"/>`,
    html`<polyline class="line" points="${pts}"/>`,
    ...passK.map(
      (v, i) =>
        html`<g><title>pass^${i + 1} = ${pct(v)}</title><circle class="dot" cx="${f(x(i))}" cy="${f(y(v))}" r="4"/>${
          showValues &&
          html`<text class="value" x="${f(x(i))}" y="${f(y(v) - 9)}" text-anchor="middle">${pct(v)}</text>`
        }${
          i % every === 0 || i === passK.length - 1
            ? html`<text class="tick" x="${f(x(i))}" y="${b + 16}" text-anchor="middle">${i + 1}</text>`
            : ''
        }</g>`,
    ),
    html`<text class="axis" x="${(l + W - r) / 2}" y="${H - 4}" text-anchor="middle">k — trials of a task that must all pass</text>`,
  ]);
}

/**
 * Each task as a dot: mean cost per trial against pass rate. When every trial cost $0 (a local or
 * scripted model), tokens stand in for cost so the chart still says something.
 */
export function costScatter(tasks: TaskSummary[]): Html {
  const shown = tasks.filter((t) => t.n > 0);
  if (shown.length === 0) return html`<p class="empty">No trials.</p>`;
  const byCost = shown.some((t) => t.meanCostUsd > 0);
  const xOf = (t: TaskSummary) => (byCost ? t.meanCostUsd : t.meanTokens);
  const fmt = byCost ? usd : compact;
  const max = Math.max(...shown.map(xOf)) || 1;
  const H = 220;
  const [l, r, t, b] = [44, 18, 14, H - 36];
  const px = (v: number) => l + ((W - r - l) * v) / max;
  const py = (v: number) => b - (b - t) * v;
  const spots = new Map<string, TaskSummary[]>();
  for (const task of shown) {
    const key = `${Math.round(px(xOf(task)) / 4)}:${Math.round(py(task.passed / task.n) / 4)}`;
    spots.set(key, [...(spots.get(key) ?? []), task]);
  }
  const dots = [...spots.values()].map((group) => {
    const first = group[0]!;
    const rate = first.passed / first.n;
    const names = group.slice(0, 8).map((g) => `${g.id} ${g.passed}/${g.n} ${fmt(xOf(g))}`);
    const more = group.length > 8 ? ` … and ${group.length - 8} more` : '';
    const radius = Math.min(14, 4 + 2 * Math.sqrt(group.length - 1));
    return html`<g><title>${group.length > 1 ? `${group.length} tasks: ` : ''}${names.join('; ')}${more}</title><circle class="dot ${tone(rate)}" cx="${f(px(xOf(first)))}" cy="${f(py(rate))}" r="${f(radius)}"/>${
      group.length > 1 &&
      html`<text class="count" x="${f(px(xOf(first)))}" y="${f(py(rate) + 4)}" text-anchor="middle">${group.length}</text>`
    }</g>`;
  });
  const ticks = [0, 0.5, 1].map(
    (v) =>
      html`<text class="tick" x="${f(px(max * v))}" y="${b + 16}" text-anchor="${v === 0 ? 'start' : v === 1 ? 'end' : 'middle'}">${fmt(max * v)}</text>`,
  );
  return svg('cost against success per task', H, [
    ...yAxis(t, b, l, W - r),
    ...ticks,
    ...dots,
    html`<text class="axis" x="${(l + W - r) / 2}" y="${H - 4}" text-anchor="middle">${
      byCost ? 'mean cost per trial (USD)' : 'mean tokens per trial (every trial cost $0)'
    }</text>`,
  ]);
}

/** AgentDojo's three figures as bars: benign utility, utility under attack, attack success rate. */
export function attackBars(attacks: NonNullable<Metrics['attacks']>): Html {
  const H = 210;
  const [t, b] = [22, H - 44];
  const bars: [string[], number, string][] = [
    [['benign', 'utility'], attacks.benignUtility, tone(attacks.benignUtility)],
    [['utility under', 'attack'], attacks.utilityUnderAttack, tone(attacks.utilityUnderAttack)],
    [['attack', 'success rate'], attacks.attackSuccessRate, attacks.attackSuccessRate === 0 ? 'good' : 'bad'],
  ];
  return svg('attack outcomes', H, [
    ...[0, 0.5, 1].map(
      (v) =>
        html`<line class="grid" x1="20" x2="${W - 20}" y1="${f(b - (b - t) * v)}" y2="${f(b - (b - t) * v)}"/>`,
    ),
    ...bars.map(([label, v, cls], i) => {
      const cx = 70 + i * 110;
      const h = (b - t) * v;
      return html`<g><title>${label.join(' ')}: ${pct(v)}</title>
<rect class="bar ${cls}" x="${cx - 30}" y="${f(b - h)}" width="60" height="${f(Math.max(h, 1))}" rx="3"/>
<text class="value" x="${cx}" y="${f(b - h - 6)}" text-anchor="middle">${pct(v)}</text>
<text class="label" x="${cx}" y="${b + 16}" text-anchor="middle"><tspan x="${cx}">${label[0]}</tspan><tspan x="${cx}" dy="14">${label[1]}</tspan></text></g>`;
    }),
  ]);
}
