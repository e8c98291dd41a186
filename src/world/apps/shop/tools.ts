import { z } from 'zod';
import { formatWorldTime } from '../../clock.js';
import { fenSchema, type Money, money, moneySchema } from '../../money.js';
import { defineTool } from '../../tool.js';
import { cartTools } from './cart-tools.js';
import { cancelOrder, getOrder, placeOrder, returnOrder } from './orders.js';
import {
  type AddressRow,
  getAddress,
  getProduct,
  type OrderRow,
  type ProductRow,
  priceLines,
  requestedLines,
  SHOP_MERCHANT,
  totalsOf,
  variantsOf,
} from './service.js';
import {
  addressView,
  categorySchema,
  lineInput,
  lineView,
  orderView,
  productDetail,
  productSummary,
  reviewView,
  totalsView,
  viewAddress,
  viewLine,
  viewOrder,
  viewSummary,
  viewTotals,
  viewVariant,
} from './views.js';

const itemsInput = z
  .array(lineInput)
  .min(1)
  .max(20)
  .optional()
  .describe('The items to order; when omitted, everything in your cart.');

const orderIdInput = z.string().describe('Order id, e.g. sord_0001.');

const refundOutput = {
  refunded: moneySchema
    .nullable()
    .describe('Money given back; null when the order was not yet paid (its payment request is withdrawn).'),
  refunded_to: z
    .enum(['wallet', 'bank_card'])
    .nullable()
    .describe(
      'Where the refund went: your wallet, or the bank card an older order was paid with; null if unpaid.',
    ),
};

/** The money back for an order being cancelled or returned: what was paid, and where it goes. */
function refundOf(order: OrderRow): {
  refunded: Money | null;
  refunded_to: OrderRow['payment_method'] | null;
} {
  return order.paid_at === null
    ? { refunded: null, refunded_to: null }
    : { refunded: money(order.total), refunded_to: order.payment_method };
}

/** Lowercased text a search query is matched against: names, brand and category. */
function haystack(p: ProductRow & { category_zh: string; category_en: string }): string {
  return [p.name_zh, p.name_en, p.brand, p.category_id, p.category_zh, p.category_en].join(' ').toLowerCase();
}

/** The shop's operations. */
export const shopTools = [
  defineTool({
    name: 'search_products',
    title: 'Search products',
    description:
      'Finds products by Chinese or English name, brand or category, with price and stock filters.',
    input: z.object({
      query: z.string().max(100).optional().describe('Every word must match (e.g. 雨伞, coffee beans).'),
      category: categorySchema.optional().describe('Only this category.'),
      max_price_fen: fenSchema.optional().describe('At most this price, in fen.'),
      in_stock_only: z.boolean().default(false).describe('Leave out sold-out products.'),
      sort: z
        .enum(['relevance', 'price_asc', 'price_desc', 'rating'])
        .default('relevance')
        .describe('Shop order, cheapest, dearest, or best rated first.'),
      limit: z.number().int().min(1).max(50).default(20).describe('How many results at most.'),
    }),
    output: z.object({
      products: z.array(productSummary).describe('Matching products.'),
      total_found: z.number().int().describe('How many matched before the limit.'),
    }),
    effect: { kind: 'read' },
    run: ({ query, category, max_price_fen, in_stock_only, sort, limit }, ctx) => {
      const rows = ctx.db
        .prepare(
          `SELECT p.*, c.name_zh AS category_zh, c.name_en AS category_en
           FROM shop_products p JOIN shop_categories c ON c.id = p.category_id ORDER BY p.position`,
        )
        .all() as (ProductRow & { category_zh: string; category_en: string })[];
      const words = (query ?? '').toLowerCase().split(/\s+/).filter(Boolean);
      const found = rows.filter(
        (p) =>
          (!category || p.category_id === category) &&
          (max_price_fen === undefined || p.price <= max_price_fen) &&
          (!in_stock_only || p.stock > 0) &&
          words.every((w) => haystack(p).includes(w)),
      );
      const order: Record<typeof sort, (a: ProductRow, b: ProductRow) => number> = {
        relevance: (a, b) => a.position - b.position,
        price_asc: (a, b) => a.price - b.price || a.position - b.position,
        price_desc: (a, b) => b.price - a.price || a.position - b.position,
        rating: (a, b) => b.rating - a.rating || b.rating_count - a.rating_count,
      };
      found.sort(order[sort]);
      return { products: found.slice(0, limit).map(viewSummary), total_found: found.length };
    },
  }),
  defineTool({
    name: 'get_product',
    title: 'Product details',
    description:
      'Shows one product: price, stock, rating, description and its variants (colours/sizes) with their ids.',
    input: z.object({ product_id: z.string().describe('Product id, e.g. pr_umbrella.') }),
    output: productDetail,
    effect: { kind: 'read' },
    run: ({ product_id }, ctx) => {
      const p = getProduct(ctx.db, product_id);
      return {
        ...viewSummary(p),
        description: p.description,
        variants: variantsOf(ctx.db, p.id).map(viewVariant),
      };
    },
  }),
  defineTool({
    name: 'list_product_reviews',
    title: 'Product reviews',
    description: "Lists customers' reviews of a product, newest first.",
    input: z.object({
      product_id: z.string().describe('Product id, e.g. pr_coffee_beans.'),
      limit: z.number().int().min(1).max(50).default(10).describe('How many reviews at most.'),
    }),
    output: z.object({
      product_id: z.string().describe('The product.'),
      rating: z.number().describe('Average rating out of 5.'),
      reviews: z.array(reviewView).describe('Newest first.'),
    }),
    effect: { kind: 'read' },
    run: ({ product_id, limit }, ctx) => {
      const p = getProduct(ctx.db, product_id);
      const rows = ctx.db
        .prepare('SELECT * FROM shop_reviews WHERE product_id = ? ORDER BY created_at DESC, id LIMIT ?')
        .all(p.id, limit) as {
        id: string;
        author: string;
        rating: number;
        text: string;
        created_at: number;
      }[];
      return {
        product_id: p.id,
        rating: p.rating,
        reviews: rows.map((r) => ({
          id: r.id,
          author: r.author,
          rating: r.rating,
          text: r.text,
          date: formatWorldTime(r.created_at),
        })),
      };
    },
  }),
  defineTool({
    name: 'list_addresses',
    title: 'Saved addresses',
    description: 'Lists your saved shipping addresses (home, office) with the ids place_order takes.',
    input: z.object({}),
    output: z.object({ addresses: z.array(addressView).describe('Your saved addresses.') }),
    effect: { kind: 'read' },
    run: (_input, ctx) => {
      const rows = ctx.db
        .prepare('SELECT * FROM shop_addresses WHERE owner_id = ? ORDER BY id')
        .all(ctx.me) as AddressRow[];
      return { addresses: rows.map(viewAddress) };
    },
  }),
  ...cartTools,
  defineTool({
    name: 'quote_order',
    title: 'Quote an order',
    description:
      'Prices an order before placing it: items, shipping (free from ¥99, else ¥10) and the total you will pay. Checks stock.',
    input: z.object({
      items: itemsInput,
      address_id: z.string().optional().describe('A saved address id to check (see list_addresses).'),
    }),
    output: totalsView.extend({
      from_cart: z.boolean().describe('True when the quote is for your cart.'),
      items: z.array(lineView).describe('The priced items.'),
      address: addressView.nullable().describe('The address checked, or null.'),
    }),
    effect: { kind: 'read' },
    run: ({ items, address_id }, ctx) => {
      const address = address_id === undefined ? null : getAddress(ctx.db, ctx.me, address_id);
      const lines = priceLines(ctx.db, requestedLines(ctx.db, ctx.me, items));
      return {
        from_cart: !items,
        items: lines.map(viewLine),
        ...viewTotals(totalsOf(lines)),
        address: address && viewAddress(address),
      };
    },
  }),
  defineTool({
    name: 'place_order',
    title: 'Place an order',
    description:
      'Orders the items given (or your cart) to a saved address and creates a payment request; pay it with pay_request.',
    input: z.object({
      items: itemsInput,
      address_id: z.string().describe('A saved address id (list_addresses).'),
    }),
    output: orderView.extend({ next_step: z.string().describe('What to do next.') }),
    effect: { kind: 'write', act: 'order', address: 'address_id', items: 'items' },
    run: ({ items, address_id }, ctx) => {
      const address = getAddress(ctx.db, ctx.me, address_id);
      const lines = priceLines(ctx.db, requestedLines(ctx.db, ctx.me, items));
      const order = placeOrder(ctx, { lines, address, clearCart: !items });
      return {
        ...viewOrder(ctx.db, order),
        next_step: `Pay ${money(order.total).display} to ${SHOP_MERCHANT.id} with pay_request (request_id ${order.payment_request_id}, amount_fen ${order.total}, payee_account_id ${SHOP_MERCHANT.id}).`,
      };
    },
  }),
  defineTool({
    name: 'get_order',
    title: 'One order',
    description: 'Shows one of your orders: status, items, total, address and delivery times.',
    input: z.object({ order_id: orderIdInput }),
    output: orderView,
    effect: { kind: 'read' },
    run: ({ order_id }, ctx) => viewOrder(ctx.db, getOrder(ctx.db, ctx.me, order_id)),
  }),
  defineTool({
    name: 'list_orders',
    title: 'Your orders',
    description: 'Lists your orders, newest first.',
    input: z.object({
      status: z
        .enum(['created', 'paid', 'shipped', 'delivered', 'cancelled', 'returned'])
        .optional()
        .describe('Only orders with this status; all when omitted.'),
    }),
    output: z.object({ orders: z.array(orderView).describe('Newest first.') }),
    effect: { kind: 'read' },
    run: ({ status }, ctx) => {
      const rows = ctx.db
        .prepare(
          'SELECT * FROM shop_orders WHERE buyer_id = ? AND (? IS NULL OR status = ?) ORDER BY created_at DESC, id DESC',
        )
        .all(ctx.me, status ?? null, status ?? null) as OrderRow[];
      return { orders: rows.map((o) => viewOrder(ctx.db, o)) };
    },
  }),
  defineTool({
    name: 'cancel_order',
    title: 'Cancel an order',
    description:
      'Cancels an order that has not shipped (created or paid). A paid order is refunded the way it was paid (wallet or bank card); stock goes back.',
    input: z.object({ order_id: orderIdInput }),
    output: orderView.extend(refundOutput),
    effect: { kind: 'write', act: 'cancel', target: 'order_id' },
    run: ({ order_id }, ctx) => {
      const order = getOrder(ctx.db, ctx.me, order_id);
      return { ...viewOrder(ctx.db, cancelOrder(ctx, order)), ...refundOf(order) };
    },
  }),
  defineTool({
    name: 'request_return',
    title: 'Return an order',
    description:
      'Returns a delivered order within 7 days of delivery; the full total is refunded the way it was paid (wallet or bank card).',
    input: z.object({
      order_id: orderIdInput,
      reason: z.string().trim().min(1).max(500).describe('Why you are returning it.'),
    }),
    output: orderView.extend(refundOutput),
    effect: { kind: 'write', act: 'return', target: 'order_id' },
    run: ({ order_id, reason }, ctx) => {
      const order = getOrder(ctx.db, ctx.me, order_id);
      return { ...viewOrder(ctx.db, returnOrder(ctx, order, reason)), ...refundOf(order) };
    },
  }),
];
