import type { IntentSet } from '../../guard/index.js';
import { queryTerms } from '../tool-search.js';

type Intent = IntentSet['intents'][number];

/**
 * The tools a kind of intent plainly needs in errand's own apps, by model-facing name: find the thing,
 * check it, do it (an order is quoted, placed and paid). An app none of whose starter tools exists (an
 * app errand does not know) is opened whole.
 */
function startersOf(intent: Intent): { app: string; tools: string[] }[] {
  switch (intent.kind) {
    case 'transfer':
      return [{ app: 'pay', tools: ['pay_transfer', 'pay_get_balance'] }];
    case 'pay_bill':
      return [{ app: 'pay', tools: ['pay_list_payment_requests', 'pay_pay_request'] }];
    case 'order': {
      const a = intent.app;
      const cart = intent.fromCart ? [`${a}_view_cart`] : [];
      const find =
        a === 'food'
          ? ['food_search_restaurants', 'food_get_menu']
          : ['shop_search_products', 'shop_get_product'];
      // place_order answers with the total and the payment request: quote_order stays in the catalogue.
      return [
        { app: a, tools: [...find, ...cart, `${a}_list_addresses`, `${a}_place_order`] },
        { app: 'pay', tools: ['pay_pay_request'] },
      ];
    }
    case 'message':
      // The recipient's id comes from find_people (or chat_list_contacts, in the catalogue).
      return [{ app: 'chat', tools: ['chat_send_message'] }];
    case 'restock':
      return [
        {
          app: 'inventory',
          tools: ['inventory_list_stock', 'inventory_list_suppliers', 'inventory_create_purchase_order'],
        },
      ];
    case 'event':
      return [
        {
          app: 'calendar',
          // find_free_time says who is busy when; get_free_busy stays in the catalogue.
          tools: ['calendar_list_events', 'calendar_find_free_time', 'calendar_create_event'],
        },
      ];
    case 'reschedule':
      return [
        { app: 'calendar', tools: ['calendar_list_events', 'calendar_get_event', 'calendar_move_event'] },
      ];
    case 'respond':
      return [
        {
          app: 'calendar',
          tools: ['calendar_list_events', 'calendar_get_event', 'calendar_respond_to_invitation'],
        },
      ];
    case 'cancel': {
      const a = intent.app ?? 'calendar';
      return a === 'calendar'
        ? [{ app: a, tools: ['calendar_list_events', 'calendar_get_event', 'calendar_cancel_event'] }]
        : [{ app: a, tools: [`${a}_list_orders`, `${a}_get_order`, `${a}_cancel_order`] }];
    }
    case 'return':
      return [{ app: 'shop', tools: ['shop_list_orders', 'shop_get_order', 'shop_request_return'] }];
    case 'review':
      return intent.app === 'shop'
        ? [{ app: 'shop', tools: ['shop_list_orders', 'shop_get_order'] }]
        : [{ app: 'food', tools: ['food_list_orders', 'food_get_order', 'food_write_review'] }];
    case 'recall':
      return [
        { app: 'chat', tools: ['chat_list_conversations', 'chat_read_messages', 'chat_recall_message'] },
      ];
    case 'update':
      // A work record: the app it is in is opened whole (its tools are few and all about it).
      return intent.app ? [{ app: intent.app, tools: [] }] : [];
  }
}

/** Words of a request that say which app a look-up needs (how do I get to…, what's on my calendar). */
const LOOKUPS: { terms: string[]; app: string; tools: string[] }[] = [
  {
    terms: ['route', 'maps', 'place'],
    app: 'maps',
    tools: ['maps_search_places', 'maps_get_place', 'maps_route'],
  },
  {
    terms: ['calendar', 'event', 'meeting', 'free'],
    app: 'calendar',
    tools: ['calendar_list_events', 'calendar_get_event', 'calendar_find_free_time'],
  },
  { terms: ['food', 'restaurant', 'menu'], app: 'food', tools: ['food_search_restaurants', 'food_get_menu'] },
  { terms: ['shop', 'product'], app: 'shop', tools: ['shop_search_products', 'shop_get_product'] },
  { terms: ['balance', 'transaction'], app: 'pay', tools: ['pay_get_balance', 'pay_list_transactions'] },
  {
    terms: ['message', 'chat', 'conversation'],
    app: 'chat',
    tools: ['chat_list_conversations', 'chat_read_messages'],
  },
];

/** A sum of money in a request: 20元, 20块, ¥20, 20 yuan, RMB 20. */
const MONEY = /\d\s*(元|块)|¥|￥|\byuan\b|\bRMB\b|\bCNY\b/i;

/**
 * The app tools an errand opens before its first turn: every offered tool when they are few, else those
 * its intents need and those its request plainly asks to look at. The rest stay in the catalogue for
 * the model to open (open_apps, search_tools) or call.
 */
export function toolsToOpen(
  offered: { app: string; tools: string[] }[],
  request: string,
  intents: IntentSet | undefined,
  fewTools = 8,
): string[] {
  const all = offered.flatMap((a) => a.tools.map((t) => `${a.app}_${t}`));
  if (all.length <= fewTools) return all;
  const wanted: { app: string; tools: string[] }[] = intents?.intents.flatMap(startersOf) ?? [];
  const terms = new Set(queryTerms(request));
  // A look-up word opens an app the intents have not: "tell 王芳" is the message intent, not a look-up.
  const byIntent = new Set(wanted.map((w) => w.app));
  for (const l of LOOKUPS) if (!byIntent.has(l.app) && l.terms.some((t) => terms.has(t))) wanted.push(l);
  if (MONEY.test(request) && !wanted.some((w) => w.app === 'pay'))
    wanted.push({ app: 'pay', tools: ['pay_get_balance', 'pay_transfer', 'pay_pay_request'] });
  const names: string[] = [];
  for (const w of wanted) {
    const app = offered.find((a) => a.app === w.app);
    if (!app) continue;
    const mine = app.tools.map((t) => `${app.app}_${t}`);
    const known = w.tools.filter((t) => mine.includes(t));
    names.push(...(known.length ? known : mine));
  }
  return [...new Set(names)];
}
