import type { Recipe } from './format.js';

const builtin = { kind: 'builtin' as const };

/**
 * The recipes errand ships for the sandbox's common errands. Each one names its parameters exactly as
 * the offline matcher fills them (see matcher/types.ts) and runs through the same runner and guard as
 * any model.
 */
export const BUILTIN_RECIPES: Recipe[] = [
  {
    id: 'order_food',
    title: 'Order food for delivery and pay for it',
    description:
      'Order one or more dishes from one restaurant to a saved address, optionally with a coupon, check the total against a budget, and pay.',
    params: {
      restaurant_id: { type: 'id', description: 'The restaurant.', optional: false },
      items: {
        type: 'lines',
        description: 'The dishes, all from this restaurant: [{"dish_id": "d_…", "quantity": 1}].',
        optional: false,
      },
      address_id: { type: 'id', description: 'A saved delivery address.', optional: false },
      coupon_id: { type: 'id', description: 'A coupon of the person’s to use.', optional: true },
      budget_fen: { type: 'fen', description: 'The most the order may cost.', optional: true },
    },
    steps: [
      {
        call: 'food_quote_order',
        input: {
          restaurant_id: '{{restaurant_id}}',
          items: '{{items}}',
          address_id: '{{address_id}}',
          coupon_id: '{{coupon_id}}',
        },
        as: 'quote',
      },
      {
        check: '{{steps.quote.total.amount}}',
        atMost: '{{budget_fen}}',
        when: '{{budget_fen}}',
        message: 'The order would cost {{steps.quote.total.display}}, over the budget.',
      },
      { call: 'pay_get_balance', input: {}, as: 'wallet' },
      {
        check: '{{steps.quote.total.amount}}',
        atMost: '{{steps.wallet.balance.amount}}',
        message:
          'The order would cost {{steps.quote.total.display}}, more than the {{steps.wallet.balance.display}} in the wallet.',
      },
      {
        call: 'food_place_order',
        input: {
          restaurant_id: '{{restaurant_id}}',
          items: '{{items}}',
          address_id: '{{address_id}}',
          coupon_id: '{{coupon_id}}',
        },
        as: 'order',
      },
      {
        call: 'pay_pay_request',
        input: {
          request_id: '{{steps.order.payment_request_id}}',
          amount_fen: '{{steps.order.total.amount}}',
          payee_account_id: '{{steps.order.payee_account_id}}',
        },
        as: 'payment',
      },
    ],
    outcome: 'Ordered and paid {{steps.order.total.display}} (order {{steps.order.id}}).',
    outcomeZh: '已下单并付款 {{steps.order.total.display}}（订单 {{steps.order.id}}）。',
    source: builtin,
  },
  {
    id: 'transfer',
    title: 'Send money to a contact',
    description: 'Transfer an amount from the wallet to one contact.',
    params: {
      to: { type: 'id', description: 'The contact’s person id.', optional: false },
      amount_fen: { type: 'fen', description: 'How much.', optional: false },
      memo: { type: 'string', description: 'A note.', optional: true, default: '' },
    },
    steps: [
      {
        call: 'pay_transfer',
        input: { to_account_id: '{{to}}', amount_fen: '{{amount_fen}}', memo: '{{memo}}' },
        as: 'transfer',
      },
    ],
    outcome:
      'Sent {{steps.transfer.amount.display}} to {{steps.transfer.to.name_zh}} ({{steps.transfer.transaction_id}}).',
    outcomeZh:
      '已给 {{steps.transfer.to.name_zh}} 转账 {{steps.transfer.amount.display}}（{{steps.transfer.transaction_id}}）。',
    source: builtin,
  },
  {
    id: 'pay_bill',
    title: 'Pay an open bill',
    description: 'Pay one open payment request (a utility or phone bill) for exactly what it asks.',
    params: { request_id: { type: 'id', description: 'The payment request.', optional: false } },
    steps: [
      { call: 'pay_get_payment_request', input: { request_id: '{{request_id}}' }, as: 'bill' },
      {
        call: 'pay_pay_request',
        input: {
          request_id: '{{request_id}}',
          amount_fen: '{{steps.bill.amount.amount}}',
          payee_account_id: '{{steps.bill.merchant.id}}',
        },
        as: 'payment',
      },
    ],
    outcome: 'Paid {{steps.payment.paid.display}} to {{steps.bill.merchant.name_zh}}.',
    outcomeZh: '已向 {{steps.bill.merchant.name_zh}} 付款 {{steps.payment.paid.display}}。',
    source: builtin,
  },
  {
    id: 'send_message',
    title: 'Send a chat message',
    description: 'Send one message to a contact or a group.',
    params: {
      to: { type: 'id', description: 'A contact’s person id or a group id.', optional: false },
      text: { type: 'string', description: 'The message.', optional: false },
    },
    steps: [{ call: 'chat_send_message', input: { to: '{{to}}', text: '{{text}}' }, as: 'message' }],
    outcome: 'Told {{steps.message.to.name}}: “{{text}}”.',
    outcomeZh: '已告诉 {{steps.message.to.name}}：“{{text}}”。',
    source: builtin,
  },
  {
    id: 'schedule_event',
    title: 'Schedule an event and invite people',
    description: 'Create a calendar event; each attendee gets an invitation in chat.',
    params: {
      title: { type: 'string', description: 'What the event is.', optional: false },
      start: { type: 'time', description: 'Local start time, YYYY-MM-DDTHH:mm.', optional: false },
      duration_minutes: { type: 'integer', description: 'How long.', optional: true, default: 60 },
      attendee_ids: { type: 'ids', description: 'Contacts to invite.', optional: true, default: [] },
      location: { type: 'string', description: 'Where.', optional: true, default: '' },
    },
    steps: [
      {
        call: 'calendar_create_event',
        input: {
          title: '{{title}}',
          start: '{{start}}',
          duration_minutes: '{{duration_minutes}}',
          attendee_ids: '{{attendee_ids}}',
          location: '{{location}}',
        },
        as: 'event',
      },
    ],
    outcome: 'Scheduled “{{title}}” at {{start}} ({{steps.event.event.id}}).',
    outcomeZh: '已安排“{{title}}”，时间 {{start}}（{{steps.event.event.id}}）。',
    source: builtin,
  },
  {
    id: 'buy_product',
    title: 'Buy a product and pay for it',
    description: 'Order a product to a saved address, check the total against a budget, and pay.',
    params: {
      product_id: { type: 'id', description: 'The product.', optional: false },
      variant_id: { type: 'id', description: 'Its variant (colour, size), if it has them.', optional: true },
      quantity: { type: 'integer', description: 'How many.', optional: true, default: 1 },
      address_id: { type: 'id', description: 'A saved shipping address.', optional: false },
      budget_fen: { type: 'fen', description: 'The most it may cost.', optional: true },
    },
    steps: [
      {
        call: 'shop_quote_order',
        input: {
          items: [{ product_id: '{{product_id}}', variant_id: '{{variant_id}}', quantity: '{{quantity}}' }],
          address_id: '{{address_id}}',
        },
        as: 'quote',
      },
      {
        check: '{{steps.quote.total.amount}}',
        atMost: '{{budget_fen}}',
        when: '{{budget_fen}}',
        message: 'It would cost {{steps.quote.total.display}}, over the budget.',
      },
      // An order the wallet cannot pay would only be left behind unpaid: look before ordering.
      { call: 'pay_get_balance', input: {}, as: 'wallet' },
      {
        check: '{{steps.quote.total.amount}}',
        atMost: '{{steps.wallet.balance.amount}}',
        message:
          'It would cost {{steps.quote.total.display}}, more than the {{steps.wallet.balance.display}} in the wallet.',
      },
      {
        call: 'shop_place_order',
        input: {
          items: [{ product_id: '{{product_id}}', variant_id: '{{variant_id}}', quantity: '{{quantity}}' }],
          address_id: '{{address_id}}',
        },
        as: 'order',
      },
      {
        call: 'pay_pay_request',
        input: {
          request_id: '{{steps.order.payment_request_id}}',
          amount_fen: '{{steps.order.total.amount}}',
          payee_account_id: '{{steps.order.payee}}',
        },
        as: 'payment',
      },
    ],
    outcome: 'Bought it for {{steps.order.total.display}} (order {{steps.order.order_id}}).',
    outcomeZh: '已买下，花费 {{steps.order.total.display}}（订单 {{steps.order.order_id}}）。',
    source: builtin,
  },
  {
    id: 'answer_invitation',
    title: 'Answer an invitation',
    description: 'Accept or decline one event someone else invited the person to.',
    params: {
      event_id: { type: 'id', description: 'The event invited to.', optional: false },
      response: { type: 'string', description: 'accept or decline.', optional: false },
    },
    steps: [
      {
        call: 'calendar_respond_to_invitation',
        input: { event_id: '{{event_id}}', response: '{{response}}' },
        as: 'answer',
      },
    ],
    outcome: 'Answered “{{steps.answer.title}}”: {{response}} ({{event_id}}).',
    outcomeZh: '已回复“{{steps.answer.title}}”：{{response}}（{{event_id}}）。',
    source: builtin,
  },
  {
    id: 'move_event',
    title: 'Move one of your events',
    description: 'Move an event the person organises to a new start, keeping its length; attendees are told.',
    params: {
      event_id: { type: 'id', description: 'The event, one the person organises.', optional: false },
      start: { type: 'time', description: 'New local start, YYYY-MM-DDTHH:mm.', optional: false },
    },
    steps: [
      {
        call: 'calendar_move_event',
        input: { event_id: '{{event_id}}', start: '{{start}}' },
        as: 'moved',
      },
    ],
    outcome: 'Moved “{{steps.moved.event.title}}” to {{start}} ({{event_id}}).',
    outcomeZh: '已把“{{steps.moved.event.title}}”改到 {{start}}（{{event_id}}）。',
    source: builtin,
  },
  {
    id: 'cancel_event',
    title: 'Cancel one of your events',
    description: 'Cancel an event the person organises; attendees are told.',
    params: {
      event_id: { type: 'id', description: 'The event, one the person organises.', optional: false },
    },
    steps: [{ call: 'calendar_cancel_event', input: { event_id: '{{event_id}}' }, as: 'cancelled' }],
    outcome: 'Cancelled “{{steps.cancelled.event.title}}” ({{event_id}}).',
    outcomeZh: '已取消“{{steps.cancelled.event.title}}”（{{event_id}}）。',
    source: builtin,
  },
  {
    id: 'cancel_food_order',
    title: 'Cancel a food order',
    description: 'Cancel a food order the kitchen has not started (created or paid; a paid one is refunded).',
    params: { order_id: { type: 'id', description: 'The food order.', optional: false } },
    steps: [{ call: 'food_cancel_order', input: { order_id: '{{order_id}}' }, as: 'order' }],
    outcome: 'Cancelled the order {{order_id}} (refunded {{steps.order.refunded.display}}).',
    outcomeZh: '已取消订单 {{order_id}}（退款 {{steps.order.refunded.display}}）。',
    source: builtin,
  },
  {
    id: 'cancel_shop_order',
    title: 'Cancel a shop order',
    description: 'Cancel a shop order that has not shipped (created or paid; a paid one is refunded).',
    params: { order_id: { type: 'id', description: 'The shop order.', optional: false } },
    steps: [{ call: 'shop_cancel_order', input: { order_id: '{{order_id}}' }, as: 'order' }],
    outcome: 'Cancelled the order {{order_id}}.',
    outcomeZh: '已取消订单 {{order_id}}。',
    source: builtin,
  },
  {
    id: 'return_order',
    title: 'Return a delivered shop order',
    description: 'Return a shop order delivered within the last 7 days, with the reason; it is refunded.',
    params: {
      order_id: { type: 'id', description: 'The delivered shop order.', optional: false },
      reason: { type: 'string', description: 'Why, in the person’s words.', optional: false },
    },
    steps: [
      {
        call: 'shop_request_return',
        input: { order_id: '{{order_id}}', reason: '{{reason}}' },
        as: 'order',
      },
    ],
    outcome: 'Returned the order {{order_id}}.',
    outcomeZh: '已为订单 {{order_id}} 申请退货。',
    source: builtin,
  },
  {
    id: 'find_route',
    title: 'Find a route',
    description: 'Distance and time between two places by a mode of travel.',
    params: {
      from_place_id: { type: 'id', description: 'Where from.', optional: false },
      to_place_id: { type: 'id', description: 'Where to.', optional: false },
      mode: {
        type: 'string',
        description: 'walk, bike, ebike, drive or transit.',
        optional: true,
        default: 'transit',
      },
    },
    steps: [
      {
        call: 'maps_route',
        input: { from_place_id: '{{from_place_id}}', to_place_id: '{{to_place_id}}', mode: '{{mode}}' },
        as: 'route',
      },
    ],
    outcome: '{{steps.route.distance_m}} m, about {{steps.route.duration_min}} minutes by {{mode}}.',
    outcomeZh: '{{steps.route.distance_m}} 米，{{mode}} 约 {{steps.route.duration_min}} 分钟。',
    source: builtin,
  },
  {
    id: 'find_place',
    title: 'Find places',
    description: 'Search places by words or category, optionally near a place.',
    params: {
      query: { type: 'string', description: 'Words to look for.', optional: true, default: '' },
      category: { type: 'string', description: 'A category such as cafe or pharmacy.', optional: true },
      near_place_id: { type: 'id', description: 'Sort by distance from here.', optional: true },
    },
    steps: [
      {
        call: 'maps_search_places',
        input: { query: '{{query}}', category: '{{category}}', near_place_id: '{{near_place_id}}' },
        as: 'places',
      },
    ],
    outcome: 'Found {{steps.places.places.length}} places.',
    outcomeZh: '找到 {{steps.places.places.length}} 个地方。',
    source: builtin,
  },
];
