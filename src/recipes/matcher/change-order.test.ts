import { describe } from 'vitest';
import { type Persona, itIsUnsure, itMatches } from '../../../test/support/matcher.js';
import type { MatchedStep } from './types.js';

// Real worlds at the start: Monday 2026-11-30 11:00 UTC+8. Li Ming has an unpaid 粤香 order, a paid
// scarf not yet shipped, earbuds delivered on 11-27 and a book past its return window; Sam has
// slippers delivered on 11-28 and oat milk past its window.

const MATCHED: [Persona, string, MatchedStep[]][] = [
  [
    'li',
    '粤香茶餐厅那单奶茶菠萝油我不要了，还没付钱，帮我取消掉。',
    [{ recipe: 'cancel_food_order', params: { order_id: 'ord_liming_pending' } }],
  ],
  [
    'li',
    '我不要菠萝油那单了，取消吧',
    [{ recipe: 'cancel_food_order', params: { order_id: 'ord_liming_pending' } }],
  ],
  [
    'li',
    '围巾那单应该还没发货吧？帮我取消掉。',
    [{ recipe: 'cancel_shop_order', params: { order_id: 'sord_liming_scarf' } }],
  ],
  [
    'li',
    'cancel the scarf order',
    [{ recipe: 'cancel_shop_order', params: { order_id: 'sord_liming_scarf' } }],
  ],
  [
    'li',
    '上周买的那副降噪耳机音质不满意，帮我申请退货。',
    [
      {
        recipe: 'return_order',
        params: { order_id: 'sord_liming_earbuds', reason: '上周买的那副降噪耳机音质不满意' },
      },
    ],
  ],
  [
    'sam',
    'The slippers I got are too small, please send them back.',
    [
      {
        recipe: 'return_order',
        params: { order_id: 'sord_sam_slippers', reason: 'The slippers I got are too small' },
      },
    ],
  ],
  [
    'sam',
    'return the slippers because they are too small',
    [{ recipe: 'return_order', params: { order_id: 'sord_sam_slippers', reason: 'they are too small' } }],
  ],
  [
    'sam',
    'refund the slippers',
    [{ recipe: 'return_order', params: { order_id: 'sord_sam_slippers', reason: 'No longer wanted' } }],
  ],
  [
    'sam',
    'The size 42 slippers are too small. Return them and order the same slippers in size 44, shipped home.',
    [
      {
        recipe: 'return_order',
        params: { order_id: 'sord_sam_slippers', reason: 'The size 42 slippers are too small' },
      },
      {
        recipe: 'buy_product',
        params: {
          product_id: 'pr_slippers',
          variant_id: 'pv_slippers_44',
          quantity: 1,
          address_id: 'saddr_sam_home',
        },
      },
    ],
  ],
];

const UNSURE: [Persona, string, RegExp][] = [
  // Past its window, or not delivered yet: never bought again, never guessed.
  ['sam', 'Return the oat milk I ordered a couple of weeks ago, please.', /return window has passed/],
  ['li', '把《活着》退了', /已经过了7天退货期/],
  ['li', '把围巾退了', /还没发货，要取消订单吗/],
  ['li', '耳机那单取消', /取消不了了；要退货吗/],
  ['li', '取消宫保鸡丁那单', /已送达）已经取消不了了/],
  ['li', '取消川味小馆的订单', /取消不了/],
  ['li', '取消订单', /没找到对得上的订单/],
  ['li', '帮我取消', /取消哪个日程或订单/],
  ['li', '退款', /没找到对得上的订单/],
  ['sam', 'return the noise-cancelling earbuds', /No order of yours fits/],
  // Says "order", and no order has lunch in it: not the Team Lunch event.
  ['sam', 'Cancel the lunch order', /No order of yours fits/],
];

describe('matchRequest: cancelling and returning the person’s orders', () => {
  itMatches(MATCHED);

  itIsUnsure(UNSURE);
});
