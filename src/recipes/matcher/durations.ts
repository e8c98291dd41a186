/** Reads how long something lasts: "半小时", "1小时", "一个半小时", "45 minutes", "a 30-minute sync". */
import { EN_NUMBER_WORDS, fold, readNumber, type Span } from './text.js';

/** A length of time the text states. */
export interface DurationMention {
  minutes: number;
  span: Span;
}

const ZH_NUM = '(\\d+(?:\\.\\d+)?|[一二两三四五六七八九十]+)';
const EN_NUM = `(\\d+(?:\\.\\d+)?|an?|${EN_NUMBER_WORDS})`;

const READERS: [RegExp, (m: RegExpMatchArray) => number | undefined][] = [
  [new RegExp(`${ZH_NUM}\\s*个?\\s*半\\s*(?:小时|钟头)`, 'g'), (m) => hours(m[1]) && hours(m[1])! + 30],
  [/半\s*个?\s*(?:小时|钟头)/g, () => 30],
  [/一刻钟/g, () => 15],
  [
    new RegExp(`${ZH_NUM}\\s*个?\\s*(?:小时|钟头)(?:\\s*${ZH_NUM}\\s*分钟?)?`, 'g'),
    (m) => hours(m[1]) && hours(m[1])! + (readNumber(m[2] ?? '0') ?? 0),
  ],
  [new RegExp(`${ZH_NUM}\\s*分钟`, 'g'), (m) => readNumber(m[1]!)],
  [/\bhalf(?:\s+an|\s*-)?\s*hour\b/gi, () => 30],
  [
    new RegExp(`\\b${EN_NUM}\\s+hours?\\s+and\\s+a\\s+half\\b`, 'gi'),
    (m) => hours(m[1]) && hours(m[1])! + 30,
  ],
  [
    new RegExp(
      `\\b${EN_NUM}\\s*-?\\s*(?:hours?|hrs?|h)\\b(?:\\s*(?:and\\s*)?(\\d+)\\s*-?\\s*(?:minutes?|mins?|m)\\b)?`,
      'gi',
    ),
    (m) => hours(m[1]) && hours(m[1])! + Number(m[2] ?? 0),
  ],
  [new RegExp(`\\b${EN_NUM}\\s*-?\\s*(?:minutes?|mins?|min)\\b`, 'gi'), (m) => enNumber(m[1])],
];

function enNumber(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  return /^an?$/i.test(raw) ? 1 : readNumber(raw);
}

function hours(raw: string | undefined): number | undefined {
  const n = enNumber(raw);
  return n === undefined ? undefined : Math.round(n * 60);
}

/** The first length of time the text states, in minutes. */
export function readDuration(raw: string): DurationMention | undefined {
  const text = fold(raw);
  const found: DurationMention[] = [];
  for (const [re, read] of READERS) {
    for (const m of text.matchAll(re)) {
      const s = { start: m.index!, end: m.index! + m[0].length };
      if (found.some((f) => s.start < f.span.end && f.span.start < s.end)) continue;
      const minutes = read(m);
      if (minutes !== undefined && minutes > 0) found.push({ minutes, span: s });
    }
  }
  return found.sort((a, b) => a.span.start - b.span.start)[0];
}
