/** Reads how many: "两杯", "一份", "3个", "来杯", "two lattes", "a latte", "x2". */
import { EN_NUMBER_WORDS, fold, readNumber, type Span } from './text.js';

/** A count the text states. */
export interface QuantityMention {
  count: number;
  span: Span;
}

/** Chinese measure words for things one orders or buys. */
export const MEASURE_WORDS =
  '杯|份|个|碗|盒|只|件|根|把|瓶|双|套|本|袋|包|箱|条|张|支|台|罐|串|笼|碟|对|副|顶|块|片|听|盘|屉|打|束|朵|枝';
const CONTAINERS =
  'cups?|bowls?|portions?|servings?|orders?|plates?|boxes|box|packs?|pairs?|bottles?|pieces?|bags?|cans?|sets?|slices?';

const ZH_COUNT = new RegExp(`(?<![\\d.])(\\d+|[一二两三四五六七八九十]+)\\s*(?:${MEASURE_WORDS})`, 'g');
const ZH_ONE = new RegExp(`(?:来|要|点|买|订|叫|带|拿)(?:${MEASURE_WORDS})`, 'g');
const TIMES = /(?<![A-Za-z])(?:[x×*]\s*(\d+)|(\d+)\s*[x×](?![A-Za-z]))/gi;
const EN_BEFORE = new RegExp(
  `(?:^|[^A-Za-z0-9])(\\d+|${EN_NUMBER_WORDS}|a couple of|a pair of|an?)\\s+(?:(?:${CONTAINERS})\\s+of\\s+)?(?:[A-Za-z#.'-]+\\s+){0,3}$`,
  'i',
);
const EN_ANY = new RegExp(
  `(?<![A-Za-z0-9.:'])(\\d+|${EN_NUMBER_WORDS}|a couple of|a pair of|an?)\\s+(?:(?:${CONTAINERS})\\s+of\\s+)?(?!yuan|rmb|kuai|bucks?|minutes?|mins?|hours?|pm|am|o'clock)[A-Za-z]`,
  'gi',
);

function count(raw: string): number | undefined {
  const s = raw.toLowerCase();
  if (s === 'a' || s === 'an') return 1;
  if (s === 'a couple of' || s === 'a pair of') return 2;
  const n = readNumber(s);
  return n !== undefined && Number.isInteger(n) && n > 0 ? n : undefined;
}

/**
 * The count the text states. With `item` (where the thing's name was found), an English count must
 * stand just before it ("two lattes", "a black mouse"); Chinese counts and "x2" may stand anywhere.
 * Callers blank out amounts and names first, so "40块" and "生煎包（4只）" are not read as counts.
 */
export function readQuantity(raw: string, item?: Span): QuantityMention | undefined {
  const text = fold(raw);
  for (const m of text.matchAll(TIMES)) {
    const n = count(m[1] ?? m[2]!);
    if (n) return { count: n, span: { start: m.index, end: m.index + m[0].length } };
  }
  for (const m of text.matchAll(ZH_COUNT)) {
    const n = count(m[1]!);
    if (n) return { count: n, span: { start: m.index, end: m.index + m[0].length } };
  }
  for (const m of text.matchAll(ZH_ONE))
    return { count: 1, span: { start: m.index + 1, end: m.index + m[0].length } };
  if (item) {
    const before = text.slice(0, item.start).match(EN_BEFORE);
    const n = before ? count(before[1]!) : undefined;
    // "size 42 running shoes" names a size, not a count.
    const isSize = before
      ? /(?:size|eu|no\.?|#)\s*$/i.test(text.slice(0, before.index! + before[0].indexOf(before[1]!)))
      : false;
    if (before && n && !isSize) {
      const start = before.index! + before[0].indexOf(before[1]!);
      return { count: n, span: { start, end: start + before[1]!.length } };
    }
    return undefined;
  }
  for (const m of text.matchAll(EN_ANY)) {
    const n = count(m[1]!);
    if (n) return { count: n, span: { start: m.index, end: m.index + m[1]!.length } };
  }
  return undefined;
}
