import type { SeedContext } from '../../app.js';
import { MINUTE_MS } from '../../clock.js';

/** The ledger's tables: cost centres with budgets, expense reports, invoices both ways, payments, reminders, exports. */
export const LEDGER_SCHEMA = `
CREATE TABLE ledger_cost_centres (
  id TEXT PRIMARY KEY, name_zh TEXT NOT NULL, name_en TEXT NOT NULL, owner_id TEXT NOT NULL,
  budget INTEGER NOT NULL, spent INTEGER NOT NULL CHECK (spent >= 0), period TEXT NOT NULL
);
CREATE TABLE ledger_expenses (
  id TEXT PRIMARY KEY,
  employee_id TEXT NOT NULL,
  cost_centre_id TEXT NOT NULL REFERENCES ledger_cost_centres(id),
  receipt_ref TEXT NOT NULL,
  category TEXT NOT NULL CHECK (category IN ('meal', 'client_meal', 'travel', 'supplies', 'training', 'other')),
  description TEXT NOT NULL,
  amount INTEGER NOT NULL CHECK (amount > 0),
  spent_on TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('submitted', 'approved', 'rejected')),
  submitted_at INTEGER NOT NULL,
  decided_by TEXT,
  decided_at INTEGER,
  note TEXT NOT NULL
);
CREATE TABLE ledger_invoices (
  id TEXT PRIMARY KEY,
  direction TEXT NOT NULL CHECK (direction IN ('payable', 'receivable')),
  party_id TEXT NOT NULL,
  party_zh TEXT NOT NULL,
  party_en TEXT NOT NULL,
  number TEXT NOT NULL,
  amount INTEGER NOT NULL CHECK (amount > 0),
  cost_centre_id TEXT NOT NULL REFERENCES ledger_cost_centres(id),
  issued_on TEXT NOT NULL,
  due_on TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('open', 'paid')),
  memo TEXT NOT NULL,
  paid_at INTEGER
);
CREATE TABLE ledger_payments (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('invoice', 'reimbursement')),
  ref_id TEXT NOT NULL,
  payee_id TEXT NOT NULL,
  amount INTEGER NOT NULL CHECK (amount > 0),
  cost_centre_id TEXT NOT NULL,
  paid_by TEXT NOT NULL,
  paid_at INTEGER NOT NULL
);
CREATE TABLE ledger_reminders (
  id TEXT PRIMARY KEY, invoice_id TEXT NOT NULL REFERENCES ledger_invoices(id), to_id TEXT NOT NULL,
  text TEXT NOT NULL, sent_by TEXT NOT NULL, sent_at INTEGER NOT NULL
);
CREATE TABLE ledger_exports (
  id TEXT PRIMARY KEY, cost_centre_id TEXT NOT NULL, period TEXT NOT NULL, csv TEXT NOT NULL,
  made_by TEXT NOT NULL, made_at INTEGER NOT NULL
);`;

// [id, 中文, English, owner, budget fen, spent fen]
const CENTRES: [string, string, string, string, number, number][] = [
  ['cc_supply', '供应链', 'Supply chain', 'p_liming', 30_000_000, 21_450_000],
  ['cc_eng', '工程', 'Engineering', 'p_sam', 5_000_000, 4_800_000],
  ['cc_mkt', '市场', 'Marketing', 'p_huangting', 8_000_000, 3_000_000],
  ['cc_infra', '基础设施', 'Infrastructure', 'p_sam', 6_000_000, 2_100_000],
];

// [id, employee, centre, receipt, category, description, amount, spent on, status]
const EXPENSES: [string, string, string, string, string, string, number, string, string][] = [
  [
    'exp_seed_1',
    'p_liuyang',
    'cc_supply',
    'taxi:20261126-0931',
    'travel',
    '去深圳仓盘点的打车费',
    8_600,
    '2026-11-26',
    'submitted',
  ],
  [
    'exp_seed_2',
    'p_sunli',
    'cc_supply',
    'train:G1234',
    'travel',
    '拜访鑫源电子的高铁票',
    55_300,
    '2026-11-25',
    'submitted',
  ],
  [
    'exp_seed_3',
    'p_liuyang',
    'cc_supply',
    'food:restaurant-receipt-8812',
    'meal',
    '仓库团队聚餐',
    128_000,
    '2026-11-27',
    'submitted',
  ],
  [
    'exp_seed_4',
    'p_lisa',
    'cc_eng',
    'ticket:DEVCONF-2026',
    'training',
    'DevConf Shanghai ticket',
    240_000,
    '2026-11-20',
    'submitted',
  ],
  [
    'exp_seed_5',
    'p_kevin',
    'cc_eng',
    'cert:CKA-88121',
    'training',
    'Kubernetes certification exam',
    120_000,
    '2026-11-24',
    'submitted',
  ],
  [
    'exp_seed_6',
    'p_emily',
    'cc_eng',
    'shop:book-4411',
    'supplies',
    'Testing book',
    8_900,
    '2026-11-23',
    'submitted',
  ],
  [
    'exp_seed_7',
    'p_liming',
    'cc_supply',
    'taxi:20261118-1720',
    'travel',
    '去华芯科技的打车费',
    6_200,
    '2026-11-18',
    'approved',
  ],
];

// [id, direction, party, 中文, English, number, amount, centre, issued, due, status, memo]
const INVOICES: [
  string,
  string,
  string,
  string,
  string,
  string,
  number,
  string,
  string,
  string,
  string,
  string,
][] = [
  [
    'inv_ch_11',
    'payable',
    'v_cloudhost',
    '云主机',
    'CloudHost',
    'CH-2026-11',
    360_000,
    'cc_infra',
    '2026-11-28',
    '2026-12-05',
    'open',
    'November compute and storage.',
  ],
  [
    'inv_ch_10',
    'payable',
    'v_cloudhost',
    '云主机',
    'CloudHost',
    'CH-2026-10',
    340_000,
    'cc_infra',
    '2026-10-29',
    '2026-11-05',
    'paid',
    'October compute and storage.',
  ],
  [
    'inv_ch_10b',
    'payable',
    'v_cloudhost',
    '云主机',
    'CloudHost',
    'CH-2026-10',
    340_000,
    'cc_infra',
    '2026-11-27',
    '2026-12-04',
    'open',
    'October compute and storage (resent).',
  ],
  [
    'inv_xy_1127',
    'payable',
    'sup_xinyuan',
    '鑫源电子',
    'Xinyuan Electronics',
    'XY-1127',
    1_280_000,
    'cc_supply',
    '2026-11-13',
    '2026-11-27',
    'open',
    '10月门窗传感器货款。',
  ],
  [
    'inv_df_1202',
    'payable',
    'sup_dongfang',
    '东方包装',
    'Dongfang Packaging',
    'DF-1202',
    300_000,
    'cc_supply',
    '2026-11-30',
    '2026-12-10',
    'open',
    '礼盒500个。',
  ],
  [
    'inv_r_gy_1',
    'receivable',
    'p_gaoyuan',
    '高远',
    'Gao Yuan',
    'XH-2026-031',
    3_600_000,
    'cc_supply',
    '2026-10-21',
    '2026-11-20',
    'open',
    '智能插座批量订单。',
  ],
  [
    'inv_r_tn_1',
    'receivable',
    'p_tangning',
    '唐宁',
    'Tang Ning',
    'XH-2026-034',
    1_850_000,
    'cc_supply',
    '2026-10-26',
    '2026-11-25',
    'open',
    '网关100台。',
  ],
  [
    'inv_r_gy_2',
    'receivable',
    'p_gaoyuan',
    '高远',
    'Gao Yuan',
    'XH-2026-040',
    900_000,
    'cc_supply',
    '2026-11-15',
    '2026-12-15',
    'open',
    '台灯样品。',
  ],
  [
    'inv_r_tn_0',
    'receivable',
    'p_tangning',
    '唐宁',
    'Tang Ning',
    'XH-2026-022',
    1_200_000,
    'cc_supply',
    '2026-09-20',
    '2026-10-20',
    'paid',
    '传感器。',
  ],
];

/** Seeds the company's books: three cost centres with budgets, expense reports waiting for approval, invoices both ways. */
export function seedLedger(ctx: SeedContext): void {
  const { db, now } = ctx;
  for (const c of CENTRES)
    db.prepare("INSERT INTO ledger_cost_centres VALUES (?, ?, ?, ?, ?, ?, '2026-Q4')").run(...c);
  for (const [id, who, cc, receipt, cat, desc, amount, on, status] of EXPENSES)
    db.prepare('INSERT INTO ledger_expenses VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
      id,
      who,
      cc,
      receipt,
      cat,
      desc,
      amount,
      on,
      status,
      now - 3 * 24 * 60 * MINUTE_MS,
      status === 'approved' ? 'p_chenjing' : null,
      status === 'approved' ? now - 2 * 24 * 60 * MINUTE_MS : null,
      '',
    );
  for (const [id, dir, party, zh, en, number, amount, cc, issued, due, status, memo] of INVOICES)
    db.prepare('INSERT INTO ledger_invoices VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
      id,
      dir,
      party,
      zh,
      en,
      number,
      amount,
      cc,
      issued,
      due,
      status,
      memo,
      status === 'paid' ? now - 20 * 24 * 60 * MINUTE_MS : null,
    );
}
