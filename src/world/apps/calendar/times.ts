import { ErrandError } from '../../../errors.js';
import { localDate, localMinuteOfDay, localWeekday, MINUTE_MS, parseWorldTime } from '../../clock.js';

/** Milliseconds in a day. */
export const DAY_MS = 24 * 60 * MINUTE_MS;

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** True when a time argument is a bare date (YYYY-MM-DD). */
export function isDateOnly(text: string): boolean {
  return DATE_ONLY.test(text.trim());
}

/**
 * Parses a time argument: local ISO time (`2026-12-01T15:00`), one with an offset, or a bare date
 * (its local midnight). Fails with INVALID_INPUT naming the field.
 */
export function parseTimeArg(text: string, field: string): number {
  const trimmed = text.trim();
  const ms = parseWorldTime(isDateOnly(trimmed) ? `${trimmed}T00:00` : trimmed);
  if (ms === undefined) {
    throw new ErrandError(
      'INVALID_INPUT',
      `${field} "${text}" is not a time; write local time like 2026-12-01T15:00 or a date like 2026-12-01.`,
    );
  }
  return ms;
}

/** Local midnight (start of the local day) of a world time. */
export function startOfLocalDay(ms: number): number {
  return ms - localMinuteOfDay(ms) * MINUTE_MS - (ms % MINUTE_MS);
}

/**
 * The window [from, to) a listing covers: today by default; a bare `to` date means the end of
 * that day; `from` alone covers one day. Fails when the window is empty or longer than `maxDays`.
 */
export function resolveWindow(
  from: string | undefined,
  to: string | undefined,
  now: number,
  maxDays = 31,
): { from: number; to: number } {
  const start = from === undefined ? startOfLocalDay(now) : parseTimeArg(from, 'from');
  let end = start + DAY_MS;
  if (to !== undefined) end = parseTimeArg(to, 'to') + (isDateOnly(to) ? DAY_MS : 0);
  if (end <= start) throw new ErrandError('INVALID_INPUT', '`to` must be after `from`.');
  if (end - start > maxDays * DAY_MS) {
    throw new ErrandError(
      'INVALID_INPUT',
      `The window may cover at most ${maxDays} days; ask for a shorter one.`,
    );
  }
  return { from: start, to: end };
}

/** Parses a clock time `HH:MM` into minutes after midnight. */
export function parseClock(text: string, field: string): number {
  const m = /^(\d{1,2}):(\d{2})$/.exec(text.trim());
  const minutes = m ? Number(m[1]) * 60 + Number(m[2]) : Number.NaN;
  if (!m || Number(m[2]) > 59 || minutes > 24 * 60) {
    throw new ErrandError('INVALID_INPUT', `${field} "${text}" is not a clock time like 09:00.`);
  }
  return minutes;
}

/** `HH:MM` local clock time of a world time. */
export function clockOf(ms: number): string {
  const minutes = localMinuteOfDay(ms);
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

const WEEKDAY_ZH = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];
const WEEKDAY_EN = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** A time span as a person reads it: `2026-12-01（周二）15:00–16:30` or `Tue 2026-12-01 15:00–16:30`. */
export function formatSpan(start: number, end: number, language: 'zh' | 'en'): string {
  const day = localDate(start);
  const weekday = localWeekday(start);
  const endText = localDate(end) === day ? clockOf(end) : `${localDate(end)} ${clockOf(end)}`;
  return language === 'en'
    ? `${WEEKDAY_EN[weekday]} ${day} ${clockOf(start)}–${endText}`
    : `${day}（${WEEKDAY_ZH[weekday]}）${clockOf(start)}–${endText}`;
}

/** An interval of world time, [start, end). */
export type Interval = [start: number, end: number];

/** Sorts and joins overlapping or touching intervals. */
export function mergeIntervals(intervals: readonly Interval[]): Interval[] {
  const sorted = [...intervals].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: Interval[] = [];
  for (const [s, e] of sorted) {
    const last = merged[merged.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else merged.push([s, e]);
  }
  return merged;
}

/** The parts of `range` not covered by the (merged) `busy` intervals. */
export function subtractIntervals(range: Interval, busy: readonly Interval[]): Interval[] {
  const free: Interval[] = [];
  let cursor = range[0];
  for (const [s, e] of busy) {
    if (e <= cursor) continue;
    if (s >= range[1]) break;
    if (s > cursor) free.push([cursor, Math.min(s, range[1])]);
    cursor = Math.max(cursor, e);
    if (cursor >= range[1]) break;
  }
  if (cursor < range[1]) free.push([cursor, range[1]]);
  return free;
}
