import { describe, expect, it } from 'vitest';
import { World } from '../../world/index.js';
import { buildCatalogue } from './catalogue.js';
import { matchRequest } from './match.js';
import type { Catalogue, MatchedStep, MatchResult, RecipeParams } from './types.js';

// Real worlds: seed 1, opened for Li Ming (Chinese) and for Sam (English), at the world's start,
// Monday 2026-11-30 11:00 UTC+8 — a weekday lunch hour, so food goes to the office by default.
const catalogues = {
  li: buildCatalogue(World.open({ seed: 1 })),
  sam: buildCatalogue(World.open({ seed: 1, persona: 'sam' })),
};
type Persona = keyof typeof catalogues;

const DISH_RESTAURANT = (dishId: string) => `r_${dishId.split('_')[1]}`;

function order(dish: string, quantity: number, address: string, budget?: number): MatchedStep {
  const params: RecipeParams['order_food'] = {
    restaurant_id: DISH_RESTAURANT(dish),
    items: [{ dish_id: dish, quantity }],
    address_id: address,
  };
  if (budget !== undefined) params.budget_fen = budget;
  return { recipe: 'order_food', params };
}

function buy(
  product: string,
  variant: string | undefined,
  quantity: number,
  address: string,
  budget?: number,
): MatchedStep {
  const params: RecipeParams['buy_product'] = { product_id: product, quantity, address_id: address };
  if (variant) params.variant_id = variant;
  if (budget !== undefined) params.budget_fen = budget;
  return { recipe: 'buy_product', params };
}

function transfer(to: string, amountFen: number, memo?: string): MatchedStep {
  return { recipe: 'transfer', params: { to, amount_fen: amountFen, ...(memo ? { memo } : {}) } };
}

function payBill(requestId: string): MatchedStep {
  return { recipe: 'pay_bill', params: { request_id: requestId } };
}

function message(to: string, text: string): MatchedStep {
  return { recipe: 'send_message', params: { to, text } };
}

function event(
  title: string,
  start: string,
  minutes: number,
  attendees: string[],
  location?: string,
): MatchedStep {
  return {
    recipe: 'schedule_event',
    params: {
      title,
      start,
      duration_minutes: minutes,
      attendee_ids: attendees,
      ...(location ? { location } : {}),
    },
  };
}

function route(from: string, to: string, mode: RecipeParams['find_route']['mode']): MatchedStep {
  return { recipe: 'find_route', params: { from_place_id: from, to_place_id: to, mode } };
}

function place(query: string, category?: string, near?: string): MatchedStep {
  return {
    recipe: 'find_place',
    params: { query, ...(category ? { category } : {}), ...(near ? { near_place_id: near } : {}) },
  };
}

const CJK = /[\u3400-\u9fff]/;

/** Requests the matcher must turn into exactly these recipes and parameters. */
const MATCHED: [Persona, string, MatchedStep[]][] = [
  // Food orders
  ['li', '麻烦帮我叫一份阿娘馄饨的荠菜大馄饨到公司', [order('d_aniang_jicai', 1, 'addr_liming_office')]],
  ['li', '来两笼鲜肉小笼', [order('d_jintang_xianrou', 2, 'addr_liming_office')]],
  ['li', '帮忙订一份石锅拌饭，预算五十以内', [order('d_seoul_bibimbap', 1, 'addr_liming_office', 5000)]],
  [
    'sam',
    'could you order a bibimbap from Seoul Home Kitchen to my place',
    [order('d_seoul_bibimbap', 1, 'addr_sam_home')],
  ],
  [
    'sam',
    'get me a Spicy Chicken Burger, under 40 yuan',
    [order('d_burger_chicken', 1, 'addr_sam_office', 4000)],
  ],
  ['li', '点一份宫保鸡丁，不要送到公司，送到家', [order('d_chuanwei_gongbao', 1, 'addr_liming_home')]],
  ['sam', "I don't know, just order a latte", [order('d_morning_latte', 1, 'addr_sam_office')]],
  ['li', '帮我订个午饭，宫保鸡丁，送公司', [order('d_chuanwei_gongbao', 1, 'addr_liming_office')]],
  ['li', '点一份酸辣土豆丝，送到我家', [order('d_chuanwei_tudousi', 1, 'addr_liming_home')]],
  [
    'sam',
    'Please order me one Kung Pao Chicken from Chuanwei Kitchen to the office',
    [order('d_chuanwei_gongbao', 1, 'addr_sam_office')],
  ],
  ['li', '帮我点一份宫保鸡丁', [order('d_chuanwei_gongbao', 1, 'addr_liming_office')]],
  ['li', '我要一份麻婆豆腐', [order('d_chuanwei_mapo', 1, 'addr_liming_office')]],
  ['li', '来杯拿铁送到公司', [order('d_morning_latte', 1, 'addr_liming_office')]],
  ['li', '来两杯拿铁', [order('d_morning_latte', 2, 'addr_liming_office')]],
  ['sam', 'Order me a latte to the office', [order('d_morning_latte', 1, 'addr_sam_office')]],
  ['sam', 'Get me a kung pao chicken from Chuanwei', [order('d_chuanwei_gongbao', 1, 'addr_sam_office')]],
  ['li', '帮我订一份川味小馆的回锅肉，送到家', [order('d_chuanwei_huiguorou', 1, 'addr_liming_home')]],
  ['li', '帮我叫个外卖，一份担担面', [order('d_chuanwei_dandan', 1, 'addr_liming_office')]],
  [
    'li',
    '我想吃宫保鸡丁，帮我点一份，不超过四十元',
    [order('d_chuanwei_gongbao', 1, 'addr_liming_office', 4000)],
  ],
  ['li', '来一份老东北饺子馆的猪肉白菜饺子', [order('d_dongbei_baicai', 1, 'addr_liming_office')]],
  ['li', '给我点3个烤包子', [order('d_silkroad_kaobaozi', 3, 'addr_liming_office')]],
  ['li', '点一杯燕麦拿铁送到办公室', [order('d_morning_oat_latte', 1, 'addr_liming_office')]],
  ['li', '从晨光咖啡点一杯美式', [order('d_morning_americano', 1, 'addr_liming_office')]],
  ['li', '点一杯生椰拿铁送到爸妈家', [order('d_sweetdot_coconut', 1, 'addr_liming_parents')]],
  ['sam', "I'd like two lattes delivered to the office", [order('d_morning_latte', 2, 'addr_sam_office')]],
  [
    'sam',
    'order a pepperoni pizza, budget 100 yuan',
    [order('d_napoli_pepperoni', 1, 'addr_sam_office', 10000)],
  ],
  [
    'sam',
    'Get me an oat latte from Morning Light, under 40',
    [order('d_morning_oat_latte', 1, 'addr_sam_office', 4000)],
  ],
  ['sam', 'order a margherita pizza to my home', [order('d_napoli_margherita', 1, 'addr_sam_home')]],
  ['sam', 'order a Mapo Tofu x2', [order('d_chuanwei_mapo', 2, 'addr_sam_office')]],
  [
    'sam',
    'can you order me a croissant from Wheat Aroma Bakery',
    [order('d_wheat_croissant', 1, 'addr_sam_office')],
  ],
  ['li', '帮我点个外卖：川味小馆的麻婆豆腐两份', [order('d_chuanwei_mapo', 2, 'addr_liming_office')]],
  ['li', '宫保鸡丁来一份', [order('d_chuanwei_gongbao', 1, 'addr_liming_office')]],
  ['li', '一份宫保鸡丁送到公司', [order('d_chuanwei_gongbao', 1, 'addr_liming_office')]],
  ['li', '中午想吃兰州牛肉面的牛肉拉面，帮我点一碗', [order('d_lanzhou_lamian', 1, 'addr_liming_office')]],
  [
    'li',
    '给我来份江南小院的红烧肉，预算60',
    [order('d_jiangnan_hongshaorou', 1, 'addr_liming_office', 6000)],
  ],
  // 冰 is the americano's iced option, read from the menu.
  [
    'li',
    '点杯冰美式',
    [
      {
        recipe: 'order_food',
        params: {
          restaurant_id: 'r_morning',
          items: [{ dish_id: 'd_morning_americano', quantity: 1, options: ['temp_iced'] }],
          address_id: 'addr_liming_office',
        },
      },
    ],
  ],
  [
    'sam',
    'Could you get me a mango lassi from Bombay Spice delivered home?',
    [order('d_bombay_lassi', 1, 'addr_sam_home')],
  ],
  ['sam', 'order three pork soup dumplings', [order('d_jintang_xianrou', 3, 'addr_sam_office')]],
  ['sam', 'order a Hakata Tonkotsu Ramen for lunch', [order('d_hakata_tonkotsu', 1, 'addr_sam_office')]],
  ['li', '来一份粥全粥到的皮蛋瘦肉粥送到家', [order('d_zhoupu_pidan', 1, 'addr_liming_home')]],
  [
    'sam',
    'Order a Beef Noodle Soup from Lanzhou Beef Noodles',
    [order('d_lanzhou_lamian', 1, 'addr_sam_office')],
  ],
  ['sam', 'get me two Iced Lemon Teas', [order('d_yuexiang_dongningcha', 2, 'addr_sam_office')]],
  // Shop purchases
  ['li', '买个加湿器寄到公司', [buy('pr_humidifier', undefined, 1, 'saddr_liming_office')]],
  ['li', '帮我买三本活着，100块以内', [buy('pr_to_live', undefined, 3, 'saddr_liming_home', 10000)]],
  ['sam', 'buy a pair of size 40 slippers', [buy('pr_slippers', 'pv_slippers_40', 1, 'saddr_sam_home')]],
  [
    'sam',
    'buy a bottle of shampoo and ship it to the office',
    [buy('pr_shampoo', undefined, 1, 'saddr_sam_office')],
  ],
  ['sam', 'buy an umbrella', [buy('pr_umbrella', undefined, 1, 'saddr_sam_home')]],
  ['li', '买一根USB-C数据线', [buy('pr_usbc_cable', undefined, 1, 'saddr_liming_home')]],
  [
    'sam',
    'buy a folding umbrella, ship to the office',
    [buy('pr_umbrella', undefined, 1, 'saddr_sam_office')],
  ],
  ['li', '买一把折叠雨伞寄到公司', [buy('pr_umbrella', undefined, 1, 'saddr_liming_office')]],
  ['li', '帮我买个保温杯，要松绿色的', [buy('pr_thermos', 'pv_thermos_green', 1, 'saddr_liming_home')]],
  ['li', '买一双42码的拖鞋', [buy('pr_slippers', 'pv_slippers_42', 1, 'saddr_liming_home')]],
  ['li', '买件白色M码的T恤', [buy('pr_tshirt', 'pv_tshirt_white_m', 1, 'saddr_liming_home')]],
  ['li', '买两包每日坚果', [buy('pr_mixed_nuts', undefined, 2, 'saddr_liming_home')]],
  ['li', '买一本活着', [buy('pr_to_live', undefined, 1, 'saddr_liming_home')]],
  ['li', '帮我买个充电宝，200元以内', [buy('pr_power_bank', undefined, 1, 'saddr_liming_home', 20000)]],
  [
    'sam',
    'buy a black wireless mouse',
    [buy('pr_wireless_mouse', 'pv_wireless_mouse_black', 1, 'saddr_sam_home')],
  ],
  ['sam', 'buy the Atomic Habits book', [buy('pr_atomic_habits', undefined, 1, 'saddr_sam_home')]],
  ['sam', 'purchase a yoga mat in blue', [buy('pr_yoga_mat', 'pv_yoga_mat_blue', 1, 'saddr_sam_home')]],
  [
    'sam',
    'buy 2 bags of coffee beans and ship them to the office',
    [buy('pr_coffee_beans', undefined, 2, 'saddr_sam_office')],
  ],
  ['sam', 'buy size 42 running shoes', [buy('pr_running_shoes', 'pv_running_shoes_42', 1, 'saddr_sam_home')]],
  ['sam', 'buy a grey wool scarf', [buy('pr_wool_scarf', 'pv_wool_scarf_grey', 1, 'saddr_sam_home')]],
  [
    'li',
    '帮我下单一个机械键盘，青轴的',
    [buy('pr_mechanical_keyboard', 'pv_mechanical_keyboard_blue', 1, 'saddr_liming_home')],
  ],
  ['li', '买一副羽毛球拍', [buy('pr_badminton_racket', undefined, 1, 'saddr_liming_home')]],
  [
    'li',
    '买个iPhone 16手机壳，透明的',
    [buy('pr_phone_case', 'pv_phone_case_clear', 1, 'saddr_liming_home')],
  ],
  [
    'li',
    '买一条酒红色的羊毛围巾寄到公司',
    [buy('pr_wool_scarf', 'pv_wool_scarf_red', 1, 'saddr_liming_office')],
  ],
  ['sam', 'buy a 16GB laptop', [buy('pr_laptop', 'pv_laptop_16g', 1, 'saddr_sam_home')]],
  [
    'sam',
    'purchase a bluetooth speaker under 200 yuan',
    [buy('pr_bluetooth_speaker', undefined, 1, 'saddr_sam_home', 20000)],
  ],
  ['li', '买两双44码的跑步鞋', [buy('pr_running_shoes', 'pv_running_shoes_44', 2, 'saddr_liming_home')]],
  [
    'sam',
    'buy a mechanical keyboard with brown switches, ship to the office',
    [buy('pr_mechanical_keyboard', 'pv_mechanical_keyboard_brown', 1, 'saddr_sam_office')],
  ],
  // Transfers
  ['li', '给刘洋转50块钱，备注打车费', [transfer('p_liuyang', 5000, '打车费')]],
  ['li', '转账给韩雪1314元', [transfer('p_hanxue', 131400)]],
  ['sam', 'wire 300 to Rachel', [transfer('p_rachel', 30000)]],
  ['li', '别忘了给妈妈转200', [transfer('p_liuxiuying', 20000)]],
  ['sam', "don't forget to send Tom 50 yuan", [transfer('p_tom', 5000)]],
  ['li', '给王芳转一百五', [transfer('p_wangfang', 15000)]],
  ['li', '给妈妈打200块钱', [transfer('p_liuxiuying', 20000)]],
  ['li', '王芳转100', [transfer('p_wangfang', 10000)]],
  [
    'sam',
    'transfer 1500 yuan to my landlord for December rent',
    [transfer('p_linfeng', 150000, 'December rent')],
  ],
  ['sam', 'send Li Ming 100 yuan for lunch', [transfer('p_liming', 10000, 'lunch')]],
  ['sam', 'pay 200 yuan to Anna', [transfer('p_anna', 20000)]],
  ['li', '给妈妈转200', [transfer('p_liuxiuying', 20000)]],
  ['li', '转账200元给王芳', [transfer('p_wangfang', 20000)]],
  ['sam', 'send Tom 50 yuan', [transfer('p_tom', 5000)]],
  ['sam', 'send Zhang Wei 100 yuan', [transfer('p_zhangwei', 10000)]],
  ['li', '给爸爸转500块', [transfer('p_lijianguo', 50000)]],
  ['li', '帮我给王芳转账88元，备注午饭钱', [transfer('p_wangfang', 8800, '午饭钱')]],
  ['li', '给韩雪发个520的红包', [transfer('p_hanxue', 52000)]],
  ['li', '给陈经理转1000', [transfer('p_chenjing', 100000)]],
  ['li', '转两百给妈妈', [transfer('p_liuxiuying', 20000)]],
  ['sam', 'send my sister 100 yuan', [transfer('p_anna', 10000)]],
  ['sam', 'transfer 200 to Priya', [transfer('p_priya', 20000)]],
  ['sam', 'pay Tom 30 yuan for the pizza', [transfer('p_tom', 3000, 'the pizza')]],
  ['sam', 'send 50 yuan to Mike', [transfer('p_mike', 5000)]],
  ['sam', 'send Lisa 20', [transfer('p_lisa', 2000)]],
  ['li', '微信转给王芳50块', [transfer('p_wangfang', 5000)]],
  ['li', '帮我还陈经理两百块', [transfer('p_chenjing', 20000)]],
  ['sam', 'reimburse Kevin 35 yuan for the taxi', [transfer('p_kevin', 3500, 'the taxi')]],
  ['sam', 'give Rachel 100 yuan', [transfer('p_rachel', 10000)]],
  ['li', '帮我给妈妈转1000块钱，备注：生活费', [transfer('p_liuxiuying', 100000, '生活费')]],
  ['sam', 'pay Emily 15 yuan', [transfer('p_emily', 1500)]],
  ['li', '给马超转30元', [transfer('p_machao', 3000)]],
  // Bills
  ['li', '能帮我把电费交了吗？', [payBill('preq_power_liming')]],
  ['li', '交电费', [payBill('preq_power_liming')]],
  ['sam', 'pay my phone bill', [payBill('preq_mobile_sam')]],
  ['li', '交话费', [payBill('preq_mobile_liming')]],
  ['li', '把电费交了', [payBill('preq_power_liming')]],
  ['li', '帮我把外卖的钱付了', [payBill('preq_0001')]],
  ['sam', 'pay the electricity bill', [payBill('preq_power_sam')]],
  ['li', '缴一下手机话费', [payBill('preq_mobile_liming')]],
  ['sam', 'pay the power bill', [payBill('preq_power_sam')]],
  ['li', '交一下电费和话费', [payBill('preq_power_liming'), payBill('preq_mobile_liming')]],
  // Messages
  ['li', '发个消息给宋佳，说文件已经发她邮箱了', [message('p_songjia', '文件已经发她邮箱了')]],
  ['sam', 'text my sister: landed safely', [message('p_anna', 'landed safely')]],
  ['sam', "tell the lunch group I'm buying today", [message('grp_sam_lunch', "I'm buying today")]],
  ['li', '告诉王芳不要来', [message('p_wangfang', '不要来')]],
  ['li', '问下王芳到哪了', [message('p_wangfang', '到哪了')]],
  ['sam', 'ask Tom whether he wants pizza', [message('p_tom', 'Do you want pizza?')]],
  ['sam', 'ask Emily if she can cover my shift', [message('p_emily', 'Can you cover my shift?')]],
  ['sam', 'tell the landlord the heating is broken', [message('p_linfeng', 'the heating is broken')]],
  ['sam', 'message Wang Fang: thanks!', [message('p_wangfang', 'thanks')]],
  ['li', '告诉王芳我中午不回去吃饭', [message('p_wangfang', '我中午不回去吃饭')]],
  ['li', '跟王芳说一声，我晚点到', [message('p_wangfang', '我晚点到')]],
  ['sam', "tell Emily I'm late", [message('p_emily', "I'm late")]],
  ['sam', 'message Emily: running 10 minutes late', [message('p_emily', 'running 10 minutes late')]],
  ['li', '跟妈妈说我周末回家吃饭', [message('p_liuxiuying', '我周末回家吃饭')]],
  ['li', '给王芳发消息说会议改到下午四点', [message('p_wangfang', '会议改到下午四点')]],
  ['li', '告诉家人群我到家了', [message('grp_liming_family', '我到家了')]],
  ['li', '在项目组里说一下明天的会取消了', [message('grp_liming_project', '明天的会取消了')]],
  ['li', '通知刘洋下午的会推迟半小时', [message('p_liuyang', '下午的会推迟半小时')]],
  ['li', '问问韩雪晚上想吃什么', [message('p_hanxue', '晚上想吃什么')]],
  ['li', '提醒爸爸明天体检', [message('p_lijianguo', '记得明天体检')]],
  ['li', '发微信给磊子：周六打球吗？', [message('p_zhaolei', '周六打球吗？')]],
  ['li', '告诉Sam明天的会议改到十点', [message('p_sam', '明天的会议改到十点')]],
  ['sam', "let Tom know I'll be home late", [message('p_tom', "I'll be home late")]],
  ['sam', 'text Anna happy birthday!', [message('p_anna', 'happy birthday')]],
  ['sam', "tell my manager that I'm sick today", [message('p_priya', "I'm sick today")]],
  ['sam', 'send Rachel a message saying see you at 7', [message('p_rachel', 'see you at 7')]],
  ['sam', 'ping Kevin: build is green', [message('p_kevin', 'build is green')]],
  ['sam', 'remind Tom to take out the trash', [message('p_tom', "Don't forget to take out the trash")]],
  ['sam', 'post in Team Lunch: pizza today?', [message('grp_sam_lunch', 'pizza today?')]],
  [
    'sam',
    "ask Mike if he's free for the gym tonight",
    [message('p_mike', 'Are you free for the gym tonight?')],
  ],
  ['sam', 'tell Li Ming the report is ready', [message('p_liming', 'the report is ready')]],
  ['li', '跟老妈说我今晚加班', [message('p_liuxiuying', '我今晚加班')]],
  ['li', '和韩雪讲一声我到了', [message('p_hanxue', '我到了')]],
  ['li', '对张伟说生日快乐', [message('p_zhangwei', '生日快乐')]],
  ['li', '给Emily发条消息：明天见', [message('p_emily', '明天见')]],
  ['sam', "Tell Priya: I'll send the deck tonight", [message('p_priya', "I'll send the deck tonight")]],
  [
    'sam',
    'message the project team that the build is fixed',
    [message('grp_liming_project', 'the build is fixed')],
  ],
  ['sam', "let my flatmate know I'm bringing dinner", [message('p_tom', "I'm bringing dinner")]],
  ['sam', 'text Tom: the keys are under the mat', [message('p_tom', 'the keys are under the mat')]],
  ['sam', 'send a message to Anna saying happy birthday', [message('p_anna', 'happy birthday')]],
  // Calendar events
  [
    'li',
    '帮我约一下唐宁，后天下午三点半，在公司开会，一个小时',
    [event('与唐宁开会', '2026-12-02T15:30', 60, ['p_tangning'], '公司')],
  ],
  [
    'li',
    '下周五上午10点和高远通个电话，半小时',
    [event('与高远通电话', '2026-12-11T10:00', 30, ['p_gaoyuan'])],
  ],
  [
    'sam',
    'set up a 45-minute interview with Kevin on Tuesday at 2pm',
    [event('Interview with Kevin', '2026-12-01T14:00', 45, ['p_kevin'])],
  ],
  [
    'sam',
    'schedule lunch with Zhang Wei on Friday at 12:30',
    [event('Lunch with Zhang Wei', '2026-12-04T12:30', 60, ['p_zhangwei'])],
  ],
  ['li', '约王芳明天下午3点开会半小时', [event('与王芳开会', '2026-12-01T15:00', 30, ['p_wangfang'])]],
  [
    'sam',
    'schedule a 30-minute sync with Priya tomorrow at 3pm',
    [event('Sync with Priya', '2026-12-01T15:00', 30, ['p_priya'])],
  ],
  ['li', '约王芳下午三点开会', [event('与王芳开会', '2026-11-30T15:00', 60, ['p_wangfang'])]],
  [
    'li',
    '约刘洋后天上午十点半讨论预算，一个小时',
    [event('讨论预算', '2026-12-02T10:30', 60, ['p_liuyang'])],
  ],
  ['li', '明天下午两点和陈经理开会', [event('与陈经理开会', '2026-12-01T14:00', 60, ['p_chenjing'])]],
  ['li', '周三下午两点约孙丽喝咖啡', [event('与孙丽喝咖啡', '2026-12-02T14:00', 60, ['p_sunli'])]],
  [
    'li',
    '下周一9点约黄婷和许飞开会，45分钟',
    [event('与黄婷、许飞开会', '2026-12-07T09:00', 45, ['p_huangting', 'p_xufei'])],
  ],
  ['li', '12月2日15:00和高远见面', [event('与高远见面', '2026-12-02T15:00', 60, ['p_gaoyuan'])]],
  ['li', '约韩雪明晚7点吃饭', [event('与韩雪吃饭', '2026-12-01T19:00', 60, ['p_hanxue'])]],
  [
    'sam',
    'set up a meeting with Emily and Kevin on Friday 2:30pm',
    [event('Meeting with Emily, Kevin', '2026-12-04T14:30', 60, ['p_emily', 'p_kevin'])],
  ],
  [
    'sam',
    'book a call with Priya at 10am on Dec 3',
    [event('Call with Priya', '2026-12-03T10:00', 60, ['p_priya'])],
  ],
  ['sam', 'lunch with Tom tomorrow at noon', [event('Lunch with Tom', '2026-12-01T12:00', 60, ['p_tom'])]],
  [
    'sam',
    'schedule a 1:1 with Priya next Monday at 9am for 45 minutes',
    [event('1:1 with Priya', '2026-12-07T09:00', 45, ['p_priya'])],
  ],
  [
    'sam',
    'schedule an hour-long review with Lisa on Wednesday at 4pm',
    [event('Review with Lisa', '2026-12-02T16:00', 60, ['p_lisa'])],
  ],
  [
    'sam',
    'meeting with Anna on Thursday at 11:30am',
    [event('Meeting with Anna', '2026-12-03T11:30', 60, ['p_anna'])],
  ],
  [
    'li',
    '帮我安排明天上午10点和王芳、刘洋开会',
    [event('与王芳、刘洋开会', '2026-12-01T10:00', 60, ['p_wangfang', 'p_liuyang'])],
  ],
  ['li', '后天下午4点约张伟打羽毛球', [event('与张伟打羽毛球', '2026-12-02T16:00', 60, ['p_zhangwei'])]],
  [
    'li',
    '下周二上午十点跟陈经理开个会，一个半小时',
    [event('与陈经理开会', '2026-12-08T10:00', 90, ['p_chenjing'])],
  ],
  [
    'sam',
    'arrange a meeting with Lisa and Kevin tomorrow at 4:30pm for 90 minutes',
    [event('Meeting with Lisa, Kevin', '2026-12-01T16:30', 90, ['p_lisa', 'p_kevin'])],
  ],
  [
    'sam',
    'catch up with Rachel on Saturday at 10am',
    [event('Catch-up with Rachel', '2026-12-05T10:00', 60, ['p_rachel'])],
  ],
  ['li', '约磊子周五晚上8点吃饭', [event('与磊子吃饭', '2026-12-04T20:00', 60, ['p_zhaolei'])]],
  [
    'sam',
    'set up a call with Mike and Kevin on Dec 2 at 3pm, 30 minutes',
    [event('Call with Mike, Kevin', '2026-12-02T15:00', 30, ['p_mike', 'p_kevin'])],
  ],
  [
    'sam',
    'schedule dinner with Anna on Sunday at 7pm',
    [event('Dinner with Anna', '2026-12-06T19:00', 60, ['p_anna'])],
  ],
  // Routes
  ['li', '从公司到人民广场骑电动车要多久', [route('pl_office_liming', 'pl_people_square', 'ebike')]],
  ['sam', 'directions to the Oriental Pearl Tower', [route('pl_office_sam', 'pl_oriental_pearl', 'transit')]],
  ['li', '我想去外滩', [route('pl_office_liming', 'pl_bund', 'transit')]],
  ['li', '外滩怎么走', [route('pl_office_liming', 'pl_bund', 'transit')]],
  [
    'sam',
    'how do I get to Hongqiao airport from home',
    [route('pl_home_sam', 'pl_hongqiao_airport', 'transit')],
  ],
  ['li', '从家到外滩怎么走', [route('pl_home_liming', 'pl_bund', 'transit')]],
  [
    'sam',
    'how do I get from the office to Hongqiao station by metro',
    [route('pl_office_sam', 'pl_hongqiao_station', 'transit')],
  ],
  ['li', '从公司到虹桥火车站怎么走', [route('pl_office_liming', 'pl_hongqiao_station', 'transit')]],
  ['li', '从家坐地铁去人民广场', [route('pl_home_liming', 'pl_people_square', 'transit')]],
  ['li', '去外滩怎么走', [route('pl_office_liming', 'pl_bund', 'transit')]],
  ['li', '从公司开车到浦东机场要多久', [route('pl_office_liming', 'pl_pudong_airport', 'drive')]],
  ['li', '骑车从家到静安寺多远', [route('pl_home_liming', 'pl_jingan_temple', 'bike')]],
  ['li', '回爸妈家怎么走', [route('pl_office_liming', 'pl_home_liming_parents', 'transit')]],
  ['sam', 'how do I get to the Bund', [route('pl_office_sam', 'pl_bund', 'transit')]],
  [
    'sam',
    "directions from home to Jing'an Temple on foot",
    [route('pl_home_sam', 'pl_jingan_temple', 'walk')],
  ],
  [
    'sam',
    'how far is it from the office to Pudong airport by car',
    [route('pl_office_sam', 'pl_pudong_airport', 'drive')],
  ],
  ['sam', 'route from home to Fudan University by bike', [route('pl_home_sam', 'pl_fudan', 'bike')]],
  ['li', '从公司打车去虹桥机场', [route('pl_office_liming', 'pl_hongqiao_airport', 'drive')]],
  ['li', '去复旦大学怎么坐地铁', [route('pl_office_liming', 'pl_fudan', 'transit')]],
  ['sam', 'how do I get home from the office by bike', [route('pl_office_sam', 'pl_home_sam', 'bike')]],
  [
    'sam',
    "how do I get to Jing'an Temple from Fudan University",
    [route('pl_fudan', 'pl_jingan_temple', 'transit')],
  ],
  ['li', '从家走路去静安公园要多久', [route('pl_home_liming', 'pl_jingan_park', 'walk')]],
  // Places
  ['li', '帮我找找世纪公园附近的酒店', [place('hotel', 'hotel', 'pl_century_park')]],
  ['sam', 'find an ATM nearby', [place('bank', 'bank', 'pl_office_sam')]],
  ['sam', 'find me a florist', [place('florist', 'shop')]],
  ['li', '附近有便利店吗', [place('便利店', 'shop', 'pl_office_liming')]],
  ['sam', 'where is the nearest train station', [place('railway', 'station', 'pl_office_sam')]],
  ['li', '附近有什么咖啡店', [place('cafe', 'cafe', 'pl_office_liming')]],
  ['sam', 'find a pharmacy near home', [place('pharmacy', 'pharmacy', 'pl_home_sam')]],
  ['li', '公司附近有药店吗', [place('pharmacy', 'pharmacy', 'pl_office_liming')]],
  ['li', '帮我找一下家附近的超市', [place('supermarket', 'supermarket', 'pl_home_liming')]],
  ['li', '最近的地铁站在哪', [place('metro', 'station', 'pl_office_liming')]],
  ['li', '附近有什么好吃的', [place('restaurant', 'restaurant', 'pl_office_liming')]],
  ['sam', 'find a coffee shop nearby', [place('cafe', 'cafe', 'pl_office_sam')]],
  ['sam', 'where is the nearest hospital', [place('hospital', 'hospital', 'pl_office_sam')]],
  ['sam', 'find a gym near the office', [place('gym', 'gym', 'pl_office_sam')]],
  ['sam', "any parks near Jing'an Temple?", [place('park', 'park', 'pl_jingan_temple')]],
  ['li', '附近有没有银行', [place('bank', 'bank', 'pl_office_liming')]],
  ['sam', 'is there a supermarket near home?', [place('supermarket', 'supermarket', 'pl_home_sam')]],
  ['li', '找一家医院', [place('hospital', 'hospital')]],
  ['li', '帮我找一下外滩附近的酒店', [place('hotel', 'hotel', 'pl_bund')]],
  ['sam', 'find a bank near the office', [place('bank', 'bank', 'pl_office_sam')]],
  ['sam', "where's the nearest metro station", [place('metro', 'station', 'pl_office_sam')]],
  // Two things at once
  [
    'sam',
    'order a latte, then schedule a sync with Priya at 4pm',
    [
      order('d_morning_latte', 1, 'addr_sam_office'),
      event('Sync with Priya', '2026-11-30T16:00', 60, ['p_priya']),
    ],
  ],
  ['li', '给妈妈转200，给爸爸转300', [transfer('p_liuxiuying', 20000), transfer('p_lijianguo', 30000)]],
  ['li', '帮我把话费交了，再给妈妈转200', [payBill('preq_mobile_liming'), transfer('p_liuxiuying', 20000)]],
  [
    'li',
    '帮我从川味小馆点一份宫保鸡丁送到公司，40元以内，再告诉王芳我中午不回去吃饭',
    [order('d_chuanwei_gongbao', 1, 'addr_liming_office', 4000), message('p_wangfang', '我中午不回去吃饭')],
  ],
  [
    'sam',
    "order a latte and tell Emily I'll be there soon",
    [order('d_morning_latte', 1, 'addr_sam_office'), message('p_emily', "I'll be there soon")],
  ],
  [
    'sam',
    'buy a folding umbrella and message Tom that it is raining',
    [buy('pr_umbrella', undefined, 1, 'saddr_sam_home'), message('p_tom', 'it is raining')],
  ],
  [
    'li',
    '点一份宫保鸡丁，再告诉王芳我中午不回去吃饭',
    [order('d_chuanwei_gongbao', 1, 'addr_liming_office'), message('p_wangfang', '我中午不回去吃饭')],
  ],
  [
    'li',
    '买一把折叠雨伞，然后告诉韩雪我带伞了',
    [buy('pr_umbrella', undefined, 1, 'saddr_liming_home'), message('p_hanxue', '我带伞了')],
  ],
  [
    'li',
    '给妈妈转200，再跟她说生日快乐',
    [transfer('p_liuxiuying', 20000), message('p_liuxiuying', '生日快乐')],
  ],
  [
    'li',
    '约王芳明天下午3点开会，然后告诉她带上电脑',
    [event('与王芳开会', '2026-12-01T15:00', 60, ['p_wangfang']), message('p_wangfang', '带上电脑')],
  ],
  [
    'sam',
    'order a latte and then message Emily: coffee is on the way',
    [order('d_morning_latte', 1, 'addr_sam_office'), message('p_emily', 'coffee is on the way')],
  ],
  [
    'sam',
    'send Tom 50 yuan and tell him thanks for dinner',
    [transfer('p_tom', 5000), message('p_tom', 'thanks for dinner')],
  ],
  [
    'sam',
    'pay my phone bill and tell Anna I did it',
    [payBill('preq_mobile_sam'), message('p_anna', 'I did it')],
  ],
  [
    'li',
    '给王芳转100块，然后点一杯拿铁送到公司',
    [transfer('p_wangfang', 10000), order('d_morning_latte', 1, 'addr_liming_office')],
  ],
  [
    'sam',
    "order 2 Americanos to the office, under 50 yuan, and let Priya know I'll be 10 minutes late",
    [order('d_morning_americano', 2, 'addr_sam_office', 5000), message('p_priya', "I'll be 10 minutes late")],
  ],
];

/** Requests that must come back unsure, with what `missing` must name. */
const UNSURE: [Persona, string, RegExp][] = [
  // Not an errand at all
  ['li', '我饿了', /没听懂/],
  ['sam', 'call Tom', /did not understand/],
  ['li', '买点水果', /买什么/],
  ['sam', 'order a coffee', /What should I order or buy\?/],
  ['li', '今天天气怎么样', /没听懂/],
  ['sam', 'write me a poem', /did not understand/],
  // Who gets the money cannot be told apart, or is not a contact
  ['li', '给张伟转100', /张伟（大学同学） 还是 张薇（邻居）/],
  ['li', '还张伟100块', /张伟.*张薇/],
  ['li', 'send Zhang Wei 100 yuan', /Which Zhang Wei\?.*大学同学.*邻居/],
  ['li', '给李雷转100', /通讯录里没有「李雷」/],
  ['li', '给王芳和刘洋转100', /转给谁？王芳 还是 刘洋/],
  ['sam', 'send my colleague 50 yuan', /Which colleague\?/],
  // How much is not said
  ['li', '转账给王芳', /转多少钱给王芳/],
  ['sam', 'Pay Priya', /How much should I send Priya\?/],
  ['li', '转500', /转给谁/],
  ['li', '给妈妈转账', /转多少钱/],
  ['sam', 'send Tom some money', /How much/],
  // Which dish, or none to be had
  ['li', '帮我点个外卖', /点哪道菜/],
  ['li', '来杯奶茶', /是哪一个？.*招牌奶茶.*珍珠奶茶/],
  ['li', '帮我点份生煎包', /金汤小笼.*老弄堂早餐/],
  ['sam', 'order pizza', /Margherita Pizza.*Pepperoni Pizza/],
  ['sam', 'I want a Caesar salad', /Moonlight Tavern.*West End Steakhouse/],
  ['li', '点一份水煮鱼', /已售罄/],
  ['sam', 'Order 2 Pad Thai', /sold out/],
  ['li', '从川味小馆点一杯拿铁', /川味小馆没有「拿铁」/],
  ['li', '点一份宫保鸡丁再点一杯拿铁', /不在同一家店/],
  ['li', '点两份鱼香肉丝送到公司，50块以内', /超过预算¥50.00/],
  // Which product, variant or address
  ['li', '买个无线鼠标', /黑色 还是 白色/],
  ['sam', 'buy a t-shirt', /White M or White L or Black M or Black L/],
  ['sam', 'order a Kung Pao Chicken and a croissant', /not all at one restaurant/],
  ['sam', 'Ship a folding umbrella to my parents', /no such saved address/],
  ['sam', 'buy a phone case', /Clear or Matte Black/],
  ['sam', 'buy the Three-Body Problem', /sold out/],
  ['li', '买一把折叠雨伞寄到爸妈家', /没有这个收货地址/],
  // Bills
  ['li', '交水费', /没有待缴的水费/],
  ['sam', 'pay my bills', /Which bill\?.*electricity.*phone bill/],
  // Messages
  ['sam', "tell Bob I'm late", /"Bob" is not in your contacts/],
  ['li', '告诉王芳', /要跟王芳说什么/],
  ['sam', 'Tell Tom and Emily the meeting moved', /One message goes to one person or group/],
  ['li', '帮我发个消息', /发给谁/],
  ['li', '告诉同事我晚点到', /哪位同事/],
  ['sam', 'order a latte and tell Bob hi', /"Bob" is not in your contacts/],
  // Events
  ['li', '约王芳明天开会', /几点/],
  ['li', '约王芳上午9点开会', /已经过了/],
  ['sam', 'schedule a meeting with Tom', /When\?/],
  ['sam', 'schedule a sync with Priya on Feb 30 at 3pm', /does not exist/],
  ['li', '约李雷明天下午3点开会', /通讯录里没有「李雷」/],
  ['li', '下周一9点跟项目组开会', /不能邀请群/],
  // Routes and places
  ['li', '去虹桥怎么走', /上海虹桥站 还是 虹桥国际机场T2航站楼/],
  ['li', '从人民广场到陆家嘴坐地铁要多久', /「陆家嘴」是哪里/],
  ['sam', 'how do I get to Disneyland', /Cannot find "Disneyland"/],
  // It says not to, asks about the past or a price, or the money comes to the person
  ['li', '不要给王芳转钱', /不要做/],
  ['li', '不要告诉王芳', /不要做/],
  ['sam', "don't send Tom 50 yuan", /says not to do it/],
  ['li', '给妈妈转了200吗', /问已经做过没有/],
  ['sam', 'did I pay the phone bill?', /asking whether it was done/],
  ['li', '帮我看看宫保鸡丁多少钱', /问价格/],
  ['sam', 'how much is a latte', /asks a price/],
  ['li', '王芳给我转了100', /转给你的/],
  // Part of the request would be dropped ("不想吃辣" and then a spicy dish: it was never read)
  ['li', '我不想吃辣，点一份麻婆豆腐', /不想吃辣/],
  ['li', '点一份宫保鸡丁送到公司，顺带着跟王芳说一声', /没分清/],
];

function expectMatch(result: MatchResult): asserts result is Extract<MatchResult, { kind: 'match' }> {
  if (result.kind !== 'match') throw new Error(`expected a match, got unsure: ${result.missing.join(' / ')}`);
}

describe('matchRequest: requests it turns into recipes', () => {
  it(`has at least 100 distinct phrasings (${MATCHED.length}) from both personas`, () => {
    expect(new Set(MATCHED.map(([, request]) => request)).size).toBe(MATCHED.length);
    expect(MATCHED.length).toBeGreaterThanOrEqual(100);
    expect(MATCHED.filter(([p]) => p === 'li').length).toBeGreaterThanOrEqual(50);
    expect(MATCHED.filter(([p]) => p === 'sam').length).toBeGreaterThanOrEqual(50);
  });

  it.each(MATCHED)('%s: %s', (persona, request, steps) => {
    const result = matchRequest(request, catalogues[persona]);
    expectMatch(result);
    expect(result.steps).toEqual(steps);
    expect(result.confidence).toBeGreaterThanOrEqual(0.6);
    expect(result.confidence).toBeLessThanOrEqual(1);
    expect(result.understood).not.toBe('');
    // What it understood is said in the request's language.
    expect(CJK.test(result.understood)).toBe(CJK.test(request));
  });
});

describe('matchRequest: requests it must not run', () => {
  it(`has at least 15 of them (${UNSURE.length})`, () => {
    expect(new Set(UNSURE.map(([, request]) => request)).size).toBe(UNSURE.length);
    expect(UNSURE.length).toBeGreaterThanOrEqual(15);
  });

  it.each(UNSURE)('%s: %s', (persona, request, missing) => {
    const result = matchRequest(request, catalogues[persona]);
    expect(result.kind).toBe('unsure');
    if (result.kind !== 'unsure') return;
    expect(result.missing.join(' ')).toMatch(missing);
    expect(result.confidence).toBeLessThan(0.5);
    // What is missing is asked in the request's language (names may stay as the contact list has them).
    expect(result.missing.join(' ')).toMatch(
      CJK.test(request)
        ? /[？，：]|没/
        : /\b(?:which|what|when|where|how|who|is|does|no|not|cannot|did|should)\b/i,
    );
  });
});

describe('matchRequest: defaults', () => {
  const at = (cat: Catalogue, local: string): Catalogue => ({ ...cat, now: Date.parse(`${local}+08:00`) });

  it('sends lunch to the office on a weekday between 10:00 and 14:00, else home', () => {
    const address = (cat: Catalogue) => {
      const result = matchRequest('点一份宫保鸡丁', cat);
      expectMatch(result);
      return (result.steps[0]!.params as RecipeParams['order_food']).address_id;
    };
    expect(address(at(catalogues.li, '2026-11-30T10:00:00'))).toBe('addr_liming_office');
    expect(address(at(catalogues.li, '2026-11-30T13:59:00'))).toBe('addr_liming_office');
    expect(address(at(catalogues.li, '2026-11-30T14:00:00'))).toBe('addr_liming_home');
    expect(address(at(catalogues.li, '2026-11-30T09:30:00'))).toBe('addr_liming_home');
    expect(address(at(catalogues.li, '2026-12-05T12:00:00'))).toBe('addr_liming_home');
  });

  it('keeps the address the request names, whatever the hour', () => {
    const evening = at(catalogues.sam, '2026-11-30T20:00:00');
    const result = matchRequest('order a latte to the office', evening);
    expectMatch(result);
    expect(result.steps).toEqual([order('d_morning_latte', 1, 'addr_sam_office')]);
  });

  it('ships purchases home unless told otherwise', () => {
    const result = matchRequest('buy a folding umbrella', catalogues.sam);
    expectMatch(result);
    expect(result.steps).toEqual([buy('pr_umbrella', undefined, 1, 'saddr_sam_home')]);
  });

  it('routes by transit, events last an hour, orders are for one', () => {
    const cases: [string, MatchedStep][] = [
      ['从家到外滩', route('pl_home_liming', 'pl_bund', 'transit')],
      ['约王芳明天下午3点开会', event('与王芳开会', '2026-12-01T15:00', 60, ['p_wangfang'])],
      ['宫保鸡丁送到公司', order('d_chuanwei_gongbao', 1, 'addr_liming_office')],
    ];
    for (const [request, expected] of cases) {
      const result = matchRequest(`${request}${request.startsWith('从') ? '怎么走' : ''}`, catalogues.li);
      expectMatch(result);
      expect(result.steps).toEqual([expected]);
    }
  });

  it('reads times against the world clock, not the wall clock', () => {
    const friday = at(catalogues.sam, '2026-12-04T16:00:00');
    const result = matchRequest('schedule a sync with Priya tomorrow at 10am', friday);
    expectMatch(result);
    expect(result.steps).toEqual([event('Sync with Priya', '2026-12-05T10:00', 60, ['p_priya'])]);
  });
});

describe('matchRequest: honesty', () => {
  it('is less sure of a default or a shorter word than of names said in full', () => {
    const full = matchRequest('从川味小馆点一份宫保鸡丁送到公司', catalogues.li);
    const bare = matchRequest('点杯冰美式', catalogues.li);
    expectMatch(full);
    expectMatch(bare);
    expect(full.confidence).toBeGreaterThan(bare.confidence);
  });

  it('never names a payee, a dish or a product it had to guess', () => {
    for (const [persona, request] of UNSURE) {
      const result = matchRequest(request, catalogues[persona]);
      expect(result).not.toHaveProperty('steps');
    }
  });

  it('answers the same request the same way every time', () => {
    const request = '帮我从川味小馆点一份宫保鸡丁送到公司，40元以内，再告诉王芳我中午不回去吃饭';
    expect(matchRequest(request, catalogues.li)).toEqual(matchRequest(request, catalogues.li));
  });

  it('says what it understood of a request it cannot run', () => {
    const result = matchRequest('给妈妈转账', catalogues.li);
    expect(result).toMatchObject({ kind: 'unsure', understood: expect.stringContaining('妈妈') });
  });

  it('answers an empty request by asking what to do', () => {
    expect(matchRequest('   ', catalogues.sam)).toMatchObject({ kind: 'unsure', confidence: 0 });
  });
});
