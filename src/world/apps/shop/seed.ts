import type { SeedContext } from '../../app.js';
import type { Rng } from '../../rng.js';
import { ensureMerchantAccount } from '../pay/index.js';
import { CATEGORIES, type CatalogProduct } from './catalog.js';
import { PRODUCTS } from './products.js';
import { seedHistory } from './history.js';
import { REVIEWS } from './reviews.js';
import { SHOP_MERCHANT } from './service.js';

const DAY_MS = 24 * 3600_000;

/** Saved shipping addresses, fixed: tasks name them. Place ids are the maps app's ids, kept as text. */
const ADDRESSES = [
  {
    id: 'saddr_liming_home',
    owner_id: 'p_liming',
    label_zh: '家',
    label_en: 'Home',
    place_id: 'pl_home_liming',
    text_zh: '上海市静安区康定路1028弄12号1203室（康定花园）',
    text_en: "Room 1203, No. 12, Lane 1028 Kangding Road (Kangding Garden), Jing'an District, Shanghai",
  },
  {
    id: 'saddr_liming_office',
    owner_id: 'p_liming',
    label_zh: '公司',
    label_en: 'Office',
    place_id: 'pl_office_liming',
    text_zh: '上海市浦东新区银城中路168号汇亚大厦28楼',
    text_en: '28F Huiya Tower, 168 Yincheng Middle Road, Pudong New Area, Shanghai',
  },
  {
    id: 'saddr_sam_home',
    owner_id: 'p_sam',
    label_zh: '家',
    label_en: 'Home',
    place_id: 'pl_home_sam',
    text_zh: '上海市徐汇区武康路212弄5号302室',
    text_en: 'Apt 302, No. 5, Lane 212 Wukang Road, Xuhui District, Shanghai',
  },
  {
    id: 'saddr_sam_office',
    owner_id: 'p_sam',
    label_zh: '公司',
    label_en: 'Office',
    place_id: 'pl_office_sam',
    text_zh: '上海市静安区南京西路1601号静安晶座15楼',
    text_en: "15F Jing'an Crystal Tower, 1601 West Nanjing Road, Jing'an District, Shanghai",
  },
];

/** A seed-varied price in fen around the catalogue price; some end in .90 like real shop prices. */
function priceFen(rng: Rng, p: CatalogProduct): number {
  const spread = p.spread ?? Math.max(1, Math.round(p.yuan * 0.08));
  const yuan = p.yuan + rng.int(-spread, spread);
  return yuan * 100 - (rng.chance(0.4) ? 10 : 0);
}

/** Stock of one sellable thing: fixed items always have some, sold-out ones none, the rest vary. */
function stockOf(rng: Rng, p: CatalogProduct, chanceOfNone: number): number {
  if (p.stock === 'none') return 0;
  if (p.stock === 'in') return rng.int(8, 40);
  return rng.chance(chanceOfNone) ? 0 : rng.int(1, 60);
}

/** Fills the catalogue, reviews and addresses, opens the shop's merchant account, and plays the past orders. */
export function seedShop({ db, rng, now, nextId }: SeedContext): void {
  ensureMerchantAccount(db, SHOP_MERCHANT);

  const category = db.prepare('INSERT INTO shop_categories VALUES (?, ?, ?, ?)');
  CATEGORIES.forEach((c, i) => {
    category.run(c.id, c.name_zh, c.name_en, i + 1);
  });

  const product = db.prepare('INSERT INTO shop_products VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const variant = db.prepare('INSERT INTO shop_variants VALUES (?, ?, ?, ?, ?, ?, ?)');
  const review = db.prepare('INSERT INTO shop_reviews VALUES (?, ?, ?, ?, ?, ?)');
  PRODUCTS.forEach((p, i) => {
    const id = `pr_${p.slug}`;
    const price = priceFen(rng, p);
    const variants = (p.variants ?? []).map((v, j) => ({
      id: `pv_${p.slug}_${v.key}`,
      name_zh: v.name_zh,
      name_en: v.name_en,
      price: price + (v.delta ?? 0) * 100,
      stock: stockOf(rng, p, 0.2),
      position: j + 1,
    }));
    const stock = variants.length ? variants.reduce((sum, v) => sum + v.stock, 0) : stockOf(rng, p, 0.12);
    const rating = rng.int(36, 49) / 10;
    const ratingCount = rng.int(12, 4000);
    product.run(
      id,
      p.category,
      p.name_zh,
      p.name_en,
      p.brand,
      price,
      stock,
      p.description,
      rating,
      ratingCount,
      variants.length ? 1 : 0,
      i + 1,
    );
    for (const v of variants) variant.run(v.id, id, v.name_zh, v.name_en, v.price, v.stock, v.position);
    (REVIEWS[p.slug] ?? []).forEach(([author, stars, text], j) => {
      const at = now - rng.int(1, 120) * DAY_MS - rng.int(0, 23 * 60) * 60_000;
      review.run(`rv_${p.slug}_${j + 1}`, id, author, stars, text, at);
    });
  });

  const address = db.prepare('INSERT INTO shop_addresses VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const person = db.prepare('SELECT name_zh, name_en, phone FROM world_people WHERE id = ?');
  for (const a of ADDRESSES) {
    const owner = person.get(a.owner_id) as { name_zh: string; name_en: string; phone: string };
    const recipient = a.owner_id === 'p_sam' ? owner.name_en : owner.name_zh;
    address.run(
      a.id,
      a.owner_id,
      a.label_zh,
      a.label_en,
      recipient,
      owner.phone,
      a.place_id,
      a.text_zh,
      a.text_en,
    );
  }
  seedHistory(db, now, nextId);
}
