/**
 * What an app said the person should know about a write that went through — the new event overlaps
 * their own, an invitee is busy then — and writes that did not happen. These reach the model with the
 * result and the person in the final report; they are never dropped because the errand went on.
 */
type Lang = 'zh' | 'en';

const isObj = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function names(list: unknown[]): string {
  return list
    .map((x) =>
      isObj(x)
        ? String(x.title ?? x.name ?? x.id ?? '') +
          (x.start ? ` ${String(x.start).slice(5, 16).replace('T', ' ')}` : '')
        : String(x),
    )
    .filter(Boolean)
    .join(', ');
}

/** Warnings in an app's answer to a write: overlaps with the person's events, busy invitees, the app's own warnings. */
export function warningsIn(data: unknown, lang: Lang): string[] {
  if (!isObj(data)) return [];
  const out: string[] = [];
  const conflicts = Array.isArray(data.conflicts) ? data.conflicts : [];
  if (conflicts.length)
    out.push(
      lang === 'zh'
        ? `与你已有的日程冲突：${names(conflicts)}`
        : `It overlaps your own events: ${names(conflicts)}`,
    );
  const busy = Array.isArray(data.busy_attendees) ? data.busy_attendees : [];
  if (busy.length)
    out.push(
      lang === 'zh'
        ? `这些受邀人那时已有安排：${names(busy)}`
        : `These invitees are already busy then: ${names(busy)}`,
    );
  if (Array.isArray(data.warnings))
    out.push(...data.warnings.filter((w): w is string => typeof w === 'string'));
  return out;
}

/** A write that did not happen, in the person's language. */
export function notDone(tool: string, why: string, lang: Lang): string {
  return lang === 'zh' ? `${tool} 没有完成：${why}` : `${tool} did not happen: ${why}`;
}
