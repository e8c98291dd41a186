import { z } from 'zod';
import { ErrandError } from '../../../errors.js';
import { formatWorldTime, MINUTE_MS } from '../../clock.js';
import { defineTool } from '../../tool.js';
import { displayName } from '../chat/index.js';
import {
  busyOf,
  cancelEvent,
  commitmentsOf,
  createEvent,
  eventsOf,
  findFreeSlots,
  moveEvent,
  requireContacts,
  respondToInvitation,
  visibleEvent,
} from './service.js';
import { DAY_MS, isDateOnly, parseClock, parseTimeArg, resolveWindow } from './times.js';
import {
  eventDetail,
  eventRef,
  eventView,
  noticeView,
  refEvent,
  timeArg,
  viewEvent,
  viewEventDetail,
} from './views.js';

const durationArg = z
  .number()
  .int()
  .min(5)
  .max(24 * 60);

const windowView = z.object({
  from: z.string().describe('Window start (local time).'),
  to: z.string().describe('Window end (local time, exclusive).'),
});

const intervalView = z.object({
  start: z.string().describe('Start (local time).'),
  end: z.string().describe('End (local time).'),
});

/** The end of an event from an explicit end, a duration, or a default length. */
function resolveEnd(
  start: number,
  end: string | undefined,
  minutes: number | undefined,
  fallbackMs: number,
): number {
  if (end !== undefined) {
    const endMs = parseTimeArg(end, 'end');
    if (minutes !== undefined && endMs - start !== minutes * MINUTE_MS) {
      throw new ErrandError('INVALID_INPUT', 'Give either end or duration_minutes, not two that disagree.');
    }
    return endMs;
  }
  return start + (minutes !== undefined ? minutes * MINUTE_MS : fallbackMs);
}

/** Attendees with another event at that time: they will likely decline, and the person should know. */
function busyAttendees(
  ctx: { db: Parameters<typeof commitmentsOf>[0]; me: string },
  ids: string[],
  start: number,
  end: number,
  eventId: string,
): { person_id: string; name: string }[] {
  return [...new Set(ids)]
    .filter((p) => p !== ctx.me && commitmentsOf(ctx.db, p, start, end, eventId).length > 0)
    .map((p) => ({ person_id: p, name: displayName(ctx.db, ctx.me, p) }));
}

/** Calendar's operations. */
export const calendarTools = [
  defineTool({
    name: 'list_events',
    title: 'Your events',
    description: 'Lists your calendar’s events (yours and invitations) in a time window; today by default.',
    input: z.object({
      from: timeArg.optional().describe('Local time or a date (2026-12-01); default start of today.'),
      to: timeArg.optional().describe('Local time, or a date meaning its end; default a day after from.'),
      include_cancelled: z.boolean().default(false).describe('Also show cancelled events.'),
    }),
    output: z.object({
      window: windowView.describe('The window shown.'),
      events: z.array(eventView).describe('By start time.'),
    }),
    effect: { kind: 'read' },
    run: ({ from, to, include_cancelled }, ctx) => {
      const w = resolveWindow(from, to, ctx.now);
      return {
        window: { from: formatWorldTime(w.from), to: formatWorldTime(w.to) },
        events: eventsOf(ctx.db, ctx.me, w.from, w.to, include_cancelled).map((e) =>
          viewEvent(ctx.db, ctx.me, e),
        ),
      };
    },
  }),
  defineTool({
    name: 'get_event',
    title: 'One event',
    description: 'Shows one event on your calendar with its description and every attendee answer.',
    input: z.object({ event_id: z.string().min(1).describe('The event id, e.g. evt_review_1201.') }),
    output: eventDetail,
    effect: { kind: 'read' },
    run: ({ event_id }, ctx) => viewEventDetail(ctx.db, ctx.me, visibleEvent(ctx.db, ctx.me, event_id)),
  }),
  defineTool({
    name: 'find_free_time',
    title: 'Find a free time',
    description:
      'Finds free time when you and the given contacts are all free for a meeting of a given length, in working hours (09:00–18:00 weekdays by default).',
    input: z.object({
      attendee_ids: z
        .array(z.string().min(1))
        .max(20)
        .default([])
        .describe('Contact person ids (p_...) who must be free.'),
      include_me: z.boolean().default(true).describe('You must be free too.'),
      date: z.string().optional().describe('One day, e.g. 2026-12-02; else from/to.'),
      from: timeArg.optional().describe('Window start; default now.'),
      to: timeArg.optional().describe('Window end (a date means its end); default 7 days on.'),
      duration_minutes: durationArg.describe('How long the meeting needs, in minutes.'),
      earliest: z.string().default('09:00').describe('Earliest start, HH:MM.'),
      latest: z.string().default('18:00').describe('Latest end, HH:MM.'),
      include_weekends: z.boolean().default(false).describe('Also Saturdays and Sundays.'),
    }),
    output: z.object({
      people: z.array(z.string()).describe('Person ids who are free in every slot.'),
      window: windowView.describe('The window searched.'),
      slots: z
        .array(intervalView.extend({ minutes: z.number().int().describe('Length of the free slot.') }))
        .describe(
          'Free slots at least duration_minutes long, earliest first (at most 20); pick a start inside one.',
        ),
    }),
    effect: { kind: 'read' },
    run: (input, ctx) => {
      const people = [...new Set([...(input.include_me ? [ctx.me] : []), ...input.attendee_ids])];
      if (people.length === 0) {
        throw new ErrandError('INVALID_INPUT', 'Name at least one attendee, or keep include_me true.');
      }
      requireContacts(ctx.db, ctx.me, people, 'free time can be searched for');
      let window: { from: number; to: number };
      if (input.date !== undefined) {
        if (input.from !== undefined || input.to !== undefined) {
          throw new ErrandError('INVALID_INPUT', 'Give either date or from/to, not both.');
        }
        if (!isDateOnly(input.date)) {
          throw new ErrandError('INVALID_INPUT', `date "${input.date}" must look like 2026-12-02.`);
        }
        const day = parseTimeArg(input.date, 'date');
        window = { from: day, to: day + DAY_MS };
      } else {
        const from = input.from === undefined ? ctx.now : parseTimeArg(input.from, 'from');
        window = resolveWindow(
          formatWorldTime(from),
          input.to ?? formatWorldTime(from + 7 * DAY_MS),
          ctx.now,
          14,
        );
      }
      const earliest = parseClock(input.earliest, 'earliest');
      const latest = parseClock(input.latest, 'latest');
      if (latest <= earliest) throw new ErrandError('INVALID_INPUT', '`latest` must be after `earliest`.');
      const slots = findFreeSlots(ctx.db, {
        people,
        from: window.from,
        to: window.to,
        durationMs: input.duration_minutes * MINUTE_MS,
        earliestMinute: earliest,
        latestMinute: latest,
        includeWeekends: input.include_weekends || input.date !== undefined,
        now: ctx.now,
      });
      return {
        people,
        window: { from: formatWorldTime(window.from), to: formatWorldTime(window.to) },
        slots: slots.slice(0, 20).map(([s, e]) => ({
          start: formatWorldTime(s),
          end: formatWorldTime(e),
          minutes: Math.round((e - s) / MINUTE_MS),
        })),
      };
    },
  }),
  defineTool({
    name: 'get_free_busy',
    title: 'Free/busy',
    description:
      'Shows when you or your contacts are busy in a time window (times only, not what the events are).',
    input: z.object({
      person_ids: z.array(z.string().min(1)).min(1).max(20).describe('Person ids: yours or contacts\u2019.'),
      from: timeArg.optional().describe('Window start: local time or a date. Default: start of today.'),
      to: timeArg
        .optional()
        .describe('Window end: local time or a date (end of that day). Default: one day after from.'),
    }),
    output: z.object({
      window: windowView.describe('The window shown.'),
      people: z
        .array(
          z.object({
            person_id: z.string().describe('Person id.'),
            name: z.string().describe('Name as you see them.'),
            busy: z.array(intervalView).describe('Busy intervals, merged, in order.'),
          }),
        )
        .describe('One entry per person asked.'),
    }),
    effect: { kind: 'read' },
    run: ({ person_ids, from, to }, ctx) => {
      const people = [...new Set(person_ids)];
      requireContacts(ctx.db, ctx.me, people, 'free/busy is shown for');
      const w = resolveWindow(from, to, ctx.now);
      return {
        window: { from: formatWorldTime(w.from), to: formatWorldTime(w.to) },
        people: people.map((p) => ({
          person_id: p,
          name: displayName(ctx.db, ctx.me, p),
          busy: busyOf(ctx.db, p, w.from, w.to).map(([s, e]) => ({
            start: formatWorldTime(s),
            end: formatWorldTime(e),
          })),
        })),
      };
    },
  }),
  defineTool({
    name: 'create_event',
    title: 'Create an event',
    description: 'Creates an event on your calendar and invites each attendee in chat.',
    input: z.object({
      title: z.string().trim().min(1).max(200).describe('What the event is.'),
      start: timeArg.describe('Local time like 2026-12-01T15:00.'),
      end: timeArg.optional().describe('Local time; or give duration_minutes.'),
      duration_minutes: durationArg.optional().describe('Minutes, when end is not given (default 60).'),
      attendee_ids: z
        .array(z.string().min(1))
        .max(50)
        .default([])
        .describe('Contact person ids (p_...) to invite.'),
      location: z.string().max(200).default('').describe('Where, as free text.'),
      place_id: z.string().max(100).optional().describe('A maps place id, if known.'),
      description: z.string().max(2000).default('').describe('Notes for the attendees.'),
    }),
    output: z.object({
      event: eventDetail.describe('The new event.'),
      invitations_sent: z.array(noticeView).describe('The chat invitation each attendee received.'),
      conflicts: z
        .array(eventRef)
        .describe('Your other events at the same time (the event was still created).'),
      busy_attendees: z
        .array(z.object({ person_id: z.string(), name: z.string() }))
        .describe('Attendees already busy at that time (times only; the invitation was still sent).'),
    }),
    effect: { kind: 'write', act: 'invite', recipients: 'attendee_ids' },
    run: (input, ctx) => {
      const start = parseTimeArg(input.start, 'start');
      const end = resolveEnd(start, input.end, input.duration_minutes, 60 * MINUTE_MS);
      const { event, invitations } = createEvent(ctx, {
        title: input.title,
        start,
        end,
        attendees: input.attendee_ids,
        location: input.location,
        placeId: input.place_id ?? null,
        description: input.description,
      });
      const conflicts = commitmentsOf(ctx.db, ctx.me, start, end, event.id);
      return {
        event: viewEventDetail(ctx.db, ctx.me, event),
        invitations_sent: invitations,
        conflicts: conflicts.map(refEvent),
        busy_attendees: busyAttendees(ctx, input.attendee_ids, start, end, event.id),
      };
    },
  }),
  defineTool({
    name: 'move_event',
    title: 'Move an event',
    description:
      'Moves an event you organise to a new time; each attendee is told in chat and asked to answer again.',
    input: z.object({
      event_id: z.string().min(1).describe('The event to move (one you organise).'),
      start: timeArg.describe('New start, local time; not in the past.'),
      end: timeArg.optional().describe('New end; default keeps the event length.'),
      duration_minutes: durationArg.optional().describe('New length in minutes, instead of end.'),
    }),
    output: z.object({
      event: eventView.describe('The event at its new time.'),
      notified: z.array(noticeView).describe('The chat notice each attendee received.'),
    }),
    effect: { kind: 'write', act: 'reschedule', notifies: 'event_id', target: 'event_id' },
    run: ({ event_id, start, end, duration_minutes }, ctx) => {
      const current = visibleEvent(ctx.db, ctx.me, event_id);
      const startMs = parseTimeArg(start, 'start');
      const endMs = resolveEnd(startMs, end, duration_minutes, current.end_at - current.start_at);
      const moved = moveEvent(ctx, event_id, startMs, endMs);
      return { event: viewEvent(ctx.db, ctx.me, moved.event), notified: moved.notified };
    },
  }),
  defineTool({
    name: 'cancel_event',
    title: 'Cancel an event',
    description:
      'Cancels an event you organise; each attendee is told in chat. To skip someone else\u2019s event, decline it.',
    input: z.object({ event_id: z.string().min(1).describe('The event to cancel (one you organise).') }),
    output: z.object({
      event: eventView.describe('The event, now cancelled.'),
      notified: z.array(noticeView).describe('The chat notice each attendee received.'),
    }),
    effect: { kind: 'write', act: 'cancel', notifies: 'event_id', target: 'event_id' },
    run: ({ event_id }, ctx) => {
      const cancelled = cancelEvent(ctx, event_id);
      return { event: viewEvent(ctx.db, ctx.me, cancelled.event), notified: cancelled.notified };
    },
  }),
  defineTool({
    name: 'respond_to_invitation',
    title: 'Answer an invitation',
    description: 'Accepts or declines an event someone else invited you to.',
    input: z.object({
      event_id: z.string().min(1).describe('The event you were invited to.'),
      response: z.enum(['accept', 'decline']).describe('accept or decline.'),
    }),
    output: eventView,
    effect: { kind: 'write', act: 'respond', target: 'event_id' },
    run: ({ event_id, response }, ctx) => {
      const event = respondToInvitation(ctx, event_id, response === 'accept' ? 'accepted' : 'declined');
      return viewEvent(ctx.db, ctx.me, event);
    },
  }),
];
