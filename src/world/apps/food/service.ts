import type Database from 'better-sqlite3';
import { ErrandError } from '../../../errors.js';
import { formatWorldTime } from '../../clock.js';
import { formatFen } from '../../money.js';
import type { ToolContext } from '../../tool.js';
import { getPlace, type PlaceRow, routeBetween } from '../maps/index.js';
import { hoursText, isOpenAt, nextOpening } from './hours.js';
import type { DishTag } from './menu-types.js';
import type { OptionChoice, OptionGroup } from './options.js';

/** A restaurant row. */
export interface RestaurantRow {
  id: string;
  name_zh: string;
  name_en: string;
  cuisine: string;
  place_id: string;
  merchant_id: string;
  rating: number;
  rating_count: number;
  opens_at: number;
  closes_at: number;
  rest_weekday: number | null;
  delivery_fee: number;
  packaging_fee: number;
  min_order: number;
  prep_min: number;
  notice: string;
}

/** A dish row; `tags` and `options` are JSON text. */
export interface DishRow {
  id: string;
  restaurant_id: string;
  position: number;
  name_zh: string;
  name_en: string;
  description: string;
  price: number;
  stock: number;
  tags: string;
  options: string;
}

/** A saved delivery address of one person. */
export interface AddressRow {
  id: string;
  owner_id: string;
  label: string;
  place_id: string;
  detail: string;
  recipient_name: string;
  phone: string;
}

/** A coupon of one person. */
export interface CouponRow {
  id: string;
  owner_id: string;
  name_zh: string;
  name_en: string;
  threshold: number;
  discount: number;
  restaurant_id: string | null;
  expires_at: number;
  used: number;
  order_id: string | null;
}

/** Orders are delivered free of distance charges within this many metres of street distance. */
export const FREE_DELIVERY_RANGE_M = 5000;
/** Added to the delivery fee for each started kilometre beyond the free range, in fen. */
export const FEE_PER_EXTRA_KM = 100;

/** Reads a restaurant or fails with NOT_FOUND. */
export function getRestaurant(db: Database.Database, id: string): RestaurantRow {
  const row = db.prepare('SELECT * FROM food_restaurants WHERE id = ?').get(id) as RestaurantRow | undefined;
  if (!row) {
    throw new ErrandError('NOT_FOUND', `No restaurant "${id}"; find restaurant ids with search_restaurants.`);
  }
  return row;
}

/** Reads a dish or fails with NOT_FOUND. */
export function getDish(db: Database.Database, id: string): DishRow {
  const row = db.prepare('SELECT * FROM food_dishes WHERE id = ?').get(id) as DishRow | undefined;
  if (!row) throw new ErrandError('NOT_FOUND', `No dish "${id}"; dish ids are listed by get_menu.`);
  return row;
}

/** The option groups of a dish. */
export function dishOptions(dish: DishRow): OptionGroup[] {
  return JSON.parse(dish.options) as OptionGroup[];
}

/** The tags of a dish. */
export function dishTags(dish: DishRow): DishTag[] {
  return JSON.parse(dish.tags) as DishTag[];
}

/** Reads one of your saved addresses or fails with NOT_FOUND. */
export function getAddress(db: Database.Database, ownerId: string, id: string): AddressRow {
  const row = db.prepare('SELECT * FROM food_addresses WHERE id = ? AND owner_id = ?').get(id, ownerId) as
    | AddressRow
    | undefined;
  if (!row) {
    throw new ErrandError('NOT_FOUND', `No saved address "${id}" of yours; list them with list_addresses.`);
  }
  return row;
}

/** True when the restaurant takes orders at `now`. */
export function isOpen(r: RestaurantRow, now: number): boolean {
  return isOpenAt(r, now);
}

/** Fails with CLOSED, saying when it opens, unless the restaurant takes orders now. */
export function assertOpen(r: RestaurantRow, now: number): void {
  if (isOpen(r, now)) return;
  throw new ErrandError(
    'CLOSED',
    `${r.name_zh} (${r.name_en}) is closed now (hours ${hoursText(r)}); it next opens at ${formatWorldTime(nextOpening(r, now))}. Order from a restaurant that is open now, or later.`,
    { opens_at: formatWorldTime(nextOpening(r, now)) },
  );
}

/** The options chosen for one dish: every single-choice group filled (defaults added), and their surcharge. */
export interface ResolvedOptions {
  ids: string[];
  chosen: OptionChoice[];
  surcharge: number;
}

/** Checks option choice ids against a dish, filling defaults; INVALID_INPUT names the valid choices. */
export function resolveOptions(dish: DishRow, ids: readonly string[]): ResolvedOptions {
  const groups = dishOptions(dish);
  const wanted = new Set(ids);
  const known = new Set(groups.flatMap((g) => g.choices.map((c) => c.id)));
  for (const id of wanted) {
    if (!known.has(id)) {
      const valid = groups.flatMap((g) => g.choices.map((c) => c.id));
      throw new ErrandError(
        'INVALID_INPUT',
        valid.length === 0
          ? `${dish.name_en} (${dish.id}) has no options; leave options empty.`
          : `"${id}" is not an option of ${dish.name_en} (${dish.id}); choose from ${valid.join(', ')}.`,
      );
    }
  }
  const chosen: OptionChoice[] = [];
  for (const group of groups) {
    const picked = group.choices.filter((c) => wanted.has(c.id));
    if (!group.multi && picked.length > 1) {
      throw new ErrandError(
        'INVALID_INPUT',
        `Pick one ${group.name_en} for ${dish.name_en}, not ${picked.map((c) => c.id).join(' and ')}.`,
      );
    }
    if (!group.multi && picked.length === 0) {
      const fallback = group.choices.find((c) => c.id === group.default) ?? group.choices[0];
      if (fallback) picked.push(fallback);
    }
    chosen.push(...picked);
  }
  return { ids: chosen.map((c) => c.id), chosen, surcharge: chosen.reduce((s, c) => s + c.surcharge, 0) };
}

/** One dish line someone asks for. */
export interface ItemRequest {
  dish_id: string;
  quantity: number;
  options: readonly string[];
}

/** One priced line of a quote or order. */
export interface PricedLine {
  dish: DishRow;
  quantity: number;
  options: ResolvedOptions;
  unit_price: number;
  line_total: number;
}

/** Prices lines of one restaurant; NOT_FOUND for unknown dishes, INVALID_INPUT for another restaurant's. */
export function priceLines(
  db: Database.Database,
  restaurant: RestaurantRow,
  items: readonly ItemRequest[],
): PricedLine[] {
  return items.map((item) => {
    const dish = getDish(db, item.dish_id);
    if (dish.restaurant_id !== restaurant.id) {
      throw new ErrandError(
        'INVALID_INPUT',
        `${dish.name_en} (${dish.id}) is on the menu of ${dish.restaurant_id}, not ${restaurant.name_en} (${restaurant.id}); one order is from one restaurant.`,
      );
    }
    const options = resolveOptions(dish, item.options);
    const unit = dish.price + options.surcharge;
    return { dish, quantity: item.quantity, options, unit_price: unit, line_total: unit * item.quantity };
  });
}

/** Fails with OUT_OF_STOCK unless every dish has stock for all the lines asking for it. */
export function assertStock(
  lines: readonly PricedLine[],
  extra: ReadonlyMap<string, number> = new Map(),
): void {
  const wanted = new Map<string, { dish: DishRow; qty: number }>();
  for (const line of lines) {
    const entry = wanted.get(line.dish.id) ?? { dish: line.dish, qty: extra.get(line.dish.id) ?? 0 };
    entry.qty += line.quantity;
    wanted.set(line.dish.id, entry);
  }
  for (const { dish, qty } of wanted.values()) {
    if (dish.stock >= qty) continue;
    throw new ErrandError(
      'OUT_OF_STOCK',
      dish.stock === 0
        ? `${dish.name_zh} (${dish.name_en}) is sold out; choose another dish.`
        : `Only ${dish.stock} of ${dish.name_zh} (${dish.name_en}) left; you asked for ${qty}.`,
      { dish_id: dish.id, stock: dish.stock, asked: qty },
    );
  }
}

/** The delivery fee from a restaurant over a street distance: the base fee, plus a charge past 5 km. */
export function deliveryFee(r: RestaurantRow, distanceM: number): number {
  const extraKm = Math.max(0, Math.ceil((distanceM - FREE_DELIVERY_RANGE_M) / 1000));
  return r.delivery_fee + extraKm * FEE_PER_EXTRA_KM;
}

/** Why a coupon cannot be used on an order, as a sentence; null when it can. */
export function couponProblem(
  coupon: CouponRow,
  restaurant: RestaurantRow,
  itemsTotal: number,
  now: number,
): string | null {
  if (coupon.used) return `Coupon ${coupon.id} was already used; each coupon works once.`;
  if (coupon.expires_at <= now)
    return `Coupon ${coupon.id} expired at ${formatWorldTime(coupon.expires_at)}.`;
  if (coupon.restaurant_id !== null && coupon.restaurant_id !== restaurant.id) {
    return `Coupon ${coupon.id} is only valid at restaurant ${coupon.restaurant_id}, not ${restaurant.name_en} (${restaurant.id}).`;
  }
  if (itemsTotal < coupon.threshold) {
    return `Coupon ${coupon.id} needs dishes worth at least ${formatFen(coupon.threshold)}; these come to ${formatFen(itemsTotal)}. Add ${formatFen(coupon.threshold - itemsTotal)} more or order without it.`;
  }
  return null;
}

/** Reads one of your coupons or fails with NOT_FOUND. */
export function getCoupon(db: Database.Database, ownerId: string, id: string): CouponRow {
  const row = db.prepare('SELECT * FROM food_coupons WHERE id = ? AND owner_id = ?').get(id, ownerId) as
    | CouponRow
    | undefined;
  if (!row) throw new ErrandError('NOT_FOUND', `No coupon "${id}" of yours; list them with list_coupons.`);
  return row;
}

/** The cart lines of one person at one restaurant, oldest first. */
export function cartLines(
  db: Database.Database,
  ownerId: string,
  restaurantId: string,
): { id: string; dish_id: string; quantity: number; options: string[] }[] {
  const rows = db
    .prepare(
      'SELECT id, dish_id, quantity, options FROM food_cart_items WHERE owner_id = ? AND restaurant_id = ? ORDER BY added_at, id',
    )
    .all(ownerId, restaurantId) as { id: string; dish_id: string; quantity: number; options: string }[];
  return rows.map((r) => ({ ...r, options: JSON.parse(r.options) as string[] }));
}

/** What an order would be: the same figures `quote_order` shows and `place_order` charges. */
export interface Quote {
  restaurant: RestaurantRow;
  address: AddressRow;
  place: PlaceRow;
  lines: PricedLine[];
  fromCart: boolean;
  items_total: number;
  packaging_fee: number;
  delivery_fee: number;
  discount: number;
  coupon: CouponRow | null;
  total: number;
  distance_m: number;
  travel_min: number;
}

/** What an order asks for: a restaurant, a saved address, dishes (or the cart), and maybe a coupon. */
export interface OrderRequest {
  restaurant_id: string;
  address_id: string;
  items?: readonly ItemRequest[] | undefined;
  coupon_id?: string | undefined;
}

/**
 * Works out an order and checks every rule in a fixed order: restaurant, address, dishes and options,
 * open now, stock, minimum order, coupon. Reads only.
 */
export function buildQuote(ctx: ToolContext, request: OrderRequest): Quote {
  const restaurant = getRestaurant(ctx.db, request.restaurant_id);
  const address = getAddress(ctx.db, ctx.me, request.address_id);
  const fromCart = !request.items;
  const items = request.items ?? cartLines(ctx.db, ctx.me, restaurant.id);
  if (items.length === 0) {
    throw new ErrandError(
      'INVALID_INPUT',
      `Your cart at ${restaurant.name_en} (${restaurant.id}) is empty; add dishes with add_to_cart or pass items.`,
    );
  }
  const lines = priceLines(ctx.db, restaurant, items);
  assertOpen(restaurant, ctx.now);
  assertStock(lines);
  const itemsTotal = lines.reduce((s, l) => s + l.line_total, 0);
  if (itemsTotal < restaurant.min_order) {
    throw new ErrandError(
      'BELOW_MINIMUM',
      `The dishes come to ${formatFen(itemsTotal)} but ${restaurant.name_en} delivers orders from ${formatFen(restaurant.min_order)}; add ${formatFen(restaurant.min_order - itemsTotal)} more.`,
      { items_total: itemsTotal, min_order: restaurant.min_order },
    );
  }
  let coupon: CouponRow | null = null;
  if (request.coupon_id) {
    coupon = getCoupon(ctx.db, ctx.me, request.coupon_id);
    const problem = couponProblem(coupon, restaurant, itemsTotal, ctx.now);
    if (problem) throw new ErrandError('CONFLICT', problem);
  }
  return assembleQuote(ctx.db, { restaurant, address, lines, coupon, fromCart });
}

/** Adds up priced lines into a quote: packaging, distance-based delivery fee and coupon. Checks nothing. */
export function assembleQuote(
  db: Database.Database,
  parts: Pick<Quote, 'restaurant' | 'address' | 'lines' | 'coupon' | 'fromCart'>,
): Quote {
  const { restaurant, address, lines, coupon } = parts;
  const itemsTotal = lines.reduce((s, l) => s + l.line_total, 0);
  const route = routeBetween(db, restaurant.place_id, address.place_id, 'ebike');
  const fee = deliveryFee(restaurant, route.distance_m);
  const discount = coupon ? Math.min(coupon.discount, itemsTotal) : 0;
  return {
    ...parts,
    place: getPlace(db, address.place_id),
    items_total: itemsTotal,
    packaging_fee: restaurant.packaging_fee,
    delivery_fee: fee,
    discount,
    total: itemsTotal + restaurant.packaging_fee + fee - discount,
    distance_m: route.distance_m,
    travel_min: route.duration_min,
  };
}
