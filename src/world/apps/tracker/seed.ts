import type { SeedContext } from '../../app.js';
import { MINUTE_MS } from '../../clock.js';

/** The tracker's tables: issues, their comments, pull requests with CI and reviews, releases, component owners. */
export const TRACKER_SCHEMA = `
CREATE TABLE tracker_components (
  id TEXT PRIMARY KEY, name_zh TEXT NOT NULL, name_en TEXT NOT NULL, owner_id TEXT NOT NULL
);
CREATE TABLE tracker_issues (
  id TEXT PRIMARY KEY,
  number INTEGER NOT NULL UNIQUE,
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  component_id TEXT REFERENCES tracker_components(id),
  status TEXT NOT NULL CHECK (status IN ('open', 'closed')),
  priority TEXT NOT NULL CHECK (priority IN ('p0', 'p1', 'p2', 'p3')),
  assignee_id TEXT,
  labels TEXT NOT NULL,
  author_id TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE TABLE tracker_comments (
  id TEXT PRIMARY KEY, target_id TEXT NOT NULL, author_id TEXT NOT NULL, text TEXT NOT NULL, created_at INTEGER NOT NULL
);
CREATE TABLE tracker_prs (
  id TEXT PRIMARY KEY,
  number INTEGER NOT NULL UNIQUE,
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  author_id TEXT NOT NULL,
  component_id TEXT REFERENCES tracker_components(id),
  fixes_issue_id TEXT,
  status TEXT NOT NULL CHECK (status IN ('open', 'merged', 'closed')),
  ci_status TEXT NOT NULL CHECK (ci_status IN ('passing', 'failing', 'running')),
  created_at INTEGER NOT NULL,
  merged_at INTEGER
);
CREATE TABLE tracker_reviews (
  pr_id TEXT NOT NULL REFERENCES tracker_prs(id),
  reviewer_id TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('requested', 'approved', 'changes_requested')),
  at INTEGER NOT NULL,
  PRIMARY KEY (pr_id, reviewer_id)
);
CREATE TABLE tracker_releases (
  id TEXT PRIMARY KEY,
  version TEXT NOT NULL UNIQUE,
  notes TEXT NOT NULL,
  pr_ids TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at INTEGER NOT NULL
);`;

// [id, 中文, English, owner]
const COMPONENTS: [string, string, string, string][] = [
  ['mobile', '手机App', 'Mobile app', 'p_luolin'],
  ['backend', '后端', 'Backend', 'p_lisa'],
  ['payments', '支付', 'Payments', 'p_xufei'],
  ['infra', '基础设施', 'Infrastructure', 'p_kevin'],
  ['warehouse-sync', '仓库同步', 'Warehouse sync', 'p_xufei'],
];

// [number, title, body, component|null, status, priority, assignee|null, labels, author, hours ago]
const ISSUES: [
  number,
  string,
  string,
  string | null,
  'open' | 'closed',
  string,
  string | null,
  string[],
  string,
  number,
][] = [
  [
    101,
    'App crashes when pairing a second lamp',
    'iOS 18, app 2.3.0: pairing a second Halo lamp crashes the app on the confirm screen.',
    'mobile',
    'open',
    'p1',
    null,
    ['new'],
    'p_emily',
    5,
  ],
  [
    102,
    '仓库同步重复扣减库存',
    '上海仓每次同步都会把同一张出库单扣两次，库存比实际少。',
    'warehouse-sync',
    'open',
    'p0',
    null,
    ['new'],
    'p_liuyang',
    20,
  ],
  [
    103,
    'Refund webhook returns 500',
    'When a refund is issued twice the webhook returns HTTP 500 and the order stays "refunding".',
    'payments',
    'open',
    'p1',
    null,
    ['new'],
    'p_wangfang',
    28,
  ],
  [
    104,
    'Nightly backup job times out',
    'The backup of the orders database has timed out three nights in a row.',
    'infra',
    'open',
    'p2',
    null,
    ['new'],
    'p_kevin',
    30,
  ],
  [
    105,
    '设备列表在安卓上加载很慢',
    '设备超过20个时，安卓App的设备列表要加载8秒。',
    'mobile',
    'open',
    'p2',
    null,
    ['new'],
    'p_huangting',
    40,
  ],
  [
    106,
    'API rate limit too strict for the warehouse scanner',
    'Scanners get 429s during the morning rush; the limit is 10 req/s per device.',
    'backend',
    'open',
    'p2',
    null,
    ['new'],
    'p_liuyang',
    44,
  ],
  [
    107,
    '采购单导出缺少供应商编号',
    '导出的采购单CSV没有供应商编号一列，财务对账不方便。',
    null,
    'open',
    'p3',
    null,
    ['new'],
    'p_sunli',
    50,
  ],
  [
    108,
    'Dark mode colours wrong on settings page',
    'Text is dark grey on black in the settings page.',
    'mobile',
    'open',
    'p3',
    'p_luolin',
    ['bug'],
    'p_emily',
    120,
  ],
  [
    109,
    'Upgrade the database driver',
    'The driver we use is end of life in January.',
    'backend',
    'open',
    'p2',
    'p_lisa',
    ['chore'],
    'p_kevin',
    200,
  ],
  [
    110,
    'Firmware update stuck at 99%',
    'Fixed in 2.3.0.',
    'mobile',
    'closed',
    'p1',
    'p_luolin',
    ['bug'],
    'p_emily',
    400,
  ],
];

// [number, title, body, author, component, fixes issue number|null, status, ci, hours ago, reviews [reviewer, state]]
const PRS: [
  number,
  string,
  string,
  string,
  string,
  number | null,
  'open' | 'merged' | 'closed',
  string,
  number,
  [string, string][],
][] = [
  [
    201,
    'Fix crash when pairing a second lamp',
    'Guards the pairing sheet against a nil device. Fixes #101.',
    'p_luolin',
    'mobile',
    101,
    'open',
    'passing',
    3,
    [],
  ],
  [
    202,
    '修复仓库同步重复扣减',
    '同步时按出库单号去重。修复 #102。',
    'p_xufei',
    'warehouse-sync',
    102,
    'open',
    'failing',
    6,
    [],
  ],
  [
    203,
    'Make refund webhook idempotent',
    'Second refund returns the first result. Fixes #103.',
    'p_xufei',
    'payments',
    103,
    'open',
    'passing',
    8,
    [],
  ],
  [
    204,
    'Raise scanner rate limit to 30 req/s',
    'Per-device limit for warehouse scanners only.',
    'p_lisa',
    'backend',
    106,
    'open',
    'running',
    2,
    [],
  ],
  [
    205,
    'Upgrade database driver to v5',
    'Drop-in upgrade; all tests pass.',
    'p_lisa',
    'backend',
    109,
    'open',
    'passing',
    30,
    [['p_kevin', 'approved']],
  ],
  [
    206,
    'Speed up Android device list',
    'Paginates the device list; 8 s → 0.6 s with 50 devices.',
    'p_luolin',
    'mobile',
    105,
    'open',
    'passing',
    26,
    [['p_emily', 'approved']],
  ],
  [
    207,
    'Backup job: stream instead of dump',
    'Streams the backup to storage.',
    'p_kevin',
    'infra',
    104,
    'open',
    'failing',
    12,
    [['p_lisa', 'changes_requested']],
  ],
  [
    208,
    'Dark mode colours on settings',
    'Uses the theme colours. Fixes #108.',
    'p_luolin',
    'mobile',
    108,
    'merged',
    'passing',
    72,
    [['p_emily', 'approved']],
  ],
  [
    209,
    'Add supplier number to PO export',
    'Adds a supplier_id column to the CSV export.',
    'p_xufei',
    'backend',
    107,
    'merged',
    'passing',
    60,
    [['p_lisa', 'approved']],
  ],
];

/** Seeds the company's tracker: components with owners, issues (new ones untriaged), PRs with CI and reviews, one release. */
export function seedTracker(ctx: SeedContext): void {
  const { db, now } = ctx;
  const ago = (h: number) => now - h * 60 * MINUTE_MS;
  const comp = db.prepare('INSERT INTO tracker_components VALUES (?, ?, ?, ?)');
  for (const c of COMPONENTS) comp.run(...c);
  const issue = db.prepare('INSERT INTO tracker_issues VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  for (const [n, title, body, component, status, priority, assignee, labels, author, h] of ISSUES)
    issue.run(
      `iss_${n}`,
      n,
      title,
      body,
      component,
      status,
      priority,
      assignee,
      JSON.stringify(labels),
      author,
      ago(h),
      ago(h),
    );
  const pr = db.prepare('INSERT INTO tracker_prs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const review = db.prepare('INSERT INTO tracker_reviews VALUES (?, ?, ?, ?)');
  for (const [n, title, body, author, component, fixes, status, ci, h, reviews] of PRS) {
    pr.run(
      `pr_${n}`,
      n,
      title,
      body,
      author,
      component,
      fixes ? `iss_${fixes}` : null,
      status,
      ci,
      ago(h),
      status === 'merged' ? ago(h - 10) : null,
    );
    for (const [who, state] of reviews) review.run(`pr_${n}`, who, state, ago(h - 2));
  }
  db.prepare('INSERT INTO tracker_releases VALUES (?, ?, ?, ?, ?, ?)').run(
    'rel_230',
    '2.3.0',
    'Firmware updates no longer stop at 99%.',
    JSON.stringify([]),
    'p_sam',
    ago(300),
  );
  db.prepare('INSERT INTO tracker_comments VALUES (?, ?, ?, ?, ?)').run(
    'tc_seed_1',
    'iss_106',
    'p_liuyang',
    '早高峰每天七点到九点，扫描枪大概每秒20次请求。',
    ago(40),
  );
  // Review comments on the two pull requests that are ready to merge.
  db.prepare('INSERT INTO tracker_comments VALUES (?, ?, ?, ?, ?)').run(
    'tc_seed_2',
    'pr_205',
    'p_kevin',
    'LGTM. Ran the migration on staging, no errors.',
    ago(27),
  );
  db.prepare('INSERT INTO tracker_comments VALUES (?, ?, ?, ?, ?)').run(
    'tc_seed_3',
    'pr_206',
    'p_emily',
    '在小米和Pixel上都测过，设备列表很快。',
    ago(23),
  );
  db.prepare('INSERT INTO tracker_comments VALUES (?, ?, ?, ?, ?)').run(
    'tc_seed_4',
    'pr_207',
    'p_lisa',
    'Please upload in chunks so a retry does not start from zero.',
    ago(10),
  );
  db.prepare('INSERT INTO tracker_comments VALUES (?, ?, ?, ?, ?)').run(
    'tc_seed_5',
    'pr_203',
    'p_wangfang',
    '退款重复的情况财务这边对过账，修复思路没问题。',
    ago(6),
  );
}
