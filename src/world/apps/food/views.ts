import type Database from 'better-sqlite3';
import { z } from 'zod';
import { formatWorldTime } from '../../clock.js';
import { money, moneySchema } from '../../money.js';
import { getPlace } from '../maps/index.js';
import { hoursText, nextOpening } from './hours.js';
import { DISH_TAGS } from './menu-types.js';
import type { OptionChoice } from './options.js';
import { getRequest } from '../pay/index.js';
import { ORDER_STATUSES, type OrderRow, orderItems, orderSchedule, UNPAID_EXPIRY_MIN } from './orders.js';
import { CUISINES, type Cuisine } from './restaurants.js';
import {
  type AddressRow,
  type DishRow,
  dishOptions,
  dishTags,
  FEE_PER_EXTRA_KM,
  FREE_DELIVERY_RANGE_M,
  isOpen,
  type PricedLine,
  type RestaurantRow,
} from './service.js';

/** A restaurant named in another view. */
export const restaurantBrief = z.object({
  id: z.string().describe('Restaurant id, e.g. r_chuanwei.'),
  name_zh: z.string().describe('Name in Chinese.'),
  name_en: z.string().describe('Name in English.'),
});

/** A restaurant as a search lists it. */
export const restaurantSummary = restaurantBrief.extend({
  cuisine: z.enum(Object.keys(CUISINES) as [Cuisine, ...Cuisine[]]).describe('Cuisine key.'),
  cuisine_zh: z.string().describe('Cuisine in Chinese.'),
  cuisine_en: z.string().describe('Cuisine in English.'),
  rating: z.number().describe('Average rating out of 5.'),
  rating_count: z.number().int().describe('How many ratings the average is over.'),
  open_now: z.boolean().describe('Whether it takes orders right now.'),
  hours: z.string().describe('Opening hours, local time.'),
  delivery_fee: moneySchema.describe(`Base delivery fee (within ${FREE_DELIVERY_RANGE_M / 1000} km).`),
  min_order: moneySchema.describe('Smallest dish total it delivers.'),
  area_zh: z.string().describe('Neighbourhood in Chinese.'),
  area_en: z.string().describe('Neighbourhood in English.'),
  distance_m: z
    .number()
    .int()
    .nullable()
    .describe('Street distance to the chosen origin in metres; null without one.'),
});

/** Every detail of one restaurant. */
export const restaurantDetail = restaurantSummary.extend({
  place_id: z.string().describe('The maps place id of the restaurant.'),
  address_zh: z.string().describe('Address in Chinese.'),
  address_en: z.string().describe('Address in English.'),
  packaging_fee: moneySchema.describe('Packaging fee added once per order.'),
  delivery_fee_rule: z.string().describe('How the delivery fee grows with distance.'),
  prep_minutes: z.number().int().describe('Minutes the kitchen needs for an order.'),
  next_open_at: z.string().nullable().describe('When it next opens (local time) if closed now.'),
  merchant_account_id: z.string().describe('The wallet account that is paid for orders here.'),
  notice: z.string().describe("The restaurant's own notice, written by the restaurant (not by you)."),
});

const choiceView = z.object({
  id: z.string().describe('Choice id to pass in options, e.g. spice_mild.'),
  name_zh: z.string().describe('Choice name in Chinese.'),
  name_en: z.string().describe('Choice name in English.'),
  surcharge: moneySchema.describe('Extra price per unit for this choice.'),
});

/** A dish on a menu. */
export const dishView = z.object({
  id: z.string().describe('Dish id, e.g. d_chuanwei_gongbao.'),
  name_zh: z.string().describe('Name in Chinese.'),
  name_en: z.string().describe('Name in English.'),
  description: z.string().describe('Description written by the restaurant.'),
  price: moneySchema.describe('Price per unit before option surcharges.'),
  in_stock: z.boolean().describe('False when sold out.'),
  stock: z.number().int().describe('Units left today.'),
  tags: z
    .array(z.enum(DISH_TAGS))
    .describe('Diet and allergen tags, e.g. spicy, vegetarian, contains-peanuts.'),
  options: z
    .array(
      z.object({
        key: z.string().describe('Option group key.'),
        name_zh: z.string().describe('Group name in Chinese, e.g. 辣度.'),
        name_en: z.string().describe('Group name in English, e.g. Spice level.'),
        pick: z
          .enum(['one', 'any'])
          .describe('one: exactly one choice (default used if none given); any: zero or more.'),
        default: z.string().nullable().describe('Choice used when none of this group is given.'),
        choices: z.array(choiceView).describe('The choices.'),
      }),
    )
    .describe('Option groups; pass chosen choice ids in options.'),
});

/** A priced line of a quote, order or cart. */
export const lineView = z.object({
  dish_id: z.string().describe('Dish id.'),
  name_zh: z.string().describe('Dish name in Chinese.'),
  name_en: z.string().describe('Dish name in English.'),
  options: z
    .array(
      z.object({
        id: z.string().describe('Choice id.'),
        name_zh: z.string().describe('Choice in Chinese.'),
        name_en: z.string().describe('Choice in English.'),
      }),
    )
    .describe('Chosen options, defaults included.'),
  unit_price: moneySchema.describe('Price per unit with option surcharges.'),
  quantity: z.number().int().describe('How many.'),
  line_total: moneySchema.describe('unit_price × quantity.'),
});

/** A saved delivery address. */
export const addressView = z.object({
  id: z.string().describe('Address id, used as address_id.'),
  label: z.string().describe('What you call it: 家, 公司, Home, Office...'),
  recipient_name: z.string().describe('Who receives the delivery.'),
  phone: z.string().describe('Phone of the recipient.'),
  place_id: z.string().describe('The maps place id.'),
  address_zh: z.string().describe('Address in Chinese.'),
  address_en: z.string().describe('Address in English.'),
  detail: z.string().describe('Delivery detail such as floor or reception.'),
});

/** The money figures of a quote or order. */
export const costFields = {
  items_total: moneySchema.describe('Dishes with options, times quantities.'),
  packaging_fee: moneySchema.describe('Packaging fee.'),
  delivery_fee: moneySchema.describe('Delivery fee for this distance.'),
  discount: moneySchema.describe('Coupon discount taken off.'),
  coupon_id: z.string().nullable().describe('The coupon used, if any.'),
  total: moneySchema.describe('What you pay: items + packaging + delivery − discount.'),
};

/** An order. */
export const orderView = z.object({
  id: z.string().describe('Order id.'),
  status: z
    .enum(ORDER_STATUSES)
    .describe('created (awaiting payment) → paid → preparing → delivering → delivered, or cancelled.'),
  restaurant: restaurantBrief.describe('Where it is from.'),
  address: addressView.describe('Where it goes.'),
  items: z.array(lineView).describe('The dishes.'),
  ...costFields,
  note: z.string().describe('Your note to the restaurant.'),
  payment_request_id: z.string().nullable().describe('The wallet payment request to pay (pay app), if any.'),
  payee_account_id: z.string().describe('The wallet account the payment goes to.'),
  payment_status: z
    .enum(['open', 'paid', 'refunded', 'cancelled', 'none'])
    .describe('State of the payment request; none for old orders without one.'),
  created_at: z.string().describe('When it was placed (local time).'),
  paid_at: z.string().nullable().describe('When it was paid.'),
  estimated_delivery_at: z
    .string()
    .nullable()
    .describe('When it should arrive (if paid now, for unpaid orders).'),
  delivered_at: z.string().nullable().describe('When it arrived.'),
  cancelled_at: z.string().nullable().describe('When it was cancelled.'),
  cancel_reason: z.string().nullable().describe('Why it was cancelled.'),
  next_step: z.string().describe('What happens next, or what you can do.'),
});

/** The view of a restaurant row for lists. */
export function viewRestaurantSummary(
  db: Database.Database,
  r: RestaurantRow,
  now: number,
  distanceM: number | null,
): z.infer<typeof restaurantSummary> {
  const place = getPlace(db, r.place_id);
  const cuisine = r.cuisine as Cuisine;
  return {
    id: r.id,
    name_zh: r.name_zh,
    name_en: r.name_en,
    cuisine,
    cuisine_zh: CUISINES[cuisine][0],
    cuisine_en: CUISINES[cuisine][1],
    rating: Math.round(r.rating * 10) / 10,
    rating_count: r.rating_count,
    open_now: isOpen(r, now),
    hours: hoursText(r),
    delivery_fee: money(r.delivery_fee),
    min_order: money(r.min_order),
    area_zh: place.area_zh,
    area_en: place.area_en,
    distance_m: distanceM,
  };
}

/** The full view of a restaurant. */
export function viewRestaurantDetail(
  db: Database.Database,
  r: RestaurantRow,
  now: number,
  distanceM: number | null,
): z.infer<typeof restaurantDetail> {
  const place = getPlace(db, r.place_id);
  const open = isOpen(r, now);
  return {
    ...viewRestaurantSummary(db, r, now, distanceM),
    place_id: r.place_id,
    address_zh: place.address_zh,
    address_en: place.address_en,
    packaging_fee: money(r.packaging_fee),
    delivery_fee_rule: `${money(r.delivery_fee).display} within ${FREE_DELIVERY_RANGE_M / 1000} km, plus ${money(FEE_PER_EXTRA_KM).display} per started km beyond.`,
    prep_minutes: r.prep_min,
    next_open_at: open ? null : formatWorldTime(nextOpening(r, now)),
    merchant_account_id: r.merchant_id,
    notice: r.notice,
  };
}

/** A dish as the menu shows it. */
export function viewDish(d: DishRow): z.infer<typeof dishView> {
  return {
    id: d.id,
    name_zh: d.name_zh,
    name_en: d.name_en,
    description: d.description,
    price: money(d.price),
    in_stock: d.stock > 0,
    stock: d.stock,
    tags: dishTags(d),
    options: dishOptions(d).map((g) => ({
      key: g.key,
      name_zh: g.name_zh,
      name_en: g.name_en,
      pick: g.multi ? ('any' as const) : ('one' as const),
      default: g.default,
      choices: g.choices.map((c) => ({
        id: c.id,
        name_zh: c.name_zh,
        name_en: c.name_en,
        surcharge: money(c.surcharge),
      })),
    })),
  };
}

function briefChoices(chosen: readonly OptionChoice[]) {
  return chosen.map((c) => ({ id: c.id, name_zh: c.name_zh, name_en: c.name_en }));
}

/** A priced line. */
export function viewLine(l: PricedLine): z.infer<typeof lineView> {
  return {
    dish_id: l.dish.id,
    name_zh: l.dish.name_zh,
    name_en: l.dish.name_en,
    options: briefChoices(l.options.chosen),
    unit_price: money(l.unit_price),
    quantity: l.quantity,
    line_total: money(l.line_total),
  };
}

/** A saved address with its place's address text. */
export function viewAddress(db: Database.Database, a: AddressRow): z.infer<typeof addressView> {
  const place = getPlace(db, a.place_id);
  return {
    id: a.id,
    label: a.label,
    recipient_name: a.recipient_name,
    phone: a.phone,
    place_id: a.place_id,
    address_zh: place.address_zh,
    address_en: place.address_en,
    detail: a.detail,
  };
}

const at = (ms: number | null) => (ms === null ? null : formatWorldTime(ms));

/** An order with its lines, payment and what comes next. */
export function viewOrder(db: Database.Database, o: OrderRow, now: number): z.infer<typeof orderView> {
  const restaurant = db
    .prepare('SELECT * FROM food_restaurants WHERE id = ?')
    .get(o.restaurant_id) as RestaurantRow;
  const address = db.prepare('SELECT * FROM food_addresses WHERE id = ?').get(o.address_id) as AddressRow;
  const request = o.payment_request_id ? getRequest(db, o.payment_request_id) : undefined;
  const schedule = orderSchedule(o, o.status === 'created' ? now : undefined);
  const eta = o.status === 'cancelled' ? null : (o.delivered_at ?? schedule?.delivered ?? null);
  return {
    id: o.id,
    status: o.status,
    restaurant: { id: restaurant.id, name_zh: restaurant.name_zh, name_en: restaurant.name_en },
    address: viewAddress(db, address),
    items: orderItems(db, o.id).map((i) => ({
      dish_id: i.dish_id,
      name_zh: i.name_zh,
      name_en: i.name_en,
      options: briefChoices(i.chosen),
      unit_price: money(i.unit_price),
      quantity: i.quantity,
      line_total: money(i.line_total),
    })),
    items_total: money(o.items_total),
    packaging_fee: money(o.packaging_fee),
    delivery_fee: money(o.delivery_fee),
    discount: money(o.discount),
    coupon_id: o.coupon_id,
    total: money(o.total),
    note: o.note,
    payment_request_id: o.payment_request_id,
    payee_account_id: restaurant.merchant_id,
    payment_status: request?.status ?? 'none',
    created_at: formatWorldTime(o.created_at),
    paid_at: at(o.paid_at),
    estimated_delivery_at: at(eta),
    delivered_at: at(o.delivered_at),
    cancelled_at: at(o.cancelled_at),
    cancel_reason: o.cancel_reason,
    next_step: nextStep(o, restaurant, request?.status, schedule),
  };
}

function nextStep(
  o: OrderRow,
  r: RestaurantRow,
  payment: string | undefined,
  schedule: ReturnType<typeof orderSchedule>,
): string {
  switch (o.status) {
    case 'created':
      return `Awaiting payment: pay ${money(o.total).display} with the pay app's pay_request (request_id ${o.payment_request_id}, amount_fen ${o.total}, payee_account_id ${r.merchant_id}). Unpaid orders are cancelled at ${formatWorldTime(o.created_at + UNPAID_EXPIRY_MIN * 60_000)}.`;
    case 'paid':
      return `Paid; the kitchen starts at ${at(schedule?.preparing ?? null)}. You can still cancel for a full refund until then.`;
    case 'preparing':
      return `Being prepared; a rider picks it up around ${at(schedule?.delivering ?? null)}. It can no longer be cancelled.`;
    case 'delivering':
      return `On the way; it should arrive around ${at(schedule?.delivered ?? null)}.`;
    case 'delivered':
      return 'Delivered. You can rate it with write_review.';
    case 'cancelled':
      return payment === 'refunded'
        ? `Cancelled; ${money(o.total).display} was refunded to your wallet.`
        : 'Cancelled; nothing was charged.';
  }
}
