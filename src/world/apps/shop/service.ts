import type Database from 'better-sqlite3';
import { ErrandError } from '../../../errors.js';

/** The shop's merchant account in the wallet: the payee of every shop order. */
export const SHOP_MERCHANT = { id: 'm_shop', name_zh: '优选商城', name_en: 'ShopMall' };

/** Orders whose goods total reaches this many fen ship free (满99包邮). */
export const FREE_SHIPPING_FROM = 9900;
/** The shipping fee below the free-shipping total, in fen. */
export const SHIPPING_FEE = 1000;
/** Most of one item (product and variant) in one cart or order. */
export const MAX_QUANTITY = 20;
/** A paid order ships this long after payment. */
export const SHIP_AFTER_MS = 2 * 3600_000;
/** A shipped order is delivered this long after shipping. */
export const DELIVER_AFTER_MS = 24 * 3600_000;
/** A delivered order may be returned within this long. */
export const RETURN_WINDOW_MS = 7 * 24 * 3600_000;

/** A product row. */
export interface ProductRow {
  id: string;
  category_id: string;
  name_zh: string;
  name_en: string;
  brand: string;
  price: number;
  stock: number;
  description: string;
  rating: number;
  rating_count: number;
  has_variants: 0 | 1;
  position: number;
}

/** A variant row: one colour or size of a product, with its own price and stock. */
export interface VariantRow {
  id: string;
  product_id: string;
  name_zh: string;
  name_en: string;
  price: number;
  stock: number;
  position: number;
}

/** A saved shipping address. */
export interface AddressRow {
  id: string;
  owner_id: string;
  label_zh: string;
  label_en: string;
  recipient: string;
  phone: string;
  place_id: string;
  text_zh: string;
  text_en: string;
}

/** An order's status: created → paid → shipped → delivered, or cancelled / returned. */
export type OrderStatus = 'created' | 'paid' | 'shipped' | 'delivered' | 'cancelled' | 'returned';

/** An order row. */
export interface OrderRow {
  id: string;
  buyer_id: string;
  address_id: string;
  status: OrderStatus;
  subtotal: number;
  shipping_fee: number;
  total: number;
  /** Orders placed in the world are paid through the wallet; older ones were paid by bank card. */
  payment_method: 'wallet' | 'bank_card';
  payment_request_id: string | null;
  created_at: number;
  paid_at: number | null;
  shipped_at: number | null;
  delivered_at: number | null;
  cancelled_at: number | null;
  returned_at: number | null;
  return_reason: string | null;
}

/** One line of an order as stored, with names and price at the time of the order. */
export interface OrderItemRow {
  order_id: string;
  line: number;
  product_id: string;
  variant_id: string | null;
  name_zh: string;
  name_en: string;
  variant_zh: string | null;
  variant_en: string | null;
  unit_price: number;
  quantity: number;
}

/** What someone asks for: a product, maybe a variant, and how many. */
export interface LineRequest {
  product_id: string;
  variant_id?: string | undefined;
  quantity: number;
}

/** A checked line: the product and variant found, enough stock, and its price. */
export interface PricedLine {
  product: ProductRow;
  variant: VariantRow | null;
  quantity: number;
  unit_price: number;
  line_total: number;
}

/** The money of an order: goods, shipping, and what is paid. */
export interface Totals {
  subtotal: number;
  shipping_fee: number;
  total: number;
}

/** Reads a product or fails with NOT_FOUND. */
export function getProduct(db: Database.Database, id: string): ProductRow {
  const row = db.prepare('SELECT * FROM shop_products WHERE id = ?').get(id) as ProductRow | undefined;
  if (!row) {
    throw new ErrandError('NOT_FOUND', `No product "${id}"; find product ids with search_products.`);
  }
  return row;
}

/** The variants of a product, in display order. */
export function variantsOf(db: Database.Database, productId: string): VariantRow[] {
  return db
    .prepare('SELECT * FROM shop_variants WHERE product_id = ? ORDER BY position')
    .all(productId) as VariantRow[];
}

function variantList(variants: VariantRow[]): string {
  return variants.map((v) => `${v.id} (${v.name_en})`).join(', ');
}

/** Finds the product and variant a line names, failing as a shop would. */
export function resolveItem(
  db: Database.Database,
  productId: string,
  variantId: string | undefined,
): { product: ProductRow; variant: VariantRow | null } {
  const product = getProduct(db, productId);
  const variants = variantsOf(db, product.id);
  if (variants.length === 0) {
    if (variantId) {
      throw new ErrandError(
        'NOT_FOUND',
        `${product.name_en} (${product.id}) has no variants; leave variant_id out.`,
      );
    }
    return { product, variant: null };
  }
  if (!variantId) {
    throw new ErrandError(
      'INVALID_INPUT',
      `${product.name_en} (${product.id}) comes in several variants; choose one with variant_id: ${variantList(variants)}.`,
    );
  }
  const variant = variants.find((v) => v.id === variantId);
  if (!variant) {
    throw new ErrandError(
      'NOT_FOUND',
      `${product.name_en} has no variant "${variantId}"; its variants are ${variantList(variants)}.`,
    );
  }
  return { product, variant };
}

/** Fails with OUT_OF_STOCK unless `quantity` of the item is available. */
export function checkStock(product: ProductRow, variant: VariantRow | null, quantity: number): void {
  const stock = variant ? variant.stock : product.stock;
  const name = variant ? `${product.name_en} (${variant.name_en})` : product.name_en;
  if (stock === 0) {
    throw new ErrandError('OUT_OF_STOCK', `${name} is sold out; choose another product or variant.`);
  }
  if (stock < quantity) {
    throw new ErrandError(
      'OUT_OF_STOCK',
      `Only ${stock} of ${name} left, not ${quantity}; ask for ${stock} or fewer.`,
      { available: stock },
    );
  }
}

function checkQuantity(name: string, quantity: number): void {
  if (!Number.isInteger(quantity) || quantity < 1 || quantity > MAX_QUANTITY) {
    throw new ErrandError(
      'INVALID_INPUT',
      `The quantity of ${name} must be a whole number from 1 to ${MAX_QUANTITY}, got ${quantity}.`,
    );
  }
}

/** Checks every line (product, variant, quantity, stock), merging repeats of the same item, and prices it. */
export function priceLines(db: Database.Database, requests: LineRequest[]): PricedLine[] {
  const merged = new Map<string, LineRequest>();
  for (const r of requests) {
    const key = `${r.product_id}|${r.variant_id ?? ''}`;
    const prior = merged.get(key);
    merged.set(key, { ...r, quantity: (prior?.quantity ?? 0) + r.quantity });
  }
  return [...merged.values()].map((r) => {
    const { product, variant } = resolveItem(db, r.product_id, r.variant_id);
    checkQuantity(variant ? `${product.name_en} (${variant.name_en})` : product.name_en, r.quantity);
    checkStock(product, variant, r.quantity);
    const unit = variant ? variant.price : product.price;
    return { product, variant, quantity: r.quantity, unit_price: unit, line_total: unit * r.quantity };
  });
}

/** Goods total, shipping (free from ¥99, else ¥10) and what is paid. */
export function totalsOf(lines: { line_total: number }[]): Totals {
  const subtotal = lines.reduce((sum, l) => sum + l.line_total, 0);
  const shipping_fee = subtotal >= FREE_SHIPPING_FROM ? 0 : SHIPPING_FEE;
  return { subtotal, shipping_fee, total: subtotal + shipping_fee };
}

/** A cart line as stored. */
export interface CartRow {
  owner_id: string;
  product_id: string;
  variant_id: string;
  quantity: number;
  added_at: number;
}

/** A person's cart, oldest line first. */
export function cartOf(db: Database.Database, ownerId: string): CartRow[] {
  return db
    .prepare('SELECT * FROM shop_cart_items WHERE owner_id = ? ORDER BY added_at, rowid')
    .all(ownerId) as CartRow[];
}

/** The lines to order: the ones given, or the person's cart; an empty cart is refused. */
export function requestedLines(
  db: Database.Database,
  ownerId: string,
  items: LineRequest[] | undefined,
): LineRequest[] {
  if (items && items.length > 0) return items;
  const cart = cartOf(db, ownerId);
  if (cart.length === 0) {
    throw new ErrandError(
      'INVALID_INPUT',
      'Your cart is empty; add items with add_to_cart or pass items directly.',
    );
  }
  return cart.map((c) => ({
    product_id: c.product_id,
    variant_id: c.variant_id || undefined,
    quantity: c.quantity,
  }));
}

/** Reads one of the person's saved addresses or fails with NOT_FOUND. */
export function getAddress(db: Database.Database, ownerId: string, id: string): AddressRow {
  const row = db.prepare('SELECT * FROM shop_addresses WHERE id = ? AND owner_id = ?').get(id, ownerId) as
    | AddressRow
    | undefined;
  if (!row) {
    throw new ErrandError(
      'NOT_FOUND',
      `No saved address "${id}" of yours; see list_addresses for your addresses.`,
    );
  }
  return row;
}
