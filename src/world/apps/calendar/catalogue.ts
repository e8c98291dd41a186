/**
 * Calendar's seed catalogue: the personas' first two weeks from Monday 2026-11-30 and their
 * contacts' own commitments, so free/busy means something. Ids, titles, times and responses are fixed
 * (tasks name them); the seed adds varied "busy" blocks to contacts' calendars.
 */

/** A response an attendee has given. */
export type Response = 'needs_action' | 'accepted' | 'declined';

/** One seeded event: day `MM-DD` (2026) and local clock times. */
export interface SeedEvent {
  id: string;
  organizer: string;
  title: string;
  day: string;
  start: string;
  end: string;
  location: string;
  place_id?: string;
  description?: string;
  attendees?: [person: string, response: Response][];
}

/** The weekdays of the first two weeks, as `MM-DD`. */
export const WEEKDAYS = [
  '11-30',
  '12-01',
  '12-02',
  '12-03',
  '12-04',
  '12-07',
  '12-08',
  '12-09',
  '12-10',
  '12-11',
];

const LIMING_TEAM = ['p_liming', 'p_wangfang', 'p_liuyang', 'p_sunli', 'p_huangting', 'p_xufei', 'p_luolin'];
const SAM_TEAM = ['p_sam', 'p_emily', 'p_kevin', 'p_lisa'];

function standups(): SeedEvent[] {
  return WEEKDAYS.flatMap((day): SeedEvent[] => [
    {
      id: `evt_standup_${day.replace('-', '')}`,
      organizer: 'p_chenjing',
      title: '每日站会',
      day,
      start: '09:30',
      end: '09:45',
      location: '公司3楼小会议室',
      place_id: 'pl_office_liming',
      description: '每天站会：昨天做了什么、今天做什么、有什么阻碍。',
      attendees: LIMING_TEAM.map((p) => [p, 'accepted']),
    },
    {
      id: `evt_sam_standup_${day.replace('-', '')}`,
      organizer: 'p_priya',
      title: 'Team stand-up',
      day,
      start: '10:00',
      end: '10:15',
      location: 'Room 12A',
      place_id: 'pl_office_sam',
      description: 'Daily stand-up: yesterday, today, blockers.',
      attendees: SAM_TEAM.map((p) => [p, 'accepted']),
    },
  ]);
}

const LIMING_EVENTS: SeedEvent[] = [
  {
    id: 'evt_movie_1130',
    organizer: 'p_hanxue',
    title: '看电影',
    day: '11-30',
    start: '19:30',
    end: '22:00',
    location: '万达影城',
    description: '七点半那场，票我来买，七点一刻影院门口见。',
    attendees: [['p_liming', 'accepted']],
  },
  {
    id: 'evt_review_1201',
    organizer: 'p_wangfang',
    title: '需求评审 Requirements review',
    day: '12-01',
    start: '15:00',
    end: '16:30',
    location: '公司5楼大会议室',
    place_id: 'pl_office_liming',
    description: '评审新版下单流程需求，请提前阅读共享盘里的《下单流程v2》文档。',
    attendees: [
      ['p_liming', 'needs_action'],
      ['p_liuyang', 'accepted'],
      ['p_sunli', 'accepted'],
      ['p_chenjing', 'accepted'],
      ['p_sam', 'needs_action'],
    ],
  },
  {
    id: 'evt_liming_gym_1201',
    organizer: 'p_liming',
    title: '私教课',
    day: '12-01',
    start: '19:00',
    end: '20:00',
    location: '健身房',
    attendees: [['p_zhoujie', 'accepted']],
  },
  {
    id: 'evt_liming_1on1_1202',
    organizer: 'p_chenjing',
    title: '一对一：年终总结',
    day: '12-02',
    start: '14:00',
    end: '14:45',
    location: '陈经理办公室',
    place_id: 'pl_office_liming',
    description: '聊聊今年的工作总结和明年的目标，带上你的自评。',
    attendees: [['p_liming', 'accepted']],
  },
  {
    id: 'evt_client_1203',
    organizer: 'p_liming',
    title: '客户方案汇报',
    day: '12-03',
    start: '10:00',
    end: '11:30',
    location: '高远公司会议室',
    attendees: [
      ['p_gaoyuan', 'accepted'],
      ['p_wangfang', 'accepted'],
    ],
  },
  {
    id: 'evt_project_lunch_1203',
    organizer: 'p_liming',
    title: '项目组午餐 Project lunch',
    day: '12-03',
    start: '12:00',
    end: '13:00',
    location: '公司附近',
    attendees: [
      ['p_wangfang', 'accepted'],
      ['p_liuyang', 'accepted'],
      ['p_sunli', 'accepted'],
      ['p_sam', 'accepted'],
    ],
  },
  {
    id: 'evt_liming_gym_1203',
    organizer: 'p_liming',
    title: '私教课',
    day: '12-03',
    start: '19:00',
    end: '20:00',
    location: '健身房',
    attendees: [['p_zhoujie', 'accepted']],
  },
  {
    id: 'evt_family_lunch_1205',
    organizer: 'p_liuxiuying',
    title: '回家吃饭',
    day: '12-05',
    start: '12:00',
    end: '14:00',
    location: '爸妈家',
    description: '你爸做红烧肉，早点回来。',
    attendees: [
      ['p_liming', 'accepted'],
      ['p_lijianguo', 'accepted'],
    ],
  },
  {
    id: 'evt_reunion_1205',
    organizer: 'p_zhangwei',
    title: '大学同学聚会',
    day: '12-05',
    start: '18:00',
    end: '21:00',
    location: '老地方火锅店',
    description: '寝室毕业十周年聚会。费用AA，每人200元，到时候转给我。',
    attendees: [
      ['p_liming', 'needs_action'],
      ['p_liangchen', 'accepted'],
    ],
  },
];

const SAM_EVENTS: SeedEvent[] = [
  {
    id: 'evt_sam_gym_1130',
    organizer: 'p_sam',
    title: 'Gym',
    day: '11-30',
    start: '19:00',
    end: '20:00',
    location: 'FitZone gym',
    attendees: [['p_mike', 'accepted']],
  },
  {
    id: 'evt_sam_1on1_1202',
    organizer: 'p_priya',
    title: '1:1 Sam / Priya',
    day: '12-02',
    start: '11:00',
    end: '11:30',
    location: "Priya's office",
    place_id: 'pl_office_sam',
    description: 'Q4 review. Please bring the Q4 slides.',
    attendees: [['p_sam', 'accepted']],
  },
  {
    id: 'evt_sam_gym_1202',
    organizer: 'p_sam',
    title: 'Gym',
    day: '12-02',
    start: '19:00',
    end: '20:00',
    location: 'FitZone gym',
    attendees: [['p_mike', 'accepted']],
  },
  {
    id: 'evt_design_review_1203',
    organizer: 'p_emily',
    title: 'Design review: checkout',
    day: '12-03',
    start: '14:00',
    end: '15:00',
    location: 'Room 12B',
    place_id: 'pl_office_sam',
    description:
      'We will walk through the new checkout screens. Please bring your feedback on the Figma file.',
    attendees: [
      ['p_sam', 'needs_action'],
      ['p_kevin', 'accepted'],
      ['p_lisa', 'accepted'],
    ],
  },
  {
    id: 'evt_team_lunch_1204',
    organizer: 'p_sam',
    title: 'Team Lunch',
    day: '12-04',
    start: '12:00',
    end: '13:00',
    location: 'Dumpling place near the office',
    attendees: [
      ['p_emily', 'accepted'],
      ['p_kevin', 'accepted'],
      ['p_lisa', 'accepted'],
      ['p_david', 'accepted'],
    ],
  },
  {
    id: 'evt_hackathon_1204',
    organizer: 'p_kevin',
    title: 'Hackathon planning',
    day: '12-04',
    start: '16:00',
    end: '17:00',
    location: 'Room 12A',
    place_id: 'pl_office_sam',
    description: 'Brainstorm ideas for the December hackathon. Bring one idea each.',
    attendees: [
      ['p_sam', 'needs_action'],
      ['p_emily', 'accepted'],
    ],
  },
];

/** Contacts' own commitments (no attendees): what makes their free/busy differ. */
const CONTACT_EVENTS: SeedEvent[] = [
  {
    id: 'evt_wangfang_visit_1201',
    organizer: 'p_wangfang',
    title: '客户回访',
    day: '12-01',
    start: '10:00',
    end: '11:30',
    location: '客户公司',
  },
  {
    id: 'evt_wangfang_dentist_1202',
    organizer: 'p_wangfang',
    title: '看牙医',
    day: '12-02',
    start: '16:00',
    end: '17:00',
    location: '口腔医院',
  },
  {
    id: 'evt_liuyang_training_1202',
    organizer: 'p_liuyang',
    title: '部门培训',
    day: '12-02',
    start: '10:00',
    end: '12:00',
    location: '培训室',
  },
  {
    id: 'evt_sunli_leave_1204',
    organizer: 'p_sunli',
    title: '年假',
    day: '12-04',
    start: '09:00',
    end: '18:00',
    location: '',
  },
  {
    id: 'evt_chenjing_mgmt_1130',
    organizer: 'p_chenjing',
    title: '管理层周会',
    day: '11-30',
    start: '14:00',
    end: '16:00',
    location: '公司8楼',
  },
  {
    id: 'evt_chenjing_budget_1203',
    organizer: 'p_chenjing',
    title: '预算评审',
    day: '12-03',
    start: '15:00',
    end: '17:00',
    location: '公司8楼',
  },
  {
    id: 'evt_gaoyuan_internal_1203',
    organizer: 'p_gaoyuan',
    title: '内部会议',
    day: '12-03',
    start: '14:00',
    end: '15:00',
    location: '',
  },
  {
    id: 'evt_hanxue_yoga_1202',
    organizer: 'p_hanxue',
    title: '瑜伽课',
    day: '12-02',
    start: '19:00',
    end: '20:30',
    location: '瑜伽馆',
  },
  {
    id: 'evt_emily_vendor_1130',
    organizer: 'p_emily',
    title: 'Vendor call',
    day: '11-30',
    start: '14:00',
    end: '15:00',
    location: '',
  },
  {
    id: 'evt_priya_sync_1201',
    organizer: 'p_priya',
    title: 'Leadership sync',
    day: '12-01',
    start: '13:00',
    end: '15:00',
    location: '',
  },
  {
    id: 'evt_priya_flight_1202',
    organizer: 'p_priya',
    title: 'Flight to Singapore',
    day: '12-02',
    start: '15:00',
    end: '20:00',
    location: 'PEK T3',
  },
];

/** Every fixed seeded event. */
export const SEED_EVENTS: readonly SeedEvent[] = [
  ...standups(),
  ...LIMING_EVENTS,
  ...SAM_EVENTS,
  ...CONTACT_EVENTS,
];

/** Where a seed-varied busy block may start on a contact's weekday (each lasts an hour). */
export const BUSY_STARTS = ['10:30', '11:00', '13:30', '14:00', '15:00'];

/** Titles of seed-varied busy blocks. */
export const BUSY_TITLES = ['忙碌 Busy', '专注时间 Focus time', '外出 Out of office', '电话会议 Call'];
