/**
 * Reads when something should happen — "明天下午3点", "周三下午两点", "下周一9点", "tomorrow at 3pm",
 * "Friday 2:30pm", "at 10am on Dec 3", "12月2日15:00" — against the world's time, in UTC+8.
 */
import { MINUTE_MS, WORLD_UTC_OFFSET_MINUTES } from '../../world/clock.js';
import { fold, readNumber, type Span } from './text.js';

/** What the time reader made of a text. */
export type TimeReading =
  | { ok: true /** Local time "YYYY-MM-DDTHH:mm". */; local: string; span: Span }
  | {
      ok: false;
      /** none: no time at all; no_clock: a day but no hour; past: already gone; invalid: no such date or hour. */
      reason: 'none' | 'no_clock' | 'past' | 'invalid';
      span?: Span;
      /** The local time it would have been, for "past". */
      local?: string;
    };

interface DatePart {
  /** Days after today, or an absolute month and day. */
  offset?: number;
  month?: number;
  day?: number;
  year?: number;
  period?: Period;
  span: Span;
}

type Period = 'am' | 'pm' | 'noon' | 'night';

interface ClockPart {
  hour: number;
  minute: number;
  period?: Period;
  span: Span;
}

const ZH_DIGIT = '[零〇一二两三四五六七八九十]';
const ZH_WEEKDAY: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 日: 7, 天: 7 };
const EN_WEEKDAYS: [RegExp, number][] = [
  [/^mon/, 1],
  [/^tue/, 2],
  [/^wed/, 3],
  [/^thu/, 4],
  [/^fri/, 5],
  [/^sat/, 6],
  [/^sun/, 7],
];
const EN_MONTHS =
  'january|jan|february|feb|march|mar|april|apr|may|june|jun|july|jul|august|aug|september|sept|sep|october|oct|november|nov|december|dec';
const MONTH_INDEX = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

const ZH_PERIODS: Record<string, Period> = {
  凌晨: 'night',
  早上: 'am',
  早晨: 'am',
  上午: 'am',
  早: 'am',
  中午: 'noon',
  下午: 'pm',
  午后: 'pm',
  傍晚: 'pm',
  晚上: 'pm',
  夜里: 'pm',
  晚: 'pm',
};

function num(raw: string | undefined): number | undefined {
  return raw === undefined ? undefined : readNumber(raw);
}

function span(m: RegExpMatchArray): Span {
  return { start: m.index!, end: m.index! + m[0].length };
}

function weekdayOffset(target: number, todayMon: number, prefix: string): number {
  if (/^(下下)/.test(prefix)) return 7 - todayMon + target + 7;
  if (/^(下|next)/.test(prefix)) return 7 - todayMon + target;
  if (/^(这|本|this)/.test(prefix)) return target - todayMon;
  if (/^(上|last)/.test(prefix)) return target - todayMon - 7;
  return (target - todayMon + 7) % 7;
}

function readDates(text: string, todayMon: number): DatePart[] {
  const out: DatePart[] = [];
  const relative: [RegExp, number, Period?][] = [
    [/大后天/g, 3],
    [/(?<!大)后天/g, 2],
    [/明天|明日|明儿/g, 1],
    [/明早/g, 1, 'am'],
    [/明晚/g, 1, 'pm'],
    [/今天|今日|今儿/g, 0],
    [/今早/g, 0, 'am'],
    [/今晚/g, 0, 'pm'],
    [/\bthe day after tomorrow\b/gi, 2],
    [/\b(?<!after )tomorrow\b/gi, 1],
    [/\btoday\b/gi, 0],
    [/\btonight\b/gi, 0, 'pm'],
    [/\bthis morning\b/gi, 0, 'am'],
    [/\bthis (?:afternoon|evening)\b/gi, 0, 'pm'],
  ];
  for (const [re, offset, period] of relative) {
    for (const m of text.matchAll(re)) out.push({ offset, period, span: span(m) });
  }
  for (const m of text.matchAll(/(下下|下个?|这个?|本|上个?)?(?:周|星期|礼拜)([一二三四五六日天1-7])/g)) {
    const d = m[2]!;
    const target = /\d/.test(d) ? Number(d) : ZH_WEEKDAY[d]!;
    out.push({ offset: weekdayOffset(target, todayMon, m[1] ?? ''), span: span(m) });
  }
  const enDay =
    /\b(?:(this|next|coming|last)\s+)?(monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues?|wed|thu(?:rs?)?|fri)\b\.?/gi;
  for (const m of text.matchAll(enDay)) {
    const name = m[2]!.toLowerCase();
    const target = EN_WEEKDAYS.find(([re]) => re.test(name))![1];
    out.push({ offset: weekdayOffset(target, todayMon, (m[1] ?? '').toLowerCase()), span: span(m) });
  }
  for (const m of text.matchAll(/(\d{4})-(\d{1,2})-(\d{1,2})/g)) {
    out.push({ year: Number(m[1]), month: Number(m[2]), day: Number(m[3]), span: span(m) });
  }
  const zhDate = new RegExp(
    `(?:(\\d{4})年)?(\\d{1,2}|${ZH_DIGIT}{1,3})月(\\d{1,2}|${ZH_DIGIT}{1,3})(?:日|号)?`,
    'g',
  );
  for (const m of text.matchAll(zhDate)) {
    out.push({ year: num(m[1]), month: num(m[2]), day: num(m[3]), span: span(m) });
  }
  const zhDay = new RegExp(`(?<![月\\d])(\\d{1,2}|${ZH_DIGIT}{1,3})(?:日|号)(?![\\d线楼])`, 'g');
  for (const m of text.matchAll(zhDay)) out.push({ day: num(m[1]), span: span(m) });
  const monthDay = new RegExp(`\\b(${EN_MONTHS})\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?\\b`, 'gi');
  for (const m of text.matchAll(monthDay)) {
    const month = MONTH_INDEX.indexOf(m[1]!.slice(0, 3).toLowerCase()) + 1;
    out.push({ month, day: Number(m[2]), span: span(m) });
  }
  const dayMonth = new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?(${EN_MONTHS})\\b\\.?`, 'gi');
  for (const m of text.matchAll(dayMonth)) {
    const month = MONTH_INDEX.indexOf(m[2]!.slice(0, 3).toLowerCase()) + 1;
    out.push({ month, day: Number(m[1]), span: span(m) });
  }
  for (const m of text.matchAll(/\bthe (\d{1,2})(?:st|nd|rd|th)\b/gi))
    out.push({ day: Number(m[1]), span: span(m) });
  return dedupe(out);
}

/** Keeps the longest of overlapping matches ("12月2日" over "2日"). */
function dedupe<T extends { span: Span }>(parts: T[]): T[] {
  const sorted = [...parts].sort(
    (a, b) => b.span.end - b.span.start - (a.span.end - a.span.start) || a.span.start - b.span.start,
  );
  const kept: T[] = [];
  for (const p of sorted) {
    if (!kept.some((k) => p.span.start < k.span.end && k.span.start < p.span.end)) kept.push(p);
  }
  return kept.sort((a, b) => a.span.start - b.span.start);
}

function readClocks(text: string): ClockPart[] {
  const out: ClockPart[] = [];
  const periods = Object.keys(ZH_PERIODS)
    .sort((a, b) => b.length - a.length)
    .join('|');
  const zh = new RegExp(
    `(${periods})?\\s*(\\d{1,2}|${ZH_DIGIT}{1,3})\\s*(?:点钟|点|时)(?!钟头)(?:\\s*(半|一刻|三刻|(\\d{1,2}|${ZH_DIGIT}{1,3})\\s*分?))?`,
    'g',
  );
  for (const m of text.matchAll(zh)) {
    const hour = num(m[2]);
    const minute = m[3] === '半' ? 30 : m[3] === '一刻' ? 15 : m[3] === '三刻' ? 45 : (num(m[4]) ?? 0);
    if (hour === undefined) continue;
    out.push({ hour, minute, period: m[1] ? ZH_PERIODS[m[1]] : undefined, span: span(m) });
  }
  const colon = new RegExp(
    `(${periods})?\\s*(?<![\\d:])(\\d{1,2}):(\\d{2})(?![\\d:])(?:\\s*(a\\.?m\\.?|p\\.?m\\.?)(?![a-z]))?`,
    'gi',
  );
  for (const m of text.matchAll(colon)) {
    const suffix = m[4]?.toLowerCase().startsWith('p') ? 'pm' : m[4] ? 'am' : undefined;
    const period = suffix ?? (m[1] ? ZH_PERIODS[m[1]] : undefined);
    out.push({ hour: Number(m[2]), minute: Number(m[3]), period, span: span(m) });
  }
  for (const m of text.matchAll(/\b(\d{1,2})\s*(a\.?m\.?|p\.?m\.?)(?![a-z])/gi)) {
    out.push({
      hour: Number(m[1]),
      minute: 0,
      period: m[2]!.toLowerCase().startsWith('p') ? 'pm' : 'am',
      span: span(m),
    });
  }
  for (const m of text.matchAll(/\b(noon|midday)\b/gi))
    out.push({ hour: 12, minute: 0, period: 'noon', span: span(m) });
  for (const m of text.matchAll(/\b(half|quarter) past (\d{1,2})\b/gi)) {
    out.push({ hour: Number(m[2]), minute: m[1]!.toLowerCase() === 'half' ? 30 : 15, span: span(m) });
  }
  for (const m of text.matchAll(/\b(\d{1,2})\s*o'?clock\b/gi))
    out.push({ hour: Number(m[1]), minute: 0, span: span(m) });
  for (const m of text.matchAll(
    /\bat (\d{1,2})(?![\d:.]|\s*(?:yuan|rmb|kuai|minutes?|mins?|hours?|people|%|a\.?m|p\.?m))\b/gi,
  )) {
    out.push({ hour: Number(m[1]), minute: 0, span: { start: m.index! + 3, end: m.index! + m[0].length } });
  }
  return dedupe(out);
}

function readPeriod(text: string): Period | undefined {
  if (/\b(?:in the )?morning\b/i.test(text)) return 'am';
  if (/\b(?:afternoon|evening|tonight)\b/i.test(text)) return 'pm';
  const zh = Object.keys(ZH_PERIODS).sort((a, b) => b.length - a.length);
  for (const p of zh) if (p.length > 1 && text.includes(p)) return ZH_PERIODS[p];
  return undefined;
}

function hour24(hour: number, period: Period | undefined): number {
  switch (period) {
    case 'am':
      return hour === 12 ? 0 : hour;
    case 'pm':
      return hour < 12 ? hour + 12 : hour;
    case 'noon':
      return hour <= 2 ? hour + 12 : hour;
    case 'night':
      return hour;
    case undefined:
      // Errands are made for the day: a bare "3点" / "at 3" means the afternoon.
      return hour >= 1 && hour <= 6 ? hour + 12 : hour;
  }
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** Local "YYYY-MM-DDTHH:mm" of a world time. */
export function localIso(ms: number): string {
  return new Date(ms + WORLD_UTC_OFFSET_MINUTES * MINUTE_MS).toISOString().slice(0, 16);
}

/** The world time (epoch ms) of a local date and clock in UTC+8, or undefined when there is no such day. */
function worldMs(year: number, month: number, day: number, hour: number, minute: number): number | undefined {
  const utc = Date.UTC(year, month - 1, day, hour, minute);
  const d = new Date(utc);
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day)
    return undefined;
  return utc - WORLD_UTC_OFFSET_MINUTES * MINUTE_MS;
}

/** The local date ("YYYY-MM-DD") the text names ("明天", "on Friday"), if it names one. */
export function readDay(raw: string, now: number): string | undefined {
  const text = fold(raw);
  const today = new Date(now + WORLD_UTC_OFFSET_MINUTES * MINUTE_MS);
  const todayMon = today.getUTCDay() === 0 ? 7 : today.getUTCDay();
  const date = readDates(text, todayMon)[0];
  if (!date) return undefined;
  if (date.offset !== undefined)
    return new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() + date.offset))
      .toISOString()
      .slice(0, 10);
  if (date.day === undefined) return undefined;
  return `${date.year ?? today.getUTCFullYear()}-${pad(date.month ?? today.getUTCMonth() + 1)}-${pad(date.day)}`;
}

/** Reads the one time a text names, against `now` (epoch ms). */
export function readTime(raw: string, now: number): TimeReading {
  const text = fold(raw);
  const today = new Date(now + WORLD_UTC_OFFSET_MINUTES * MINUTE_MS);
  const todayMon = today.getUTCDay() === 0 ? 7 : today.getUTCDay();
  const date = readDates(text, todayMon)[0];
  const clock = readClocks(text)[0];
  if (!date && !clock) return { ok: false, reason: 'none' };
  const whole = {
    start: Math.min(date?.span.start ?? Infinity, clock?.span.start ?? Infinity),
    end: Math.max(date?.span.end ?? -1, clock?.span.end ?? -1),
  };
  if (!clock) return { ok: false, reason: 'no_clock', span: whole };
  let year = today.getUTCFullYear();
  let month = today.getUTCMonth() + 1;
  let day = today.getUTCDate();
  if (date?.offset !== undefined) {
    const d = new Date(Date.UTC(year, month - 1, day + date.offset));
    [year, month, day] = [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
  } else if (date?.day !== undefined) {
    const explicitYear = date.year;
    month = date.month ?? month;
    day = date.day;
    year = explicitYear ?? year;
    // A day without a year that has already gone this year means next year (or next month).
    if (
      explicitYear === undefined &&
      Date.UTC(year, month - 1, day) < Date.UTC(year, today.getUTCMonth(), today.getUTCDate())
    ) {
      if (date.month === undefined) month += 1;
      else year += 1;
      if (month > 12) [year, month] = [year + 1, 1];
    }
  }
  const period = clock.period ?? date?.period ?? readPeriod(text);
  const hour = hour24(clock.hour, period);
  if (hour > 23 || clock.minute > 59) return { ok: false, reason: 'invalid', span: whole };
  const ms = worldMs(year, month, day, hour, clock.minute);
  if (ms === undefined) return { ok: false, reason: 'invalid', span: whole };
  const local = `${year}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(clock.minute)}`;
  if (ms <= now) return { ok: false, reason: 'past', span: whole, local };
  return { ok: true, local, span: whole };
}
