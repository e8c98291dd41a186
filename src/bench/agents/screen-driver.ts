import { finish, type ModelView, PolicyModel, type ScriptedCall, type Turn } from '../../models/scripted.js';
import type { World } from '../../world/index.js';
import type { Task } from '../task.js';
import { bindRefs } from './oracle.js';
import { L, READ_SCREENS } from './screen-routes.js';

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
  for (const c of rows('SELECT id, dish_id FROM food_cart_items'))
    names.set(c.id!, names.get(c.dish_id!) ?? '');
  const contacts = world.db
    .prepare('SELECT person_id AS id, nickname FROM world_contacts WHERE owner_id = ?')
    .all(world.persona.person_id) as { id: string; nickname: string }[];
  for (const c of contacts) names.set(c.id, c.nickname);
  // Colleagues who are no contact are shown by their name.
  for (const p of rows('SELECT id, name_zh, name_en FROM world_people')) names.set(`name:${p.id}`, pick(p));
  for (const m of rows('SELECT id, conversation_id, text FROM chat_messages'))
    names.set(m.id!, `${m.conversation_id}\u0000${m.text}`);
  for (const m of rows('SELECT id, thread_id, subject FROM mail_messages')) {
    names.set(`${m.id}@thread`, m.thread_id!);
    names.set(`${m.id}@subject`, m.subject!);
  }
  for (const c of rows('SELECT id, name_zh, name_en FROM ledger_cost_centres')) names.set(c.id!, pick(c));
  for (const p of rows('SELECT id, number FROM tracker_prs')) names.set(p.id!, `#${p.number}`);
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
    const quote = (t: string) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const known = [nameOf(personId), nameOf(`name:${personId}`)].map(quote).join('|');
    return need(/^checkbox$/, new RegExp(`^(${known})（`), (ref) => screen('select', { ref, option: 'yes' }));
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
  const attach = (list: { name: string; text: string }[] | undefined): Move[] => {
    if (!list?.length) return [];
    if (list.length > 1) return [() => ({ fail: 'the mail screens attach one file at a time' })];
    return [type(L.fileName, list[0]!.name), type(L.fileText, list[0]!.text)];
  };
  /** Fills the next empty "units arrived" field of a delivery with what the task says came (else 0). */
  const arrived =
    (lines: { sku: string; quantity: number }[]): Move =>
    (page) => {
      const todo = elements(page).find(
        (e) => / (到货数量|units arrived)$/.test(e.name) && !e.rest.includes('='),
      );
      if (!todo) return { check: true };
      const sku = todo.name.split(' ')[0];
      return screen('type', { ref: todo.ref, text: String(lines.find((l) => l.sku === sku)?.quantity ?? 0) });
    };
  /** Unticks someone a form ticked for the person (the sender of a mail replied to) who is not wanted. */
  const untickOthers =
    (wanted: string[]): Move =>
    (page) => {
      const nicks = wanted.map((id) => `${nameOf(id)}（`);
      const extra = elements(page).find(
        (e) =>
          e.role === 'checkbox' && e.rest.includes('checked') && !nicks.some((n) => e.name.startsWith(n)),
      );
      return extra ? screen('select', { ref: extra.ref, option: 'no' }) : { check: true };
    };

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
      case 'ask_user':
        // Not a screen: the person is asked, as errand asks in any mode.
        return [() => ({ tool: 'ask_user', input })];
      case 'chat_list_contacts':
        return [
          open('/ui/chat/contacts'),
          ...(input.query ? [type(L.searchContacts, input.query), click(L.search, 'first', /^button$/)] : []),
        ];
      case 'chat_mark_read':
        return [open(`/ui/chat/c/${input.conversation}`), click(/^(标为已读|Mark as read)$/), done];
      case 'food_write_review':
        return [
          open(`/ui/food/orders/${input.order_id}`),
          click(/^(写评价|Write a review)$/, 'first', /^(button|link|group|disclosure|summary)$/),
          choose(/^(评分|Rating)$/, String(input.rating)),
          type(/^(评价内容|Review)$/, input.text),
          click(/^(发表评价|Post review)$/, 'first', /^button$/),
          done,
        ];
      case 'food_remove_from_cart': {
        const dish = nameOf(input.cart_item_id);
        if (dish === input.cart_item_id)
          return [() => ({ fail: `no cart line ${input.cart_item_id} to find` })];
        return [open('/ui/food/cart'), click(new RegExp(`^(删除|Remove) ${esc(dish)}$`)), done];
      }
      case 'shop_add_to_cart':
        return [
          open(`/ui/shop/p/${input.product_id}`),
          ...(input.variant_id ? [choose(L.variant, input.variant_id)] : []),
          type(L.quantity, String(input.quantity ?? 1)),
          click(L.addToCart, 'first', /^button$/),
          done,
        ];
      case 'shop_remove_from_cart': {
        const product = esc(nameOf(input.product_id));
        return [open('/ui/shop/cart'), click(new RegExp(`^(删除|Remove) ${product}`)), done];
      }
      case 'mail_send_mail':
        return [
          open('/ui/mail/new'),
          ...(input.to as string[]).map(tick),
          type(L.subject, input.subject),
          type(L.mailBody, input.body),
          ...attach(input.attachments),
          click(L.sendMail, 'first', /^button$/),
          done,
        ];
      case 'mail_reply':
        return [
          open(`/ui/mail/t/${nameOf(`${input.message_id}@thread`)}/reply/${input.message_id}`),
          untickOthers(input.to),
          untickOthers(input.to),
          ...(input.to as string[]).map(tick),
          type(L.replyBody, input.body),
          ...attach(input.attachments),
          click(L.sendReply, 'first', /^button$/),
          done,
        ];
      case 'mail_forward':
        return [
          open(`/ui/mail/t/${nameOf(`${input.message_id}@thread`)}/forward/${input.message_id}`),
          ...(input.to as string[]).map(tick),
          ...(input.note ? [type(L.forwardNote, input.note)] : []),
          click(L.forwardMail, 'first', /^button$/),
          done,
        ];
      case 'mail_mark_read':
      case 'mail_archive': {
        const subject = esc(nameOf(`${input.message_id}@subject`));
        const label =
          tool === 'mail_archive'
            ? new RegExp(`^(归档：|Archive: )${subject}$`)
            : new RegExp(`^(标为已读：|Mark as read: )${subject}$`);
        return [
          open(`/ui/mail/t/${nameOf(`${input.message_id}@thread`)}`),
          click(label, 'first', /^button$/),
          done,
        ];
      }
      case 'ledger_file_expense':
        return [
          open('/ui/ledger/expenses/new'),
          type(L.receipt, input.receipt_ref),
          choose(L.costCentre, input.cost_centre_id),
          choose(L.category, input.category),
          type(L.description, input.description),
          type(L.amount, (input.amount_fen / 100).toFixed(2)),
          click(L.submitClaim, 'first', /^button$/),
          done,
        ];
      case 'ledger_approve_expense':
        return [open(`/ui/ledger/expenses/${input.expense_id}`), click(L.approve), click(L.confirm), done];
      case 'ledger_reject_expense':
        return [
          open(`/ui/ledger/expenses/${input.expense_id}`),
          type(L.rejectReason, input.reason),
          click(L.reject, 'first', /^button$/),
          done,
        ];
      case 'ledger_pay_invoice':
        return [open(`/ui/ledger/invoices/${input.invoice_id}`), click(L.payInvoice), click(L.confirm), done];
      case 'ledger_send_reminder':
        return [
          open(`/ui/ledger/invoices/${input.invoice_id}`),
          type(L.reminder, input.text),
          click(L.sendReminder, 'first', /^button$/),
          done,
        ];
      case 'ledger_export_expenses': {
        const centre = esc(nameOf(input.cost_centre_id));
        return [
          open('/ui/ledger'),
          type(new RegExp(`^(导出月份（${centre}）|Month to export \\(${centre}\\))$`), input.period),
          click(new RegExp(`^(导出${centre}报销 CSV|Export ${centre} CSV)$`), 'first', /^button$/),
          done,
        ];
      }
      case 'inventory_create_purchase_order':
        return [
          open(`/ui/inventory/order?supplier=${encodeURIComponent(input.supplier_id)}`),
          choose(L.warehouse, input.warehouse_id),
          ...(input.lines as { sku: string; quantity: number }[]).flatMap((l, n) => [
            choose(new RegExp(`^(商品 ${n + 1}|Item ${n + 1})$`), l.sku),
            type(new RegExp(`^(数量 ${n + 1}|Quantity ${n + 1})$`), String(l.quantity)),
          ]),
          type(L.total, (input.total_fen / 100).toFixed(2)),
          ...(input.need_by ? [type(L.needBy, input.need_by)] : []),
          click(L.placePo, 'first', /^button$/),
          click(L.confirm),
          done,
        ];
      case 'inventory_receive_delivery': {
        const lines = input.lines as { sku: string; quantity: number }[] | undefined;
        if (!lines) return [open(`/ui/inventory/orders/${input.po_id}`), click(L.receiveAll), done];
        return [
          open(`/ui/inventory/orders/${input.po_id}`),
          // Every line of the order has a field: what the task names, else none arrived.
          ...Array.from({ length: 10 }, (): Move => arrived(lines)),
          click(L.receivePart, 'first', /^button$/),
          done,
        ];
      }
      case 'inventory_cancel_purchase_order':
        return [open(`/ui/inventory/orders/${input.po_id}`), click(L.cancelPo), click(L.confirm), done];
      case 'inventory_set_reorder_point':
        return [
          open(`/ui/inventory/s/${input.warehouse_id}/${input.sku}`),
          type(L.reorderPoint, String(input.reorder_point)),
          ...(input.reorder_qty !== undefined ? [type(L.reorderQty, String(input.reorder_qty))] : []),
          click(L.saveReorder, 'first', /^button$/),
          done,
        ];
      case 'inventory_transfer_stock':
        return [
          open('/ui/inventory/move'),
          choose(L.item, input.sku),
          choose(L.fromWarehouse, input.from_warehouse_id),
          choose(L.toWarehouse, input.to_warehouse_id),
          type(L.units, String(input.quantity)),
          click(L.moveUnits, 'first', /^button$/),
          click(L.confirm),
          done,
        ];
      case 'tracker_assign_issue':
        return [
          open(`/ui/tracker/issues/${input.issue_id}`),
          choose(L.assignee, input.assignee_id),
          click(L.assign, 'first', /^button$/),
          done,
        ];
      case 'tracker_set_labels':
        return [
          open(`/ui/tracker/issues/${input.issue_id}`),
          type(L.labels, (input.labels as string[]).join(', ')),
          ...(input.component ? [choose(L.component, input.component)] : []),
          ...(input.priority ? [choose(L.priority, input.priority)] : []),
          click(L.saveLabels, 'first', /^button$/),
          done,
        ];
      case 'tracker_close_issue':
        return [
          open(`/ui/tracker/issues/${input.issue_id}`),
          type(L.closeReason, input.reason),
          click(L.closeIssue, 'first', /^button$/),
          done,
        ];
      case 'tracker_comment': {
        const where = String(input.target_id).startsWith('pr_') ? 'prs' : 'issues';
        return [
          open(`/ui/tracker/${where}/${input.target_id}`),
          type(L.commentText, input.text),
          click(L.comment, 'first', /^button$/),
          done,
        ];
      }
      case 'tracker_request_review':
        return [
          open(`/ui/tracker/prs/${input.pr_id}`),
          ...(input.reviewer_ids as string[]).map(tick),
          click(L.requestReview, 'first', /^button$/),
          done,
        ];
      case 'tracker_merge_pr':
        return [
          open(`/ui/tracker/prs/${input.pr_id}`),
          click(L.merge, 'first', /^button$/),
          click(L.confirm),
          done,
        ];
      case 'tracker_create_release':
        return [
          open('/ui/tracker/releases'),
          type(L.version, input.version),
          type(L.notes, input.notes),
          ...(input.pr_ids as string[]).map((id) =>
            need(/^checkbox$/, new RegExp(`^${esc(nameOf(id))} `), (ref) =>
              screen('select', { ref, option: 'yes' }),
            ),
          ),
          click(L.publish, 'first', /^button$/),
          click(L.confirm),
          done,
        ];
      default: {
        const read = READ_SCREENS[tool];
        if (read) return [open(read(input))];
        return [() => ({ fail: `the screen driver has no way to ${tool} on screens` })];
      }
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
