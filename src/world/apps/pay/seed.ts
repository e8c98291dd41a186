import type { SeedContext } from '../../app.js';

/** Gives every person a wallet; the personas get a daily limit. Merchants are added by their apps. */
export function seedPay({ db, rng }: SeedContext): void {
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
}
