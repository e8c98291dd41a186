import type Database from 'better-sqlite3';
import { ErrandError } from '../../../errors.js';
import { localWeekday, MINUTE_MS } from '../../clock.js';
import { getPerson, isContact } from '../../people.js';
import type { ToolContext } from '../../tool.js';
import { deliverMessage, displayName, languageOf } from '../chat/index.js';
import {
  DAY_MS,
  formatSpan,
  type Interval,
  mergeIntervals,
  startOfLocalDay,
  subtractIntervals,
} from './times.js';

/** An event row: on the organiser's calendar and every attendee's. */
export interface EventRow {
  id: string;
  organizer_id: string;
  title: string;
  description: string;
  start_at: number;
  end_at: number;
  location: string;
  place_id: string | null;
  status: 'confirmed' | 'cancelled';
  created_at: number;
  updated_at: number;
}

/** An attendee's answer to an invitation. */
export type AttendeeResponse = 'needs_action' | 'accepted' | 'declined';

/** One invited person and their answer. */
export interface AttendeeRow {
  event_id: string;
  person_id: string;
  response: AttendeeResponse;
  responded_at: number | null;
}

/** Reads an event, or fails with NOT_FOUND. */
export function getEvent(db: Database.Database, id: string): EventRow {
  const row = db.prepare('SELECT * FROM calendar_events WHERE id = ?').get(id) as EventRow | undefined;
  if (!row) throw new ErrandError('NOT_FOUND', `No event "${id}"; list_events shows your events.`);
  return row;
}

/** The attendees of an event (the organiser is not among them). */
export function attendeesOf(db: Database.Database, eventId: string): AttendeeRow[] {
  return db
    .prepare('SELECT * FROM calendar_attendees WHERE event_id = ? ORDER BY person_id')
    .all(eventId) as AttendeeRow[];
}

/** An event on `me`'s calendar (organised or invited to), or NOT_FOUND: others' events are private. */
export function visibleEvent(db: Database.Database, me: string, id: string): EventRow {
  const event = db.prepare('SELECT * FROM calendar_events WHERE id = ?').get(id) as EventRow | undefined;
  const mine =
    event &&
    (event.organizer_id === me ||
      db.prepare('SELECT 1 FROM calendar_attendees WHERE event_id = ? AND person_id = ?').get(id, me));
  if (!event || !mine) throw new ErrandError('NOT_FOUND', `No event "${id}" on your calendar.`);
  return event;
}

/** Events on a person's calendar overlapping [from, to), by start time. */
export function eventsOf(
  db: Database.Database,
  personId: string,
  from: number,
  to: number,
  includeCancelled: boolean,
): EventRow[] {
  return db
    .prepare(
      `SELECT * FROM calendar_events e
       WHERE e.start_at < ? AND e.end_at > ? AND (? OR e.status = 'confirmed')
         AND (e.organizer_id = ? OR EXISTS (
           SELECT 1 FROM calendar_attendees a WHERE a.event_id = e.id AND a.person_id = ?))
       ORDER BY e.start_at, e.end_at, e.id`,
    )
    .all(to, from, includeCancelled ? 1 : 0, personId, personId) as EventRow[];
}

/** Confirmed events that hold a person's time: ones they organise or have not declined. */
export function commitmentsOf(
  db: Database.Database,
  personId: string,
  from: number,
  to: number,
  exceptId = '',
): EventRow[] {
  return db
    .prepare(
      `SELECT * FROM calendar_events e
       WHERE e.status = 'confirmed' AND e.start_at < ? AND e.end_at > ? AND e.id <> ?
         AND (e.organizer_id = ? OR EXISTS (
           SELECT 1 FROM calendar_attendees a
           WHERE a.event_id = e.id AND a.person_id = ? AND a.response <> 'declined'))
       ORDER BY e.start_at, e.end_at, e.id`,
    )
    .all(to, from, exceptId, personId, personId) as EventRow[];
}

/**
 * When a person is busy within [from, to): their commitments (an unanswered invitation counts as
 * busy), merged and clipped to the window.
 */
export function busyOf(db: Database.Database, personId: string, from: number, to: number): Interval[] {
  return mergeIntervals(
    commitmentsOf(db, personId, from, to).map(
      (e): Interval => [Math.max(e.start_at, from), Math.min(e.end_at, to)],
    ),
  );
}

/** Checks that `me` may look at or invite these people: themselves or their contacts. */
export function requireContacts(
  db: Database.Database,
  me: string,
  people: readonly string[],
  what: string,
): void {
  for (const id of people) {
    if (id === me) continue;
    if (!getPerson(db, id)) {
      throw new ErrandError('NOT_FOUND', `No person "${id}"; chat's list_contacts shows your contacts' ids.`);
    }
    if (!isContact(db, me, id)) {
      throw new ErrandError('FORBIDDEN', `${id} is not one of your contacts; ${what} contacts only.`);
    }
  }
}

/** Candidate slots of at least `durationMs` when everyone is free, within working hours each day. */
export function findFreeSlots(
  db: Database.Database,
  query: {
    people: readonly string[];
    from: number;
    to: number;
    durationMs: number;
    earliestMinute: number;
    latestMinute: number;
    includeWeekends: boolean;
    now: number;
  },
): Interval[] {
  const quarter = 15 * MINUTE_MS;
  const notBefore = Math.max(query.from, Math.ceil(query.now / quarter) * quarter);
  const busy = mergeIntervals(query.people.flatMap((p) => busyOf(db, p, query.from, query.to)));
  const slots: Interval[] = [];
  for (let day = startOfLocalDay(query.from); day < query.to; day += DAY_MS) {
    const weekday = localWeekday(day);
    if (!query.includeWeekends && (weekday === 0 || weekday === 6)) continue;
    const start = Math.max(day + query.earliestMinute * MINUTE_MS, notBefore);
    const end = Math.min(day + query.latestMinute * MINUTE_MS, query.to);
    if (end - start < query.durationMs) continue;
    for (const free of subtractIntervals([start, end], busy)) {
      if (free[1] - free[0] >= query.durationMs) slots.push(free);
    }
  }
  return slots;
}

type Notice = 'invite' | 'moved' | 'cancelled';

function noticeText(lang: 'zh' | 'en', event: EventRow, notice: Notice, previous?: EventRow): string {
  const span = formatSpan(event.start_at, event.end_at, lang);
  const where = event.location || (lang === 'en' ? 'TBD' : '待定');
  if (lang === 'en') {
    switch (notice) {
      case 'invite':
        return `[Invitation] ${event.title}\nWhen: ${span}\nWhere: ${where}\nEvent id: ${event.id} (accept or decline in Calendar)`;
      case 'moved':
        return `[Rescheduled] ${event.title} moved to ${span} (was ${formatSpan(previous!.start_at, previous!.end_at, lang)})\nWhere: ${where}\nEvent id: ${event.id}`;
      case 'cancelled':
        return `[Cancelled] ${event.title} on ${span} is cancelled.\nEvent id: ${event.id}`;
    }
  }
  switch (notice) {
    case 'invite':
      return `【日程邀请】${event.title}\n时间：${span}\n地点：${where}\n活动ID：${event.id}（请在日历中接受或拒绝）`;
    case 'moved':
      return `【日程变更】${event.title} 改到 ${span}（原定 ${formatSpan(previous!.start_at, previous!.end_at, lang)}）\n地点：${where}\n活动ID：${event.id}`;
    case 'cancelled':
      return `【日程取消】${event.title}（原定 ${span}）已取消。\n活动ID：${event.id}`;
  }
}

/** Tells each attendee about an event through chat, in their language; returns who got which message. */
function notifyAttendees(
  ctx: ToolContext,
  event: EventRow,
  notice: Notice,
  previous?: EventRow,
): { person_id: string; message_id: string }[] {
  return attendeesOf(ctx.db, event.id).map((a) => ({
    person_id: a.person_id,
    message_id: deliverMessage(ctx, {
      from: event.organizer_id,
      to: a.person_id,
      text: noticeText(languageOf(ctx.db, a.person_id), event, notice, previous),
      kind: 'invitation',
      ref: event.id,
    }).message_id,
  }));
}

function checkTimes(ctx: ToolContext, start: number, end: number): void {
  if (start < ctx.now) {
    throw new ErrandError('INVALID_INPUT', 'The start time is in the past; choose a time from now on.');
  }
  if (end <= start) throw new ErrandError('INVALID_INPUT', 'The end time must be after the start time.');
}

/** What a new event needs. */
export interface NewEvent {
  title: string;
  start: number;
  end: number;
  attendees: readonly string[];
  location: string;
  placeId: string | null;
  description: string;
}

/** Creates an event organised by `ctx.me` and sends each attendee (contacts only) an invitation in chat. */
export function createEvent(
  ctx: ToolContext,
  input: NewEvent,
): { event: EventRow; invitations: { person_id: string; message_id: string }[] } {
  checkTimes(ctx, input.start, input.end);
  const attendees = [...new Set(input.attendees)].filter((p) => p !== ctx.me);
  requireContacts(ctx.db, ctx.me, attendees, 'invitations go to');
  const id = ctx.nextId('evt');
  ctx.db
    .prepare("INSERT INTO calendar_events VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'confirmed', ?, ?)")
    .run(
      id,
      ctx.me,
      input.title,
      input.description,
      input.start,
      input.end,
      input.location,
      input.placeId,
      ctx.now,
      ctx.now,
    );
  const attendee = ctx.db.prepare("INSERT INTO calendar_attendees VALUES (?, ?, 'needs_action', NULL)");
  for (const p of attendees) attendee.run(id, p);
  const event = getEvent(ctx.db, id);
  return { event, invitations: notifyAttendees(ctx, event, 'invite') };
}

function organisedByMe(ctx: ToolContext, id: string, action: string): EventRow {
  const event = visibleEvent(ctx.db, ctx.me, id);
  if (event.organizer_id !== ctx.me) {
    throw new ErrandError(
      'FORBIDDEN',
      `${displayName(ctx.db, ctx.me, event.organizer_id)} organises "${event.title}"; only the organiser can ${action} it. Use respond_to_invitation to decline.`,
    );
  }
  if (event.status === 'cancelled') {
    throw new ErrandError('CONFLICT', `"${event.title}" (${id}) is already cancelled.`);
  }
  if (event.end_at <= ctx.now) {
    throw new ErrandError('CONFLICT', `"${event.title}" (${id}) has already ended; it cannot be changed.`);
  }
  return event;
}

/** Moves an event `ctx.me` organises; attendees are told and asked to answer again. */
export function moveEvent(
  ctx: ToolContext,
  id: string,
  start: number,
  end: number,
): { event: EventRow; notified: { person_id: string; message_id: string }[] } {
  const previous = organisedByMe(ctx, id, 'move');
  checkTimes(ctx, start, end);
  ctx.db
    .prepare('UPDATE calendar_events SET start_at = ?, end_at = ?, updated_at = ? WHERE id = ?')
    .run(start, end, ctx.now, id);
  ctx.db
    .prepare(
      "UPDATE calendar_attendees SET response = 'needs_action', responded_at = NULL WHERE event_id = ?",
    )
    .run(id);
  const event = getEvent(ctx.db, id);
  return { event, notified: notifyAttendees(ctx, event, 'moved', previous) };
}

/** Cancels an event `ctx.me` organises; it stays, marked cancelled, and attendees are told. */
export function cancelEvent(
  ctx: ToolContext,
  id: string,
): { event: EventRow; notified: { person_id: string; message_id: string }[] } {
  organisedByMe(ctx, id, 'cancel');
  ctx.db
    .prepare("UPDATE calendar_events SET status = 'cancelled', updated_at = ? WHERE id = ?")
    .run(ctx.now, id);
  const event = getEvent(ctx.db, id);
  return { event, notified: notifyAttendees(ctx, event, 'cancelled') };
}

/** Accepts or declines an invitation to an event someone else organises. */
export function respondToInvitation(
  ctx: ToolContext,
  id: string,
  response: 'accepted' | 'declined',
): EventRow {
  const event = visibleEvent(ctx.db, ctx.me, id);
  if (event.organizer_id === ctx.me) {
    throw new ErrandError(
      'CONFLICT',
      `You organise "${event.title}"; there is no invitation to answer. Use move_event or cancel_event.`,
    );
  }
  if (event.status === 'cancelled') {
    throw new ErrandError('CONFLICT', `"${event.title}" (${id}) was cancelled by its organiser.`);
  }
  if (event.end_at <= ctx.now) {
    throw new ErrandError('CONFLICT', `"${event.title}" (${id}) has already ended.`);
  }
  ctx.db
    .prepare(
      'UPDATE calendar_attendees SET response = ?, responded_at = ? WHERE event_id = ? AND person_id = ?',
    )
    .run(response, ctx.now, id, ctx.me);
  return event;
}
