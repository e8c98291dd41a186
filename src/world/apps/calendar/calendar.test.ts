import { afterEach, describe, expect, it } from 'vitest';
import { World } from '../../world.js';
import { ok } from '../../../../test/support/world.js';

let world: World;
afterEach(() => world?.close());

/** Calls a calendar tool that must fail with `code` and change nothing. */
function refused(tool: string, input: Record<string, unknown>, code: string): void {
  const snap = world.snapshot();
  const result = world.call('calendar', tool, input);
  expect(result.ok ? 'ok' : `${result.error.code}`).toBe(code);
  if (!result.ok) expect(result.error.message.length).toBeGreaterThan(10);
  expect(world.diff(snap).empty).toBe(true);
}

function lastMessage(conversation: string): Record<string, any> {
  const read = ok(world.call('chat', 'read_messages', { conversation, limit: 1 }));
  return read.messages[0];
}

const ms = (local: string) => Date.parse(`${local}+08:00`);

/** Moves the world's clock forward to a local time like `2026-11-30T13:07`. */
function advanceTo(local: string): void {
  world.advance(ms(local) - world.now);
}

/** True when one merged busy interval covers [start, end) (neighbouring blocks merge). */
function covered(busy: { start: string; end: string }[], start: string, end: string): boolean {
  return busy.some((b) => Date.parse(b.start) <= ms(start) && Date.parse(b.end) >= ms(end));
}

function overlaps(a: { start: string; end: string }, b: { start: string; end: string }): boolean {
  return Date.parse(a.start) < Date.parse(b.end) && Date.parse(b.start) < Date.parse(a.end);
}

describe('calendar reading', () => {
  it("lists today's events by default and a day or window on request", () => {
    world = World.open({ seed: 3 });
    const today = ok(world.call('calendar', 'list_events', {}));
    expect(today.window).toEqual({ from: '2026-11-30T00:00:00+08:00', to: '2026-12-01T00:00:00+08:00' });
    expect(today.events.map((e: any) => e.id)).toEqual(['evt_standup_1130', 'evt_movie_1130']);
    expect(today.events[1]).toMatchObject({
      organizer: { person_id: 'p_hanxue', name: '韩雪' },
      my_response: 'accepted',
    });
    const tuesday = ok(world.call('calendar', 'list_events', { from: '2026-12-01' })).events;
    expect(tuesday.map((e: any) => e.id)).toEqual([
      'evt_standup_1201',
      'evt_review_1201',
      'evt_liming_gym_1201',
    ]);
    expect(tuesday[1].my_response).toBe('needs_action');
    expect(tuesday[2].my_response).toBe('organizer');
    const week = ok(world.call('calendar', 'list_events', { from: '2026-11-30', to: '2026-12-06' })).events;
    expect(week.map((e: any) => e.id)).toContain('evt_reunion_1205');
    expect(week.some((e: any) => e.id.startsWith('evt_busy_') || e.id.startsWith('evt_wangfang'))).toBe(
      false,
    );
  });

  it('shows Sam his own week in English', () => {
    world = World.open({ seed: 3, persona: 'sam' });
    expect(ok(world.call('calendar', 'list_events', {})).events.map((e: any) => e.id)).toEqual([
      'evt_sam_standup_1130',
      'evt_sam_gym_1130',
    ]);
    const detail = ok(world.call('calendar', 'get_event', { event_id: 'evt_design_review_1203' }));
    expect(detail).toMatchObject({ my_response: 'needs_action', organizer: { name: 'Emily' } });
    expect(detail.description).toMatch(/Figma/);
  });

  it('shows an invitation with its description, but never an event you are not part of', () => {
    world = World.open({ seed: 3 });
    const review = ok(world.call('calendar', 'get_event', { event_id: 'evt_review_1201' }));
    expect(review).toMatchObject({
      title: '需求评审 Requirements review',
      start: '2026-12-01T15:00:00+08:00',
      end: '2026-12-01T16:30:00+08:00',
      organizer: { person_id: 'p_wangfang' },
      my_response: 'needs_action',
    });
    expect(review.description).toMatch(/下单流程/);
    refused('get_event', { event_id: 'evt_wangfang_dentist_1202' }, 'NOT_FOUND');
    refused('get_event', { event_id: 'evt_nothing' }, 'NOT_FOUND');
  });

  it.each([
    [{ from: 'next tuesday' }, 'INVALID_INPUT'],
    [{ from: '2026-12-02', to: '2026-12-01T12:00' }, 'INVALID_INPUT'],
    [{ from: '2026-12-01', to: '2027-03-01' }, 'INVALID_INPUT'],
  ])('refuses a bad window %j', (input, code) => {
    world = World.open({ seed: 3 });
    refused('list_events', input, code);
  });
});

describe('calendar free/busy', () => {
  it("shows a contact's busy times from their own events and the ones they attend", () => {
    world = World.open({ seed: 3 });
    const out = ok(
      world.call('calendar', 'get_free_busy', { person_ids: ['p_wangfang'], from: '2026-12-02' }),
    );
    const busy = out.people[0].busy;
    expect(out.people[0].name).toBe('王芳');
    expect(covered(busy, '2026-12-02T09:30', '2026-12-02T09:45')).toBe(true);
    expect(covered(busy, '2026-12-02T16:00', '2026-12-02T17:00')).toBe(true);
    for (let i = 1; i < busy.length; i++)
      expect(Date.parse(busy[i].start)).toBeGreaterThan(Date.parse(busy[i - 1].end));
  });

  it('finds slots free on both calendars, inside working hours, long enough', () => {
    world = World.open({ seed: 3 });
    const found = ok(
      world.call('calendar', 'find_free_time', {
        attendee_ids: ['p_wangfang'],
        date: '2026-12-02',
        duration_minutes: 45,
      }),
    );
    expect(found.people).toEqual(['p_liming', 'p_wangfang']);
    expect(found.slots.length).toBeGreaterThan(0);
    const fb = ok(
      world.call('calendar', 'get_free_busy', { person_ids: ['p_liming', 'p_wangfang'], from: '2026-12-02' }),
    ).people;
    const allBusy = fb.flatMap((p: any) => p.busy);
    // Li Ming's 1:1 with his manager and Wang Fang's dentist are both respected.
    expect(covered(allBusy, '2026-12-02T14:00', '2026-12-02T14:45')).toBe(true);
    expect(covered(allBusy, '2026-12-02T16:00', '2026-12-02T17:00')).toBe(true);
    for (const slot of found.slots) {
      expect(slot.minutes).toBeGreaterThanOrEqual(45);
      expect(Date.parse(slot.start)).toBeGreaterThanOrEqual(ms('2026-12-02T09:00'));
      expect(Date.parse(slot.end)).toBeLessThanOrEqual(ms('2026-12-02T18:00'));
      for (const b of allBusy) expect(overlaps(slot, b)).toBe(false);
    }
    expect(found.slots).toContainEqual({
      start: '2026-12-02T17:00:00+08:00',
      end: '2026-12-02T18:00:00+08:00',
      minutes: 60,
    });
  });

  it('treats a declined invitation as free time and an unanswered one as busy', () => {
    world = World.open({ seed: 3 });
    const search = { date: '2026-12-01', earliest: '15:00', latest: '16:30', duration_minutes: 90 };
    expect(ok(world.call('calendar', 'find_free_time', search)).slots).toEqual([]);
    ok(
      world.call('calendar', 'respond_to_invitation', {
        event_id: 'evt_review_1201',
        response: 'decline',
        idempotency_key: 'd',
      }),
    );
    expect(ok(world.call('calendar', 'find_free_time', search)).slots).toEqual([
      { start: '2026-12-01T15:00:00+08:00', end: '2026-12-01T16:30:00+08:00', minutes: 90 },
    ]);
  });

  it('searches only from now on and skips weekends unless asked', () => {
    world = World.open({ seed: 3 });
    advanceTo('2026-11-30T13:07');
    const slots = ok(
      world.call('calendar', 'find_free_time', { duration_minutes: 30, to: '2026-12-06' }),
    ).slots;
    expect(Date.parse(slots[0].start)).toBeGreaterThanOrEqual(ms('2026-11-30T13:15'));
    expect(slots.some((s: any) => s.start.startsWith('2026-12-05') || s.start.startsWith('2026-12-06'))).toBe(
      false,
    );
    const saturday = ok(
      world.call('calendar', 'find_free_time', { date: '2026-12-05', duration_minutes: 60 }),
    ).slots;
    expect(saturday.map((s: any) => s.start)).toEqual([
      '2026-12-05T09:00:00+08:00',
      '2026-12-05T14:00:00+08:00',
    ]);
  });

  it.each([
    ['a stranger', { attendee_ids: ['p_stranger_zhou'], duration_minutes: 30 }, 'FORBIDDEN'],
    ['an unknown person', { attendee_ids: ['p_nobody'], duration_minutes: 30 }, 'NOT_FOUND'],
    ['nobody at all', { include_me: false, duration_minutes: 30 }, 'INVALID_INPUT'],
    [
      'a date and a window',
      { date: '2026-12-02', from: '2026-12-02', duration_minutes: 30 },
      'INVALID_INPUT',
    ],
    ['a bad date', { date: '12/02', duration_minutes: 30 }, 'INVALID_INPUT'],
    ['latest before earliest', { earliest: '18:00', latest: '09:00', duration_minutes: 30 }, 'INVALID_INPUT'],
    ['a bad clock time', { earliest: '9am', duration_minutes: 30 }, 'INVALID_INPUT'],
  ])('refuses to search free time with %s', (_label, input, code) => {
    world = World.open({ seed: 3 });
    refused('find_free_time', input, code);
  });

  it.each([
    ['a stranger', ['p_stranger_cs'], 'FORBIDDEN'],
    ["someone else's contact", ['p_priya'], 'FORBIDDEN'],
    ['an unknown person', ['p_nobody'], 'NOT_FOUND'],
  ])('refuses free/busy of %s', (_label, person_ids, code) => {
    world = World.open({ seed: 3 });
    refused('get_free_busy', { person_ids }, code);
  });
});

describe('calendar create_event', () => {
  it("invites contacts: each gets a chat invitation, and the event is on the attendee's calendar", () => {
    world = World.open({ seed: 3 });
    const created = ok(
      world.call('calendar', 'create_event', {
        title: '方案讨论',
        start: '2026-12-02T17:00',
        duration_minutes: 30,
        attendee_ids: ['p_wangfang', 'p_sam', 'p_wangfang', 'p_liming'],
        location: '5楼会议室',
        place_id: 'pl_office_liming',
        description: '讨论客户反馈',
        idempotency_key: 'c1',
      }),
    );
    const event = created.event;
    expect(event).toMatchObject({
      id: 'evt_0001',
      start: '2026-12-02T17:00:00+08:00',
      end: '2026-12-02T17:30:00+08:00',
      my_response: 'organizer',
      place_id: 'pl_office_liming',
      attendees: [
        { person_id: 'p_sam', response: 'needs_action' },
        { person_id: 'p_wangfang', response: 'needs_action' },
      ],
    });
    expect(created.invitations_sent.map((i: any) => i.person_id)).toEqual(['p_sam', 'p_wangfang']);
    expect(created.conflicts).toEqual([]);

    const toWang = lastMessage('cv_liming_wangfang');
    expect(toWang).toMatchObject({ kind: 'invitation', ref: event.id, from_me: true });
    expect(toWang.text).toContain('方案讨论');
    expect(toWang.text).toContain('2026-12-02（周三）17:00–17:30');

    const busy = ok(
      world.call('calendar', 'get_free_busy', { person_ids: ['p_wangfang'], from: '2026-12-02' }),
    );
    expect(covered(busy.people[0].busy, '2026-12-02T17:00', '2026-12-02T17:30')).toBe(true);

    world.setPersona('sam');
    const toSam = lastMessage('p_liming');
    expect(toSam).toMatchObject({ kind: 'invitation', ref: event.id, read: false, sender_name: 'Li Ming' });
    expect(toSam.text).toContain('[Invitation] 方案讨论');
    expect(toSam.text).toContain('Wed 2026-12-02 17:00–17:30');
    const samDay = ok(world.call('calendar', 'list_events', { from: '2026-12-02' })).events;
    expect(samDay.find((e: any) => e.id === event.id)).toMatchObject({ my_response: 'needs_action' });
    ok(
      world.call('calendar', 'respond_to_invitation', {
        event_id: event.id,
        response: 'accept',
        idempotency_key: 'a',
      }),
    );
    world.setPersona('liming');
    const after = ok(world.call('calendar', 'get_event', { event_id: event.id }));
    expect(after.attendees.find((a: any) => a.person_id === 'p_sam').response).toBe('accepted');
  });

  it('defaults to an hour and reports a clash with your own events', () => {
    world = World.open({ seed: 3 });
    const created = ok(
      world.call('calendar', 'create_event', {
        title: '复盘',
        start: '2026-12-02T14:30',
        idempotency_key: 'c',
      }),
    );
    expect(created.event.end).toBe('2026-12-02T15:30:00+08:00');
    expect(created.invitations_sent).toEqual([]);
    expect(created.conflicts.map((c: any) => c.id)).toEqual(['evt_liming_1on1_1202']);
  });

  it.each([
    ['a start in the past', { start: '2026-11-30T08:00' }, 'INVALID_INPUT'],
    ['an end before the start', { start: '2026-12-02T15:00', end: '2026-12-02T14:00' }, 'INVALID_INPUT'],
    ['an end equal to the start', { start: '2026-12-02T15:00', end: '2026-12-02T15:00' }, 'INVALID_INPUT'],
    ['an unreadable start', { start: '明天下午三点' }, 'INVALID_INPUT'],
    [
      'end and duration that disagree',
      { start: '2026-12-02T15:00', end: '2026-12-02T16:00', duration_minutes: 30 },
      'INVALID_INPUT',
    ],
    ['a stranger invited', { start: '2026-12-02T15:00', attendee_ids: ['p_stranger_alex'] }, 'FORBIDDEN'],
    [
      'a non-contact invited',
      { start: '2026-12-02T15:00', attendee_ids: ['p_wangfang', 'p_priya'] },
      'FORBIDDEN',
    ],
    ['an unknown person invited', { start: '2026-12-02T15:00', attendee_ids: ['p_nobody'] }, 'NOT_FOUND'],
    ['an empty title', { title: ' ', start: '2026-12-02T15:00' }, 'INVALID_INPUT'],
  ])('refuses an event with %s and sends nothing', (_label, input, code) => {
    world = World.open({ seed: 3 });
    refused('create_event', { title: '会议', ...input, idempotency_key: 'k' }, code);
  });

  it('does the work once for a repeated idempotency key', () => {
    world = World.open({ seed: 3 });
    const input = {
      title: '午饭',
      start: '2026-12-01T12:00',
      attendee_ids: ['p_wangfang'],
      idempotency_key: 'lunch',
    };
    const first = ok(world.call('calendar', 'create_event', input));
    const snap = world.snapshot();
    expect(world.call('calendar', 'create_event', input)).toMatchObject({
      ok: true,
      replayed: true,
      data: first,
    });
    expect(world.diff(snap).empty).toBe(true);
    const count = world.db
      .prepare("SELECT COUNT(*) AS n FROM calendar_events WHERE title = '午饭'")
      .get() as { n: number };
    expect(count.n).toBe(1);
    const invitations = ok(
      world.call('chat', 'read_messages', { conversation: 'p_wangfang' }),
    ).messages.filter((m: any) => m.kind === 'invitation');
    expect(invitations).toHaveLength(1);
    const reused = world.call('calendar', 'create_event', { ...input, start: '2026-12-01T12:30' });
    expect(reused.ok ? 'ok' : reused.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });
});

describe('calendar move, cancel, respond', () => {
  it('moves your event, keeps its length, tells attendees and asks them again', () => {
    world = World.open({ seed: 3 });
    const moved = ok(
      world.call('calendar', 'move_event', {
        event_id: 'evt_liming_gym_1201',
        start: '2026-12-01T20:00',
        idempotency_key: 'm',
      }),
    );
    expect(moved.event).toMatchObject({
      start: '2026-12-01T20:00:00+08:00',
      end: '2026-12-01T21:00:00+08:00',
      attendees: [{ person_id: 'p_zhoujie', response: 'needs_action' }],
    });
    expect(moved.notified).toHaveLength(1);
    const notice = lastMessage('p_zhoujie');
    expect(notice).toMatchObject({
      kind: 'invitation',
      ref: 'evt_liming_gym_1201',
      id: moved.notified[0].message_id,
    });
    expect(notice.text).toContain('改到 2026-12-01（周二）20:00–21:00');
    expect(notice.text).toContain('原定 2026-12-01（周二）19:00–20:00');
  });

  it.each([
    ["someone else's event", { event_id: 'evt_review_1201', start: '2026-12-01T16:00' }, 'FORBIDDEN'],
    [
      'an event you cannot see',
      { event_id: 'evt_wangfang_dentist_1202', start: '2026-12-02T17:00' },
      'NOT_FOUND',
    ],
    [
      'a new start in the past',
      { event_id: 'evt_liming_gym_1201', start: '2026-11-29T19:00' },
      'INVALID_INPUT',
    ],
    [
      'an end before the start',
      { event_id: 'evt_liming_gym_1201', start: '2026-12-01T20:00', end: '2026-12-01T19:00' },
      'INVALID_INPUT',
    ],
    ['an unreadable time', { event_id: 'evt_liming_gym_1201', start: 'soon' }, 'INVALID_INPUT'],
  ])('refuses to move %s', (_label, input, code) => {
    world = World.open({ seed: 3 });
    refused('move_event', { ...input, idempotency_key: 'k' }, code);
  });

  it('cancels your event: it stays, marked cancelled, attendees are told, and a second cancel conflicts', () => {
    world = World.open({ seed: 3 });
    const out = ok(
      world.call('calendar', 'cancel_event', { event_id: 'evt_client_1203', idempotency_key: 'c' }),
    );
    expect(out.event.status).toBe('cancelled');
    expect(out.notified.map((n: any) => n.person_id)).toEqual(['p_gaoyuan', 'p_wangfang']);
    expect(lastMessage('p_gaoyuan').text).toContain('【日程取消】客户方案汇报');
    const thursday = { from: '2026-12-03' };
    expect(ok(world.call('calendar', 'list_events', thursday)).events.map((e: any) => e.id)).not.toContain(
      'evt_client_1203',
    );
    const withCancelled = ok(
      world.call('calendar', 'list_events', { ...thursday, include_cancelled: true }),
    ).events;
    expect(withCancelled.find((e: any) => e.id === 'evt_client_1203').status).toBe('cancelled');
    const busy = ok(world.call('calendar', 'get_free_busy', { person_ids: ['p_gaoyuan'], ...thursday }))
      .people[0].busy;
    expect(busy.some((b: any) => b.start === '2026-12-03T10:00:00+08:00')).toBe(false);
    refused('cancel_event', { event_id: 'evt_client_1203', idempotency_key: 'c2' }, 'CONFLICT');
    refused(
      'move_event',
      { event_id: 'evt_client_1203', start: '2026-12-04T10:00', idempotency_key: 'm' },
      'CONFLICT',
    );
  });

  it('refuses to cancel an event someone else organises or one that has ended', () => {
    world = World.open({ seed: 3 });
    refused('cancel_event', { event_id: 'evt_reunion_1205', idempotency_key: 'k' }, 'FORBIDDEN');
    refused('cancel_event', { event_id: 'evt_nothing', idempotency_key: 'k' }, 'NOT_FOUND');
    advanceTo('2026-12-03T09:00'); // Thursday: Tuesday's gym is over
    refused('cancel_event', { event_id: 'evt_liming_gym_1201', idempotency_key: 'k' }, 'CONFLICT');
  });

  it('accepts and declines invitations from others', () => {
    world = World.open({ seed: 3 });
    const accepted = ok(
      world.call('calendar', 'respond_to_invitation', {
        event_id: 'evt_reunion_1205',
        response: 'accept',
        idempotency_key: 'a',
      }),
    );
    expect(accepted.my_response).toBe('accepted');
    const declined = ok(
      world.call('calendar', 'respond_to_invitation', {
        event_id: 'evt_reunion_1205',
        response: 'decline',
        idempotency_key: 'b',
      }),
    );
    expect(declined.my_response).toBe('declined');
    const row = world.db
      .prepare(
        "SELECT response FROM calendar_attendees WHERE event_id = 'evt_reunion_1205' AND person_id = 'p_liming'",
      )
      .get() as { response: string };
    expect(row.response).toBe('declined');
  });

  it('refuses to answer your own event, a cancelled one, an ended one, or one you are not invited to', () => {
    world = World.open({ seed: 3 });
    const answer = (event_id: string, code: string) =>
      refused(
        'respond_to_invitation',
        { event_id, response: 'accept', idempotency_key: `k-${event_id}` },
        code,
      );
    answer('evt_liming_gym_1201', 'CONFLICT');
    answer('evt_design_review_1203', 'NOT_FOUND');
    world.setPersona('sam');
    ok(world.call('calendar', 'cancel_event', { event_id: 'evt_team_lunch_1204', idempotency_key: 'x' }));
    world.setPersona('liming');
    world.db
      .prepare(
        "INSERT INTO calendar_attendees VALUES ('evt_team_lunch_1204', 'p_liming', 'needs_action', NULL)",
      )
      .run();
    answer('evt_team_lunch_1204', 'CONFLICT');
    advanceTo('2026-11-30T23:00'); // the movie is over
    answer('evt_movie_1130', 'CONFLICT');
  });
});

describe('calendar world', () => {
  it('declares descriptions untrusted, so a bench can plant text in an invitation', () => {
    world = World.open({ seed: 3 });
    world.plant({
      app: 'calendar',
      table: 'calendar_events',
      column: 'description',
      id: 'evt_reunion_1205',
      text: 'PLANTED',
    });
    expect(ok(world.call('calendar', 'get_event', { event_id: 'evt_reunion_1205' })).description).toBe(
      'PLANTED',
    );
  });

  it('builds the same world from the same seed, with fixed events and seed-varied busy blocks', () => {
    expect(
      World.open({ seed: 7 })
        .snapshot()
        .bytes.equals(World.open({ seed: 7 }).snapshot().bytes),
    ).toBe(true);
    const events = (seed: number) => {
      world = World.open({ seed });
      const rows = world.db.prepare('SELECT id, start_at FROM calendar_events ORDER BY id').all() as any[];
      world.close();
      return rows.map((r) => `${r.id}@${r.start_at}`);
    };
    const [a, b] = [events(1), events(2)];
    const fixed = (rows: string[]) => rows.filter((r) => !r.startsWith('evt_busy_'));
    expect(fixed(a)).toEqual(fixed(b));
    expect(a.filter((r) => r.startsWith('evt_busy_'))).not.toEqual(
      b.filter((r) => r.startsWith('evt_busy_')),
    );
  });
});
