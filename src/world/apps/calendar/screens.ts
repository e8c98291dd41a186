import { localDate } from '../../clock.js';
import {
  appScreens,
  peopleChecks,
  type Row,
  type ScreenContext,
  type ScreenRoute,
} from '../../screens/kit.js';

const { page, esc, field, select, toolForm, when } = appScreens('calendar', [
  { path: '/calendar', zh: '日程', en: 'Day' },
  { path: '/calendar/new', zh: '新建', en: 'New' },
  { path: '/calendar/free', zh: '找时间', en: 'Find time' },
]);
const DAY_MS = 86_400_000;

function shiftDate(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

function day(s: ScreenContext): string {
  const date = s.q('date') ?? localDate(s.world.now);
  const data = s.read<{ events: Row[] }>('calendar', 'list_events', { from: date, to: date });
  const events = data.events
    .map(
      (e) =>
        `<li class="card"><a href="${esc(s.href(`/calendar/e/${e.id}`))}">${esc(e.title)}</a><div class="muted">${esc(when(e.start).slice(11))}–${esc(when(e.end).slice(11))}${e.location ? ` · ${esc(e.location)}` : ''} · ${esc(e.my_response)}</div></li>`,
    )
    .join('');
  return page(
    s,
    date,
    `<nav class="pager" aria-label="${esc(s.t('日期', 'Days'))}"><a href="${esc(s.href(`/calendar?date=${shiftDate(date, -1)}`))}">${s.t('前一天', 'Previous day')}</a><a href="${esc(s.href(`/calendar?date=${shiftDate(date, 1)}`))}">${s.t('后一天', 'Next day')}</a></nav>
<ul class="list">${events || `<li class="muted">${s.t('这天没有日程', 'Nothing this day')}</li>`}</ul>`,
  );
}

function event(s: ScreenContext): string {
  const e = s.read('calendar', 'get_event', { event_id: s.p('id') });
  const hidden = `<input type="hidden" name="event_id" value="${esc(e.id)}">`;
  const mine = e.my_response === 'organizer';
  const actions = mine
    ? `<details class="card"><summary>${s.t('改时间', 'Move')}</summary>${toolForm('calendar', 'move_event', `${hidden}${field(s.t('新的开始时间', 'New start'), 'start', { type: 'datetime-local', required: true })}${field(s.t('时长（分钟）', 'Duration (minutes)'), 'duration_minutes', { type: 'number', data: 'int' })}<button>${s.t('改时间', 'Move event')}</button>`, { done: s.t('日程已改时间', 'Event moved') })}</details>
${toolForm('calendar', 'cancel_event', `${hidden}<button class="secondary">${s.t('取消日程', 'Cancel event')}</button>`, { confirm: s.t(`取消「${e.title}」并通知参与人？`, `Cancel "${e.title}" and tell everyone?`), done: s.t('日程已取消', 'Event cancelled') })}`
    : `<div class="row">${toolForm('calendar', 'respond_to_invitation', `${hidden}<input type="hidden" name="response" value="accept"><button>${s.t('接受', 'Accept')}</button>`, { done: s.t('已接受', 'Accepted') })}${toolForm('calendar', 'respond_to_invitation', `${hidden}<input type="hidden" name="response" value="decline"><button class="secondary">${s.t('拒绝', 'Decline')}</button>`, { done: s.t('已拒绝', 'Declined') })}</div>`;
  return page(
    s,
    String(e.title),
    `<section class="card"><div>${esc(when(e.start))} – ${esc(when(e.end).slice(11))}</div><div class="muted">${esc(e.location)} · ${esc(e.status)}</div>
<div class="muted">${s.t('组织者', 'Organiser')}：${esc(e.organizer?.name)} · ${s.t('我的回复', 'My answer')}：${esc(e.my_response)}</div>
<ul>${(e.attendees as Row[]).map((a) => `<li>${esc(a.name)} · ${esc(a.response)}</li>`).join('')}</ul>${e.description ? `<p>${esc(e.description)}</p>` : ''}</section>${actions}`,
    `/calendar?date=${String(e.start).slice(0, 10)}`,
  );
}

function create(s: ScreenContext): string {
  const attendees = (s.q('attendees') ?? '').split(',').filter(Boolean);
  const placeId = s.q('place_id');
  return page(
    s,
    s.t('新建日程', 'New event'),
    toolForm(
      'calendar',
      'create_event',
      `${field(s.t('标题', 'Title'), 'title', { required: true })}${field(s.t('开始时间', 'Start'), 'start', { type: 'datetime-local', required: true, value: s.q('start') ?? '' })}
${field(s.t('时长（分钟）', 'Duration (minutes)'), 'duration_minutes', { type: 'number', data: 'int', value: s.q('duration') ?? '' })}${field(s.t('结束时间（可选）', 'End (optional)'), 'end', { type: 'datetime-local' })}
${peopleChecks(s, 'attendee_ids', attendees, { asList: true })}${field(s.t('地点', 'Location'), 'location', { value: s.q('location') ?? '' })}${placeId ? `<input type="hidden" name="place_id" value="${esc(placeId)}"><p class="muted">${s.t('地图地点', 'Map place')}：${esc(placeId)}</p>` : ''}
<label for="ev-desc">${s.t('说明', 'Notes')}</label><textarea id="ev-desc" name="description"></textarea><button>${s.t('创建并邀请', 'Create and invite')}</button>`,
      {
        next: '/ui/calendar/e/{event.id}',
        cls: 'card',
        confirm: s.t('创建日程并向勾选的人发送邀请？', 'Create the event and invite the people ticked?'),
      },
    ),
    '/calendar',
  );
}

function free(s: ScreenContext): string {
  const people = s.c.req.queries('attendees') ?? [];
  const date = s.q('date') ?? localDate(s.world.now);
  const duration = Number(s.q('duration') ?? 60) || 60;
  const earliest = s.q('earliest');
  let results = '';
  if (s.q('date')) {
    const found = s.read<{ slots: Row[] }>('calendar', 'find_free_time', {
      attendee_ids: people,
      date,
      duration_minutes: duration,
      ...(earliest ? { earliest } : {}),
    });
    const busy = people.length
      ? s.read<{ people: Row[] }>('calendar', 'get_free_busy', { person_ids: people, from: date, to: date })
          .people
      : [];
    results = `<h2>${s.t('可用时间', 'Free times')}</h2><ul class="list">${
      found.slots
        .map(
          (slot) =>
            `<li class="card row"><span>${esc(when(slot.start))}–${esc(when(slot.end).slice(11))}</span><a class="button" href="${esc(s.href(`/calendar/new?start=${encodeURIComponent(String(slot.start).slice(0, 16))}&duration=${duration}&attendees=${encodeURIComponent(people.join(','))}`))}">${s.t('用这个时间', 'Use this time')}</a></li>`,
        )
        .join('') || `<li class="muted">${s.t('没有合适的时间', 'No free time fits')}</li>`
    }</ul>
<h2>${s.t('忙碌', 'Busy')}</h2><ul class="list">${busy.map((p) => `<li>${esc(p.name)}：${(p.busy as Row[]).map((b) => `${esc(when(b.start).slice(11))}–${esc(when(b.end).slice(11))}`).join('，') || s.t('全天有空', 'free all day')}</li>`).join('')}</ul>`;
  }
  return page(
    s,
    s.t('找空闲时间', 'Find a free time'),
    `<form method="get" class="card" aria-label="${esc(s.t('找空闲时间', 'Find a free time'))}">${peopleChecks(s, 'attendees', people)}${field(s.t('日期', 'Date'), 'date', { type: 'date', value: date })}
${select(
  s.t('时长', 'Length'),
  'duration',
  ['15', '30', '45', '60', '90', '120', '180'].map((m) => [m, s.t(`${m} 分钟`, `${m} min`)]),
  String(duration),
)}${field(s.t('最早开始', 'Not before'), 'earliest', { type: 'time', value: earliest ?? '' })}<button>${s.t('查找', 'Find')}</button></form>${results}`,
    '/calendar',
  );
}

/** The calendar's screens: a day, one event, a new event, and finding a free time. */
export const calendarScreens: ScreenRoute[] = [
  ['/ui/calendar', day],
  ['/ui/calendar/e/:id', event],
  ['/ui/calendar/new', create],
  ['/ui/calendar/free', free],
];
