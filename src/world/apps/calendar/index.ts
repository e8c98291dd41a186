import { defineApp } from '../../app.js';
import { CALENDAR_SCHEMA } from './schema.js';
import { seedCalendar } from './seed.js';
import { answerInvitations } from './answers.js';
import { calendarTools } from './tools.js';

export { busyOf, getEvent } from './service.js';

/** Calendar: your events and invitations, free/busy of contacts, invitations sent through chat. */
export const calendarApp = defineApp({
  name: 'calendar',
  title: { zh: '日历', en: 'Calendar' },
  schema: CALENDAR_SCHEMA,
  seed: seedCalendar,
  tools: calendarTools,
  // Contacts scripted to answer invitations do so as the clock moves on.
  advance: (ctx) => answerInvitations(ctx),
  untrusted: [{ table: 'calendar_events', column: 'description', label: 'event description' }],
  examples: {
    list_events: [{}, { from: '2026-12-01', to: '2026-12-05' }],
    get_event: [{ event_id: 'evt_review_1201' }],
    find_free_time: [{ attendee_ids: ['p_wangfang', 'p_liuyang'], date: '2026-12-02', duration_minutes: 30 }],
    get_free_busy: [{ person_ids: ['p_liming', 'p_wangfang'], from: '2026-12-01' }],
    create_event: [
      {
        title: '方案讨论',
        start: '2026-12-02T17:00',
        duration_minutes: 30,
        attendee_ids: ['p_wangfang'],
        location: '公司5楼会议室',
      },
    ],
    move_event: [{ event_id: 'evt_liming_gym_1201', start: '2026-12-01T20:00' }],
    cancel_event: [{ event_id: 'evt_client_1203' }],
    respond_to_invitation: [{ event_id: 'evt_review_1201', response: 'accept' }],
  },
});
