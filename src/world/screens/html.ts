import type { Context } from 'hono';
import { ErrandError } from '../../errors.js';
import type { World } from '../world.js';

/** The language a screen speaks: the persona's. */
export type ScreenLang = 'zh' | 'en';

/** Escapes text for HTML: app content is written by others and may hold markup. */
export function esc(value: unknown): string {
  return String(value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** A tool's JSON as a screen reads it. */
// biome-ignore lint/suspicious/noExplicitAny: screens read the tools' JSON as it comes
export type ScreenRow = Record<string, any>;

/** What a screen handler has: the world, its language, the path prefix, and reads through the apps' own tools. */
export interface ScreenContext {
  world: World;
  lang: ScreenLang;
  /** The path the world answers under: '' for the main world, `/worlds/<id>` for a fork. */
  base: string;
  c: Context;
  /** A query parameter, or undefined. */
  q(name: string): string | undefined;
  /** A path parameter. */
  p(name: string): string;
  /** The reads this page was rendered from, in order (sent as `X-Errand-Reads` for a browser guard). */
  reads: { app: string; tool: string; input: Record<string, unknown> }[];
  /** Runs a read tool of an app: screens show what the tools return, with no second copy of any rule. */
  read<T = ScreenRow>(app: string, tool: string, input?: Record<string, unknown>): T;
  /** Chinese or English, by the persona's language. */
  t(zh: string, en: string): string;
  /** A record's name in the screen's language (`name_zh` / `name_en`, or another pair). */
  name(row: ScreenRow, field?: string): string;
  /** A link into the world's screens. */
  href(path: string): string;
}

/** Builds a screen context for a request on a world. */
export function screenContext(c: Context, world: World): ScreenContext {
  const lang: ScreenLang = world.persona.language === 'en' ? 'en' : 'zh';
  const path = c.req.path;
  const base = path.slice(0, Math.max(0, path.indexOf('/ui')));
  const reads: ScreenContext['reads'] = [];
  return {
    reads,
    world,
    lang,
    base,
    c,
    q: (name) => c.req.query(name) || undefined,
    p: (name) => c.req.param(name) ?? '',
    read: <T = ScreenRow>(app: string, tool: string, input: Record<string, unknown> = {}) => {
      const def = world.tool(app, tool);
      if (def?.effect.kind !== 'read')
        throw new ErrandError('INTERNAL', `A screen may only read, and ${app}.${tool} is no read.`);
      reads.push({ app, tool, input });
      const result = world.call(app, tool, input);
      if (!result.ok) throw new ErrandError(result.error.code, result.error.message);
      return result.data as T;
    },
    t: (zh, en) => (lang === 'zh' ? zh : en),
    name: (row, field = 'name') => String(row[`${field}_${lang}`] ?? row[`${field}_zh`] ?? row[field] ?? ''),
    href: (p) => `${base}/ui${p}`,
  };
}

const TITLES: Record<string, { zh: string; en: string; icon: string }> = {
  food: { zh: '外卖', en: 'Food', icon: '🍜' },
  pay: { zh: '钱包', en: 'Wallet', icon: '💳' },
  chat: { zh: '聊天', en: 'Chat', icon: '💬' },
  calendar: { zh: '日历', en: 'Calendar', icon: '📅' },
  maps: { zh: '地图', en: 'Maps', icon: '🗺️' },
  shop: { zh: '商城', en: 'Shop', icon: '🛍️' },
  mail: { zh: '邮件', en: 'Mail', icon: '✉️' },
  ledger: { zh: '账本', en: 'Ledger', icon: '🧾' },
  inventory: { zh: '库存', en: 'Inventory', icon: '📦' },
  tracker: { zh: '任务', en: 'Tracker', icon: '🐞' },
};

/** An app's name and icon in the screen's language. */
export function appTitle(app: string, lang: ScreenLang): string {
  const t = TITLES[app];
  return t ? t[lang] : app;
}

/** One tab in an app's bottom bar. */
export interface Tab {
  path: string;
  zh: string;
  en: string;
}

/** A whole phone-sized page: header with back and title, the body, the app's tab bar, and the shared dialog and alerts. */
export function page(
  s: ScreenContext,
  app: string,
  title: string,
  body: string,
  tabs: Tab[] = [],
  back?: string,
): string {
  const here = s.c.req.path.replace(s.base, '');
  const nav = tabs.length
    ? `<nav class="tabs" aria-label="${esc(s.t('应用导航', 'App navigation'))}">${tabs
        .map(
          (t) =>
            `<a href="${esc(s.href(t.path))}"${here === `/ui${t.path}` ? ' aria-current="page"' : ''}>${esc(s.t(t.zh, t.en))}</a>`,
        )
        .join('')}</nav>`
    : '';
  return `<!doctype html>
<html lang="${s.lang === 'zh' ? 'zh-CN' : 'en'}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(title)} · ${esc(appTitle(app, s.lang))}</title>
<link rel="stylesheet" href="${esc(s.href('/_/screen.css'))}">
<script src="${esc(s.href('/_/screen.js'))}" defer></script>
</head><body data-base="${esc(s.base)}">
<header class="bar">${back ? `<a class="back" href="${esc(s.href(back))}" aria-label="${esc(s.t('返回', 'Back'))}">‹</a>` : ''}<span class="app">${esc(TITLES[app]?.icon ?? '')} ${esc(appTitle(app, s.lang))}</span></header>
<main><h1>${esc(title)}</h1>
<div id="flash" role="status" aria-live="polite"></div><div id="alert" role="alert"></div>
${body}</main>
${nav}
<dialog id="confirm" aria-labelledby="confirm-title" aria-modal="true"><form method="dialog">
<h2 id="confirm-title">${esc(s.t('请确认', 'Please confirm'))}</h2><p id="confirm-text"></p>
<div class="row"><button value="cancel" class="secondary">${esc(s.t('取消', 'Cancel'))}</button><button value="ok" id="confirm-ok">${esc(s.t('确认', 'Confirm'))}</button></div>
</form></dialog>
</body></html>`;
}

/** A form that runs an app's tool when submitted (through the page's own request, which errand can see). */
export function toolForm(
  app: string,
  tool: string,
  inner: string,
  opts: { next?: string; done?: string; confirm?: string; label?: string; cls?: string; show?: string } = {},
): string {
  const attrs = [
    `data-tool="${esc(`${app}/${tool}`)}"`,
    opts.show ? `data-show="${esc(opts.show)}"` : '',
    opts.next ? `data-next="${esc(opts.next)}"` : '',
    opts.done ? `data-done="${esc(opts.done)}"` : '',
    opts.confirm ? `data-confirm="${esc(opts.confirm)}"` : '',
    opts.label ? `aria-label="${esc(opts.label)}"` : '',
    opts.cls ? `class="${esc(opts.cls)}"` : '',
  ]
    .filter(Boolean)
    .join(' ');
  return `<form ${attrs}>${inner}</form>`;
}

/** A labelled text field. */
export function field(
  label: string,
  name: string,
  opts: {
    value?: string;
    type?: string;
    data?: string;
    required?: boolean;
    placeholder?: string;
    /** A multi-line field (a mail body, a note). */
    rows?: number;
  } = {},
): string {
  const id = `f-${name}-${Math.abs(hash(label)) % 10000}`;
  const step = opts.data === 'yuan' ? ' step="0.01" min="0"' : '';
  if (opts.rows)
    return `<label for="${id}">${esc(label)}</label><textarea id="${id}" name="${esc(name)}" rows="${opts.rows}"${opts.required ? ' required' : ''}>${esc(opts.value ?? '')}</textarea>`;
  return `<label for="${id}">${esc(label)}</label><input id="${id}" name="${esc(name)}" type="${opts.type ?? 'text'}"${step}${opts.value !== undefined ? ` value="${esc(opts.value)}"` : ''}${opts.data ? ` data-type="${opts.data}"` : ''}${opts.required ? ' required' : ''}${opts.placeholder ? ` placeholder="${esc(opts.placeholder)}"` : ''}>`;
}

/** A labelled select; options are [value, text]. */
export function select(
  label: string,
  name: string,
  options: [string, string][],
  selected?: string,
  extra = '',
): string {
  const id = `s-${name}-${Math.abs(hash(label)) % 10000}`;
  return `<label for="${id}">${esc(label)}</label><select id="${id}" name="${esc(name)}"${extra}>${options
    .map(([v, t]) => `<option value="${esc(v)}"${v === selected ? ' selected' : ''}>${esc(t)}</option>`)
    .join('')}</select>`;
}

function hash(text: string): number {
  let h = 0;
  for (const ch of text) h = (h * 31 + ch.charCodeAt(0)) | 0;
  return h;
}

/** Local time text without seconds and offset: 2026-11-30 12:00. */
export function when(iso: string | null | undefined): string {
  return iso ? iso.slice(0, 16).replace('T', ' ') : '';
}
