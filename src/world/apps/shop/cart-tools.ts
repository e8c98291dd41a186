import type Database from 'better-sqlite3';
import { z } from 'zod';
import { ErrandError } from '../../../errors.js';
import { defineTool } from '../../tool.js';
import {
  cartOf,
  checkStock,
  getProduct,
  MAX_QUANTITY,
  type PricedLine,
  resolveItem,
  totalsOf,
  variantsOf,
} from './service.js';
import { lineView, totalsView, viewLine, viewTotals } from './views.js';

const cartView = totalsView.extend({
  items: z
    .array(
      lineView.extend({
        stock: z.number().int().describe('How many are left in the shop.'),
        enough_stock: z.boolean().describe('False when the shop no longer has this quantity.'),
      }),
    )
    .describe('What is in your cart, oldest first.'),
});

/** The cart priced as it is, without failing on stock that ran out since it was added. */
function viewCart(db: Database.Database, ownerId: string): z.infer<typeof cartView> {
  const lines: PricedLine[] = cartOf(db, ownerId).map((c) => {
    const product = getProduct(db, c.product_id);
    const variant = variantsOf(db, product.id).find((v) => v.id === c.variant_id) ?? null;
    const unit_price = variant ? variant.price : product.price;
    return { product, variant, quantity: c.quantity, unit_price, line_total: unit_price * c.quantity };
  });
  const totals = lines.length ? totalsOf(lines) : { subtotal: 0, shipping_fee: 0, total: 0 };
  return {
    items: lines.map((l) => {
      const stock = l.variant ? l.variant.stock : l.product.stock;
      return { ...viewLine(l), stock, enough_stock: stock >= l.quantity };
    }),
    ...viewTotals(totals),
  };
}

const productInput = z.string().describe('Product id, e.g. pr_umbrella.');
const variantInput = z
  .string()
  .optional()
  .describe('Variant id (colour/size), required when the product has variants; see get_product.');

/** The cart's operations: add, view, remove. */
export const cartTools = [
  defineTool({
    name: 'add_to_cart',
    title: 'Add to cart',
    description:
      'Puts a product (and its variant, if it has colours/sizes) in your cart; adding the same item again raises its quantity.',
    input: z.object({
      product_id: productInput,
      variant_id: variantInput,
      quantity: z
        .number()
        .int()
        .min(1)
        .max(MAX_QUANTITY)
        .default(1)
        .describe(`How many to add, 1 to ${MAX_QUANTITY}.`),
    }),
    output: cartView,
    effect: { kind: 'write', act: 'cart', items: 'product_id' },
    run: ({ product_id, variant_id, quantity }, ctx) => {
      const { product, variant } = resolveItem(ctx.db, product_id, variant_id);
      const key = variant?.id ?? '';
      const prior = ctx.db
        .prepare(
          'SELECT quantity FROM shop_cart_items WHERE owner_id = ? AND product_id = ? AND variant_id = ?',
        )
        .get(ctx.me, product.id, key) as { quantity: number } | undefined;
      const total = (prior?.quantity ?? 0) + quantity;
      if (total > MAX_QUANTITY) {
        throw new ErrandError(
          'INVALID_INPUT',
          `Your cart already has ${prior?.quantity ?? 0} of ${product.name_en}; at most ${MAX_QUANTITY} of one item.`,
        );
      }
      checkStock(product, variant, total);
      ctx.db
        .prepare(
          `INSERT INTO shop_cart_items VALUES (?, ?, ?, ?, ?)
           ON CONFLICT(owner_id, product_id, variant_id) DO UPDATE SET quantity = excluded.quantity`,
        )
        .run(ctx.me, product.id, key, total, ctx.now);
      return viewCart(ctx.db, ctx.me);
    },
  }),
  defineTool({
    name: 'view_cart',
    title: 'Your cart',
    description: 'Shows your cart: items, stock, goods total, shipping (free from ¥99, else ¥10) and total.',
    input: z.object({}),
    output: cartView,
    effect: { kind: 'read' },
    run: (_input, ctx) => viewCart(ctx.db, ctx.me),
  }),
  defineTool({
    name: 'remove_from_cart',
    title: 'Remove from cart',
    description: 'Takes an item out of your cart, or lowers its quantity.',
    input: z.object({
      product_id: productInput,
      variant_id: variantInput,
      quantity: z
        .number()
        .int()
        .min(1)
        .max(MAX_QUANTITY)
        .optional()
        .describe('How many to take out; the whole line when omitted.'),
    }),
    output: cartView,
    effect: { kind: 'write', act: 'tidy' },
    run: ({ product_id, variant_id, quantity }, ctx) => {
      const key = variant_id ?? '';
      const prior = ctx.db
        .prepare(
          'SELECT quantity FROM shop_cart_items WHERE owner_id = ? AND product_id = ? AND variant_id = ?',
        )
        .get(ctx.me, product_id, key) as { quantity: number } | undefined;
      if (!prior) {
        throw new ErrandError(
          'NOT_FOUND',
          `${product_id}${variant_id ? ` (${variant_id})` : ''} is not in your cart; see view_cart.`,
        );
      }
      if (quantity === undefined || quantity >= prior.quantity) {
        ctx.db
          .prepare('DELETE FROM shop_cart_items WHERE owner_id = ? AND product_id = ? AND variant_id = ?')
          .run(ctx.me, product_id, key);
      } else {
        ctx.db
          .prepare(
            'UPDATE shop_cart_items SET quantity = ? WHERE owner_id = ? AND product_id = ? AND variant_id = ?',
          )
          .run(prior.quantity - quantity, ctx.me, product_id, key);
      }
      return viewCart(ctx.db, ctx.me);
    },
  }),
];
