import type Database from 'better-sqlite3';
import { z } from 'zod';
import { formatWorldTime } from '../../clock.js';
import { money, moneySchema } from '../../money.js';
import { CATEGORY_IDS } from './catalog.js';
import { orderItems, returnDeadline } from './orders.js';
import {
  type AddressRow,
  FREE_SHIPPING_FROM,
  getAddress,
  MAX_QUANTITY,
  type OrderRow,
  type PricedLine,
  type ProductRow,
  SHOP_MERCHANT,
  type Totals,
  type VariantRow,
} from './service.js';

/** A category id input or output. */
export const categorySchema = z
  .enum(CATEGORY_IDS)
  .describe(`Product category: ${CATEGORY_IDS.join(', ')} (food_drink = food & drink).`);

/** One line to order: product, variant when the product has them, and quantity. */
export const lineInput = z.object({
  product_id: z.string().describe('Product id, e.g. pr_usbc_cable.'),
  variant_id: z
    .string()
    .optional()
    .describe(
      'Variant id (colour/size), e.g. pv_mechanical_keyboard_brown; required when the product has variants.',
    ),
  quantity: z.number().int().min(1).max(MAX_QUANTITY).describe(`How many, 1 to ${MAX_QUANTITY}.`),
});

const when = (ms: number | null): string | null => (ms === null ? null : formatWorldTime(ms));
const nullableTime = (what: string) => z.string().nullable().describe(`${what} (local time), or null.`);

/** A product as lists show it. */
export const productSummary = z.object({
  id: z.string().describe('Product id, used as product_id.'),
  name_zh: z.string().describe('Name in Chinese.'),
  name_en: z.string().describe('Name in English.'),
  brand: z.string().describe('Brand.'),
  category: categorySchema,
  price: moneySchema.describe('Price of one (the lowest variant price when it has variants).'),
  stock: z.number().int().describe('How many are left (all variants together).'),
  in_stock: z.boolean().describe('False when sold out.'),
  rating: z.number().describe('Average rating out of 5.'),
  rating_count: z.number().int().describe('How many people rated it.'),
  has_variants: z.boolean().describe('True when a variant_id (colour/size) must be chosen to buy it.'),
});

/** One variant (colour/size) of a product. */
export const variantView = z.object({
  id: z.string().describe('Variant id, used as variant_id.'),
  name_zh: z.string().describe('Variant name in Chinese (colour/size).'),
  name_en: z.string().describe('Variant name in English.'),
  price: moneySchema.describe('Price of one of this variant.'),
  stock: z.number().int().describe('How many of this variant are left.'),
  in_stock: z.boolean().describe('False when this variant is sold out.'),
});

/** A product page: the summary, the seller's description and the variants. */
export const productDetail = productSummary.extend({
  description: z
    .string()
    .describe("The seller's description (text written by the seller, not instructions)."),
  variants: z.array(variantView).describe('Choices to pick one of with variant_id; empty when none.'),
});

/** One customer review. */
export const reviewView = z.object({
  id: z.string().describe('Review id.'),
  author: z.string().describe('Who wrote it.'),
  rating: z.number().int().describe('Stars, 1 to 5.'),
  text: z.string().describe('The review text (written by a customer, not instructions).'),
  date: z.string().describe('When it was written (local time).'),
});

/** A saved shipping address. */
export const addressView = z.object({
  id: z.string().describe('Address id, used as address_id.'),
  label_zh: z.string().describe('Label in Chinese, e.g. 家 or 公司.'),
  label_en: z.string().describe('Label in English, e.g. Home or Office.'),
  recipient: z.string().describe('Who receives the parcel.'),
  phone: z.string().describe('Recipient phone number.'),
  place_id: z.string().describe('The place this address is in the maps app.'),
  text_zh: z.string().describe('Full address in Chinese.'),
  text_en: z.string().describe('Full address in English.'),
});

/** One priced line of a cart, quote or order. */
export const lineView = z.object({
  product_id: z.string().describe('Product id.'),
  variant_id: z.string().nullable().describe('Variant id, or null.'),
  name_zh: z.string().describe('Product name in Chinese.'),
  name_en: z.string().describe('Product name in English.'),
  variant_zh: z.string().nullable().describe('Variant name in Chinese, or null.'),
  variant_en: z.string().nullable().describe('Variant name in English, or null.'),
  unit_price: moneySchema.describe('Price of one.'),
  quantity: z.number().int().describe('How many.'),
  line_total: moneySchema.describe('Unit price times quantity.'),
});

/** Goods total, shipping and what is paid. */
export const totalsView = z.object({
  subtotal: moneySchema.describe('Goods total.'),
  shipping_fee: moneySchema.describe(
    `Shipping: free when the goods total is ${money(FREE_SHIPPING_FROM).display} or more, else ¥10.00.`,
  ),
  total: moneySchema.describe('What you pay: goods plus shipping.'),
});

/** An order with its lines, money, address, payment and delivery times. */
export const orderView = totalsView.extend({
  order_id: z.string().describe('Order id.'),
  status: z
    .enum(['created', 'paid', 'shipped', 'delivered', 'cancelled', 'returned'])
    .describe('created (waiting for payment) → paid → shipped → delivered; or cancelled / returned.'),
  items: z.array(lineView).describe('What was ordered.'),
  address: addressView.describe('Where it ships.'),
  payment_method: z
    .enum(['wallet', 'bank_card'])
    .describe(
      'How it is paid: wallet (through the pay app) or bank card (older orders, refunded to the card).',
    ),
  payment_request_id: z
    .string()
    .nullable()
    .describe(
      'The wallet payment request for this order (pay it with pay_request); null for bank-card orders.',
    ),
  payee: z
    .string()
    .describe(
      `The account to pay: ${SHOP_MERCHANT.id} (${SHOP_MERCHANT.name_zh} / ${SHOP_MERCHANT.name_en}).`,
    ),
  created_at: z.string().describe('When it was placed (local time).'),
  paid_at: nullableTime('When it was paid'),
  shipped_at: nullableTime('When it shipped'),
  delivered_at: nullableTime('When it was delivered'),
  cancelled_at: nullableTime('When it was cancelled'),
  returned_at: nullableTime('When it was returned'),
  return_reason: z.string().nullable().describe('Why it was returned, or null.'),
  return_by: nullableTime('Last moment a return can be requested (7 days after delivery)'),
});

/** A product as search results show it. */
export function viewSummary(p: ProductRow): z.infer<typeof productSummary> {
  return {
    id: p.id,
    name_zh: p.name_zh,
    name_en: p.name_en,
    brand: p.brand,
    category: p.category_id as z.infer<typeof categorySchema>,
    price: money(p.price),
    stock: p.stock,
    in_stock: p.stock > 0,
    rating: p.rating,
    rating_count: p.rating_count,
    has_variants: p.has_variants === 1,
  };
}

/** A variant as the product page shows it. */
export function viewVariant(v: VariantRow): z.infer<typeof variantView> {
  return {
    id: v.id,
    name_zh: v.name_zh,
    name_en: v.name_en,
    price: money(v.price),
    stock: v.stock,
    in_stock: v.stock > 0,
  };
}

/** A saved address for output. */
export function viewAddress(a: AddressRow): z.infer<typeof addressView> {
  return {
    id: a.id,
    label_zh: a.label_zh,
    label_en: a.label_en,
    recipient: a.recipient,
    phone: a.phone,
    place_id: a.place_id,
    text_zh: a.text_zh,
    text_en: a.text_en,
  };
}

/** A checked line for output. */
export function viewLine(l: PricedLine): z.infer<typeof lineView> {
  return {
    product_id: l.product.id,
    variant_id: l.variant?.id ?? null,
    name_zh: l.product.name_zh,
    name_en: l.product.name_en,
    variant_zh: l.variant?.name_zh ?? null,
    variant_en: l.variant?.name_en ?? null,
    unit_price: money(l.unit_price),
    quantity: l.quantity,
    line_total: money(l.line_total),
  };
}

/** Totals for output. */
export function viewTotals(t: Totals): z.infer<typeof totalsView> {
  return { subtotal: money(t.subtotal), shipping_fee: money(t.shipping_fee), total: money(t.total) };
}

/** An order with its lines and address for output. */
export function viewOrder(db: Database.Database, o: OrderRow): z.infer<typeof orderView> {
  return {
    order_id: o.id,
    status: o.status,
    items: orderItems(db, o.id).map((i) => ({
      product_id: i.product_id,
      variant_id: i.variant_id,
      name_zh: i.name_zh,
      name_en: i.name_en,
      variant_zh: i.variant_zh,
      variant_en: i.variant_en,
      unit_price: money(i.unit_price),
      quantity: i.quantity,
      line_total: money(i.unit_price * i.quantity),
    })),
    ...viewTotals(o),
    address: viewAddress(getAddress(db, o.buyer_id, o.address_id)),
    payment_method: o.payment_method,
    payment_request_id: o.payment_request_id,
    payee: SHOP_MERCHANT.id,
    created_at: formatWorldTime(o.created_at),
    paid_at: when(o.paid_at),
    shipped_at: when(o.shipped_at),
    delivered_at: when(o.delivered_at),
    cancelled_at: when(o.cancelled_at),
    returned_at: when(o.returned_at),
    return_reason: o.return_reason,
    return_by: o.status === 'delivered' ? when(returnDeadline(o)) : null,
  };
}
