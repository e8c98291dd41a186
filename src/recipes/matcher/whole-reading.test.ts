/**
 * The dev set for reading a request whole: budgets in every form, numbers in words, people by
 * relation word or pinyin, places that are not saved addresses, and parts the reader cannot place.
 * Each phrasing has its right reading (the exact steps, or unsure); any unread part makes it unsure.
 */
import { describe, expect, it } from 'vitest';
import { catalogues, type Persona } from '../../../test/support/matcher.js';
import { matchRequest } from './match.js';
import { type ReadingCase, verdictOf } from './reading-score.js';
import type { MatchedStep } from './types.js';

const order = (dish: string, quantity: number, address: string, budget?: number): MatchedStep => ({
  recipe: 'order_food',
  params: {
    restaurant_id: `r_${dish.split('_')[1]}`,
    items: [{ dish_id: dish, quantity }],
    address_id: address,
    ...(budget !== undefined ? { budget_fen: budget } : {}),
  },
});
const buy = (product: string, address: string, budget?: number): MatchedStep => ({
  recipe: 'buy_product',
  params: {
    product_id: product,
    quantity: 1,
    address_id: address,
    ...(budget !== undefined ? { budget_fen: budget } : {}),
  },
});
const transfer = (to: string, fen: number, memo?: string): MatchedStep => ({
  recipe: 'transfer',
  params: { to, amount_fen: fen, ...(memo ? { memo } : {}) },
});
const bill = (id: string): MatchedStep => ({ recipe: 'pay_bill', params: { request_id: id } });
const message = (to: string, text: string): MatchedStep => ({ recipe: 'send_message', params: { to, text } });
const event = (
  title: string,
  start: string,
  attendees: string[],
  minutes = 60,
  location?: string,
): MatchedStep => ({
  recipe: 'schedule_event',
  params: {
    title,
    start,
    duration_minutes: minutes,
    attendee_ids: attendees,
    ...(location ? { location } : {}),
  },
});

const U = 'unsure' as const;
const LI = 'addr_liming_office';
const LI_HOME = 'addr_liming_home';
const SAM = 'addr_sam_office';

const BUDGETS: ReadingCase<Persona>[] = [
  ['li', '来一份酸辣土豆丝，＜20', [order('d_chuanwei_tudousi', 1, LI, 2000)]],
  ['li', '点份担担面，预算二十五', [order('d_chuanwei_dandan', 1, LI, 2500)]],
  ['li', '帮我点一份鱼香肉丝，三十块以内', [order('d_chuanwei_yuxiang', 1, LI, 3000)]],
  ['li', '点一份回锅肉，最多花40', [order('d_chuanwei_huiguorou', 1, LI, 4000)]],
  ['li', '点一份回锅肉，顶多三十', U],
  ['li', '点两份麻婆豆腐，不超过３０元', U],
  ['sam', 'order a Mapo Tofu, <= 25', [order('d_chuanwei_mapo', 1, SAM, 2500)]],
  ['sam', 'order a latte, 30 max', [order('d_morning_latte', 1, SAM, 3000)]],
  ['sam', 'order two lattes, fifty yuan tops', U],
  ['sam', 'order a Kung Pao Chicken, budget forty yuan', [order('d_chuanwei_gongbao', 1, SAM, 4000)]],
  ['sam', 'buy an umbrella for no more than sixty yuan', [buy('pr_umbrella', 'saddr_sam_home', 6000)]],
  ['sam', 'buy a humidifier, max one hundred', U],
  ['li', '买个加湿器，预算一百五', [buy('pr_humidifier', 'saddr_liming_home', 15000)]],
  ['li', '买本活着，<=20', U],
  ['sam', 'buy an umbrella, budget ¥70', [buy('pr_umbrella', 'saddr_sam_home', 7000)]],
  ['li', '点一份麻婆豆腐，不超过¥25', [order('d_chuanwei_mapo', 1, LI, 2500)]],
];

const NUMBERS_AND_PEOPLE: ReadingCase<Persona>[] = [
  ['sam', 'send Lisa one hundred yuan', [transfer('p_lisa', 10000)]],
  ['sam', 'pay Emily back forty-five yuan', [transfer('p_emily', 4500)]],
  ['sam', 'transfer three hundred and twenty to Kevin', [transfer('p_kevin', 32000)]],
  ['sam', 'give Tom a thousand yuan', [transfer('p_tom', 100000)]],
  ['li', '给刘洋转三百五', [transfer('p_liuyang', 35000)]],
  ['li', '给爸爸转一千五', [transfer('p_lijianguo', 150000)]],
  ['li', '给宋佳转二百', [transfer('p_songjia', 20000)]],
  ['li', '给马超转１５０', [transfer('p_machao', 15000)]],
  ['li', '转两千给老爸', [transfer('p_lijianguo', 200000)]],
  ['li', '给老爸转100', [transfer('p_lijianguo', 10000)]],
  ['li', '给领导转200', [transfer('p_chenjing', 20000)]],
  ['sam', 'send my boss 80 yuan', [transfer('p_priya', 8000)]],
  ['sam', 'send my flatmate forty yuan', [transfer('p_tom', 4000)]],
  ['li', '给LiuYang转60', [transfer('p_liuyang', 6000)]],
  ['li', '给 han xue 转 66', [transfer('p_hanxue', 6600)]],
  ['li', '告诉sunli我到了', [message('p_sunli', '我到了')]],
  ['sam', 'tell huang ting the report is done', [message('p_huangting', 'the report is done')]],
  ['li', '给Zhang Wei发消息说明天见', U],
  ['li', '跟老婆说我晚点回', U],
  ['sam', 'text my sis: call me', [message('p_anna', 'call me')]],
  ['li', '跟老妈说周末回去', [message('p_liuxiuying', '周末回去')]],
  ['li', '告诉上司我明天请假', [message('p_chenjing', '我明天请假')]],
  ['sam', 'tell my boss the deck is ready', [message('p_priya', 'the deck is ready')]],
  ['sam', 'let my sis know I arrived', [message('p_anna', 'I arrived')]],
  ['li', '告诉小张我到了', U],
  ['li', '明天下午四点约老妈吃饭', [event('与妈妈吃饭', '2026-12-01T16:00', ['p_liuxiuying'])]],
  [
    'sam',
    'set up a call with my boss tomorrow at 9am',
    [event('Call with Priya', '2026-12-01T09:00', ['p_priya'])],
  ],
];

const PLACES: ReadingCase<Persona>[] = [
  ['li', '点一份宫保鸡丁送到外滩', U],
  ['li', '点一份宫保鸡丁送到韩雪家', U],
  ['li', '帮我点份麻婆豆腐送给马超', U],
  ['li', '点一份担担面送到我这里', [order('d_chuanwei_dandan', 1, LI)]],
  ['li', '点一份担担面送过来', [order('d_chuanwei_dandan', 1, LI)]],
  ['sam', 'order a latte to Fudan University', U],
  ['sam', 'get me a Mapo Tofu delivered to Rachel', U],
  ['sam', 'order a latte to his place', U],
  ['li', '买一把折叠雨伞寄给妈妈', U],
  ['li', '买个充电宝寄到上海图书馆', U],
  ['sam', 'buy a black wireless mouse and ship it to Mike', U],
  ['li', '点一份宫保鸡丁送到公司，不对，送到家', U],
  ['li', '点一杯拿铁，不要送到家', [order('d_morning_latte', 1, LI)]],
  ['sam', 'order the Kung Pao Chicken to my desk', [order('d_chuanwei_gongbao', 1, SAM)]],
  ['li', '点一份宫保鸡丁送到我家里', [order('d_chuanwei_gongbao', 1, LI_HOME)]],
  ['sam', 'order a latte, deliver it to my flat', [order('d_morning_latte', 1, 'addr_sam_home')]],
  ['li', '来一份麻婆豆腐，送到单位', [order('d_chuanwei_mapo', 1, LI)]],
  ['sam', 'buy an umbrella for the office', [buy('pr_umbrella', 'saddr_sam_office')]],
  ['sam', 'get the coffee beans for home, max 100', [buy('pr_coffee_beans', 'saddr_sam_home', 10000)]],
];

const UNPLACED: ReadingCase<Persona>[] = [
  ['li', '点一份宫保鸡丁，少放辣', U],
  ['li', '今晚八点帮我点一份宫保鸡丁', U],
  ['li', '点一份宫保鸡丁和一瓶可乐', U],
  ['li', '点一份宫保鸡丁，给我开发票', U],
  ['sam', 'order a Kung Pao Chicken, no peanuts', U],
  ['sam', 'order a latte for tomorrow morning', U],
  ['sam', 'buy a yoga mat in blue, gift wrapped', U],
  ['li', '买两包每日坚果，要最新日期的', U],
  ['li', '给妈妈转200，每个月都转', U],
  ['li', '下周五给王芳转100', U],
  ['sam', 'send Tom 50 yuan on Friday', U],
  ['sam', 'send Tom 50 yuan via bank card', U],
  ['li', '给王芳和韩雪转100', U],
  ['li', '给小李转100', U],
  ['sam', 'send Jack 20 yuan', U],
  ['li', '点一份担担面送到王芳家，再告诉王芳', U],
  ['sam', 'order a latte to the office and a Mapo Tofu to my place', U],
];

const EVENTS: ReadingCase<Persona>[] = [
  [
    'li',
    '周四下午三点到四点半约孙丽过一下排期，地点在公司3楼会议室',
    [event('排期', '2026-12-03T15:00', ['p_sunli'], 90, '公司3楼会议室')],
  ],
  ['li', '明天下午三点约王芳开会，每周都开', U],
  ['li', '明天下午三点约王芳在人民广场见面，地点用地图上的人民广场', U],
  ['sam', 'dinner with Rachel tomorrow at 7pm at the Bund, with the place from the map', U],
  ['sam', 'schedule a sync with Kevin tomorrow at 3pm and book a room', U],
  [
    'sam',
    'schedule a call with Lisa tomorrow from 2pm to 3:30pm',
    [event('Call with Lisa', '2026-12-01T14:00', ['p_lisa'], 90)],
  ],
  ['li', '明天下午三点约王芳开会，顺便订个会议室', U],
  [
    'li',
    '周四下午两点约黄婷喝咖啡，建个日程邀请她',
    [event('与黄婷喝咖啡', '2026-12-03T14:00', ['p_huangting'])],
  ],
  [
    'sam',
    "put 'Design sync' on my calendar tomorrow at 11am with Emily invited",
    [event('Design sync', '2026-12-01T11:00', ['p_emily'])],
  ],
  ['li', '明天下午三点在公司和许飞开会', [event('与许飞开会', '2026-12-01T15:00', ['p_xufei'], 60, '公司')]],
  [
    'sam',
    'schedule lunch with Tom tomorrow at noon at the Bund',
    [event('Lunch with Tom', '2026-12-01T12:00', ['p_tom'], 60, 'The Bund')],
  ],
];

const move = (event: string, start: string): MatchedStep => ({
  recipe: 'move_event',
  params: { event_id: event, start },
});

const CHANGES: ReadingCase<Persona>[] = [
  ['sam', 'push my gym session tonight to 9pm and make it two hours', U],
  ['li', '把周三的私教课改到晚上8点，地点换成公司', U],
  ['sam', 'move my gym session on Wednesday to 8pm please', [move('evt_sam_gym_1202', '2026-12-02T20:00')]],
  ['li', '把周四的客户方案汇报推迟到下午三点半', [move('evt_client_1203', '2026-12-03T15:30')]],
];

const MESSAGES: ReadingCase<Persona>[] = [
  ['li', '明天早上提醒王芳带伞', U],
  ['sam', 'tomorrow at 9 tell Tom the rent is due', U],
  ['sam', 'if it rains, tell Tom to bring an umbrella', U],
  ['li', '如果下雨，告诉王芳带伞', U],
  // A look-up the recipes cannot do is not dropped in favour of the message after it.
  ['li', '帮我看看王芳发了什么，然后告诉韩雪我到了', U],
];

const BILLS: ReadingCase<Persona>[] = [
  ['li', '交电费，219.34', [bill('preq_power_liming')]],
  ['li', '把话费交了，53元', [bill('preq_mobile_liming')]],
  ['li', '交电费，两百块', U],
  ['sam', 'pay my phone bill, 100 yuan', U],
  ['sam', 'pay the electricity bill of 120.76 yuan', [bill('preq_power_sam')]],
  ['li', '现在就交电费', [bill('preq_power_liming')]],
];

/** Whole readings that must still run: the filler around them is read as filler. */
const STILL_RUN: ReadingCase<Persona>[] = [
  ['li', '麻烦帮我点一份宫保鸡丁，谢谢', [order('d_chuanwei_gongbao', 1, LI)]],
  ['li', '中午了，点份麻婆豆腐吧', [order('d_chuanwei_mapo', 1, LI)]],
  [
    'sam',
    'could you please order me a Kung Pao Chicken for lunch, thanks',
    [order('d_chuanwei_gongbao', 1, SAM)],
  ],
  ['sam', 'just buy an umbrella please', [buy('pr_umbrella', 'saddr_sam_home')]],
  ['li', '帮忙给王芳转50块钱吧', [transfer('p_wangfang', 5000)]],
  ['sam', 'please send Tom 30 yuan, thanks!', [transfer('p_tom', 3000)]],
  [
    'li',
    '给妈咪转一百，再告诉她钱到了',
    [transfer('p_liuxiuying', 10000), message('p_liuxiuying', '钱到了')],
  ],
  [
    'sam',
    'send my sister fifty yuan and tell her happy birthday',
    [transfer('p_anna', 5000), message('p_anna', 'happy birthday')],
  ],
  ['li', '给妈妈转500块，让她买点好吃的', [transfer('p_liuxiuying', 50000, '买点好吃的')]],
  ['li', '这个月话费53块，帮我交一下', [bill('preq_mobile_liming')]],
  ['li', '购物车里的每日坚果帮我下单，寄到公司', [buy('pr_mixed_nuts', 'saddr_liming_office')]],
  ['sam', "we've run out of shampoo so buy one and ship it home", [buy('pr_shampoo', 'saddr_sam_home')]],
  [
    'sam',
    'buy a birthday card for my sister and ship it to the office',
    [buy('pr_birthday_card', 'saddr_sam_office')],
  ],
  ['li', '给女朋友买一束永生花，寄到家', [buy('pr_preserved_flowers', 'saddr_liming_home')]],
];

/** Who a purchase is for, with nowhere said: where it goes would be a guess. */
const FOR_SOMEONE: ReadingCase<Persona>[] = [
  ['sam', 'buy a scented candle for Rachel', U],
  ['li', '给王芳点一份宫保鸡丁', U],
];

const ALL = [
  ...BUDGETS,
  ...NUMBERS_AND_PEOPLE,
  ...PLACES,
  ...UNPLACED,
  ...EVENTS,
  ...MESSAGES,
  ...CHANGES,
  ...BILLS,
  ...STILL_RUN,
  ...FOR_SOMEONE,
];

describe('reading a request whole', () => {
  it(`has at least 90 distinct phrasings (${ALL.length})`, () => {
    expect(new Set(ALL.map(([p, r]) => `${p}: ${r}`)).size).toBe(ALL.length);
    expect(ALL.length).toBeGreaterThanOrEqual(90);
  });

  it.each(ALL)('%s: %s', (persona, request, right) => {
    const result = matchRequest(request, catalogues[persona]);
    const got = result.kind === 'match' ? result.steps : `unsure: ${result.missing.join(' / ')}`;
    expect(verdictOf(result, right), JSON.stringify(got)).toBe('right');
    if (result.kind === 'unsure') {
      // What is missing is said in the request's language.
      expect(/[\u3400-\u9fff]/.test(result.missing.join(''))).toBe(/[\u3400-\u9fff]/.test(request));
    }
  });
});
