import type { SeedContext } from '../../app.js';
import { ensureMerchantAccount } from './service.js';

/** Utility merchants that bill the personas; their open bills give "pay my bill" errands. */
const UTILITIES = [
  { id: 'm_power', name_zh: '国网上海电力', name_en: 'Shanghai Power' },
  { id: 'm_mobile', name_zh: '中国移动', name_en: 'China Mobile' },
];

/** Gives every person a wallet (the personas get a daily limit) and each persona two open bills. */
export function seedPay({ db, rng, now }: SeedContext): void {
  const people = db.prepare('SELECT id, name_zh, name_en, kind FROM world_people ORDER BY id').all() as {
    id: string;
    name_zh: string;
    name_en: string;
    kind: string;
  }[];
  const insert = db.prepare("INSERT INTO pay_accounts VALUES (?, 'person', ?, ?, ?, ?)");
  for (const p of people) {
    const persona = p.kind === 'persona';
    const balance = persona ? rng.int(1200, 2000) * 100 : rng.int(50, 5000) * 100;
    insert.run(p.id, p.name_zh, p.name_en, balance, persona ? 300_000 : null);
  }
  for (const m of UTILITIES) ensureMerchantAccount(db, m);
  const bill = db.prepare("INSERT INTO pay_requests VALUES (?, ?, ?, ?, ?, ?, 'open', ?, NULL)");
  for (const who of ['liming', 'sam']) {
    bill.run(
      `preq_power_${who}`,
      'm_power',
      `p_${who}`,
      rng.int(8000, 26000),
      `bill:power:2026-11`,
      '11月电费 / November electricity',
      now - 86_400_000,
    );
    bill.run(
      `preq_mobile_${who}`,
      'm_mobile',
      `p_${who}`,
      rng.int(50, 200) * 100,
      `bill:mobile:2026-11`,
      '11月话费 / November phone bill',
      now - 2 * 86_400_000,
    );
  }
}
