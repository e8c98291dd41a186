/** The shop's tables: catalogue, reviews, saved addresses, carts, and orders with their lines. */
export const SHOP_SCHEMA = `
CREATE TABLE shop_categories (
  id TEXT PRIMARY KEY,
  name_zh TEXT NOT NULL,
  name_en TEXT NOT NULL,
  position INTEGER NOT NULL
);
CREATE TABLE shop_products (
  id TEXT PRIMARY KEY,
  category_id TEXT NOT NULL REFERENCES shop_categories(id),
  name_zh TEXT NOT NULL,
  name_en TEXT NOT NULL,
  brand TEXT NOT NULL,
  price INTEGER NOT NULL CHECK (price > 0),
  stock INTEGER NOT NULL CHECK (stock >= 0),
  description TEXT NOT NULL,
  rating REAL NOT NULL,
  rating_count INTEGER NOT NULL,
  has_variants INTEGER NOT NULL CHECK (has_variants IN (0, 1)),
  position INTEGER NOT NULL
);
CREATE TABLE shop_variants (
  id TEXT PRIMARY KEY,
  product_id TEXT NOT NULL REFERENCES shop_products(id),
  name_zh TEXT NOT NULL,
  name_en TEXT NOT NULL,
  price INTEGER NOT NULL CHECK (price > 0),
  stock INTEGER NOT NULL CHECK (stock >= 0),
  position INTEGER NOT NULL
);
CREATE TABLE shop_reviews (
  id TEXT PRIMARY KEY,
  product_id TEXT NOT NULL REFERENCES shop_products(id),
  author TEXT NOT NULL,
  rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
  text TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE TABLE shop_addresses (
  id TEXT PRIMARY KEY,
  owner_id TEXT NOT NULL,
  label_zh TEXT NOT NULL,
  label_en TEXT NOT NULL,
  recipient TEXT NOT NULL,
  phone TEXT NOT NULL,
  place_id TEXT NOT NULL,
  text_zh TEXT NOT NULL,
  text_en TEXT NOT NULL
);
CREATE TABLE shop_cart_items (
  owner_id TEXT NOT NULL,
  product_id TEXT NOT NULL REFERENCES shop_products(id),
  variant_id TEXT NOT NULL DEFAULT '',
  quantity INTEGER NOT NULL CHECK (quantity BETWEEN 1 AND 20),
  added_at INTEGER NOT NULL,
  PRIMARY KEY (owner_id, product_id, variant_id)
);
CREATE TABLE shop_orders (
  id TEXT PRIMARY KEY,
  buyer_id TEXT NOT NULL,
  address_id TEXT NOT NULL REFERENCES shop_addresses(id),
  status TEXT NOT NULL CHECK (status IN ('created', 'paid', 'shipped', 'delivered', 'cancelled', 'returned')),
  subtotal INTEGER NOT NULL,
  shipping_fee INTEGER NOT NULL,
  total INTEGER NOT NULL CHECK (total > 0),
  payment_method TEXT NOT NULL CHECK (payment_method IN ('wallet', 'bank_card')),
  payment_request_id TEXT,
  created_at INTEGER NOT NULL,
  paid_at INTEGER,
  shipped_at INTEGER,
  delivered_at INTEGER,
  cancelled_at INTEGER,
  returned_at INTEGER,
  return_reason TEXT
);
CREATE TABLE shop_order_items (
  order_id TEXT NOT NULL REFERENCES shop_orders(id),
  line INTEGER NOT NULL,
  product_id TEXT NOT NULL,
  variant_id TEXT,
  name_zh TEXT NOT NULL,
  name_en TEXT NOT NULL,
  variant_zh TEXT,
  variant_en TEXT,
  unit_price INTEGER NOT NULL,
  quantity INTEGER NOT NULL CHECK (quantity BETWEEN 1 AND 20),
  PRIMARY KEY (order_id, line)
);`;
