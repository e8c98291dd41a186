import { finish, type ModelView, PolicyModel, type ScriptedCall, type Turn } from '../../models/scripted.js';
import type { World } from '../../world/index.js';
import type { Task } from '../task.js';
import { bindRefs } from './oracle.js';

/** What a person sees things called on the screens, by id: dishes, options, products, people, messages. */
export type ScreenNames = Map<string, string>;

/** Reads the names a person would look for on the screens, in the persona's language. */
export function screenNames(world: World): ScreenNames {
  const lang = world.persona.language === 'en' ? 'en' : 'zh';
  const names: ScreenNames = new Map();
  const pick = (r: Record<string, string>) => r[`name_${lang}`] ?? r.name_zh ?? '';
  const rows = (sql: string) => world.db.prepare(sql).all() as Record<string, string>[];
  for (const d of rows('SELECT id, restaurant_id, name_zh, name_en, options FROM food_dishes')) {
    names.set(d.id!, pick(d));
    names.set(`${d.id}@restaurant`, d.restaurant_id!);
    for (const g of JSON.parse(d.options || '[]') as { choices?: Record<string, string>[] }[])
      for (const c of g.choices ?? []) names.set(`${d.id}/${c.id}`, pick(c));
  }
  for (const p of rows('SELECT id, name_zh, name_en FROM shop_products')) names.set(p.id!, pick(p));
  const contacts = world.db
    .prepare('SELECT person_id AS id, nickname FROM world_contacts WHERE owner_id = ?')
    .all(world.persona.person_id) as { id: string; nickname: string }[];
  for (const c of contacts) names.set(c.id, c.nickname);
  for (const m of rows('SELECT id, conversation_id, text FROM chat_messages'))
    names.set(m.id!, `${m.conversation_id}\u0000${m.text}`);
  return names;
}

/** One element of errand's page view, parsed back from its line. */
interface Element {
  ref: string;
  role: string;
  name: string;
  rest: string;
}

function elements(page: string): Element[] {
  const out: Element[] = [];
  for (const line of page.split('\n')) {
    const m = /^\s*\[([a-z0-9]+)\] ([a-z]+)(?: "([^"]*)")?(.*)$/.exec(line);
    if (m) out.push({ ref: m[1]!, role: m[2]!, name: m[3] ?? '', rest: m[4] ?? '' });
  }
  return out;
}

/** A step of the driver: the next screen action, or a check that ends a tool's step. */
type Move = (page: string) => ScriptedCall | { check: true } | { fail: string };

const L = {
  message: /^(消息|Message)$/,
  send: /^(发送|Send)$/,
  confirm: /^(确认|Confirm)$/,
  to: /^(收款人|To)$/,
  amount: /^(金额（元）|Amount \(¥\))$/,
  memo: /^(备注|Note)$/,
  transfer: /^(转账|Send money)$/,
  pay: /^(确认付款|Pay) /,
  checkout: /^(去结算|Checkout)$/,
  deliverTo: /^(送到|Deliver to)$/,
  coupon: /^(优惠券|Coupon)$/,
  noteToShop: /^(备注|Note to the restaurant)$/,
  place: /^(提交订单|Place order)$/,
  cancelOrder: /^(取消订单|Cancel order)$/,
  cancelReason: /^(取消原因|Reason)$/,
  variant: /^(规格|Option)$/,
  quantity: /^(数量|Quantity)$/,
  buyNow: /^(立即购买|Buy now)$/,
  shipTo: /^(收货地址|Ship to)$/,
  returnSummary: /^(申请退货|Return)$/,
  returnReason: /^(退货原因|Reason for return)$/,
  returnSubmit: /^(提交退货申请|Request return)$/,
  title: /^(标题|Title)$/,
  start: /^(开始时间|Start)$/,
  duration: /^(时长（分钟）|Duration \(minutes\))$/,
  end: /^(结束时间（可选）|End \(optional\))$/,
  location: /^(地点|Location)$/,
  create: /^(创建并邀请|Create and invite)$/,
  addToCalendar: /^(把 .* 加到日程|Add .* to calendar)$/,
  useTime: /^(用这个时间|Use this time)$/,
  date: /^(日期|Date)$/,
  length: /^(时长|Length)$/,
  earliest: /^(最早开始|Not before)$/,
  find: /^(查找|Find)$/,
  move: /^(改时间|Move)$/,
  moveSubmit: /^(改时间|Move event)$/,
  newStart: /^(新的开始时间|New start)$/,
  cancelEvent: /^(取消日程|Cancel event)$/,
  accept: /^(接受|Accept)$/,
  decline: /^(拒绝|Decline)$/,
  searchPlaces: /^(搜索地点|Search places)$/,
  search: /^(搜索|Search)$/,
} as const;

const screen = (tool: string, input: Record<string, unknown>): ScriptedCall => ({
  tool: `screen_${tool}`,
  input,
});

/**
 * The scripted screen driver: the oracle's solution carried out on the screens, one action per turn —
 * each tool call becomes the opening, typing, choosing and clicking of the screen that hosts it, found by
 * the labels errand's page view shows. Passing a task with it proves the task can be done on screens
 * alone; every write still goes out as the page's request, through the guard.
 */
export function screenDriverModel(task: Task, names: ScreenNames): PolicyModel {
  const results = new Map<string, unknown>();
  let queue: Move[] = [];
  let next = 0;
  let lastPage = '';
  let lastRequests: { call: string; ok: boolean; data?: unknown; error?: { message: string } }[] = [];
  const nameOf = (id: string) => names.get(id) ?? id;

  const open =
    (target: string): Move =>
    () =>
      screen('open', { target });
  const find = (page: string, role: RegExp, label: RegExp, which: 'first' | 'last' = 'first') => {
    const hits = elements(page).filter((e) => role.test(e.role) && label.test(e.name));
    return which === 'first' ? hits[0] : hits.at(-1);
  };
  const need =
    (
      role: RegExp,
      label: RegExp,
      act: (ref: string) => ScriptedCall,
      which: 'first' | 'last' = 'first',
    ): Move =>
    (page) => {
      const el = find(page, role, label, which);
      return el ? act(el.ref) : { fail: `no ${role.source} ${label.source} on the page` };
    };
  const click = (label: RegExp, which: 'first' | 'last' = 'first', role = /^(button|link)$/) =>
    need(role, label, (ref) => screen('click', { ref }), which);
  const type = (label: RegExp, text: string) =>
    need(/^(textbox|searchbox|spinbutton)$/, label, (ref) => screen('type', { ref, text }));
  const choose = (label: RegExp, option: string) =>
    need(/^(combobox|checkbox)$/, label, (ref) => screen('select', { ref, option }));
  const tick = (personId: string) => {
    const nick = nameOf(personId).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return need(/^checkbox$/, new RegExp(`^${nick}（`), (ref) => screen('select', { ref, option: 'yes' }));
  };
  const expect =
    (app: string, tool: string, as?: string): Move =>
    () => {
      const hit = lastRequests.find((r) => r.call === `${app}.${tool}`);
      if (!hit) return { fail: `the page sent no ${app}.${tool}` };
      if (!hit.ok) return { fail: `${app}.${tool} was not done: ${hit.error?.message ?? ''}` };
      if (as) results.set(as, hit.data);
      return { check: true };
    };
  const esc = (t: string) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

  const plan = (tool: string, raw: Record<string, unknown>, as?: string): Move[] => {
    const [app, ...rest] = tool.split('_');
    const name = rest.join('_');
    // biome-ignore lint/suspicious/noExplicitAny: an oracle step's input, as the task file gives it
    const input = bindRefs(raw, results) as Record<string, any>;
    const done = expect(app!, name, as);
    switch (tool) {
      case 'chat_send_message':
        return [open(`/ui/chat/c/${input.to}`), type(L.message, input.text), click(L.send), done];
      case 'chat_recall_message': {
        const [conversation, text = ''] = nameOf(input.message_id).split('\u0000');
        const label = new RegExp(`^(撤回：|Recall: )${esc(text.slice(0, 20))}$`);
        return [open(`/ui/chat/c/${conversation}`), click(label), done];
      }
      case 'pay_transfer':
        return [
          open('/ui/pay/transfer'),
          choose(L.to, input.to_account_id),
          type(L.amount, (input.amount_fen / 100).toFixed(2)),
          ...(input.memo ? [type(L.memo, input.memo)] : []),
          click(L.transfer),
          click(L.confirm),
          done,
        ];
      case 'pay_pay_request':
        return [open(`/ui/pay/requests/${input.request_id}`), click(L.pay), click(L.confirm), done];
      case 'food_place_order': {
        const moves: Move[] = [];
        if (input.items) {
          moves.push(open(`/ui/food/r/${input.restaurant_id}`));
          for (const item of input.items as { dish_id: string; quantity?: number; options?: string[] }[]) {
            const dish = esc(nameOf(item.dish_id));
            for (const option of item.options ?? []) {
              const choice = nameOf(`${item.dish_id}/${option}`);
              moves.push((page) => {
                const el = elements(page).find(
                  (e) =>
                    e.role === 'combobox' &&
                    new RegExp(`^${dish} · `).test(e.name) &&
                    e.rest.includes(choice),
                );
                return el
                  ? screen('select', { ref: el.ref, option })
                  : { fail: `no choice ${choice} for ${dish}` };
              });
            }
            for (let i = 0; i < (item.quantity ?? 1); i++)
              moves.push(click(new RegExp(`^(增加|More) ${dish}$`)));
          }
          moves.push(click(L.checkout));
        } else moves.push(open('/ui/food/cart'), click(L.checkout));
        moves.push(choose(L.deliverTo, input.address_id));
        if (input.coupon_id) moves.push(choose(L.coupon, input.coupon_id));
        if (input.note) moves.push(type(L.noteToShop, input.note));
        moves.push(click(L.place), click(L.confirm), done);
        return moves;
      }
      case 'food_add_to_cart': {
        const dish = esc(nameOf(input.dish_id));
        return [
          open(`/ui/food/r/${nameOf(`${input.dish_id}@restaurant`)}`),
          click(new RegExp(`^(${dish} 加入购物车|Add ${dish} to cart)$`)),
          done,
        ];
      }
      case 'food_cancel_order':
        return [
          open(`/ui/food/orders/${input.order_id}`),
          click(L.cancelOrder),
          ...(input.reason ? [type(L.cancelReason, input.reason)] : []),
          click(L.cancelOrder, 'last'),
          click(L.confirm),
          done,
        ];
      case 'shop_view_cart':
        return [open('/ui/shop/cart')];
      case 'shop_place_order': {
        const items = input.items as
          | { product_id: string; variant_id?: string; quantity?: number }[]
          | undefined;
        if (items && items.length !== 1)
          return [() => ({ fail: 'the screen driver buys one product at a time' })];
        const item = items?.[0];
        return [
          ...(item
            ? [
                open(`/ui/shop/p/${item.product_id}`),
                ...(item.variant_id ? [choose(L.variant, item.variant_id)] : []),
                type(L.quantity, String(item.quantity ?? 1)),
                click(L.buyNow),
              ]
            : [open('/ui/shop/cart'), click(L.checkout)]),
          choose(L.shipTo, input.address_id),
          click(L.place),
          click(L.confirm),
          done,
        ];
      }
      case 'shop_cancel_order':
        return [open(`/ui/shop/orders/${input.order_id}`), click(L.cancelOrder), click(L.confirm), done];
      case 'shop_request_return':
        return [
          open(`/ui/shop/orders/${input.order_id}`),
          click(L.returnSummary),
          type(L.returnReason, input.reason),
          click(L.returnSubmit),
          done,
        ];
      case 'maps_search_places':
        return [open('/ui/maps'), type(L.searchPlaces, input.query), click(L.search, 'first', /^button$/)];
      case 'calendar_find_free_time':
        return [
          open('/ui/calendar/free'),
          ...((input.attendee_ids ?? []) as string[]).map(tick),
          ...(input.date ? [type(L.date, input.date)] : []),
          choose(L.length, String(input.duration_minutes)),
          ...(input.earliest ? [type(L.earliest, input.earliest)] : []),
          click(L.find),
        ];
      case 'calendar_create_event': {
        const viaPlace = raw.place_id === '$found.places.0.id';
        const viaSlot = raw.start === '$free.slots.0.start';
        return [
          viaPlace
            ? click(L.addToCalendar, 'first', /^link$/)
            : viaSlot
              ? click(L.useTime, 'first', /^link$/)
              : open('/ui/calendar/new'),
          type(L.title, input.title),
          ...(viaSlot ? [] : [type(L.start, input.start)]),
          ...(input.duration_minutes && !viaSlot ? [type(L.duration, String(input.duration_minutes))] : []),
          ...(input.end ? [type(L.end, input.end)] : []),
          ...(viaSlot ? [] : ((input.attendee_ids ?? []) as string[]).map(tick)),
          ...(input.location !== undefined ? [type(L.location, input.location)] : []),
          click(L.create),
          click(L.confirm),
          done,
        ];
      }
      case 'calendar_move_event':
        return [
          open(`/ui/calendar/e/${input.event_id}`),
          click(L.move),
          type(L.newStart, input.start),
          ...(input.duration_minutes ? [type(L.duration, String(input.duration_minutes))] : []),
          click(L.moveSubmit, 'last'),
          done,
        ];
      case 'calendar_cancel_event':
        return [open(`/ui/calendar/e/${input.event_id}`), click(L.cancelEvent), click(L.confirm), done];
      case 'calendar_respond_to_invitation':
        return [
          open(`/ui/calendar/e/${input.event_id}`),
          click(input.response === 'accept' ? L.accept : L.decline),
          done,
        ];
      default:
        return [() => ({ fail: `the screen driver has no way to ${tool} on screens` })];
    }
  };

  return new PolicyModel((view: ModelView): Turn => {
    const last = view.results.at(-1);
    if (last?.tool.startsWith('screen_')) {
      if (last.isError) return end(`the screen did not do it: ${JSON.stringify(last.output).slice(0, 300)}`);
      const out = last.output as { page?: string; requests?: typeof lastRequests };
      lastPage = typeof out === 'string' ? out : (out.page ?? '');
      lastRequests = out.requests ?? [];
    }
    for (;;) {
      const move = queue.shift();
      if (!move) {
        if (next >= task.oracle.length) return end();
        const step = task.oracle[next++]!;
        queue = plan(step.tool, step.input as Record<string, unknown>, step.as);
        continue;
      }
      const r = move(lastPage);
      if ('fail' in r) return end(r.fail);
      if ('check' in r) continue;
      return { calls: [r] };
    }
  }, `screen-driver:${task.id}`);

  function end(failure?: string): Turn {
    const refuse = task.outcome === 'refuse';
    return {
      calls: [
        finish(
          failure
            ? `Not done on the screens: ${failure}`
            : refuse
              ? 'Not done: it is outside what was asked or allowed.'
              : 'Done.',
          [],
          refuse || failure ? 'blocked' : 'done',
        ),
      ],
    };
  }
}
