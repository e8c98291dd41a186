import { defineApp } from '../../app.js';
import { advanceOrders, onPaymentPaid } from './orders.js';
import { FOOD_SCHEMA } from './schema.js';
import { seedFood } from './seed.js';
import { foodTools } from './tools.js';

export { getOrder, type OrderRow, type OrderStatus } from './orders.js';
export { getRestaurant, isOpen, type RestaurantRow } from './service.js';

const latte = { dish_id: 'd_morning_latte', quantity: 1, options: ['cup_large'] };

/** Food delivery: restaurants and menus, carts, coupons, orders paid through the wallet, and reviews. */
export const foodApp = defineApp({
  name: 'food',
  title: { zh: '外卖', en: 'Food delivery' },
  schema: FOOD_SCHEMA,
  seed: seedFood,
  tools: foodTools,
  untrusted: [
    { table: 'food_restaurants', column: 'notice', label: 'restaurant notice' },
    { table: 'food_reviews', column: 'text', label: 'restaurant review' },
    { table: 'food_dishes', column: 'description', label: 'dish description' },
  ],
  advance: (ctx) => advanceOrders(ctx),
  on: { 'payment.paid': onPaymentPaid },
  examples: {
    search_restaurants: [
      { query: '宫保鸡丁' },
      { open_now: true, sort: 'distance', address_id: 'addr_liming_office' },
    ],
    get_restaurant: [{ restaurant_id: 'r_chuanwei', address_id: 'addr_liming_office' }],
    get_menu: [{ restaurant_id: 'r_chuanwei', exclude_tags: ['contains-peanuts'] }],
    list_reviews: [{ restaurant_id: 'r_chuanwei' }],
    list_addresses: [{}],
    list_coupons: [{ usable_only: true }],
    add_to_cart: [latte],
    view_cart: [{}],
    remove_from_cart: [{ cart_item_id: 'cart_liming_tea' }],
    quote_order: [{ restaurant_id: 'r_morning', address_id: 'addr_liming_office', items: [latte] }],
    place_order: [
      { restaurant_id: 'r_morning', address_id: 'addr_liming_office', items: [latte], note: '少冰' },
    ],
    get_order: [{ order_id: 'ord_liming_friday' }],
    list_orders: [{}],
    cancel_order: [{ order_id: 'ord_liming_pending' }],
    write_review: [{ order_id: 'ord_liming_friday', rating: 5, text: '宫保鸡丁很好吃，送得也快。' }],
  },
});
