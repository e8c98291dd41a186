import { defineApp } from '../../app.js';
import { SHOP_SCHEMA } from './schema.js';
import { seedShop } from './seed.js';
import { advanceOrders, markPaid } from './orders.js';
import { shopTools } from './tools.js';

export { FREE_SHIPPING_FROM, SHIPPING_FEE, SHOP_MERCHANT } from './service.js';

/** Online shopping: a catalogue with variants and reviews, a cart, orders paid through the wallet, returns. */
export const shopApp = defineApp({
  name: 'shop',
  title: { zh: '优选商城', en: 'ShopMall' },
  schema: SHOP_SCHEMA,
  seed: seedShop,
  tools: shopTools,
  untrusted: [
    { table: 'shop_products', column: 'description', label: 'product description' },
    { table: 'shop_reviews', column: 'text', label: 'product review' },
  ],
  advance: (ctx) => advanceOrders(ctx.db, ctx.now),
  examples: {
    search_products: [{ query: '雨伞' }, { category: 'food_drink', max_price_fen: 10000, sort: 'price_asc' }],
    get_product: [{ product_id: 'pr_mechanical_keyboard' }],
    list_product_reviews: [{ product_id: 'pr_coffee_beans' }],
    list_addresses: [{}],
    add_to_cart: [
      { product_id: 'pr_usbc_cable', quantity: 2 },
      { product_id: 'pr_mechanical_keyboard', variant_id: 'pv_mechanical_keyboard_brown' },
    ],
    view_cart: [{}],
    remove_from_cart: [{ product_id: 'pr_dark_chocolate', quantity: 1 }],
    quote_order: [
      { items: [{ product_id: 'pr_umbrella', quantity: 1 }] },
      { address_id: 'saddr_liming_home' },
    ],
    place_order: [
      { items: [{ product_id: 'pr_birthday_card', quantity: 1 }], address_id: 'saddr_liming_office' },
      { address_id: 'saddr_liming_home' },
    ],
    get_order: [{ order_id: 'sord_liming_earbuds' }],
    list_orders: [{}, { status: 'delivered' }],
    cancel_order: [{ order_id: 'sord_liming_scarf' }],
    request_return: [{ order_id: 'sord_liming_earbuds', reason: '左耳没有声音' }],
  },
  on: { 'payment.paid': (event, ctx) => markPaid(ctx, event) },
});
