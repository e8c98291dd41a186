/**
 * Whole-name matching in Chinese and English: finding where a name stands in a text as a name, never
 * as a substring of another word ("Tom" is not in "Tomato"; longer names win, so "家常快餐" is one
 * restaurant and says nothing of 家). Every reader of names uses these: the guard, the offline
 * reader, the planner's checks.
 */

/** A stretch of text: [start, end) offsets. */
export interface Span {
  start: number;
  end: number;
}

const CJK = /[\u3400-\u9fff]/;

/** True when the text has Chinese characters. */
export function hasCjk(text: string): boolean {
  return CJK.test(text);
}

/**
 * Characters that show nothing but can split or disguise a name: zero-width spaces and joiners, word
 * joiners, soft hyphens, bidirectional controls and the byte-order mark.
 */
const INVISIBLE = /[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;

/**
 * The text as it is read: characters that show nothing taken out, so what the person sees is what is
 * matched. Full-width forms stay as the person wrote them (`fold` reads them as ASCII where it matters).
 */
export function clean(text: string): string {
  return text.replace(INVISIBLE, '');
}

/** True when the text holds characters that show nothing (a name disguised with a zero-width space). */
export function hasInvisible(text: string): boolean {
  return new RegExp(INVISIBLE.source).test(text);
}

/**
 * Folds full-width letters, digits and punctuation to ASCII and curly apostrophes to straight ones,
 * one character for one, so offsets found in the folded text hold in the original.
 */
export function fold(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code >= 0xff01 && code <= 0xff5e) out += String.fromCodePoint(code - 0xfee0);
    else if (code === 0x3000) out += ' ';
    else if (ch === '’' || ch === '‘') out += "'";
    else out += ch;
  }
  return out;
}

/** Escapes text for use inside a regular expression. */
export function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Every place `name` stands in `text` as a name: CJK anywhere, Latin as a whole word (plural allowed). */
export function findName(text: string, name: string): Span[] {
  const n = name.trim();
  if (n.length < 2 && !CJK.test(n)) return [];
  if (n.length < 1) return [];
  const out: Span[] = [];
  if (CJK.test(n[0]!) && CJK.test(n[n.length - 1]!)) {
    for (let i = text.indexOf(n); i >= 0; i = text.indexOf(n, i + 1))
      out.push({ start: i, end: i + n.length });
    return out;
  }
  // Most names are not in a given text: a plain search for the first word rules them out cheaply.
  if (!text.toLowerCase().includes(n.split(/\s+/)[0]!.toLowerCase())) return out;
  for (const m of text.matchAll(latinPattern(n))) out.push({ start: m.index, end: m.index + m[0].length });
  return out;
}

const patterns = new Map<string, RegExp>();

/** The pattern for a Latin name, compiled once: spaces may be absent or doubled ("USB-C数据线"). */
function latinPattern(name: string): RegExp {
  let re = patterns.get(name);
  if (!re) {
    const body = name
      .split(/\s+/)
      .map((part) => escapeRegex(part))
      .join('\\s*');
    const plural = /[a-z]$/i.test(name) ? '(?:e?s)?' : '';
    re = new RegExp(`(?<![A-Za-z0-9])${body}${plural}(?![A-Za-z0-9])`, 'giu');
    patterns.set(name, re);
  }
  return re;
}

/** One name of one thing found in the text. */
export interface Mention<T> {
  item: T;
  name: string;
  span: Span;
}

/**
 * Finds the named things in the text, longest name first, with no two mentions overlapping:
 * "燕麦拿铁" is one mention of the oat latte, not also one of the latte.
 */
export function findMentions<T>(text: string, entries: { item: T; name: string }[]): Mention<T>[] {
  const found: Mention<T>[] = [];
  for (const e of entries) for (const span of findName(text, e.name)) found.push({ ...e, span });
  found.sort(
    (a, b) => b.span.end - b.span.start - (a.span.end - a.span.start) || a.span.start - b.span.start,
  );
  const kept: Mention<T>[] = [];
  for (const m of found) {
    const clash = kept.some(
      (k) =>
        m.span.start < k.span.end &&
        k.span.start < m.span.end &&
        !(k.span.start === m.span.start && k.span.end === m.span.end),
    );
    if (!clash) kept.push(m);
  }
  return kept.sort((a, b) => a.span.start - b.span.start);
}

/** The mentions grouped by the stretch of text they cover: one group per place a name was said. */
export function groupBySpan<T>(mentions: Mention<T>[]): { span: Span; name: string; items: T[] }[] {
  const groups: { span: Span; name: string; items: T[] }[] = [];
  for (const m of mentions) {
    const g = groups.find((x) => x.span.start === m.span.start && x.span.end === m.span.end);
    if (g) {
      if (!g.items.includes(m.item)) g.items.push(m.item);
    } else groups.push({ span: m.span, name: m.name, items: [m.item] });
  }
  return groups;
}

/** True when `name` stands in `text` as a name (see `findName`). */
export function mentions(text: string, name: string): boolean {
  return findName(fold(text), fold(name)).length > 0;
}

/** True when two names are the same name: case, width and invisible characters aside. */
export function sameName(a: string, b: string): boolean {
  return fold(clean(a)).trim().toLowerCase() === fold(clean(b)).trim().toLowerCase();
}
