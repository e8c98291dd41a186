import { describe, expect, it } from 'vitest';
import { type Persona, catalogues, itIsUnsure } from '../../../test/support/matcher.js';
import { matchRequest } from './match.js';

// Real worlds at the start (Monday 11:00, lunch goes to the office by default).

/** Request → the order's lines as [dish, options]. */
const WITH_OPTIONS: [Persona, string, [string, string[] | undefined][]][] = [
  [
    'li',
    '来杯茶语时光的珍珠奶茶，半糖少冰，送到公司。',
    [['d_teamoment_pearl_milk_tea', ['sugar_50', 'ice_less']]],
  ],
  [
    'sam',
    'Can you get me a large iced oat latte from Morning Light Coffee, delivered to the office?',
    [['d_morning_oat_latte', ['cup_large', 'temp_iced']]],
  ],
  [
    'sam',
    "I'd like a Classic Beef Burger from Burger Works, make it a combo meal, sent to my office. Under 60 yuan.",
    [['d_burger_classic', ['meal_combo']]],
  ],
  ['li', '川味小馆的宫保鸡丁来一份特辣的', [['d_chuanwei_gongbao', ['spice_hot']]]],
  ['li', '一杯中杯热拿铁', [['d_morning_latte', ['cup_medium', 'temp_hot']]]],
  [
    'li',
    '一杯大杯冰美式和一杯热拿铁',
    [
      ['d_morning_americano', ['cup_large', 'temp_iced']],
      ['d_morning_latte', ['temp_hot']],
    ],
  ],
  [
    'sam',
    'an iced latte and a hot americano from Morning Light Coffee',
    [
      ['d_morning_latte', ['temp_iced']],
      ['d_morning_americano', ['temp_hot']],
    ],
  ],
  [
    'sam',
    'a latte with an extra shot and an americano from Morning Light Coffee',
    [
      ['d_morning_latte', ['extra_shot']],
      ['d_morning_americano', undefined],
    ],
  ],
  // Only the dish that has a spice level takes 微辣; the rice takes nothing.
  [
    'li',
    '宫保鸡丁微辣，加一碗米饭',
    [
      ['d_chuanwei_gongbao', ['spice_mild']],
      ['d_chuanwei_rice', undefined],
    ],
  ],
];

const UNSURE: [Persona, string, RegExp][] = [
  ['li', '一份宫保鸡丁，少冰', /宫保鸡丁没有「少冰」这个选项/],
  ['li', '一份宫保鸡丁和一份麻婆豆腐，少冰', /没有「少冰」这个选项/],
  ['li', '一份宫保鸡丁，12寸', /没有「12寸」/],
  ['li', '珍珠奶茶半糖全糖', /要「半糖」还是「全糖」/],
  ['li', '一杯拿铁 大杯 中杯', /要「大杯」还是「中杯」/],
  ['sam', 'a hot latte from Morning Light Coffee, iced', /"hot" or "iced"/],
  // After two dishes and parted from both: whose cup size is it?
  ['li', '一杯拿铁，一杯美式，大杯', /「大杯」是哪道菜的/],
  ['sam', 'Two Classic Beef Burgers from Burger Works, combo, with extra cheese', /no "extra cheese" option/],
];

describe('matchRequest: dish options read against the menu', () => {
  it.each(WITH_OPTIONS)('%s: %s', (persona, request, lines) => {
    const result = matchRequest(request, catalogues[persona]);
    expect(result.kind).toBe('match');
    if (result.kind !== 'match') return;
    const order = result.steps[0]!;
    expect(order.recipe).toBe('order_food');
    if (order.recipe !== 'order_food') return;
    expect(order.params.items.map((i) => [i.dish_id, i.options])).toEqual(lines);
  });

  it('counts option surcharges against the budget', () => {
    // The combo adds ¥12 to the ¥32 burger: ¥44 is over a ¥40 budget.
    const result = matchRequest(
      'A Classic Beef Burger from Burger Works as a combo meal, under 40 yuan',
      catalogues.sam,
    );
    expect(result.kind).toBe('unsure');
    if (result.kind === 'unsure') expect(result.missing.join(' ')).toMatch(/over the ¥40.00 budget/);
  });

  itIsUnsure(UNSURE);
});
