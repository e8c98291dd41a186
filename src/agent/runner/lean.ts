/**
 * App results as the model reads them: one compact, consistent text form. Money is its display form
 * (¥30.00), empty fields are left out, a list of records is a table with its columns named once, a
 * column the same in every row is stated once above the table, and a nested value repeated across rows
 * (a menu's option groups) is written once and referred to as §1, §2 … The journal keeps the app's
 * whole answer; this is only what the model is shown.
 */
type Obj = Record<string, unknown>;

/** The person's language: of a field given in both (`name_zh`, `name_en`), only theirs is shown, as `name`. */
export type LeanLang = 'zh' | 'en';

let lang: LeanLang = 'zh';
/** The errand's UTC offset (`+08:00`): times in it are shown as local time, the offset said once in the prompt. */
let zone: string | undefined;

const ISO_TIME = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2})(:\d{2}(?:\.\d+)?)?([+-]\d{2}:\d{2}|Z)$/;

/** A time in the errand's zone as local time (2026-12-02T12:00), as the apps take it back; any other as it is. */
function localTime(v: string): string {
  const m = ISO_TIME.exec(v);
  if (!m || zone === undefined || m[3] !== zone) return v;
  return m[2] && !/^:00(\.0+)?$/.test(m[2]) ? `${m[1]}${m[2]}` : m[1]!;
}

/** The UTC offset of an ISO time (`+08:00`, `Z`), if it has one. */
export function zoneOf(time: string): string | undefined {
  return /([+-]\d{2}:\d{2}|Z)$/.exec(time)?.[1];
}

/** A record with each bilingual pair folded to the person's language. */
function folded(v: Obj): Obj {
  const other = lang === 'zh' ? '_en' : '_zh';
  const mine = lang === 'zh' ? '_zh' : '_en';
  let changed = false;
  const out: Obj = {};
  for (const [k, x] of Object.entries(v)) {
    if (k.endsWith(other) && `${k.slice(0, -3)}${mine}` in v && !empty(v[`${k.slice(0, -3)}${mine}`])) {
      changed = true;
      continue;
    }
    if (k.endsWith(mine) && !(k.slice(0, -3) in v)) {
      out[k.slice(0, -3)] = x;
      changed = true;
    } else out[k] = x;
  }
  return changed ? out : v;
}

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `{amount, currency, display}`: money as the apps give it, shown as its display form. */
function money(v: unknown): string | undefined {
  if (!isObj(v) || typeof v.display !== 'string' || typeof v.amount !== 'number') return undefined;
  const keys = Object.keys(v);
  return keys.every((k) => k === 'amount' || k === 'currency' || k === 'display') ? v.display : undefined;
}

const empty = (v: unknown) => v === null || v === undefined || (typeof v === 'string' && v === '');

/** A value on one line: scalars as they are, records as {k: v}, lists as [a, b]. */
function inline(v: unknown): string {
  const m = money(v);
  if (m !== undefined) return m;
  if (Array.isArray(v)) return `[${v.map(inline).join(', ')}]`;
  if (isObj(v))
    return `{${Object.entries(folded(v))
      .filter(([, x]) => !empty(x))
      .map(([k, x]) => `${k}: ${inline(x)}`)
      .join(', ')}}`;
  if (typeof v === 'string') return localTime(v).replace(/\s*\n\s*/g, ' ');
  return String(v);
}

/** A table cell: one line, with the column separator defused. */
function cell(v: unknown, refs: Map<string, string>): string {
  if (empty(v)) return '';
  if (typeof v === 'object' && money(v) === undefined) {
    const ref = refs.get(JSON.stringify(v));
    if (ref) return ref;
  }
  return inline(v).replaceAll('|', '¦');
}

function isTable(v: unknown): v is Obj[] {
  return Array.isArray(v) && v.length > 0 && v.every(isObj);
}

function table(name: string, given: Obj[], indent: string): string[] {
  const rows = given.map(folded);
  const columns: string[] = [];
  for (const r of rows) for (const k of Object.keys(r)) if (!columns.includes(k)) columns.push(k);
  const present = columns.filter((c) => rows.some((r) => !empty(r[c])));
  const same =
    rows.length > 1
      ? present.filter((c) => rows.every((r) => JSON.stringify(r[c]) === JSON.stringify(rows[0]![c])))
      : [];
  const shown = present.filter((c) => !same.includes(c));
  // Nested values that repeat across rows are written once, below the table.
  const counts = new Map<string, number>();
  for (const r of rows)
    for (const c of shown) {
      const v = r[c];
      if (typeof v === 'object' && v !== null && money(v) === undefined && inline(v).length > 24) {
        const key = JSON.stringify(v);
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
    }
  const refs = new Map<string, string>();
  const notes: string[] = [];
  for (const [key, n] of counts) {
    if (n < 2) continue;
    const ref = `§${refs.size + 1}`;
    refs.set(key, ref);
    notes.push(`${indent}${ref} = ${inline(JSON.parse(key))}`);
  }
  const out = [`${indent}${name}[${rows.length}]: ${shown.join(' | ')}`];
  if (same.length)
    out.push(`${indent}(every row: ${same.map((c) => `${c} ${inline(rows[0]![c])}`).join('; ')})`);
  for (const r of rows) out.push(`${indent}${shown.map((c) => cell(r[c], refs)).join(' | ')}`);
  return [...out, ...notes];
}

function block(v: Obj, indent: string): string[] {
  const out: string[] = [];
  for (const [k, x] of Object.entries(folded(v))) {
    if (empty(x)) continue;
    const m = money(x);
    if (m !== undefined) out.push(`${indent}${k}: ${m}`);
    else if (isTable(x)) out.push(...table(k, x, indent));
    else if (Array.isArray(x)) out.push(`${indent}${k}: ${x.length ? inline(x) : '(none)'}`);
    else if (isObj(x)) {
      const inner = block(x, `${indent}  `);
      const short = inline(x);
      out.push(...(short.length <= 80 ? [`${indent}${k}: ${short}`] : [`${indent}${k}:`, ...inner]));
    } else out.push(`${indent}${k}: ${inline(x)}`);
  }
  return out;
}

/**
 * An app's answer in the lean form the model reads, in the person's language where the app gives both;
 * times in `timeZone` (the errand's UTC offset) as local times.
 */
export function leanText(data: unknown, language: LeanLang = 'zh', timeZone?: string): string {
  lang = language;
  zone = timeZone;
  if (typeof data === 'string') return data;
  if (isTable(data)) return table('rows', data, '').join('\n');
  if (isObj(data)) return block(data, '').join('\n');
  return inline(data);
}
