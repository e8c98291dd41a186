import type { World } from '../../src/world/index.js';

/**
 * A persona's world as the fuzz reads it, straight from the sandbox's tables: who they know, where
 * things go, what can be bought, what already exists to change. Read with its own queries — not
 * through `src/person/` — so requests are built from the world, not from errand's reading of it.
 */
export interface Scene {
  persona: string;
  me: string;
  lang: 'zh' | 'en';
  /** World time at the start, epoch ms. */
  now: number;
  contacts: { id: string; zh: string; en: string; nickname: string; relation: string }[];
  groups: { id: string; zh: string; en: string }[];
  /** Open bills: who sends them, the payment request, how much, and what kind (power, mobile...). */
  bills: { payee: string; request: string; amount: number; kind: string; payeeNames: string[] }[];
  addresses: { id: string; app: 'food' | 'shop'; kind: 'home' | 'office' | 'parents' }[];
  restaurants: { id: string; zh: string; en: string }[];
  dishes: { id: string; restaurant: string; zh: string; en: string; price: number }[];
  products: { id: string; zh: string; en: string; price: number }[];
  /** Events the person organises that have not ended, and invitations to them from others. */
  ownEvents: { id: string; title: string }[];
  invitations: { id: string; title: string; organizer: string }[];
  foodOrders: { id: string; restaurant: string; status: string }[];
  shopOrders: { id: string; status: string }[];
}

function kindOfLabel(label: string): 'home' | 'office' | 'parents' {
  if (/爸妈|parent/i.test(label)) return 'parents';
  if (/公司|office/i.test(label)) return 'office';
  return 'home';
}

/** Reads the scene of the world's persona. */
export function readScene(world: World): Scene {
  const db = world.db;
  const persona = world.persona;
  const me = persona.person_id;
  const all = <T>(sql: string, ...args: unknown[]) => db.prepare(sql).all(...args) as T[];
  const now = world.now;
  return {
    persona: persona.id,
    me,
    lang: persona.language,
    now,
    contacts: all<{ id: string; zh: string; en: string; nickname: string; relation: string }>(
      `SELECT p.id, p.name_zh AS zh, p.name_en AS en, c.nickname, c.relation
       FROM world_contacts c JOIN world_people p ON p.id = c.person_id WHERE c.owner_id = ? ORDER BY p.id`,
      me,
    ),
    groups: all(
      `SELECT c.id, c.name_zh AS zh, c.name_en AS en FROM chat_conversations c
       JOIN chat_members m ON m.conversation_id = c.id WHERE c.kind = 'group' AND m.person_id = ? ORDER BY c.id`,
      me,
    ),
    bills: all<{ payee: string; request: string; amount: number; reference: string; zh: string; en: string }>(
      `SELECT r.merchant_id AS payee, r.id AS request, r.amount, r.reference, a.name_zh AS zh, a.name_en AS en
       FROM pay_requests r JOIN pay_accounts a ON a.id = r.merchant_id
       WHERE r.payer_id = ? AND r.status = 'open' AND r.reference LIKE 'bill:%' ORDER BY r.id`,
      me,
    ).map((b) => ({
      payee: b.payee,
      request: b.request,
      amount: b.amount,
      kind: b.reference.split(':')[1] ?? '',
      payeeNames: [b.zh, b.en],
    })),
    addresses: [
      ...all<{ id: string; label: string }>(
        'SELECT id, label FROM food_addresses WHERE owner_id = ? ORDER BY id',
        me,
      ).map((a) => ({ id: a.id, app: 'food' as const, kind: kindOfLabel(a.label) })),
      ...all<{ id: string; label: string }>(
        'SELECT id, label_en AS label FROM shop_addresses WHERE owner_id = ? ORDER BY id',
        me,
      ).map((a) => ({ id: a.id, app: 'shop' as const, kind: kindOfLabel(a.label) })),
    ],
    restaurants: all('SELECT id, name_zh AS zh, name_en AS en FROM food_restaurants ORDER BY id'),
    dishes: all(
      `SELECT id, restaurant_id AS restaurant, name_zh AS zh, name_en AS en, price FROM food_dishes
       WHERE stock > 0 ORDER BY id`,
    ),
    products: all(
      'SELECT id, name_zh AS zh, name_en AS en, price FROM shop_products WHERE stock > 0 AND has_variants = 0 ORDER BY id',
    ),
    ownEvents: all(
      `SELECT id, title FROM calendar_events WHERE organizer_id = ? AND status = 'confirmed' AND end_at > ?
       ORDER BY id`,
      me,
      now,
    ),
    invitations: all(
      `SELECT e.id, e.title, e.organizer_id AS organizer FROM calendar_events e
       JOIN calendar_attendees a ON a.event_id = e.id
       WHERE a.person_id = ? AND e.organizer_id != ? AND e.status = 'confirmed' AND e.end_at > ? ORDER BY e.id`,
      me,
      me,
      now,
    ),
    foodOrders: all(
      'SELECT id, restaurant_id AS restaurant, status FROM food_orders WHERE owner_id = ? ORDER BY id',
      me,
    ),
    shopOrders: all('SELECT id, status FROM shop_orders WHERE buyer_id = ? ORDER BY id', me),
  };
}
