import { afterAll, describe, expect, it } from 'vitest';
import { readPersonWorld } from '../person/index.js';
import { World } from '../world/index.js';
import type { Effect } from '../world/tool.js';
import { MandateGuard } from './guard.js';
import type { Intent, IntentSetInput } from './intents.js';
import { intentSetSchema } from './intents.js';
import { type MandateInput, mandateSchema } from './mandate.js';
import type { ActionView } from './types.js';

/**
 * Every decision the guard makes against the person's intents, and the sentence the person reads.
 * The person's world is Li Ming's (and Sam's) in a real seeded sandbox; the actions are what the
 * sandbox apps declare. Each hole the second design closes has a case here.
 */
const worlds = {
  liming: World.open({ seed: 1, persona: 'liming' }),
  sam: World.open({ seed: 1, persona: 'sam' }),
};
afterAll(() => {
  for (const w of Object.values(worlds)) w.close();
});
const people = { liming: readPersonWorld(worlds.liming), sam: readPersonWorld(worlds.sam) };

const ITEMS = [
  { id: 'r_chuanwei', names: ['川味小馆', 'Chuanwei Kitchen'] },
  { id: 'd_chuanwei_gongbao', names: ['宫保鸡丁', 'Kung Pao Chicken'] },
  { id: 'd_chuanwei_mapo', names: ['麻婆豆腐', 'Mapo Tofu'] },
  { id: 'pr_dark_chocolate', names: ['72% 黑巧克力', '72% Dark Chocolate'] },
];

function guard(
  request: string,
  intents: Intent[] | null,
  mandate: MandateInput = {},
  options: { persona?: 'liming' | 'sam'; source?: 'reader' | 'planner' | 'task'; budgetFen?: number } = {},
) {
  const g = new MandateGuard(
    mandateSchema.parse(mandate),
    { request, person: people[options.persona ?? 'liming'], items: ITEMS },
    () => 0,
  );
  if (intents) {
    const set: IntentSetInput = {
      intents,
      source: options.source ?? 'reader',
      budgetFen: options.budgetFen ?? null,
    };
    g.understand(intentSetSchema.parse(set));
  }
  return g;
}

const view = (app: string, tool: string, input: Record<string, unknown>, effect: Effect): ActionView => ({
  app,
  tool,
  input,
  effect,
  effectAssumed: false,
});
const transfer = (to: string, amount: number) =>
  view(
    'pay',
    'transfer',
    { to_account_id: to, amount_fen: amount },
    { kind: 'irreversible', act: 'transfer', amount: 'amount_fen', payee: 'to_account_id' },
  );
const payRequest = (request: string, payee: string, amount: number) =>
  view(
    'pay',
    'pay_request',
    { request_id: request, amount_fen: amount, payee_account_id: payee },
    {
      kind: 'irreversible',
      act: 'pay',
      amount: 'amount_fen',
      payee: 'payee_account_id',
      target: 'request_id',
    },
  );
const message = (to: string) =>
  view('chat', 'send_message', { to, text: 'hi' }, { kind: 'write', act: 'message', recipients: 'to' });
const ORDER: Effect = {
  kind: 'write',
  act: 'order',
  merchant: 'restaurant_id',
  address: 'address_id',
  items: 'items',
};
const placeOrder = (input: Record<string, unknown>) => view('food', 'place_order', input, ORDER);
const addToCart = (dish: string) =>
  view(
    'food',
    'add_to_cart',
    { dish_id: dish, quantity: 1 },
    { kind: 'write', act: 'cart', items: 'dish_id' },
  );
const cancel = (order: string) =>
  view('food', 'cancel_order', { order_id: order }, { kind: 'write', act: 'cancel', target: 'order_id' });
const ok = (data: unknown) => ({ ok: true, data });

const lunch: Intent = {
  id: 'i1',
  said: '从川味小馆点一份宫保鸡丁送到公司，40元以内',
  kind: 'order',
  app: 'food',
  merchant: 'r_chuanwei',
  items: [{ names: ['宫保鸡丁'], ids: ['d_chuanwei_gongbao'], quantity: 1 }],
  address: 'addr_liming_office',
  budgetFen: 4000,
};
const tellWangFang: Intent = {
  id: 'i2',
  said: '告诉王芳我中午不回去吃饭',
  kind: 'message',
  to: ['p_wangfang'],
};
const LUNCH = '帮我从川味小馆点一份宫保鸡丁送到公司，40元以内，再告诉王芳我中午不回去吃饭';

/** Places the lunch order through the guard as the app would answer it. */
function orderLunch(g: MandateGuard, total = 3600, id = 'ord_0001') {
  const action = placeOrder({
    restaurant_id: 'r_chuanwei',
    address_id: 'addr_liming_office',
    items: [{ dish_id: 'd_chuanwei_gongbao', quantity: 1 }],
  });
  expect(g.check(action).decision).toBe('allow');
  g.observe(
    action,
    ok({
      id,
      total: { amount: total, currency: 'CNY' },
      payment_request_id: `preq_${id}`,
      payee_account_id: 'm_r_chuanwei',
      items: [{ dish_id: 'd_chuanwei_gongbao', quantity: 1 }],
    }),
  );
}

describe('payments match an intent as a pair of payee and amount, once', () => {
  it('allows the transfer asked for, of the amount said, to the person said', () => {
    const g = guard('给王芳转20元', [
      { id: 'i1', said: '', kind: 'transfer', to: 'p_wangfang', amountFen: 2000 },
    ]);
    expect(g.check(transfer('p_wangfang', 2000))).toMatchObject({ decision: 'allow' });
  });

  it('does not pay a named person a limit the request set, and says the limit is not an amount to pay', () => {
    // The README's lunch request with a restaurant notice asking for a "¥40 deposit" to 王芳.
    const g = guard(LUNCH, [lunch, tellWangFang]);
    const v = g.check(transfer('p_wangfang', 4000));
    expect(v).toMatchObject({ decision: 'ask', withinMandate: false });
    expect(v.reason).toContain('你的请求没有要付钱给 王芳');
    expect(v.reason).toContain('¥40.00 是你说的花费上限，不是要付的钱');
    // …and the person's own order is still placed and paid.
    orderLunch(g);
    expect(g.check(payRequest('preq_ord_0001', 'm_r_chuanwei', 3600)).decision).toBe('allow');
  });

  it('makes a transfer once: the same transfer again is asked about', () => {
    const g = guard('给王芳转20元', [
      { id: 'i1', said: '', kind: 'transfer', to: 'p_wangfang', amountFen: 2000 },
    ]);
    const t = transfer('p_wangfang', 2000);
    g.observe(t, ok({ transaction_id: 'txn_1', amount: { amount: 2000, currency: 'CNY' } }));
    const again = g.check(t);
    expect(again.decision).toBe('ask');
    expect(again.reason).toContain('已经付过一次');
  });

  it('refuses the wrong amount to the right person, saying what was asked', () => {
    const g = guard('给王芳转20元', [
      { id: 'i1', said: '', kind: 'transfer', to: 'p_wangfang', amountFen: 2000 },
    ]);
    expect(g.check(transfer('p_wangfang', 20000)).reason).toBe('你的请求说给 王芳 ¥20.00，不是 ¥200.00');
  });

  it('pays an order it placed only its reported total, once, to its merchant', () => {
    const g = guard(LUNCH, [lunch, tellWangFang]);
    orderLunch(g);
    expect(g.check(payRequest('preq_ord_0001', 'm_r_chuanwei', 3600)).decision).toBe('allow');
    expect(g.check(payRequest('preq_ord_0001', 'm_r_chuanwei', 4000)).reason).toContain('不是 ¥40.00');
    expect(g.check(payRequest('preq_ord_0001', 'p_zhaolei', 3600)).reason).toContain('不是 p_zhaolei');
    g.observe(
      payRequest('preq_ord_0001', 'm_r_chuanwei', 3600),
      ok({ paid: { amount: 3600, currency: 'CNY' } }),
    );
    expect(g.check(payRequest('preq_ord_0001', 'm_r_chuanwei', 3600)).reason).toContain('已经付过了');
  });

  it('enforces the budget the person wrote, with a model too: it is the order intent’s', () => {
    const g = guard(LUNCH, [lunch, tellWangFang], {}, { source: 'planner' });
    orderLunch(g, 5500);
    const v = g.check(payRequest('preq_ord_0001', 'm_r_chuanwei', 5500));
    expect(v.decision).toBe('deny');
    expect(v.reason).toContain('超过了你给这单定的 ¥40.00');
  });

  it('names every rule a payment breaks, not only the first', () => {
    const g = guard(
      '给王芳转20元',
      [{ id: 'i1', said: '', kind: 'transfer', to: 'p_wangfang', amountFen: 2000 }],
      {
        budgetFen: 3000,
      },
    );
    const v = g.check(transfer('p_zhaolei', 5000));
    expect(v.decision).toBe('deny');
    expect(v.reason).toContain('超过你的预算 ¥30.00');
    expect(v.reason).toContain('你的请求没有要付钱给 磊子（赵磊）');
  });

  it('pays the bill asked for, to its biller, and no stranger’s request', () => {
    const g = guard('交电费', [{ id: 'i1', said: '交电费', kind: 'pay_bill', payee: 'm_power' }]);
    expect(g.check(payRequest('preq_power_liming', 'm_power', 21934)).decision).toBe('allow');
    expect(g.check(payRequest('preq_x', 'p_stranger_cs', 21934)).decision).toBe('ask');
  });

  it('counts only what apps report, and asks about every payment after one it could not count', () => {
    const g = guard('给王芳转20元，再给赵磊转20元', [
      { id: 'i1', said: '', kind: 'transfer', to: 'p_wangfang', amountFen: 2000 },
      { id: 'i2', said: '', kind: 'transfer', to: 'p_zhaolei', amountFen: 2000 },
    ]);
    g.observe(transfer('p_wangfang', 2000), ok({ transaction_id: 'txn_1' }));
    expect(g.ledger.spentFen).toBe(2000);
    expect(g.check(transfer('p_zhaolei', 2000)).reason).toContain('没报告金额');
  });
});

describe('orders buy what was asked, from where, to where', () => {
  it('asks about a dish the request did not name, put in the cart or the order', () => {
    const g = guard(LUNCH, [lunch, tellWangFang]);
    expect(g.check(addToCart('d_chuanwei_gongbao')).decision).toBe('allow');
    const three = view(
      'food',
      'add_to_cart',
      { dish_id: 'd_chuanwei_gongbao', quantity: 3 },
      { kind: 'write', act: 'cart', items: 'dish_id' },
    );
    expect(g.check(three).reason).toBe('购物车里会有 3 份宫保鸡丁，你说的是 1 份');
    const extra = g.check(addToCart('d_chuanwei_mapo'));
    expect(extra).toMatchObject({ decision: 'ask', withinMandate: false });
    expect(extra.reason).toContain('麻婆豆腐');
    const order = g.check(
      placeOrder({
        restaurant_id: 'r_chuanwei',
        address_id: 'addr_liming_office',
        items: [
          { dish_id: 'd_chuanwei_gongbao', quantity: 1 },
          { dish_id: 'd_chuanwei_mapo', quantity: 1 },
        ],
      }),
    );
    expect(order.reason).toBe('麻婆豆腐（d_chuanwei_mapo） 不在你的请求里');
  });

  it('checks an order placed from the cart on the cart as errand last saw it, or asks to see it', () => {
    const g = guard(LUNCH, [lunch, tellWangFang]);
    const fromCart = placeOrder({ restaurant_id: 'r_chuanwei', address_id: 'addr_liming_office' });
    expect(g.check(fromCart).reason).toContain('没看过购物车');
    g.observe(
      view('food', 'view_cart', { restaurant_id: 'r_chuanwei' }, { kind: 'read' }),
      ok({
        carts: [
          {
            restaurant: { id: 'r_chuanwei' },
            items: [
              { dish_id: 'd_chuanwei_gongbao', quantity: 1 },
              { dish_id: 'd_chuanwei_mapo', quantity: 2 },
            ],
          },
        ],
      }),
    );
    expect(g.check(fromCart).reason).toContain('麻婆豆腐');
  });

  it('orders "what is in my cart" as the cart held it when errand looked, and nothing added since', () => {
    const cartOrder: Intent = {
      id: 'i1',
      said: '把购物车里的东西下单寄到家里',
      kind: 'order',
      app: 'shop',
      items: [],
      fromCart: true,
      address: 'saddr_liming_home',
    };
    const g = guard('把购物车里的东西下单寄到家里', [cartOrder]);
    const shopOrder = view(
      'shop',
      'place_order',
      { address_id: 'saddr_liming_home' },
      { kind: 'write', act: 'order', address: 'address_id', items: 'items' },
    );
    expect(g.check(shopOrder).reason).toContain('先看一下购物车');
    g.observe(
      view('shop', 'view_cart', {}, { kind: 'read' }),
      ok({ items: [{ product_id: 'pr_dark_chocolate', quantity: 2 }] }),
    );
    expect(g.check(shopOrder).decision).toBe('allow');
    const add = view(
      'shop',
      'add_to_cart',
      { product_id: 'pr_dark_chocolate', quantity: 1 },
      { kind: 'write', act: 'cart', items: 'product_id' },
    );
    expect(g.check(add).decision).toBe('ask');
    g.observe(add, ok({ items: [{ product_id: 'pr_dark_chocolate', quantity: 3 }] }));
    expect(g.check(shopOrder).reason).toContain('不是你购物车里原有的');
  });

  it('asks before a payment for an order that swept in something not asked for', () => {
    const g = guard(LUNCH, [lunch, tellWangFang], { approval: { unknownEffect: true } });
    const action = placeOrder({
      restaurant_id: 'r_chuanwei',
      address_id: 'addr_liming_office',
      items: [{ dish_id: 'd_chuanwei_gongbao' }],
    });
    g.observe(
      action,
      ok({
        id: 'ord_1',
        total: { amount: 3600, currency: 'CNY' },
        payment_request_id: 'preq_1',
        payee_account_id: 'm_r_chuanwei',
        items: [
          { dish_id: 'd_chuanwei_gongbao', quantity: 1 },
          { dish_id: 'd_chuanwei_mapo', quantity: 1 },
        ],
      }),
    );
    expect(g.check(payRequest('preq_1', 'm_r_chuanwei', 3600)).reason).toContain('你没要的：麻婆豆腐');
  });

  it('delivers only to the address the intent holds, never another saved one or an outsider’s', () => {
    const g = guard(LUNCH, [lunch, tellWangFang]);
    const to = (address: string) =>
      g.check(
        placeOrder({
          restaurant_id: 'r_chuanwei',
          address_id: address,
          items: [{ dish_id: 'd_chuanwei_gongbao' }],
        }),
      );
    expect(to('addr_liming_office').decision).toBe('allow');
    expect(to('addr_liming_home').reason).toBe('addr_liming_home 不是你请求里说的地址');
    expect(to('addr_stranger').reason).toBe('addr_stranger 不是你保存的地址');
  });

  it('never undoes the person’s own errand: its order, message or event stays unless they approve', () => {
    const g = guard(LUNCH, [lunch, tellWangFang]);
    orderLunch(g);
    const v = g.check(cancel('ord_0001'));
    expect(v).toMatchObject({ decision: 'ask', withinMandate: false });
    expect(v.reason).toContain('就等于撤销你的请求');
    g.observe(message('p_wangfang'), ok({ message_id: 'msg_9' }));
    const recall = view(
      'chat',
      'recall_message',
      { message_id: 'msg_9' },
      { kind: 'write', act: 'recall', target: 'message_id' },
    );
    expect(g.check(recall).decision).toBe('ask');
  });

  it('places one order per intent, and lets a wrong order it placed be cancelled and placed again, giving the budget back', () => {
    const g = guard(LUNCH, [lunch, tellWangFang], { budgetFen: 4000 });
    // The person approved an order that also swept in a dish from the cart: errand may set it right.
    const action = placeOrder({
      restaurant_id: 'r_chuanwei',
      address_id: 'addr_liming_office',
      items: [{ dish_id: 'd_chuanwei_gongbao' }],
    });
    g.observe(
      action,
      ok({
        id: 'ord_0001',
        total: { amount: 3600, currency: 'CNY' },
        payment_request_id: 'preq_ord_0001',
        payee_account_id: 'm_r_chuanwei',
        items: [
          { dish_id: 'd_chuanwei_gongbao', quantity: 1 },
          { dish_id: 'd_chuanwei_mapo', quantity: 1 },
        ],
      }),
    );
    g.observe(
      payRequest('preq_ord_0001', 'm_r_chuanwei', 3600),
      ok({ paid: { amount: 3600, currency: 'CNY' } }),
    );
    expect(g.ledger.spentFen).toBe(3600);
    const again = placeOrder({
      restaurant_id: 'r_chuanwei',
      address_id: 'addr_liming_office',
      items: [{ dish_id: 'd_chuanwei_gongbao' }],
    });
    expect(g.check(again).reason).toContain('已经下过了');
    expect(g.check(cancel('ord_0001')).decision).toBe('allow');
    g.observe(cancel('ord_0001'), ok({ id: 'ord_0001', refunded: { amount: 3600, currency: 'CNY' } }));
    expect(g.ledger.spentFen).toBe(0);
    orderLunch(g, 3600, 'ord_0002');
    expect(g.check(payRequest('preq_ord_0002', 'm_r_chuanwei', 3600)).decision).toBe('allow');
  });

  it('never cancels an order the request did not ask to cancel', () => {
    const g = guard(LUNCH, [lunch, tellWangFang]);
    expect(g.check(cancel('ord_old')).reason).toBe('你的请求没有要取消任何东西');
  });
});

describe('messages, events and changes', () => {
  it('messages only the people an intent names, each once', () => {
    const g = guard(LUNCH, [lunch, tellWangFang]);
    expect(g.check(message('p_wangfang')).decision).toBe('allow');
    g.observe(message('p_wangfang'), ok({ message_id: 'msg_1' }));
    expect(g.check(message('p_wangfang')).reason).toContain('已经给 王芳 发过');
    const v = g.check(message('p_zhaolei'));
    expect(v).toMatchObject({ decision: 'ask', withinMandate: false });
    expect(v.reason).toBe('你的请求没有要给 磊子（赵磊） 发消息');
  });

  it('asks when a message to the right person carries a link or the person’s own data the request did not give', () => {
    const g = guard('告诉王芳我中午不回去吃饭', [tellWangFang]);
    const say = (text: string) =>
      g.check(
        view(
          'chat',
          'send_message',
          { to: 'p_wangfang', text },
          { kind: 'write', act: 'message', recipients: 'to' },
        ),
      );
    expect(say('我中午不回去吃饭').decision).toBe('allow');
    expect(say('我中午不回去吃饭，报销点这里 https://lunch-reimb.co/sh').reason).toContain('链接');
    const home = people.liming.me.private!.find((f) => f.what === 'address')!.text;
    expect(say(`我中午不回去吃饭，我家在${home}`).reason).toBe(
      '消息会把你的地址告诉对方，而你的请求没说要分享',
    );
    const phone = people.liming.me.private!.find((f) => f.what === 'phone')!.text;
    expect(say(`有事打 ${phone}`).reason).toContain('你的电话');
    // Asked to share it, it is shared.
    const share = guard('把我家的地址发给王芳', [tellWangFang]);
    expect(
      share.check(
        view(
          'chat',
          'send_message',
          { to: 'p_wangfang', text: `我家在${home}` },
          { kind: 'write', act: 'message', recipients: 'to' },
        ),
      ).decision,
    ).toBe('allow');
  });

  it('refuses outright someone outside the mandate’s list, even when an intent names them', () => {
    const g = guard('告诉王芳', [{ id: 'i1', said: '', kind: 'message', to: ['p_wangfang'] }], {
      recipients: 'list',
      allow: ['p_tom'],
      approval: { newRecipient: false },
    });
    expect(g.check(message('p_wangfang'))).toMatchObject({ decision: 'deny' });
  });

  it('invites only the attendees of the event asked for', () => {
    const g = guard('约张伟明天吃饭', [{ id: 'i1', said: '', kind: 'event', attendees: ['p_zhangwei'] }]);
    const invite = (ids: string[]) =>
      g.check(
        view(
          'calendar',
          'create_event',
          { title: '吃饭', attendee_ids: ids },
          { kind: 'write', act: 'invite', recipients: 'attendee_ids' },
        ),
      );
    expect(invite(['p_zhangwei']).decision).toBe('allow');
    expect(invite(['p_zhangwei', 'p_zhaolei']).reason).toBe('你的请求没有要邀请 磊子（赵磊）');
  });

  it('cancels the event it made when the person asked for that too, and only that one', () => {
    const make = view(
      'calendar',
      'create_event',
      { title: '和赵磊开会', attendee_ids: ['p_zhaolei'] },
      { kind: 'write', act: 'invite', recipients: 'attendee_ids' },
    );
    const cancelEvent = (id: string) =>
      view(
        'calendar',
        'cancel_event',
        { event_id: id },
        { kind: 'write', act: 'cancel', target: 'event_id' },
      );
    const meet: Intent = { id: 'i1', said: '', kind: 'event', attendees: ['p_zhaolei'] };
    const asked = guard('约赵磊明天上午10点开会，一小时内他没答复就取消', [
      meet,
      { id: 'i2', said: '', kind: 'cancel', app: 'calendar', about: '和赵磊开会' },
    ]);
    const only = guard('约赵磊明天上午10点开会', [meet]);
    for (const g of [asked, only]) {
      expect(g.check(make).decision).toBe('allow');
      g.observe(make, ok({ event: { id: 'evt_0001', title: '和赵磊开会' } }));
    }
    expect(asked.check(cancelEvent('evt_0001')).decision).toBe('allow');
    expect(only.check(cancelEvent('evt_0001')).reason).toContain('就等于撤销你的请求');
  });

  it('answers an invitation only as asked', () => {
    const g = guard('接受周六的聚会', [
      {
        id: 'i1',
        said: '',
        kind: 'respond',
        app: 'calendar',
        target: 'ev_1',
        about: '聚会',
        response: 'accept',
      },
    ]);
    const respond = (event: string, response: string) =>
      g.check(
        view(
          'calendar',
          'respond_to_invitation',
          { event_id: event, response },
          { kind: 'write', act: 'respond', target: 'event_id' },
        ),
      );
    expect(respond('ev_1', 'accept').decision).toBe('allow');
    expect(respond('ev_1', 'decline').decision).toBe('ask');
    expect(respond('ev_2', 'accept').decision).toBe('ask');
  });

  it('asks about every write before errand knows what was asked, and about writes of unknown kind', () => {
    expect(guard('告诉王芳', null).check(message('p_wangfang')).reason).toBe('errand 还没弄清你要做什么');
    const g = guard(
      'tell Tom',
      [{ id: 'i1', said: '', kind: 'message', to: ['p_tom'] }],
      {},
      { persona: 'sam' },
    );
    expect(g.check(view('files', 'delete_all', {}, { kind: 'write' })).reason).toBe(
      'errand cannot tell what files.delete_all changes',
    );
    expect(
      g.check({ ...view('files', 'read_file', {}, { kind: 'irreversible' }), effectAssumed: true }).decision,
    ).toBe('ask');
  });
});

describe('intents a planner derived stand only on the person’s words', () => {
  it('asks about actions for someone the request never named', () => {
    const g = guard(
      '给妈妈转200',
      [{ id: 'i1', said: '', kind: 'transfer', to: 'p_zhaolei', amountFen: 20000 }],
      {},
      { source: 'planner' },
    );
    expect(g.held[0]!.doubt).toBe('你的请求里没有提到 磊子（赵磊）');
    expect(g.check(transfer('p_zhaolei', 20000))).toMatchObject({ decision: 'ask', withinMandate: false });
  });

  it('accepts nicknames and relation words as naming someone: 妈咪 is 妈妈（刘秀英）', () => {
    const g = guard(
      '给妈咪转200',
      [{ id: 'i1', said: '', kind: 'transfer', to: 'p_liuxiuying', amountFen: 20000 }],
      {},
      { source: 'planner' },
    );
    expect(g.held[0]!.doubt).toBeUndefined();
    expect(g.phrase(transfer('p_liuxiuying', 5000))).toBe('转账 ¥50.00 给 妈妈（刘秀英）？');
  });

  it('holds the address to the one the request names', () => {
    const office = { ...lunch, address: 'addr_liming_home' };
    const g = guard('点一份宫保鸡丁送到公司', [office], {}, { source: 'planner' });
    expect(g.held[0]!.doubt).toBe('送货地址和你说的不一样');
  });

  it('speaks the person’s language: English reasons for an English request', () => {
    const g = guard(
      'Tell Tom I am late',
      [{ id: 'i1', said: '', kind: 'message', to: ['p_tom'] }],
      {},
      { persona: 'sam' },
    );
    expect(g.check(message('p_lisa')).reason).toBe('your request did not ask to message Lisa Wong');
    expect(g.phrase(transfer('p_tom', 5000))).toBe('Send ¥50.00 to Tom Baker?');
  });

  it('names dishes and shops in the person’s language, whichever name the catalogue lists first', () => {
    const order = placeOrder({
      restaurant_id: 'r_chuanwei',
      items: [{ dish_id: 'd_chuanwei_gongbao', quantity: 2 }],
      address_id: 'addr_sam_home',
    });
    const en = guard('Order two Kung Pao Chicken', null, {}, { persona: 'sam' }).phrase(order);
    expect(en).toContain('Kung Pao Chicken×2');
    expect(en).not.toMatch(/[\u3400-\u9fff]/);
    expect(guard('点两份宫保鸡丁', null).phrase(order)).toContain('宫保鸡丁×2');
  });
});

describe('the mandate still bounds everything', () => {
  it('denies a payment past the cap or the budget, in money a person reads', () => {
    const g = guard(
      '给王芳转20元',
      [{ id: 'i1', said: '', kind: 'transfer', to: 'p_wangfang', amountFen: 2000 }],
      {
        budgetFen: 1000,
        perPaymentCapFen: 1500,
      },
    );
    const v = g.check(transfer('p_wangfang', 2000));
    expect(v.decision).toBe('deny');
    expect(v.reason).toBe(
      '¥20.00 超过了你单笔 ¥15.00 的上限；付 ¥20.00 会让这次一共花 ¥20.00，超过你的预算 ¥10.00',
    );
  });

  it('takes the request’s own limit on the whole errand as a budget too', () => {
    const g = guard(
      '总共不超过30',
      [{ id: 'i1', said: '', kind: 'transfer', to: 'p_wangfang', amountFen: 5000 }],
      {},
      { budgetFen: 3000 },
    );
    expect(g.check(transfer('p_wangfang', 5000)).decision).toBe('deny');
  });

  it('asks before a payment above the approval threshold, as something inside the mandate', () => {
    const g = guard(
      '给王芳转200元',
      [{ id: 'i1', said: '', kind: 'transfer', to: 'p_wangfang', amountFen: 20000 }],
      {
        approval: { paymentsAboveFen: 10000 },
      },
    );
    expect(g.check(transfer('p_wangfang', 20000))).toMatchObject({ decision: 'ask', withinMandate: true });
  });

  it('denies apps outside the mandate and everything after it expires', () => {
    const g = guard(
      '给王芳转20元',
      [{ id: 'i1', said: '', kind: 'transfer', to: 'p_wangfang', amountFen: 2000 }],
      {
        apps: ['chat'],
      },
    );
    expect(g.check(transfer('p_wangfang', 2000)).reason).toBe('pay 不在你允许的应用里（chat）');
    const late = new MandateGuard(
      mandateSchema.parse({ expiresAt: '1970-01-01T00:00:00Z' }),
      { request: 'x', person: people.liming },
      () => 1000,
    );
    expect(late.check(message('p_wangfang')).decision).toBe('deny');
  });
});
