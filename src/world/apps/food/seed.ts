import type Database from 'better-sqlite3';
import type { SeedContext } from '../../app.js';
import { localMinuteOfDay, MINUTE_MS } from '../../clock.js';
import type { Rng } from '../../rng.js';
import type { ToolContext } from '../../tool.js';
import { addPlace, DISTRICTS } from '../maps/index.js';
import { ensureMerchantAccount } from '../pay/index.js';
import { seedHistory } from './history.js';
import { parseClock } from './hours.js';
import { CHINESE_MENUS } from './menus-chinese.js';
import { expandTags } from './menu-types.js';
import { WORLD_MENUS } from './menus-world.js';
import { optionGroups } from './options.js';
import { CUISINES, RESTAURANTS } from './restaurants.js';
import { REVIEW_TEXTS, REVIEWERS } from './reviews.js';

const DAY_MS = 24 * 60 * MINUTE_MS;
const MENUS = { ...CHINESE_MENUS, ...WORLD_MENUS };

/** Saved addresses: [id, owner, label, place, detail, recipient person]. Fixed: tasks name them. */
const ADDRESSES: [string, string, string, string, string, string][] = [
  ['addr_liming_home', 'p_liming', '家', 'pl_home_liming', '12号楼1203室，放门口即可', 'p_liming'],
  ['addr_liming_office', 'p_liming', '公司', 'pl_office_liming', '汇亚大厦28楼前台', 'p_liming'],
  ['addr_liming_parents', 'p_liming', '爸妈家', 'pl_home_liming_parents', '7号楼502室', 'p_liuxiuying'],
  ['addr_sam_home', 'p_sam', 'Home', 'pl_home_sam', 'Apt 302, ring the bell', 'p_sam'],
  ['addr_sam_office', 'p_sam', 'Office', 'pl_office_sam', '15F reception', 'p_sam'],
];

/** Coupons: [id, owner, 中文名, English name, threshold ¥, discount ¥, restaurant or null, expiry in days, used]. */
const COUPONS: [string, string, string, string, number, number, string | null, number, boolean][] = [
  ['cp_liming_5off', 'p_liming', '全场满30减5', '¥5 off orders over ¥30', 30, 5, null, 7, false],
  [
    'cp_liming_chuanwei',
    'p_liming',
    '川味小馆满50减8',
    '¥8 off over ¥50 at Chuanwei Kitchen',
    50,
    8,
    'r_chuanwei',
    14,
    false,
  ],
  [
    'cp_liming_tea',
    'p_liming',
    '一点甜满20减3',
    '¥3 off over ¥20 at Little Sweet Tea',
    20,
    3,
    'r_sweetdot',
    3,
    false,
  ],
  ['cp_liming_expired', 'p_liming', '全场满20减10', '¥10 off orders over ¥20', 20, 10, null, -1, false],
  ['cp_liming_used', 'p_liming', '全场满25减6', '¥6 off orders over ¥25', 25, 6, null, 10, true],
  [
    'cp_sam_coffee',
    'p_sam',
    '晨光咖啡满25减6',
    '¥6 off over ¥25 at Morning Light Coffee',
    25,
    6,
    'r_morning',
    7,
    false,
  ],
  ['cp_sam_10off', 'p_sam', '全场满60减10', '¥10 off orders over ¥60', 60, 10, null, 10, false],
  ['cp_sam_expired', 'p_sam', '全场满30减5', '¥5 off orders over ¥30', 30, 5, null, -2, false],
];

function seedRestaurants(db: Database.Database, rng: Rng): void {
  const restaurant = db.prepare(
    'INSERT INTO food_restaurants VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const dish = db.prepare('INSERT INTO food_dishes VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  for (const r of RESTAURANTS) {
    const id = `r_${r.slug}`;
    const [district_zh, district_en] = DISTRICTS[r.district];
    addPlace(db, {
      id: `pl_${id}`,
      name_zh: r.name_zh,
      name_en: r.name_en,
      category: r.place,
      district_zh,
      district_en,
      address_zh: `上海市${district_zh}${r.street_zh}`,
      address_en: `${r.street_en}, ${district_en}, Shanghai`,
      lat: r.lat,
      lng: r.lng,
    });
    ensureMerchantAccount(db, { id: `m_${id}`, name_zh: r.name_zh, name_en: r.name_en });
    const opensLater = r.fixedHours ? 0 : rng.pick([0, 0, 30]);
    const closesEarlier = r.fixedHours ? 0 : rng.pick([0, 0, 30]);
    const [low, high] = r.rating ?? [38, 49];
    restaurant.run(
      id,
      r.name_zh,
      r.name_en,
      r.cuisine,
      `pl_${id}`,
      `m_${id}`,
      rng.int(low, high) / 10,
      rng.int(60, 3000),
      parseClock(r.hours[0]) + opensLater,
      parseClock(r.hours[1]) - closesEarlier,
      r.restDay ?? null,
      rng.int(r.fee[0], r.fee[1]) * 100,
      Math.round(r.packaging * 100),
      r.minOrder * 100,
      rng.int(r.prep[0], r.prep[1]),
      r.notice,
    );
    const menu = MENUS[r.slug];
    if (!menu || menu.length < 8) throw new Error(`Restaurant ${id} needs a menu of at least 8 dishes`);
    const [cuisineZh, cuisineEn] = CUISINES[r.cuisine];
    menu.forEach(([slug, zh, en, price, tags, preset, description, stock], i) => {
      const yuan = Array.isArray(price) ? rng.int(price[0], price[1]) : price;
      const left =
        typeof stock === 'number' ? stock : stock === 'keep' || !rng.chance(0.08) ? rng.int(12, 60) : 0;
      dish.run(
        `d_${r.slug}_${slug}`,
        id,
        i + 1,
        zh,
        en,
        description || `${r.name_zh}的${zh}，${cuisineZh}。 / ${en}, ${cuisineEn} food from ${r.name_en}.`,
        yuan * 100,
        left,
        JSON.stringify(expandTags(tags)),
        JSON.stringify(optionGroups(preset)),
      );
    });
  }
}

function seedReviews(db: Database.Database, rng: Rng, now: number): void {
  const insert = db.prepare('INSERT INTO food_reviews VALUES (?, ?, NULL, NULL, ?, ?, ?, ?)');
  const midnight = now - localMinuteOfDay(now) * MINUTE_MS;
  for (const r of RESTAURANTS) {
    const dishes = (MENUS[r.slug] ?? []).filter(([slug]) => slug !== 'rice');
    const count = rng.int(3, 5);
    for (let k = 1; k <= count; k++) {
      const roll = rng.next();
      const stars = roll < 0.45 ? 5 : roll < 0.75 ? 4 : roll < 0.88 ? 3 : roll < 0.96 ? 2 : 1;
      const [, template] = rng.pick(REVIEW_TEXTS.filter(([s]) => s === stars));
      const dish = rng.pick(dishes);
      const english = !/[\u4e00-\u9fff]/.test(template);
      const text = template.replace('{dish}', english ? dish[2] : dish[1]);
      const when = midnight - rng.int(1, 60) * DAY_MS + rng.int(11 * 60, 22 * 60) * MINUTE_MS;
      insert.run(`rv_${r.slug}_${k}`, `r_${r.slug}`, rng.pick(REVIEWERS), stars, text, when);
    }
  }
  db.prepare('INSERT INTO food_reviews VALUES (?, ?, NULL, ?, ?, ?, ?, ?)').run(
    'rv_chuanwei_wangfang',
    'r_chuanwei',
    'p_wangfang',
    '王芳',
    5,
    '宫保鸡丁很下饭，我们组午饭常点，就是花生有点多。',
    midnight - 2 * DAY_MS + 13 * 60 * MINUTE_MS,
  );
}

function seedAddressesAndCoupons(db: Database.Database, now: number): void {
  const phone = db.prepare('SELECT name_zh, name_en, phone FROM world_people WHERE id = ?');
  const address = db.prepare('INSERT INTO food_addresses VALUES (?, ?, ?, ?, ?, ?, ?)');
  for (const [id, owner, label, place, detail, recipient] of ADDRESSES) {
    const person = phone.get(recipient) as { name_zh: string; name_en: string; phone: string };
    const name = owner === 'p_sam' ? person.name_en : person.name_zh;
    address.run(id, owner, label, place, detail, name, person.phone);
  }
  const coupon = db.prepare('INSERT INTO food_coupons VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)');
  for (const [id, owner, zh, en, threshold, discount, restaurant, days, used] of COUPONS) {
    coupon.run(
      id,
      owner,
      zh,
      en,
      threshold * 100,
      discount * 100,
      restaurant,
      now + days * DAY_MS,
      used ? 1 : 0,
    );
  }
}

/**
 * Seeds the food app: 34 restaurants (each a maps place and a wallet merchant) with their menus,
 * reviews, the personas' addresses and coupons, a few past orders, one unpaid order and a cart.
 */
export function seedFood(seed: SeedContext): void {
  seedRestaurants(seed.db, seed.rng);
  seedReviews(seed.db, seed.rng, seed.now);
  seedAddressesAndCoupons(seed.db, seed.now);
  const asPerson = (me: string, now: number): ToolContext => ({
    db: seed.db,
    now,
    me,
    nextId: seed.nextId,
    emit: () => {},
  });
  seedHistory(seed.db, seed.now, asPerson);
}
