import type { SeedContext } from '../../app.js';
import { MINUTE_MS } from '../../clock.js';

/** Mail's tables: every mailbox's messages (inbox, sent, archive), by thread, and their attachments as text. */
export const MAIL_SCHEMA = `
CREATE TABLE mail_messages (
  id TEXT PRIMARY KEY,
  owner_id TEXT NOT NULL,
  thread_id TEXT NOT NULL,
  folder TEXT NOT NULL CHECK (folder IN ('inbox', 'sent', 'archive')),
  from_id TEXT,
  from_address TEXT NOT NULL,
  to_ids TEXT NOT NULL,
  subject TEXT NOT NULL,
  body TEXT NOT NULL,
  sent_at INTEGER NOT NULL,
  read INTEGER NOT NULL CHECK (read IN (0, 1)),
  reply_to_id TEXT,
  forwarded_from_id TEXT
);
CREATE INDEX mail_messages_by_owner ON mail_messages (owner_id, folder, sent_at);
CREATE TABLE mail_attachments (
  id TEXT PRIMARY KEY,
  message_id TEXT NOT NULL REFERENCES mail_messages(id),
  name TEXT NOT NULL,
  text TEXT NOT NULL
);`;

interface SeedMail {
  id: string;
  owner: string;
  from: string | null;
  address: string;
  subject: string;
  body: string;
  hoursAgo: number;
  read: boolean;
  attachments?: [string, string][];
}

const MAILS: SeedMail[] = [
  {
    id: 'ml_li_01',
    owner: 'p_liming',
    from: 'p_wangfang',
    address: 'wangfang@xinghe.example',
    subject: '11月报销提醒',
    body: '各位：本月报销请在12月2日（周三）前在记账系统提交，餐费请关联外卖订单作为凭证。招待客户的餐费记在各自部门的成本中心。',
    hoursAgo: 3,
    read: false,
  },
  {
    id: 'ml_li_02',
    owner: 'p_liming',
    from: 'p_liuyang',
    address: 'liuyang@xinghe.example',
    subject: '上海仓本周库存',
    body: '李明，附件是上海仓本周的库存快照。Halo台灯和门窗传感器快到补货线了，麻烦看一下要不要下采购单。',
    hoursAgo: 5,
    read: false,
    attachments: [
      [
        '上海仓库存.txt',
        'SKU,名称,在库,补货点\nsku_lamp,Halo智能台灯,40,60\nsku_sensor,门窗传感器,25,50\nsku_plug,智能插座,300,100\nsku_hub,网关,80,40',
      ],
    ],
  },
  {
    id: 'ml_li_03',
    owner: 'p_liming',
    from: null,
    address: 'sales@xinyuan.example',
    subject: '鑫源电子12月报价',
    body: '李经理您好，附件为12月报价单，价格自12月1日起执行。',
    hoursAgo: 26,
    read: true,
    attachments: [['鑫源报价.txt', '门窗传感器 ¥38.00/个（50个起）\n智能插座 ¥22.00/个（100个起）']],
  },
  {
    id: 'ml_li_04',
    owner: 'p_liming',
    from: 'p_chenjing',
    address: 'chenjing@xinghe.example',
    subject: 'Q4供应商评估',
    body: '李明，周五前把各供应商的交货周期和价格整理一下发我。',
    hoursAgo: 30,
    read: true,
  },
  {
    id: 'ml_li_05',
    owner: 'p_liming',
    from: 'p_sunli',
    address: 'sunli@xinghe.example',
    subject: '深圳仓网关到货',
    body: '东方包装的礼盒今天上午到了深圳仓，数量和采购单一致。',
    hoursAgo: 2,
    read: false,
  },
  {
    id: 'ml_sam_01',
    owner: 'p_sam',
    from: 'p_priya',
    address: 'priya@xinghe.example',
    subject: 'Release 2.4.0',
    body: 'Sam, once the driver upgrade (#205) and the Android device list (#206) are merged, please publish 2.4.0 with both in the notes.',
    hoursAgo: 4,
    read: false,
  },
  {
    id: 'ml_sam_02',
    owner: 'p_sam',
    from: 'p_wangfang',
    address: 'wangfang@xinghe.example',
    subject: 'Expense reports due Wednesday',
    body: 'Hi all, please file November expenses by Wednesday 2 December. Link meals to the food order as the receipt; client meals go to your own cost centre.',
    hoursAgo: 3,
    read: false,
  },
  {
    id: 'ml_sam_03',
    owner: 'p_sam',
    from: 'p_kevin',
    address: 'kevin@xinghe.example',
    subject: 'Backup job failing',
    body: 'The nightly backup failed again. #207 should fix it but CI is red; I will look tomorrow.',
    hoursAgo: 9,
    read: true,
  },
  {
    id: 'ml_sam_04',
    owner: 'p_sam',
    from: null,
    address: 'billing@cloudhost.example',
    subject: 'CloudHost invoice CH-2026-11',
    body: 'Your invoice for November is attached. Amount due: ¥3,600.00 by 5 December.',
    hoursAgo: 20,
    read: true,
    attachments: [
      ['CH-2026-11.txt', 'CloudHost — November 2026\nCompute: ¥2,800.00\nStorage: ¥800.00\nTotal: ¥3,600.00'],
    ],
  },
  {
    id: 'ml_sam_05',
    owner: 'p_sam',
    from: 'p_lisa',
    address: 'lisa@xinghe.example',
    subject: 'Scanner rate limit',
    body: 'I opened #204 to raise the scanner limit. CI is still running.',
    hoursAgo: 2,
    read: false,
  },
];

/** Seeds both personas' work mailboxes: colleagues, a supplier and a vendor writing about this week's work. */
export function seedMail(ctx: SeedContext): void {
  const msg = ctx.db.prepare('INSERT INTO mail_messages VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const att = ctx.db.prepare('INSERT INTO mail_attachments VALUES (?, ?, ?, ?)');
  for (const m of MAILS) {
    msg.run(
      m.id,
      m.owner,
      `th_${m.id.slice(3)}`,
      'inbox',
      m.from,
      m.address,
      JSON.stringify([m.owner]),
      m.subject,
      m.body,
      ctx.now - m.hoursAgo * 60 * MINUTE_MS,
      m.read ? 1 : 0,
      null,
      null,
    );
    (m.attachments ?? []).forEach(([name, text], i) => {
      att.run(`att_${m.id.slice(3)}_${i + 1}`, m.id, name, text);
    });
  }
}
