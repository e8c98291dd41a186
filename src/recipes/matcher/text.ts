/**
 * Text helpers every reader shares: the request's language, numbers, and (from `person/`) folding and
 * finding names with their positions (CJK anywhere, Latin as whole words).
 */
import { hasCjk, type Span } from '../../person/index.js';
import { chineseNumber } from './numbers.js';

export {
  escapeRegex,
  findMentions,
  findName,
  fold,
  groupBySpan,
  hasCjk,
  type Mention,
  type Span,
} from '../../person/index.js';

/** The language of a request or of what the matcher says back. */
export type Lang = 'zh' | 'en';

/** The language a request is written in: Chinese when it has any Chinese characters. */
export function languageOf(text: string): Lang {
  return hasCjk(text) ? 'zh' : 'en';
}

/** Picks the Chinese or the English text. */
export function t(lang: Lang, zh: string, en: string): string {
  return lang === 'zh' ? zh : en;
}

/** Blanks out stretches of text (keeping offsets) so later readers do not read them again. */
export function blank(text: string, spans: Span[]): string {
  let out = text;
  for (const s of spans) out = out.slice(0, s.start) + ' '.repeat(s.end - s.start) + out.slice(s.end);
  return out;
}

/** The stretch between the punctuation marks on either side of a position: one part of a sentence. */
export function segmentAround(text: string, at: number): Span {
  const stop = /[，,。；;！!？?\n]/;
  let start = at;
  while (start > 0 && !stop.test(text[start - 1]!)) start--;
  let end = at;
  while (end < text.length && !stop.test(text[end]!)) end++;
  return { start, end };
}

/** True when two spans overlap. */
export function overlaps(a: Span, b: Span): boolean {
  return a.start < b.end && b.start < a.end;
}

const EN_SMALL: Record<string, number> = {
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
};
const EN_TENS: Record<string, number> = {
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};

const SMALL_WORDS = Object.keys(EN_SMALL).join('|');
const TENS_WORDS = Object.keys(EN_TENS).join('|');
/** One to ninety-nine in words: "seven", "fifty-five", "twenty five". */
const EN_BELOW_HUNDRED = `(?:(?:${TENS_WORDS})(?:[\\s-]+(?:one|two|three|four|five|six|seven|eight|nine)\\b)?|(?:${SMALL_WORDS}))\\b`;

/**
 * A number in English words, as a pattern: "two hundred", "one hundred and fifty", "a hundred",
 * "fifty-five", "a thousand two hundred". A lone "a" is not a number.
 */
export const EN_NUMBER_WORDS = `(?<![A-Za-z])(?:an?[\\s-]+(?:hundred|thousand)\\b|${EN_BELOW_HUNDRED}|(?:hundred|thousand)\\b)(?:[\\s-]+(?:and[\\s-]+)?(?:${EN_BELOW_HUNDRED}|(?:hundred|thousand)\\b))*`;

/** Reads a number said in English words ("one hundred and fifty" is 150); nothing for other text. */
export function englishNumber(raw: string): number | undefined {
  const words = raw
    .toLowerCase()
    .split(/[\s-]+/)
    .filter((w) => w && w !== 'and');
  if (words.length === 0) return undefined;
  let total = 0;
  let current = 0;
  let last: 'small' | 'tens' | 'scale' | undefined;
  for (const [i, w] of words.entries()) {
    if ((w === 'a' || w === 'an') && i === 0 && words.length > 1) {
      current = 1;
      last = 'small';
    } else if (w in EN_SMALL) {
      // "five three" is not a number; "fifty five" is.
      if (last === 'small' || (last === 'tens' && EN_SMALL[w]! >= 10)) return undefined;
      current += EN_SMALL[w]!;
      last = 'small';
    } else if (w in EN_TENS) {
      if (last === 'small' || last === 'tens') return undefined;
      current += EN_TENS[w]!;
      last = 'tens';
    } else if (w === 'hundred') {
      current = (current || 1) * 100;
      last = 'scale';
    } else if (w === 'thousand') {
      total += (current || 1) * 1000;
      current = 0;
      last = 'scale';
    } else return undefined;
  }
  return total + current;
}

/** A pattern for one number: digits (with decimals), Chinese numerals, or English number words. */
export const NUMBER = `(?:\\d+(?:\\.\\d+)?|[零〇一二两三四五六七八九十百千万]+|${EN_NUMBER_WORDS})`;

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
  if (/^[a-z\s-]+$/.test(s)) return englishNumber(s);
  return colloquialChinese(s) ?? chineseNumber(s);
}
