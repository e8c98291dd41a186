/**
 * Text helpers every reader shares: folding full-width characters, the request's language, and
 * finding names with their positions (CJK anywhere, Latin as whole words).
 */
import { chineseNumber } from '../../guard/grounding.js';

/** The language of a request or of what the matcher says back. */
export type Lang = 'zh' | 'en';

/** A stretch of the request: [start, end) offsets into the folded text (same as the original's). */
export interface Span {
  start: number;
  end: number;
}

const CJK = /[\u3400-\u9fff]/;

/** True when the text has Chinese characters. */
export function hasCjk(text: string): boolean {
  return CJK.test(text);
}

/** The language a request is written in: Chinese when it has any Chinese characters. */
export function languageOf(text: string): Lang {
  return hasCjk(text) ? 'zh' : 'en';
}

/** Picks the Chinese or the English text. */
export function t(lang: Lang, zh: string, en: string): string {
  return lang === 'zh' ? zh : en;
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
  // Most names are not in a given request: a plain search for the first word rules them out cheaply.
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

/** Blanks out stretches of text (keeping offsets) so later readers do not read them again. */
export function blank(text: string, spans: Span[]): string {
  let out = text;
  for (const s of spans) out = out.slice(0, s.start) + ' '.repeat(s.end - s.start) + out.slice(s.end);
  return out;
}

/** True when two spans overlap. */
export function overlaps(a: Span, b: Span): boolean {
  return a.start < b.end && b.start < a.end;
}

const EN_NUMBERS: Record<string, number> = {
  zero: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
  hundred: 100,
};

/** English number words the readers accept, for building patterns. */
export const EN_NUMBER_WORDS = Object.keys(EN_NUMBERS).join('|');

/** A pattern for one number: digits (with decimals), Chinese numerals, or an English number word. */
export const NUMBER = `(?:\\d+(?:\\.\\d+)?|[零〇一二两三四五六七八九十百千万]+|(?:${EN_NUMBER_WORDS})\\b)`;

const ZH_UNITS: Record<string, number> = { 百: 100, 千: 1000, 万: 10000 };

/** "一百五" is 150 and "两千五" 2500 as people say them (a written numeral would read them 105, 2005). */
export function colloquialChinese(raw: string): number | undefined {
  const m = raw.trim().match(/^([一二两三四五六七八九])([百千万])([一二三四五六七八九])$/);
  if (!m) return undefined;
  const unit = ZH_UNITS[m[2]!]!;
  return chineseNumber(m[1]!)! * unit + (chineseNumber(m[3]!)! * unit) / 10;
}

/** Reads one number written in digits, Chinese numerals (二十, 两, 一百五) or English words (twenty). */
export function readNumber(raw: string): number | undefined {
  const s = raw.trim().toLowerCase();
  if (/^\d+(?:\.\d+)?$/.test(s)) return Number(s);
  if (s in EN_NUMBERS) return EN_NUMBERS[s];
  return colloquialChinese(s) ?? chineseNumber(s);
}
