import { z } from 'zod';
import { ErrandError } from '../../../errors.js';
import { formatWorldTime } from '../../clock.js';
import { money, moneySchema } from '../../money.js';
import type { ToolContext } from '../../tool.js';
import { defineTool } from '../../tool.js';
import {
  cancelOrder,
  getOrder,
  ORDER_STATUSES,
  type OrderRow,
  PAY_TO_PREPARE_MIN,
  placeOrder,
} from './orders.js';
import {
  assertStock,
  buildQuote,
  cartLines,
  getDish,
  getRestaurant,
  isOpen,
  priceLines,
  resolveOptions,
} from './service.js';
import {
  addressView,
  costFields,
  lineView,
  orderView,
  restaurantBrief,
  viewAddress,
  viewLine,
  viewOrder,
} from './views.js';

const itemInput = z.object({
  dish_id: z.string().describe('From get_menu, e.g. d_chuanwei_gongbao.'),
  quantity: z.number().int().min(1).max(20).default(1).describe('How many.'),
  options: z
    .array(z.string())
    .max(10)
    .default([])
    .describe('Option choice ids from get_menu, e.g. ["spice_mild"]; defaults fill the rest.'),
});

const orderFields = {
  restaurant_id: z.string().describe('The restaurant, e.g. r_chuanwei.'),
  address_id: z.string().describe('A saved address id (list_addresses).'),
  items: z.array(itemInput).min(1).max(20).optional().describe('The dishes; your cart here when omitted.'),
  coupon_id: z.string().optional().describe('Your coupon (list_coupons).'),
};

const cartView = z.object({
  restaurant: restaurantBrief.describe('The restaurant this cart is for.'),
  open_now: z.boolean().describe('Whether the restaurant takes orders now.'),
  items: z
    .array(lineView.extend({ cart_item_id: z.string().describe('Cart line id.') }))
    .describe('Cart lines.'),
  items_total: moneySchema.describe('Dish total of the cart.'),
  min_order: moneySchema.describe('Smallest dish total the restaurant delivers.'),
  meets_minimum: z.boolean().describe('Whether the cart reaches the minimum order.'),
});

function viewCart(ctx: ToolContext, restaurantId: string): z.infer<typeof cartView> {
  const r = getRestaurant(ctx.db, restaurantId);
  const lines = cartLines(ctx.db, ctx.me, r.id);
  const priced = priceLines(ctx.db, r, lines);
  const total = priced.reduce((s, l) => s + l.line_total, 0);
  return {
    restaurant: { id: r.id, name_zh: r.name_zh, name_en: r.name_en },
    open_now: isOpen(r, ctx.now),
    items: priced.map((l, i) => ({ ...viewLine(l), cart_item_id: lines[i]?.id ?? '' })),
    items_total: money(total),
    min_order: money(r.min_order),
    meets_minimum: total >= r.min_order,
  };
}

function ordersOf(ctx: ToolContext, status: string | undefined, limit: number): OrderRow[] {
  return ctx.db
    .prepare(
      'SELECT * FROM food_orders WHERE owner_id = ? AND (? IS NULL OR status = ?) ORDER BY created_at DESC, id DESC LIMIT ?',
    )
    .all(ctx.me, status ?? null, status ?? null, limit) as OrderRow[];
}

/** Carts, quotes, orders and reviews. */
export const orderTools = [
  defineTool({
    name: 'add_to_cart',
    title: 'Add to cart',
    description:
      'Puts a dish with its options in your cart at its restaurant (same dish and options add up).',
    input: itemInput,
    output: z.object({
      cart_item_id: z.string().describe('The cart line the dish went into.'),
      cart: cartView.describe('Your cart at that restaurant now.'),
    }),
    effect: { kind: 'write', act: 'cart', items: 'dish_id' },
    run: ({ dish_id, quantity, options }, ctx) => {
      const dish = getDish(ctx.db, dish_id);
      const resolved = resolveOptions(dish, options);
      const key = JSON.stringify(resolved.ids);
      const inCart = ctx.db
        .prepare(
          'SELECT COALESCE(SUM(quantity), 0) AS n FROM food_cart_items WHERE owner_id = ? AND dish_id = ?',
        )
        .get(ctx.me, dish.id) as { n: number };
      const [line] = priceLines(ctx.db, getRestaurant(ctx.db, dish.restaurant_id), [
        { dish_id, quantity, options: resolved.ids },
      ]);
      if (line) assertStock([line], new Map([[dish.id, inCart.n]]));
      const same = ctx.db
        .prepare('SELECT id FROM food_cart_items WHERE owner_id = ? AND dish_id = ? AND options = ?')
        .get(ctx.me, dish.id, key) as { id: string } | undefined;
      let id = same?.id;
      if (id) {
        ctx.db.prepare('UPDATE food_cart_items SET quantity = quantity + ? WHERE id = ?').run(quantity, id);
      } else {
        id = ctx.nextId('cart');
        ctx.db
          .prepare('INSERT INTO food_cart_items VALUES (?, ?, ?, ?, ?, ?, ?)')
          .run(id, ctx.me, dish.restaurant_id, dish.id, key, quantity, ctx.now);
      }
      return { cart_item_id: id, cart: viewCart(ctx, dish.restaurant_id) };
    },
  }),
  defineTool({
    name: 'view_cart',
    title: 'View cart',
    description:
      'Shows your carts (one per restaurant) with prices and whether each reaches the minimum order.',
    input: z.object({
      restaurant_id: z
        .string()
        .optional()
        .describe('Only the cart at this restaurant; all carts when omitted.'),
    }),
    output: z.object({ carts: z.array(cartView).describe('Your non-empty carts.') }),
    effect: { kind: 'read' },
    run: ({ restaurant_id }, ctx) => {
      if (restaurant_id) getRestaurant(ctx.db, restaurant_id);
      const ids = (
        ctx.db
          .prepare(
            'SELECT DISTINCT restaurant_id FROM food_cart_items WHERE owner_id = ? AND (? IS NULL OR restaurant_id = ?) ORDER BY restaurant_id',
          )
          .all(ctx.me, restaurant_id ?? null, restaurant_id ?? null) as { restaurant_id: string }[]
      ).map((r) => r.restaurant_id);
      return { carts: ids.map((id) => viewCart(ctx, id)) };
    },
  }),
  defineTool({
    name: 'remove_from_cart',
    title: 'Remove from cart',
    description: 'Takes a cart line out of your cart, or lowers its quantity.',
    input: z.object({
      cart_item_id: z.string().describe('The cart line id from view_cart.'),
      quantity: z
        .number()
        .int()
        .min(1)
        .optional()
        .describe('How many to remove; the whole line when omitted.'),
    }),
    output: z.object({ cart: cartView.describe('Your cart at that restaurant now.') }),
    effect: { kind: 'write', act: 'tidy' },
    run: ({ cart_item_id, quantity }, ctx) => {
      const line = ctx.db
        .prepare('SELECT * FROM food_cart_items WHERE id = ? AND owner_id = ?')
        .get(cart_item_id, ctx.me) as { id: string; restaurant_id: string; quantity: number } | undefined;
      if (!line)
        throw new ErrandError('NOT_FOUND', `No cart line "${cart_item_id}" in your cart; see view_cart.`);
      if (quantity === undefined || quantity >= line.quantity) {
        ctx.db.prepare('DELETE FROM food_cart_items WHERE id = ?').run(line.id);
      } else {
        ctx.db
          .prepare('UPDATE food_cart_items SET quantity = quantity - ? WHERE id = ?')
          .run(quantity, line.id);
      }
      return { cart: viewCart(ctx, line.restaurant_id) };
    },
  }),
  defineTool({
    name: 'quote_order',
    title: 'Price an order',
    description:
      'Works out an order without placing it: every dish line, packaging, delivery fee, coupon discount and the exact total place_order will charge.',
    input: z.object(orderFields),
    output: z.object({
      restaurant: restaurantBrief.describe('Where it is from.'),
      address: addressView.describe('Where it goes.'),
      items: z.array(lineView).describe('The dishes.'),
      ...costFields,
      from_cart: z.boolean().describe('True when the dishes came from your cart.'),
      distance_m: z.number().int().describe('Street distance of the delivery in metres.'),
      estimated_minutes: z.number().int().describe('Minutes from payment to delivery.'),
      payee_account_id: z.string().describe('The wallet account the payment will go to.'),
    }),
    effect: { kind: 'read' },
    run: (input, ctx) => {
      const q = buildQuote(ctx, input);
      return {
        restaurant: { id: q.restaurant.id, name_zh: q.restaurant.name_zh, name_en: q.restaurant.name_en },
        address: viewAddress(ctx.db, q.address),
        items: q.lines.map(viewLine),
        items_total: money(q.items_total),
        packaging_fee: money(q.packaging_fee),
        delivery_fee: money(q.delivery_fee),
        discount: money(q.discount),
        coupon_id: q.coupon?.id ?? null,
        total: money(q.total),
        from_cart: q.fromCart,
        distance_m: q.distance_m,
        estimated_minutes: PAY_TO_PREPARE_MIN + q.restaurant.prep_min + q.travel_min,
        payee_account_id: q.restaurant.merchant_id,
      };
    },
  }),
  defineTool({
    name: 'place_order',
    title: 'Place an order',
    description:
      'Places a delivery order (dishes given, or your cart) and creates a payment request; pay it with pay_request to start the order.',
    input: z.object({
      ...orderFields,
      note: z.string().max(200).default('').describe('For the restaurant, e.g. 少辣.'),
    }),
    output: orderView,
    effect: {
      kind: 'write',
      act: 'order',
      merchant: 'restaurant_id',
      address: 'address_id',
      items: 'items',
    },
    run: (input, ctx) => viewOrder(ctx.db, placeOrder(ctx, input), ctx.now),
  }),
  defineTool({
    name: 'get_order',
    title: 'One order',
    description:
      'Shows one of your orders: status, dishes, total, payment request and estimated delivery time.',
    input: z.object({ order_id: z.string().describe('The order id, e.g. ord_0001.') }),
    output: orderView,
    effect: { kind: 'read' },
    run: ({ order_id }, ctx) => viewOrder(ctx.db, getOrder(ctx.db, ctx.me, order_id), ctx.now),
  }),
  defineTool({
    name: 'list_orders',
    title: 'Your orders',
    description: 'Lists your orders, newest first, optionally only those in one status.',
    input: z.object({
      status: z.enum(ORDER_STATUSES).optional().describe('Only orders in this status.'),
      limit: z.number().int().min(1).max(50).default(10).describe('How many orders at most.'),
    }),
    output: z.object({ orders: z.array(orderView).describe('Newest first.') }),
    effect: { kind: 'read' },
    run: ({ status, limit }, ctx) => ({
      orders: ordersOf(ctx, status, limit).map((o) => viewOrder(ctx.db, o, ctx.now)),
    }),
  }),
  defineTool({
    name: 'cancel_order',
    title: 'Cancel an order',
    description:
      'Cancels one of your orders before the kitchen starts (status created or paid); a paid order is refunded to your wallet in full.',
    input: z.object({
      order_id: z.string().describe('The order to cancel.'),
      reason: z.string().max(200).default('cancelled by customer').describe('Why, for the restaurant.'),
    }),
    output: orderView.extend({ refunded: moneySchema.describe('Money returned to your wallet.') }),
    effect: { kind: 'write', act: 'cancel', target: 'order_id' },
    run: ({ order_id, reason }, ctx) => {
      const { order, refunded } = cancelOrder(ctx, order_id, reason);
      return { ...viewOrder(ctx.db, order, ctx.now), refunded: money(refunded) };
    },
  }),
  defineTool({
    name: 'write_review',
    title: 'Review an order',
    description: 'Rates a delivered order of yours (1–5 stars) with a short text; one review per order.',
    input: z.object({
      order_id: z.string().describe('The delivered order to review.'),
      rating: z.number().int().min(1).max(5).describe('Stars, 1 (bad) to 5 (great).'),
      text: z.string().min(1).max(500).describe('What you want to say.'),
    }),
    output: z.object({
      review_id: z.string().describe('The new review.'),
      restaurant: restaurantBrief.describe('The restaurant reviewed.'),
      rating: z.number().int().describe('Your stars.'),
      text: z.string().describe('Your text.'),
      created_at: z.string().describe('When (local time).'),
      restaurant_rating: z.number().describe("The restaurant's new average rating."),
    }),
    effect: { kind: 'write', act: 'review', target: 'order_id' },
    run: ({ order_id, rating, text }, ctx) => {
      const order = getOrder(ctx.db, ctx.me, order_id);
      if (order.status !== 'delivered') {
        throw new ErrandError(
          'CONFLICT',
          `Order ${order_id} is ${order.status}; only delivered orders can be reviewed.`,
        );
      }
      if (ctx.db.prepare('SELECT 1 FROM food_reviews WHERE order_id = ?').get(order_id)) {
        throw new ErrandError('CONFLICT', `You already reviewed order ${order_id}; one review per order.`);
      }
      const r = getRestaurant(ctx.db, order.restaurant_id);
      const me = ctx.db.prepare('SELECT name_zh, name_en FROM world_people WHERE id = ?').get(ctx.me) as
        | { name_zh: string; name_en: string }
        | undefined;
      const id = ctx.nextId('rv');
      ctx.db
        .prepare('INSERT INTO food_reviews VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
        .run(id, r.id, order_id, ctx.me, me?.name_zh ?? ctx.me, rating, text, ctx.now);
      const average = (r.rating * r.rating_count + rating) / (r.rating_count + 1);
      ctx.db
        .prepare('UPDATE food_restaurants SET rating = ?, rating_count = rating_count + 1 WHERE id = ?')
        .run(average, r.id);
      return {
        review_id: id,
        restaurant: { id: r.id, name_zh: r.name_zh, name_en: r.name_en },
        rating,
        text,
        created_at: formatWorldTime(ctx.now),
        restaurant_rating: Math.round(average * 10) / 10,
      };
    },
  }),
];
