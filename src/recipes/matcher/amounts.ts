/**
 * Reads money in a request: "40元", "¥40", "40 yuan", "四十块", and budgets with or without a unit
 * ("under 40", "40块以内", "不超过四十元", "budget of 40").
 */
import { chineseNumber } from './numbers.js';
import { colloquialChinese, EN_NUMBER_WORDS, fold, NUMBER, readNumber, type Span } from './text.js';

const AMOUNT_NUMBER = '(\\d+(?:\\.\\d{1,2})?|[零〇一二两三四五六七八九十百千万]+)';

/** Every amount of money the text states, in fen: 40元, ¥40, 40 yuan, 二十块, RMB 40, 40 CNY. */
export function amountsIn(text: string): number[] {
  const patterns = [
    new RegExp(`${AMOUNT_NUMBER}\\s*(?:元|块钱|块|圆|yuan|kuai|rmb|cny)`, 'giu'),
    new RegExp(`(?:[¥￥]|rmb|cny)\\s*${AMOUNT_NUMBER}`, 'giu'),
    // A bare number right after a word for sending money: 转200, 转账 200, 付50, transfer 200.
    new RegExp(
      `(?:转账|转给[^\\d零〇一二两三四五六七八九十百千万]{1,8}|转|付款|付)\\s*${AMOUNT_NUMBER}(?![\\d.]|\\s*(?:个|份|杯|点|号|分钟|小时|天|%))`,
      'giu',
    ),
    new RegExp(
      `\\b(?:transfer|send|pay)\\s+(?:\\p{L}+\\s+){0,3}${AMOUNT_NUMBER}\\b(?!\\s*(?:%|am|pm|minutes?|hours?|o'clock))`,
      'giu',
    ),
  ];
  const out = new Set<number>();
  for (const re of patterns) {
    for (const m of text.matchAll(re)) {
      const raw = m[1]!;
      const value = /^\d/.test(raw) ? Number(raw) : chineseNumber(raw);
      if (value !== undefined && Number.isFinite(value)) out.add(Math.round(value * 100));
    }
  }
  return [...out];
}

/** One amount of money the request states. */
export interface AmountMention {
  fen: number;
  /** True when it is a cap ("以内", "under", "budget") rather than an amount to pay. */
  budget: boolean;
  /** True when it came with a currency (元, ¥, yuan); false for a bare "under 40". */
  withUnit: boolean;
  span: Span;
}

// 块 is also a measure word ("一块蛋糕"): it is money only when what follows is not a noun.
const KUAI_FOLLOWERS = '钱以之左上内封顶的给到转吧了呢啊，,。.！!？?；;、）) \\s';
const WITH_UNIT = [
  new RegExp(
    `(${NUMBER})\\s*(?:元钱?|块钱|块(?=$|[${KUAI_FOLLOWERS}]|[\\dA-Za-z])|圆|yuan\\b|kuai\\b|rmb\\b|cny\\b|bucks?\\b)`,
    'giu',
  ),
  new RegExp(`(?:[¥￥]|\\brmb|\\bcny)\\s*(${NUMBER})`, 'giu'),
];
const CAP_BEFORE =
  '(?:预算(?:是|为|在|只有|就)?|不超过|不要超过|别超过|不能超过|不高于|不多于|最多(?:花|给)?|顶多|最高|上限(?:是|为)?|控制在|低于|少于|<=?|≤|≦|under|below|less than|at most|no more than|not more than|max(?:imum)?\\.?|budget(?: of| is)?|within|up to|cap(?: of| at)?|not over|no over)';
const CAP_AFTER =
  '(?:以内|以下|之内|内|左右|封顶|or less|max(?:imum)?\\b|tops\\b|at most|or under|at the most)';
const BARE_CAP = [
  new RegExp(
    `${CAP_BEFORE}\\s*(?:of\\s*)?(${NUMBER})(?![\\d.]|\\s*(?:[点:%个份杯碗件分小号日月天人岁]|(?:pm|am|cups?|items?|pieces?|people|persons?|minutes?|mins?|hours?|hrs?|days?|km|o'clock)\\b))`,
    'giu',
  ),
  /(?<![\d.])(\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百千万]+)\s*(?:以内|以下|之内|封顶)/giu,
  new RegExp(
    `(?<![\\d.])(${NUMBER})\\s*(?:tops|max(?:imum)?|or less|at most|at the most|or under)\\b`,
    'giu',
  ),
];

/** Every amount of money the text states, in order, with whether each is a budget. */
export function readAmounts(raw: string): AmountMention[] {
  const text = fold(raw);
  const found: AmountMention[] = [];
  const taken = (s: Span) => found.some((f) => s.start < f.span.end && f.span.start < s.end);
  for (const re of WITH_UNIT) {
    for (const m of text.matchAll(re)) {
      const span = { start: m.index, end: m.index + m[0].length };
      // The guard's own reading, so what the matcher reads is what the guard will ground.
      const colloquial = colloquialChinese(m[1]!);
      const fen =
        colloquial !== undefined
          ? colloquial * 100
          : (amountsIn(m[0])[0] ?? Math.round((readNumber(m[1]!) ?? Number.NaN) * 100));
      if (!Number.isFinite(fen) || taken(span)) continue;
      found.push({ fen, budget: false, withUnit: true, span });
    }
  }
  for (const re of BARE_CAP) {
    for (const m of text.matchAll(re)) {
      const span = { start: m.index, end: m.index + m[0].length };
      const value = readNumber(m[1]!);
      if (value === undefined) continue;
      const inside = found.find((f) => span.start < f.span.end && f.span.start < span.end);
      if (inside) {
        inside.budget = true;
        inside.span = {
          start: Math.min(inside.span.start, span.start),
          end: Math.max(inside.span.end, span.end),
        };
      } else found.push({ fen: Math.round(value * 100), budget: true, withUnit: false, span });
    }
  }
  for (const f of found) {
    if (f.budget) continue;
    const before = text.slice(Math.max(0, f.span.start - 16), f.span.start);
    const after = text.slice(f.span.end, f.span.end + 8);
    const cap = before.match(new RegExp(`${CAP_BEFORE}\\s*(?:of\\s*)?$`, 'iu'));
    if (cap) {
      // "under ¥40": the words that make it a cap are part of what was said about it.
      f.budget = true;
      f.span = { start: f.span.start - cap[0].length, end: f.span.end };
    }
    if (new RegExp(`^\\s*${CAP_AFTER}`, 'iu').test(after)) {
      f.budget = true;
      const tail = after.match(new RegExp(`^\\s*${CAP_AFTER}`, 'iu'))![0];
      f.span = { start: f.span.start, end: f.span.end + tail.length };
    }
  }
  return found.sort((a, b) => a.span.start - b.span.start);
}

/** The stated budget of a request, in fen, when it states exactly one (else the first cap). */
export function readBudget(raw: string): number | undefined {
  const amounts = readAmounts(raw);
  return (amounts.find((a) => a.budget) ?? amounts[0])?.fen;
}

/** Bare numbers ("转200", "send Tom 50") outside the given spans: what a transfer may mean as yuan. */
export function bareNumbers(raw: string): { value: number; span: Span }[] {
  const text = fold(raw);
  const out: { value: number; span: Span }[] = [];
  const re = new RegExp(
    `(?<![\\d.A-Za-z])(\\d+(?:\\.\\d{1,2})?|[一二两三四五六七八九十百千万]*[十百千万][一二两三四五六七八九十百千万]*|${EN_NUMBER_WORDS})(?![\\d.A-Za-z])`,
    'giu',
  );
  for (const m of text.matchAll(re)) {
    const value = readNumber(m[1]!);
    if (value !== undefined) out.push({ value, span: { start: m.index, end: m.index + m[0].length } });
  }
  return out;
}
