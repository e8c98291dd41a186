/** The food app's tables: restaurants and menus, saved addresses, coupons, carts, orders and reviews. */
export const FOOD_SCHEMA = `
CREATE TABLE food_restaurants (
  id TEXT PRIMARY KEY,
  name_zh TEXT NOT NULL,
  name_en TEXT NOT NULL,
  cuisine TEXT NOT NULL,
  place_id TEXT NOT NULL,
  merchant_id TEXT NOT NULL,
  rating REAL NOT NULL,
  rating_count INTEGER NOT NULL,
  opens_at INTEGER NOT NULL,
  closes_at INTEGER NOT NULL,
  rest_weekday INTEGER,
  delivery_fee INTEGER NOT NULL CHECK (delivery_fee >= 0),
  packaging_fee INTEGER NOT NULL CHECK (packaging_fee >= 0),
  min_order INTEGER NOT NULL CHECK (min_order >= 0),
  prep_min INTEGER NOT NULL,
  notice TEXT NOT NULL
);
CREATE TABLE food_dishes (
  id TEXT PRIMARY KEY,
  restaurant_id TEXT NOT NULL REFERENCES food_restaurants(id),
  position INTEGER NOT NULL,
  name_zh TEXT NOT NULL,
  name_en TEXT NOT NULL,
  description TEXT NOT NULL,
  price INTEGER NOT NULL CHECK (price > 0),
  stock INTEGER NOT NULL CHECK (stock >= 0),
  tags TEXT NOT NULL,
  options TEXT NOT NULL
);
CREATE TABLE food_addresses (
  id TEXT PRIMARY KEY,
  owner_id TEXT NOT NULL,
  label TEXT NOT NULL,
  place_id TEXT NOT NULL,
  detail TEXT NOT NULL,
  recipient_name TEXT NOT NULL,
  phone TEXT NOT NULL
);
CREATE TABLE food_coupons (
  id TEXT PRIMARY KEY,
  owner_id TEXT NOT NULL,
  name_zh TEXT NOT NULL,
  name_en TEXT NOT NULL,
  threshold INTEGER NOT NULL,
  discount INTEGER NOT NULL CHECK (discount > 0),
  restaurant_id TEXT,
  expires_at INTEGER NOT NULL,
  used INTEGER NOT NULL DEFAULT 0,
  order_id TEXT
);
CREATE TABLE food_cart_items (
  id TEXT PRIMARY KEY,
  owner_id TEXT NOT NULL,
  restaurant_id TEXT NOT NULL,
  dish_id TEXT NOT NULL,
  options TEXT NOT NULL,
  quantity INTEGER NOT NULL CHECK (quantity > 0),
  added_at INTEGER NOT NULL
);
CREATE TABLE food_orders (
  id TEXT PRIMARY KEY,
  owner_id TEXT NOT NULL,
  restaurant_id TEXT NOT NULL,
  address_id TEXT NOT NULL,
  place_id TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('created', 'paid', 'preparing', 'delivering', 'delivered', 'cancelled')),
  items_total INTEGER NOT NULL,
  packaging_fee INTEGER NOT NULL,
  delivery_fee INTEGER NOT NULL,
  discount INTEGER NOT NULL,
  total INTEGER NOT NULL CHECK (total > 0),
  coupon_id TEXT,
  note TEXT NOT NULL,
  payment_request_id TEXT,
  distance_m INTEGER NOT NULL,
  prep_min INTEGER NOT NULL,
  travel_min INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  paid_at INTEGER,
  preparing_at INTEGER,
  delivering_at INTEGER,
  delivered_at INTEGER,
  cancelled_at INTEGER,
  cancel_reason TEXT
);
CREATE TABLE food_order_items (
  order_id TEXT NOT NULL REFERENCES food_orders(id),
  line_no INTEGER NOT NULL,
  dish_id TEXT NOT NULL,
  name_zh TEXT NOT NULL,
  name_en TEXT NOT NULL,
  options TEXT NOT NULL,
  unit_price INTEGER NOT NULL,
  quantity INTEGER NOT NULL CHECK (quantity > 0),
  line_total INTEGER NOT NULL,
  PRIMARY KEY (order_id, line_no)
);
CREATE TABLE food_reviews (
  id TEXT PRIMARY KEY,
  restaurant_id TEXT NOT NULL REFERENCES food_restaurants(id),
  order_id TEXT,
  author_id TEXT,
  author_name TEXT NOT NULL,
  rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
  text TEXT NOT NULL,
  created_at INTEGER NOT NULL
);`;
