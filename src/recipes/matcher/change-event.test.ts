import { describe } from 'vitest';
import { type Persona, itIsUnsure, itMatches } from '../../../test/support/matcher.js';
import type { MatchedStep } from './types.js';

// Real worlds at the start: Monday 2026-11-30 11:00 UTC+8.

const move = (event_id: string, start: string): MatchedStep => ({
  recipe: 'move_event',
  params: { event_id, start },
});
const cancel = (event_id: string): MatchedStep => ({ recipe: 'cancel_event', params: { event_id } });

const MATCHED: [Persona, string, MatchedStep[]][] = [
  ['sam', 'Push my gym session tonight to 8pm.', [move('evt_sam_gym_1130', '2026-11-30T20:00')]],
  ['sam', "Cancel my gym session on Wednesday, I'm swamped that day.", [cancel('evt_sam_gym_1202')]],
  // "8" with no am or pm, for an evening session, is 20:00.
  ['li', '把周四的私教课改到8点', [move('evt_liming_gym_1203', '2026-12-03T20:00')]],
  [
    'sam',
    'Reschedule Friday’s team lunch to Thursday 1pm',
    [move('evt_team_lunch_1204', '2026-12-03T13:00')],
  ],
  [
    'sam',
    "Move Friday's team lunch to 12:30 and let the Team Lunch group know.",
    [
      move('evt_team_lunch_1204', '2026-12-04T12:30'),
      {
        recipe: 'send_message',
        params: { to: 'grp_sam_lunch', text: 'Team Lunch moves to Friday (2026-12-04) at 12:30.' },
      },
    ],
  ],
  [
    'sam',
    'Cancel my gym session on Wednesday and let Mike know',
    [
      cancel('evt_sam_gym_1202'),
      { recipe: 'send_message', params: { to: 'p_mike', text: 'Gym on 2026-12-02 is cancelled.' } },
    ],
  ],
  ['li', '把周四的项目组午餐改到12点半', [move('evt_project_lunch_1203', '2026-12-03T12:30')]],
  ['li', '把明天的私教课推迟到晚上8点', [move('evt_liming_gym_1201', '2026-12-01T20:00')]],
  ['li', '取消周四的私教课', [cancel('evt_liming_gym_1203')]],
  ['li', '客户方案汇报取消了吧', [cancel('evt_client_1203')]],
];

const UNSURE: [Persona, string, RegExp][] = [
  // Two gym sessions and no day: which one?
  ['sam', 'cancel the gym', /Which event\?.*2026-11-30.*2026-12-02/],
  ['sam', 'move my gym session to 8pm', /Which event/],
  ['li', '取消私教课', /是哪个日程/],
  // 周三 has no 私教课 (Tuesday and Thursday do).
  ['li', '取消周三的私教课', /没有对得上的日程/],
  // Someone else's event is declined, not cancelled.
  ['li', '取消明天的站会', /不是你发起的/],
  ['sam', 'cancel the design review', /not yours to cancel/],
  ['sam', 'move the hackathon planning to 5pm', /No event of yours/],
  ['sam', 'Push the team lunch', /Move it to when/],
  // A bare "8" is not a time of day in English.
  ['sam', 'move the gym on Wednesday to 8', /Move it to when/],
  ['li', '把周四的私教课改到周一上午9点', /已经过去了/],
  ['sam', 'Cancel it', /Cancel which event or order/],
];

describe('matchRequest: moving and cancelling the person’s own events', () => {
  itMatches(MATCHED);

  itIsUnsure(UNSURE);
});
