import { describe, expect, it } from 'vitest';
import { type Persona, catalogues, itIsUnsure } from '../../../test/support/matcher.js';
import { matchRequest } from './match.js';

// Real worlds at the start (Monday 11:00, lunch goes to the office by default).

/** Request → restaurant, [dish, quantity] lines, address, coupon. */
const ORDERS: [Persona, string, string, [string, number][], string, string?][] = [
  [
    'li',
    '帮我从川味小馆点一份麻婆豆腐加一碗米饭送到公司',
    'r_chuanwei',
    [
      ['d_chuanwei_mapo', 1],
      ['d_chuanwei_rice', 1],
    ],
    'addr_liming_office',
  ],
  [
    'li',
    '两份宫保鸡丁加一碗米饭',
    'r_chuanwei',
    [
      ['d_chuanwei_gongbao', 2],
      ['d_chuanwei_rice', 1],
    ],
    'addr_liming_office',
  ],
  [
    'li',
    '中午想吃面，帮我从兰州牛肉面点一碗牛肉拉面和一个肉夹馍，送到公司。',
    'r_lanzhou',
    [
      ['d_lanzhou_lamian', 1],
      ['d_lanzhou_roujiamo', 1],
    ],
    'addr_liming_office',
  ],
  [
    'li',
    '帮我从月光酒馆点一份水牛城鸡翅和两杯精酿IPA，送到家，200块以内。',
    'r_moonlight',
    [
      ['d_moonlight_wings', 1],
      ['d_moonlight_ipa', 2],
    ],
    'addr_liming_home',
  ],
  [
    'li',
    '从湘里人家点一份小炒黄牛肉，再加一碗米饭，送公司，用我那张全场满30减5的券。',
    'r_xiangli',
    [
      ['d_xiangli_niurou', 1],
      ['d_xiangli_rice', 1],
    ],
    'addr_liming_office',
    'cp_liming_5off',
  ],
  [
    'li',
    '点一份宫保鸡丁，再点一份麻婆豆腐，送到家里',
    'r_chuanwei',
    [
      ['d_chuanwei_gongbao', 1],
      ['d_chuanwei_mapo', 1],
    ],
    'addr_liming_home',
  ],
  [
    'li',
    '川味小馆：宫保鸡丁两份、米饭三碗',
    'r_chuanwei',
    [
      ['d_chuanwei_gongbao', 2],
      ['d_chuanwei_rice', 3],
    ],
    'addr_liming_office',
  ],
  [
    'li',
    '给爸妈点一份小鸡炖蘑菇送到他们家，70块以内',
    'r_dongbei',
    [['d_dongbei_xiaoji', 1]],
    'addr_liming_parents',
  ],
  ['li', '点一份宫保鸡丁送到爸妈那里', 'r_chuanwei', [['d_chuanwei_gongbao', 1]], 'addr_liming_parents'],
  [
    'li',
    '从川味小馆点两份宫保鸡丁和米饭，满50减8的券用上',
    'r_chuanwei',
    [
      ['d_chuanwei_gongbao', 2],
      ['d_chuanwei_rice', 1],
    ],
    'addr_liming_office',
    'cp_liming_chuanwei',
  ],
  [
    'sam',
    'Lunch at my desk today: Mapo Tofu and a bowl of steamed rice from Chuanwei Kitchen, delivered to the office. Keep it under 40 yuan.',
    'r_chuanwei',
    [
      ['d_chuanwei_mapo', 1],
      ['d_chuanwei_rice', 1],
    ],
    'addr_sam_office',
  ],
  [
    'sam',
    'a Mapo Tofu and a bowl of rice',
    'r_chuanwei',
    [
      ['d_chuanwei_mapo', 1],
      ['d_chuanwei_rice', 1],
    ],
    'addr_sam_office',
  ],
  [
    'sam',
    'order two oat lattes and a croissant',
    'r_morning',
    [
      ['d_morning_oat_latte', 2],
      ['d_morning_croissant', 1],
    ],
    'addr_sam_office',
  ],
  [
    'sam',
    'Two lattes from Morning Light to the office please, and use my Morning Light coupon.',
    'r_morning',
    [['d_morning_latte', 2]],
    'addr_sam_office',
    'cp_sam_coffee',
  ],
  [
    'sam',
    'Order two beef noodle soups from Lanzhou Beef Noodles to our place',
    'r_lanzhou',
    [['d_lanzhou_lamian', 2]],
    'addr_sam_home',
  ],
  [
    'sam',
    'Get a latte and two croissants from Morning Light delivered to our flat',
    'r_morning',
    [
      ['d_morning_latte', 1],
      ['d_morning_croissant', 2],
    ],
    'addr_sam_home',
  ],
];

/** Requests that must not run, and what the matcher asks. */
const UNSURE: [Persona, string, RegExp][] = [
  ['li', '点一份宫保鸡丁和一杯拿铁', /不在同一家店/],
  ['li', '从川味小馆点一份宫保鸡丁和一杯拿铁', /川味小馆没有「拿铁」/],
  ['li', '点一份宫保鸡丁送到他们家', /送到谁家/],
  ['li', '点一份宫保鸡丁送到张伟的家', /送到谁家/],
  ['li', '从川味小馆点宫保鸡丁和米饭，用我的券', /用哪张券/],
  ['li', '从川味小馆点一份米饭，用满50减8的券', /要满¥50.00/],
  ['li', '从川味小馆点一份宫保鸡丁，用满99减20的券', /用哪张券/],
  ['li', '从川味小馆点宫保鸡丁和米饭，满50减8的券用上', /要满¥50.00/],
  ['sam', "Order a Kung Pao Chicken to my parents' place", /no such saved address/],
  ['sam', 'order a Kung Pao Chicken and a croissant', /not all at one restaurant/],
  ['sam', "Order a latte to Tom's place", /Whose place/],
  ['sam', 'Two lattes from Morning Light, use a coupon', /Which coupon/],
];

describe('matchRequest: orders with several dishes', () => {
  it.each(ORDERS)('%s: %s', (persona, request, restaurant, lines, address, coupon) => {
    const result = matchRequest(request, catalogues[persona]);
    expect(result.kind).toBe('match');
    if (result.kind !== 'match') return;
    expect(result.steps[0]).toEqual({
      recipe: 'order_food',
      params: expect.objectContaining({
        restaurant_id: restaurant,
        items: lines.map(([dish_id, quantity]) => ({ dish_id, quantity })),
        address_id: address,
        ...(coupon ? { coupon_id: coupon } : {}),
      }),
    });
    if (!coupon) expect(result.steps[0]!.params).not.toHaveProperty('coupon_id');
  });

  itIsUnsure(UNSURE);
});
