/**
 * Held-out phrasings: written before the reader learned to account for every part of a request, and
 * never tuned against. Each has its right reading; the score (right / cautious / wrong) is recorded
 * here and may only get better. "Wrong" is the one that matters most: a run of something not asked.
 */
import { describe, expect, it } from 'vitest';
import { catalogues, type Persona } from '../../../test/support/matcher.js';
import { type ReadingCase, scoreReadings } from './reading-score.js';
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
const buy = (product: string, quantity: number, address: string, budget?: number, variant?: string) =>
  ({
    recipe: 'buy_product',
    params: {
      product_id: product,
      ...(variant ? { variant_id: variant } : {}),
      quantity,
      address_id: address,
      ...(budget !== undefined ? { budget_fen: budget } : {}),
    },
  }) as MatchedStep;
const transfer = (to: string, fen: number): MatchedStep => ({
  recipe: 'transfer',
  params: { to, amount_fen: fen },
});
const bill = (id: string): MatchedStep => ({ recipe: 'pay_bill', params: { request_id: id } });
const message = (to: string, text: string): MatchedStep => ({ recipe: 'send_message', params: { to, text } });
const event = (title: string, start: string, attendees: string[], location?: string): MatchedStep => ({
  recipe: 'schedule_event',
  params: {
    title,
    start,
    duration_minutes: 60,
    attendee_ids: attendees,
    ...(location ? { location } : {}),
  },
});

const U = 'unsure' as const;
const LI_OFFICE = 'addr_liming_office';
const SAM_OFFICE = 'addr_sam_office';

/** The held-out set: li (Chinese) and sam (English), at Monday 2026-11-30 11:00. */
const HELD_OUT: ReadingCase<Persona>[] = [
  // Orders: budgets in every form, destinations, parts it cannot place
  ['li', '帮我点一份回锅肉送到人民广场', U],
  ['li', '点两份担担面，总共不超过50', [order('d_chuanwei_dandan', 2, LI_OFFICE, 5000)]],
  ['li', '来一份鱼香肉丝，最多30块', [order('d_chuanwei_yuxiang', 1, LI_OFFICE, 3000)]],
  ['li', '点一份宫保鸡丁，预算三十五', [order('d_chuanwei_gongbao', 1, LI_OFFICE, 3500)]],
  ['li', '来份宫保鸡丁，<25', U],
  ['li', '点一份麻婆豆腐，２５元以内', [order('d_chuanwei_mapo', 1, LI_OFFICE, 2500)]],
  ['li', '点一份担担面送到王芳家', U],
  ['li', '点一份担担面，送到我朋友那里', U],
  ['li', '明天中午帮我点一份宫保鸡丁', U],
  ['li', '点一份宫保鸡丁，不要放花生', U],
  ['li', '点一份宫保鸡丁和一份西瓜汁', U],
  ['li', '来两杯拿铁，一杯送公司一杯送家', U],
  ['li', '订三份猪肉白菜饺子，八十块以内', U],
  ['sam', 'order a Kung Pao Chicken, max 35', [order('d_chuanwei_gongbao', 1, SAM_OFFICE, 3500)]],
  ['sam', 'get me two Mapo Tofu, 45 tops', [order('d_chuanwei_mapo', 2, SAM_OFFICE, 4500)]],
  ['sam', 'order a Kung Pao Chicken for under ¥35', [order('d_chuanwei_gongbao', 1, SAM_OFFICE, 3500)]],
  [
    'sam',
    'order two lattes, no more than one hundred yuan',
    [order('d_morning_latte', 2, SAM_OFFICE, 10000)],
  ],
  ['sam', "order a Kung Pao Chicken to People's Square", U],
  ['sam', "deliver a Mapo Tofu to my friend's place", U],
  ['sam', "order a Mapo Tofu to Tom's place", U],
  ['sam', 'order a Mapo Tofu with extra chilli', U],
  ['sam', 'order a Kung Pao Chicken and a mango smoothie', U],
  ['sam', 'order a latte at 6pm', U],
  // Shop
  ['li', '买一把折叠雨伞，<=70', [buy('pr_umbrella', 1, 'saddr_liming_home', 7000)]],
  ['li', '买个充电宝，预算一百', U],
  ['li', '买两本活着寄到我妈家', U],
  ['li', '买一本活着寄到静安寺', U],
  ['sam', 'buy an umbrella, two hundred yuan max', [buy('pr_umbrella', 1, 'saddr_sam_home', 20000)]],
  ['sam', 'buy a bluetooth speaker for under one hundred and fifty yuan', U],
  ['sam', 'buy a yoga mat in blue and ship it to my sister', U],
  ['sam', 'buy a black wireless mouse and gift wrap it', U],
  // Transfers: relation words, numbers in words, full-width digits, pinyin, people it cannot place
  ['li', '给妈咪转两百', [transfer('p_liuxiuying', 20000)]],
  ['li', '给女友转520', [transfer('p_hanxue', 52000)]],
  ['li', '给老妈转一千二', [transfer('p_liuxiuying', 120000)]],
  ['li', '给王芳转两百五', [transfer('p_wangfang', 25000)]],
  ['li', '给王芳转２００元', [transfer('p_wangfang', 20000)]],
  ['li', '给Wang Fang转88', [transfer('p_wangfang', 8800)]],
  ['li', '给wangfang转50', [transfer('p_wangfang', 5000)]],
  ['li', '给Zhang Wei转100', U],
  ['li', '给张伟和张薇各转100', U],
  ['li', '给王芳转一百，明天转', U],
  ['sam', 'send my supervisor 200 yuan', [transfer('p_priya', 20000)]],
  ['sam', 'send Tom two hundred yuan', [transfer('p_tom', 20000)]],
  ['sam', 'transfer one hundred and fifty to Rachel', [transfer('p_rachel', 15000)]],
  ['sam', 'send Anna fifty-five yuan', [transfer('p_anna', 5500)]],
  ['sam', 'give Mike a hundred yuan', [transfer('p_mike', 10000)]],
  ['sam', 'send mum 100 yuan', U],
  ['sam', 'send Tom 50 yuan and 30 yuan to Mike', [transfer('p_tom', 5000), transfer('p_mike', 3000)]],
  ['sam', 'send Wang Fang 20 yuan', [transfer('p_wangfang', 2000)]],
  ['sam', 'send Tom 50 yuan from my savings', U],
  // Bills: a stated amount must be the bill's
  ['li', '交一下电费，219.34元', [bill('preq_power_liming')]],
  ['li', '交话费，60块', U],
  ['sam', 'pay the phone bill, it should be 138 yuan', [bill('preq_mobile_sam')]],
  ['sam', 'pay my electricity bill, about two hundred yuan', U],
  // Messages
  ['li', '跟妈咪说我今晚不回家吃饭', [message('p_liuxiuying', '我今晚不回家吃饭')]],
  ['li', '告诉女友我七点到', [message('p_hanxue', '我七点到')]],
  ['li', '告诉小王我晚点到', U],
  ['sam', "tell my supervisor I'm running late", [message('p_priya', "I'm running late")]],
  ['sam', 'text mum that I landed', U],
  ['sam', 'tell wangfang the meeting is at 3', [message('p_wangfang', 'the meeting is at 3')]],
  ['sam', "tell Zhang Wei I'm outside", [message('p_zhangwei', "I'm outside")]],
  ['li', "tell Zhang Wei I'm outside", U],
  // Events and changes
  ['li', '明天下午三点约女友喝咖啡', [event('与韩雪喝咖啡', '2026-12-01T15:00', ['p_hanxue'])]],
  [
    'sam',
    'schedule a call with my supervisor tomorrow at 10am',
    [event('Call with Priya', '2026-12-01T10:00', ['p_priya'])],
  ],
  [
    'li',
    '后天上午十点和老板开会，在人民广场',
    [event('与陈经理开会', '2026-12-02T10:00', ['p_chenjing'], '人民广场')],
  ],
  [
    'sam',
    'move my gym session tonight to 9pm',
    [{ recipe: 'move_event', params: { event_id: 'evt_sam_gym_1130', start: '2026-11-30T21:00' } }],
  ],
  ['li', '把周三的私教课取消', [{ recipe: 'cancel_event', params: { event_id: 'evt_liming_gym_1203' } }]],
  // Two things at once, and a part it cannot place
  [
    'li',
    '点一份宫保鸡丁送到公司，再给妈咪转两百',
    [order('d_chuanwei_gongbao', 1, LI_OFFICE), transfer('p_liuxiuying', 20000)],
  ],
  [
    'sam',
    'order a Mapo Tofu to the office and send Tom fifty yuan',
    [order('d_chuanwei_mapo', 1, SAM_OFFICE), transfer('p_tom', 5000)],
  ],
  ['li', '给老爸转三百，顺便买个加湿器寄到爸妈家', U],
  ['li', '给王芳转100，然后帮我查一下快递', U],
  ['sam', 'send Tom 50 yuan and book a taxi', U],
];

/**
 * The recorded score; it may only improve. Before the reader accounted for every part of a request:
 * 41/72 right, 5 cautious, 26 wrong. After (commit "'for home' / 'for the office'…"): 69/72 right,
 * 3 cautious, 0 wrong. Anything fixed after that because this file showed it is no longer held out.
 */
const RECORDED = { right: 69, wrong: 0 };

describe('the offline reader on held-out phrasings', () => {
  it(`has at least 60 distinct phrasings (${HELD_OUT.length})`, () => {
    expect(new Set(HELD_OUT.map(([p, r]) => `${p}: ${r}`)).size).toBe(HELD_OUT.length);
    expect(HELD_OUT.length).toBeGreaterThanOrEqual(60);
  });

  it('scores no worse than recorded', () => {
    const score = scoreReadings(HELD_OUT, catalogues);
    console.log(
      `held-out: ${score.right}/${HELD_OUT.length} right, ${score.cautious} cautious, ${score.wrong} wrong\n  ${score.misses.join('\n  ')}`,
    );
    expect(score.right).toBeGreaterThanOrEqual(RECORDED.right);
    expect(score.wrong).toBeLessThanOrEqual(RECORDED.wrong);
  });
});
