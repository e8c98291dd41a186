import { localMinuteOfDay, localWeekday, MINUTE_MS } from '../../clock.js';

/** When a restaurant takes orders: minutes after local midnight, and an optional weekly rest day. */
export interface OpeningHours {
  opens_at: number;
  closes_at: number;
  /** 0 = Sunday; the day a past-midnight window starts on counts. */
  rest_weekday: number | null;
}

const DAY_MS = 24 * 60 * MINUTE_MS;
const WEEKDAYS_ZH = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];
const WEEKDAYS_EN = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** "HH:MM" for minutes after midnight. */
export function clockText(minutes: number): string {
  return `${String(Math.floor(minutes / 60) % 24).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** Minutes after midnight for "HH:MM". */
export function parseClock(text: string): number {
  const [h, m] = text.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

/** The hours as a person reads them, e.g. "10:00–22:00" or "17:00–02:00 (next day), closed Monday". */
export function hoursText(h: OpeningHours): string {
  const overnight = h.closes_at <= h.opens_at;
  const base = `${clockText(h.opens_at)}–${clockText(h.closes_at)}${overnight ? ' (next day)' : ''}`;
  return h.rest_weekday === null
    ? base
    : `${base}, closed ${WEEKDAYS_EN[h.rest_weekday]} / ${WEEKDAYS_ZH[h.rest_weekday]}店休`;
}

/** True when the restaurant takes orders at world time `now`. */
export function isOpenAt(h: OpeningHours, now: number): boolean {
  const minute = localMinuteOfDay(now);
  const day = localWeekday(now);
  const working = (weekday: number) => h.rest_weekday !== weekday;
  if (h.opens_at < h.closes_at) return working(day) && minute >= h.opens_at && minute < h.closes_at;
  return (minute >= h.opens_at && working(day)) || (minute < h.closes_at && working((day + 6) % 7));
}

/** The next moment (epoch ms) at or after `now` when the restaurant opens. */
export function nextOpening(h: OpeningHours, now: number): number {
  const midnight = now - localMinuteOfDay(now) * MINUTE_MS - (now % MINUTE_MS);
  for (let day = 0; day <= 7; day++) {
    const start = midnight + day * DAY_MS + h.opens_at * MINUTE_MS;
    if (start >= now && h.rest_weekday !== localWeekday(start)) return start;
  }
  return midnight + 8 * DAY_MS + h.opens_at * MINUTE_MS;
}
