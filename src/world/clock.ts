/** The world's time zone: every app shows local time in China Standard Time (UTC+8). */
export const WORLD_UTC_OFFSET_MINUTES = 8 * 60;

/** The moment a freshly seeded world starts: Monday 2026-11-30 11:00 local time, just before lunch. */
export const WORLD_EPOCH_MS = Date.parse('2026-11-30T11:00:00+08:00');

const MINUTE = 60_000;

/** Formats a world time (epoch ms) as local ISO text with offset, e.g. 2026-11-30T12:00:00+08:00. */
export function formatWorldTime(ms: number): string {
  const local = new Date(ms + WORLD_UTC_OFFSET_MINUTES * MINUTE);
  return `${local.toISOString().slice(0, 19)}+08:00`;
}

/** Parses a time argument: ISO text with an offset, or local time without one (taken as UTC+8). */
export function parseWorldTime(text: string): number | undefined {
  const trimmed = text.trim();
  const hasZone = /(Z|[+-]\d{2}:?\d{2})$/.test(trimmed);
  const ms = Date.parse(hasZone ? trimmed : `${trimmed.replace(' ', 'T')}+08:00`);
  return Number.isNaN(ms) ? undefined : ms;
}

/** Minutes since local midnight for a world time, for opening hours. */
export function localMinuteOfDay(ms: number): number {
  const local = new Date(ms + WORLD_UTC_OFFSET_MINUTES * MINUTE);
  return local.getUTCHours() * 60 + local.getUTCMinutes();
}

/** The local calendar date (YYYY-MM-DD) of a world time. */
export function localDate(ms: number): string {
  return new Date(ms + WORLD_UTC_OFFSET_MINUTES * MINUTE).toISOString().slice(0, 10);
}

/** Local weekday of a world time, 0 = Sunday. */
export function localWeekday(ms: number): number {
  return new Date(ms + WORLD_UTC_OFFSET_MINUTES * MINUTE).getUTCDay();
}

/** Milliseconds in a minute, for readable clock arithmetic. */
export const MINUTE_MS = MINUTE;
