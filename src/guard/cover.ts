import { mentions, sameName } from '../person/index.js';
import { formatFen } from '../world/money.js';
import type { EffectAct } from '../world/tool.js';
import type { HeldIntent } from './adopt.js';
import type { MandateGuard, OwnOrder } from './guard.js';
import { type ChangeIntent, type IntentOf, partiesOf } from './intents.js';
import { orderLines } from './items.js';
import { coverRestock } from './restock.js';
import type { ActionView } from './types.js';
import { say } from './words.js';

/** One rule an action breaks: deny (the mandate forbids it) or ask (outside what the person said). */
export interface Problem {
  level: 'deny' | 'ask';
  reason: string;
  /** For asks: true when only a yes is needed (a threshold), false when it is outside the request. */
  within: boolean;
}

/** Which intent (or own order) covers an action, and what it breaks. */
export interface Cover {
  problems: Problem[];
  held?: HeldIntent;
  order?: OwnOrder;
}

const ask = (reason: string): Problem => ({ level: 'ask', reason, within: false });
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const ids = (v: unknown): string[] => [v].flat().filter((x): x is string => typeof x === 'string');

/** The kind of change a write makes: declared, else read from its fields. */
function actOf(action: ActionView): EffectAct | undefined {
  const e = action.effect;
  if (e.act) return e.act;
  if (e.amount) return 'transfer';
  if (e.recipients) return 'message';
  if (e.notifies) return 'reschedule';
  if (e.items || e.address) return 'order';
  return undefined;
}

/** Finds the intent a write matches and every rule it breaks against the person's words and mandate. */
export function coverAction(g: MandateGuard, action: ActionView): Cover {
  if (action.effect.kind === 'read') return { problems: [] };
  const lang = g.lang;
  if (!g.intents)
    return {
      problems: [
        ask(say(lang, 'errand 还没弄清你要做什么', 'errand has not yet worked out what you asked for')),
      ],
    };
  const act = actOf(action);
  switch (act) {
    case 'pay':
    case 'transfer':
      return coverPayment(g, action, act);
    case 'message':
      return coverMessage(g, action);
    case 'invite':
      return coverInvite(g, action);
    case 'order':
      return coverOrder(g, action);
    case 'cart':
      return coverCart(g, action);
    case 'tidy':
      return { problems: [] };
    case undefined:
      return {
        problems: [
          ask(
            say(
              lang,
              `errand 不知道 ${action.app}.${action.tool} 会改动什么`,
              `errand cannot tell what ${action.app}.${action.tool} changes`,
            ),
          ),
        ],
      };
    default:
      return coverChange(g, action, act);
  }
}

function coverPayment(g: MandateGuard, action: ActionView, act: 'pay' | 'transfer'): Cover {
  const { effect, input } = action;
  const lang = g.lang;
  const payee = str(effect.payee ? input[effect.payee] : undefined);
  const amount = input[effect.amount ?? ''] as number;
  const target = str(effect.target ? input[effect.target] : undefined);
  const order =
    act === 'pay'
      ? g.orders.find(
          (o) => !o.cancelled && (target ? o.requestId === target : !!payee && o.payee === payee && !o.paid),
        )
      : undefined;
  if (order) {
    const problems: Problem[] = [];
    if (order.paid)
      problems.push(ask(say(lang, `订单 ${order.id} 已经付过了`, `order ${order.id} is already paid`)));
    if (payee !== order.payee)
      problems.push(
        ask(
          say(
            lang,
            `订单 ${order.id} 应付给 ${order.payee}，不是 ${payee}`,
            `order ${order.id} is paid to ${order.payee}, not ${payee}`,
          ),
        ),
      );
    if (order.totalFen !== undefined && amount !== order.totalFen)
      problems.push(
        ask(
          say(
            lang,
            `订单 ${order.id} 的金额是 ${formatFen(order.totalFen)}，不是 ${formatFen(amount)}`,
            `order ${order.id} comes to ${formatFen(order.totalFen)}, not ${formatFen(amount)}`,
          ),
        ),
      );
    if (order.strangers.length > 0)
      problems.push(
        ask(
          say(
            lang,
            `订单 ${order.id} 里还有你没要的：${order.strangers.join('、')}`,
            `order ${order.id} also holds what you did not ask for: ${order.strangers.join(', ')}`,
          ),
        ),
      );
    const intent = order.intent?.intent as IntentOf<'order'> | undefined;
    if (!order.intent)
      problems.push(
        ask(
          say(lang, `订单 ${order.id} 不是你请求里的`, `order ${order.id} is not one your request asked for`),
        ),
      );
    else if (order.intent.doubt) problems.push(ask(order.intent.doubt));
    if (intent?.budgetFen !== undefined && amount > intent.budgetFen)
      problems.push({
        level: 'deny',
        reason: say(
          lang,
          `${formatFen(amount)} 超过了你给这单定的 ${formatFen(intent.budgetFen)}`,
          `${formatFen(amount)} is past the ${formatFen(intent.budgetFen)} you set for this order`,
        ),
        within: false,
      });
    return { problems, order };
  }
  // A purchase order under "the cheapest supplier who delivers by …" is held to that rule.
  const restock =
    act === 'pay' ? coverRestock(g.held, g.person.supplies ?? [], action, g.clock(), lang) : undefined;
  if (restock) return restock;
  const candidates = g.held.filter((h) => {
    const i = h.intent;
    if (i.kind === 'transfer') return i.to === payee;
    if (i.kind === 'pay_bill')
      return act === 'pay' && (i.requestId ? i.requestId === target : i.payee === payee);
    return false;
  });
  const fresh = candidates.filter((h) => h.used === 0);
  const fits = fresh.find((h) =>
    h.intent.kind === 'transfer'
      ? h.intent.amountFen === amount
      : h.intent.kind === 'pay_bill' && (h.intent.amountFen === undefined || h.intent.amountFen === amount),
  );
  if (fits) return { problems: fits.doubt ? [ask(fits.doubt)] : [], held: fits };
  const who = payee ? g.who(payee) : '?';
  const reasons: string[] = [];
  if (candidates.length === 0)
    reasons.push(say(lang, `你的请求没有要付钱给 ${who}`, `your request did not ask to pay ${who}`));
  else if (fresh.length === 0)
    reasons.push(
      say(lang, `你要付给 ${who} 的钱已经付过一次了`, `you asked to pay ${who} once, and that is done`),
    );
  else {
    const wanted = fresh.map((h) => (h.intent.kind === 'transfer' ? h.intent.amountFen : undefined));
    if (wanted.every((w) => w === undefined))
      reasons.push(
        say(lang, `你的请求没说给 ${who} 多少钱`, `your request did not say how much to send ${who}`),
      );
    else {
      const said = wanted
        .filter((w): w is number => w !== undefined)
        .map(formatFen)
        .join('/');
      reasons.push(
        say(
          lang,
          `你的请求说给 ${who} ${said}，不是 ${formatFen(amount)}`,
          `your request said ${said} for ${who}, not ${formatFen(amount)}`,
        ),
      );
    }
  }
  const limits = [
    g.intents?.budgetFen ?? null,
    ...g.held.map((h) => (h.intent.kind === 'order' ? (h.intent.budgetFen ?? null) : null)),
  ];
  if (limits.includes(amount))
    reasons.push(
      say(
        lang,
        `${formatFen(amount)} 是你说的花费上限，不是要付的钱`,
        `${formatFen(amount)} is a limit you set, not an amount to pay`,
      ),
    );
  return { problems: reasons.map(ask) };
}

/** The mandate's list of who may be reached, and what to do about someone outside it. */
function listRule(g: MandateGuard, people: string[]): Problem[] {
  const m = g.mandate;
  if (m.recipients !== 'list') return [];
  const out = people.filter((p) => !m.allow.includes(p) && !g.created.has(p));
  if (out.length === 0) return [];
  const reason = say(
    g.lang,
    `${out.map((p) => g.who(p)).join('、')} 不在你允许的名单上（${m.allow.join('、') || '无人'}）`,
    `${out.map((p) => g.who(p)).join(', ')} ${out.length > 1 ? 'are' : 'is'} not on the list you allowed (${m.allow.join(', ') || 'nobody'})`,
  );
  return [{ level: m.approval.newRecipient ? 'ask' : 'deny', reason, within: false }];
}

function coverMessage(g: MandateGuard, action: ActionView): Cover {
  const to = ids(action.input[action.effect.recipients ?? '']);
  const lang = g.lang;
  const problems = listRule(g, to);
  let held: HeldIntent | undefined;
  const strangers: string[] = [];
  const again: string[] = [];
  for (const r of to) {
    const intents = g.held.filter((h) => h.intent.kind === 'message' && h.intent.to.includes(r));
    const open = intents.find((h) => !h.messaged.has(r));
    if (open) {
      held ??= open;
      if (open.doubt) problems.push(ask(open.doubt));
    } else if (intents.length > 0) again.push(r);
    else strangers.push(r);
  }
  if (strangers.length)
    problems.push({
      level: g.mandate.approval.newRecipient ? 'ask' : 'deny',
      reason: say(
        lang,
        `你的请求没有要给 ${strangers.map((p) => g.who(p)).join('、')} 发消息`,
        `your request did not ask to message ${strangers.map((p) => g.who(p)).join(', ')}`,
      ),
      within: false,
    });
  problems.push(...contentRules(g, action.input));
  if (again.length)
    problems.push(
      ask(
        say(
          lang,
          `已经给 ${again.map((p) => g.who(p)).join('、')} 发过你要的消息了`,
          `errand already sent ${again.map((p) => g.who(p)).join(', ')} the message you asked for`,
        ),
      ),
    );
  return { problems, ...(held ? { held } : {}) };
}

const SHARE_WORDS: Record<string, RegExp> = {
  address: /地址|住址|门牌|在哪|address|where (?:i|we) live/i,
  phone: /电话|手机|号码|phone|number/i,
  health: /过敏|忌口|饮食|身体|病|allerg|diet|health/i,
};
const SHARE_NAMES: Record<string, [string, string]> = {
  address: ['你的地址', 'your address'],
  phone: ['你的电话', 'your phone number'],
  health: ['你的饮食和健康情况', 'your diet and health notes'],
};

/**
 * What a message carries that the request did not give: a link, or the person's own phone, address or
 * health notes — the usual cargo of a message to the right person with an attacker's words in it.
 */
function contentRules(g: MandateGuard, input: Record<string, unknown>): Problem[] {
  const text = [input.text, input.message, input.description].filter((t) => typeof t === 'string').join('\n');
  if (!text) return [];
  const request = g.trusted.request;
  const out: Problem[] = [];
  const links = [...text.matchAll(/(?:https?:\/\/|www\.)[^\s，。）)]+/gi)]
    .map((m) => m[0])
    .filter((l) => !request.includes(l));
  if (links.length)
    out.push(
      ask(
        say(
          g.lang,
          `消息里有你的请求没给的链接：${links.join(' ')}`,
          `the message carries a link your request did not give: ${links.join(' ')}`,
        ),
      ),
    );
  const lower = text.toLowerCase();
  const shared = new Set<string>();
  for (const fact of g.person.me.private ?? []) {
    if (!lower.includes(fact.text.toLowerCase()) || request.includes(fact.text)) continue;
    if (SHARE_WORDS[fact.what]?.test(request)) continue;
    shared.add(fact.what);
  }
  for (const what of shared) {
    const [zh, en] = SHARE_NAMES[what] ?? [what, what];
    out.push(
      ask(
        say(
          g.lang,
          `消息会把${zh}告诉对方，而你的请求没说要分享`,
          `the message would share ${en}, which your request did not ask to share`,
        ),
      ),
    );
  }
  return out;
}

function coverInvite(g: MandateGuard, action: ActionView): Cover {
  const attendees = ids(action.input[action.effect.recipients ?? '']);
  const lang = g.lang;
  const problems = listRule(g, attendees);
  problems.push(...contentRules(g, action.input));
  const events = g.held.filter((h) => h.intent.kind === 'event');
  const open = events.filter((h) => h.used === 0);
  const fits = open.find((h) => attendees.every((a) => partiesOf(h.intent).includes(a)));
  if (fits) return { problems: fits.doubt ? [...problems, ask(fits.doubt)] : problems, held: fits };
  if (open.length === 0)
    problems.push(
      ask(
        events.length
          ? say(lang, '你要的日程已经建好了', 'the event you asked for is already made')
          : say(lang, '你的请求没有要建日程', 'your request did not ask for an event'),
      ),
    );
  else {
    const extra = attendees.filter((a) => !open.some((h) => partiesOf(h.intent).includes(a)));
    problems.push({
      level: g.mandate.approval.newRecipient ? 'ask' : 'deny',
      reason: say(
        lang,
        `你的请求没有要邀请 ${extra.map((p) => g.who(p)).join('、')}`,
        `your request did not ask to invite ${extra.map((p) => g.who(p)).join(', ')}`,
      ),
      within: false,
    });
  }
  return { problems };
}

function orderProblems(g: MandateGuard, action: ActionView, h: HeldIntent): Problem[] {
  const intent = h.intent as IntentOf<'order'>;
  const { effect, input } = action;
  const lang = g.lang;
  const out: Problem[] = h.doubt ? [ask(h.doubt)] : [];
  const merchant = str(effect.merchant ? input[effect.merchant] : undefined);
  if (merchant && intent.merchant && merchant !== intent.merchant)
    out.push(
      ask(
        say(
          lang,
          `${g.items.first(merchant, g.lang) ?? merchant} 不是你说的那家店`,
          `${g.items.first(merchant, g.lang) ?? merchant} is not the restaurant you named`,
        ),
      ),
    );
  else if (
    merchant &&
    !intent.merchant &&
    intent.merchantName &&
    !g.items.wanted({ names: [intent.merchantName] }, merchant)
  )
    out.push(
      ask(
        say(
          lang,
          `${g.items.first(merchant, g.lang) ?? merchant} 不是你说的 ${intent.merchantName}`,
          `${g.items.first(merchant, g.lang) ?? merchant} is not ${intent.merchantName}, which you named`,
        ),
      ),
    );
  const address = str(effect.address ? input[effect.address] : undefined);
  if (address !== undefined) {
    if (!g.savedAddress(address, action.app))
      out.push(
        ask(say(lang, `${address} 不是你保存的地址`, `${address} is not one of your saved addresses`)),
      );
    else if (intent.address && address !== intent.address)
      out.push(
        ask(say(lang, `${address} 不是你请求里说的地址`, `${address} is not the address your request named`)),
      );
  }
  const given = effect.items ? input[effect.items] : undefined;
  // No lines: the order takes the cart as it stands, which errand must have seen to check.
  const cart = given === undefined ? g.carts.of(action.app, merchant) : undefined;
  const lines = given === undefined ? (cart ?? []) : orderLines(given);
  if (given === undefined && cart === undefined)
    out.push(
      ask(
        say(
          lang,
          '这单会买下购物车里的一切，而 errand 没看过购物车；请先查看购物车，或写明要买的东西',
          'the order would buy whatever is in the cart, which errand has not seen: view the cart first, or name the items',
        ),
      ),
    );
  else if (lines.length === 0) out.push(ask(say(lang, '这单什么都没买', 'the order buys nothing')));
  // Known prices set a floor on the total (fees come on top): an order that cannot fit its budget is
  // not placed, so none is left behind unpaid.
  const floor = lines.reduce((sum, l) => sum + (g.items.price(l.id) ?? 0) * l.quantity, 0);
  const limit = Math.min(intent.budgetFen ?? Number.POSITIVE_INFINITY, remaining(g));
  if (floor > limit)
    out.push({
      level: 'deny',
      reason: say(
        lang,
        `这单至少 ${formatFen(floor)}，超过了你的上限 ${formatFen(limit)}`,
        `this order comes to at least ${formatFen(floor)}, past your limit of ${formatFen(limit)}`,
      ),
      within: false,
    });
  if (intent.fromCart) {
    // "What is in my cart": exactly the lines the person's cart held when errand looked at it.
    const seen = g.carts.first(action.app, merchant);
    if (!seen)
      out.push(
        ask(
          say(
            lang,
            '要下单购物车里的东西，得先看一下购物车',
            'to order what is in the cart, errand must look at the cart first',
          ),
        ),
      );
    else {
      const over = lines.filter((l) => l.quantity > (seen.find((c) => c.id === l.id)?.quantity ?? 0));
      if (over.length)
        out.push(
          ask(
            say(
              lang,
              `${over.map((l) => g.items.first(l.id) ?? l.id).join('、')} 不是你购物车里原有的`,
              `${over.map((l) => g.items.first(l.id) ?? l.id).join(', ')} ${over.length > 1 ? 'were' : 'was'} not in your cart`,
            ),
          ),
        );
    }
  } else if (intent.items.length > 0) {
    const strangers = lines.filter((l) => !intent.items.some((w) => g.items.wanted(w, l.id)));
    if (strangers.length)
      out.push(
        ask(
          say(
            lang,
            `${strangers.map((l) => (g.items.first(l.id) ? `${g.items.first(l.id)}（${l.id}）` : l.id)).join('、')} 不在你的请求里`,
            `${strangers.map((l) => `${g.items.first(l.id) ?? l.id} (${l.id})`).join(', ')} ${strangers.length > 1 ? 'were' : 'was'} not in your request`,
          ),
        ),
      );
    for (const w of intent.items) {
      if (!w.quantity) continue;
      const n = lines.filter((l) => g.items.wanted(w, l.id)).reduce((s, l) => s + l.quantity, 0);
      if (n > w.quantity)
        out.push(
          ask(
            say(
              lang,
              `要了 ${n} 份${w.names[0] ?? ''}，你说的是 ${w.quantity} 份`,
              `${n}× ${w.names[0] ?? 'it'}, but you asked for ${w.quantity}`,
            ),
          ),
        );
    }
  }
  return out;
}

/** What the errand may still spend: its budget less what it has paid; unbounded without a budget. */
function remaining(g: MandateGuard): number {
  const budget = g.budgetFen;
  return budget === null ? Number.POSITIVE_INFINITY : budget - g.ledger.spentFen;
}

function coverOrder(g: MandateGuard, action: ActionView): Cover {
  const lang = g.lang;
  const orders = g.held.filter((h) => h.intent.kind === 'order' && h.intent.app === action.app);
  const open = orders.filter((h) => h.used === 0);
  if (open.length === 0)
    return {
      problems: [
        ask(
          orders.length
            ? say(lang, '你要的那一单已经下过了', 'the order you asked for is already placed')
            : say(lang, '你的请求没有要在这里下单', 'your request did not ask to order anything here'),
        ),
      ],
    };
  const scored = open.map((h) => ({ h, problems: orderProblems(g, action, h) }));
  scored.sort((a, b) => a.problems.length - b.problems.length);
  return { problems: scored[0]!.problems, held: scored[0]!.h };
}

function coverCart(g: MandateGuard, action: ActionView): Cover {
  // A cart line is one id with its quantity beside it in the input.
  const count = typeof action.input.quantity === 'number' ? action.input.quantity : 1;
  const lines = orderLines(action.input[action.effect.items ?? '']).map((l) => ({ ...l, quantity: count }));
  const orders = g.held.filter(
    (h) => h.intent.kind === 'order' && h.intent.app === action.app && h.used === 0,
  );
  // An open choice ("order me lunch") may fill the cart; "what is in my cart" may not add to it.
  const open = orders.some((h) => {
    const i = h.intent as IntentOf<'order'>;
    return i.items.length === 0 && !i.fromCart;
  });
  const strangers = lines.filter(
    (l) =>
      !open &&
      !orders.some((h) => (h.intent as IntentOf<'order'>).items.some((w) => g.items.wanted(w, l.id))),
  );
  if (orders.length === 0)
    return {
      problems: [
        ask(say(g.lang, '你的请求没有要在这里买东西', 'your request did not ask to buy anything here')),
      ],
    };
  const problems: Problem[] = [];
  if (strangers.length > 0)
    problems.push(
      ask(
        say(
          g.lang,
          `${strangers.map((l) => g.items.first(l.id) ?? l.id).join('、')} 不在你的请求里`,
          `${strangers.map((l) => g.items.first(l.id) ?? l.id).join(', ')} was not in your request`,
        ),
      ),
    );
  // No more in the cart than the request asked for: what is there already counts.
  const cart = g.carts.of(action.app, str(action.input.restaurant_id)) ?? [];
  for (const l of lines) {
    const wanted = orders
      .flatMap((h) => (h.intent as IntentOf<'order'>).items)
      .find((w) => w.quantity !== undefined && g.items.wanted(w, l.id));
    if (!wanted?.quantity) continue;
    const already = cart.find((c) => c.id === l.id)?.quantity ?? 0;
    if (already + l.quantity > wanted.quantity)
      problems.push(
        ask(
          say(
            g.lang,
            `购物车里会有 ${already + l.quantity} 份${g.items.first(l.id) ?? l.id}，你说的是 ${wanted.quantity} 份`,
            `the cart would hold ${already + l.quantity}× ${g.items.first(l.id) ?? l.id}, but you asked for ${wanted.quantity}`,
          ),
        ),
      );
  }
  return { problems };
}

/** The app a kind of change can only be in, when there is only one. */
const APP_OF: Partial<Record<string, string>> = {
  reschedule: 'calendar',
  respond: 'calendar',
  recall: 'chat',
  return: 'shop',
  review: 'food',
};

/**
 * True when what the person said a change is about fits what the thing is, by whole names: the title
 * "私教课" in "把私教课改到周五", "Team Lunch" for "cancel Team Lunch". Nothing said, or nothing known
 * of the thing, fits nothing.
 */
function isAbout(said: string, what: string[]): boolean {
  const about = said.replace(/["“”'‘’「」]/g, ' ').trim();
  if (!about || what.length === 0) return false;
  return what.some((w) => {
    const name = w.trim();
    return (
      name.length >= 2 &&
      (sameName(about, name) || mentions(about, name) || (about.length >= 2 && mentions(name, about)))
    );
  });
}

/** For each kind of change: [zh nothing asked, en nothing asked, zh verb, en verb]. */
const CHANGE_WORDS: Record<string, [string, string, string, string]> = {
  reschedule: ['改任何日程的时间', 'move anything', '改时间', 'move'],
  cancel: ['取消任何东西', 'cancel anything', '取消', 'cancel'],
  respond: ['回复任何邀请', 'answer any invitation', '回复', 'answer'],
  return: ['退任何货', 'return anything', '退货', 'return'],
  review: ['写任何评价', 'write any review', '评价', 'review'],
  recall: ['撤回任何消息', 'recall any message', '撤回', 'recall'],
  update: ['更新任何工作记录', 'update any work record', '更新', 'update'],
};

function coverChange(g: MandateGuard, action: ActionView, act: EffectAct): Cover {
  const { effect, input } = action;
  const lang = g.lang;
  const target = str(input[effect.target ?? effect.notifies ?? '']);
  const problems: Problem[] = [];
  const kind = g.held.filter((h) => h.intent.kind === act);
  // An update is the operation the person named, when they named one; one that cannot be undone (a
  // merge) only when they named it: a comment asked for on a pull request does not merge it.
  const operation = (i: ChangeIntent) =>
    act !== 'update' || (i.action ? i.action === action.tool : effect.kind !== 'irreversible');
  const fits = kind.find((h) => {
    const i = h.intent as ChangeIntent;
    return (
      h.used === 0 &&
      operation(i) &&
      (i.app ?? APP_OF[act] ?? action.app) === action.app &&
      // Known by id, or by what the person said it is about (an event's title, an order's dishes).
      (i.target ? i.target === target : !!target && isAbout(i.about, g.items.about(target))) &&
      (act !== 'respond' || !i.response || i.response === input.response)
    );
  });
  // What this errand itself made is what the person asked for: undoing it (cancelling the order,
  // recalling the message, moving the event) would undo their errand, so it is asked about — unless
  // the person asked for that change too ("约赵磊开会，一小时内他没答复就取消"), or it is an order the
  // guard knows is wrong (something not asked for in it, or placed outside every intent), which
  // errand may cancel to set right and order again.
  if (target && g.created.has(target) && !fits) {
    const own = g.orders.find((o) => o.id === target && o.app === action.app && !o.cancelled);
    if (act === 'cancel' && own && (own.strangers.length > 0 || !own.intent)) return { problems };
    return {
      problems: [
        ...problems,
        ask(
          say(
            lang,
            `${target} 是这次按你的要求做的，${act === 'reschedule' ? '改动' : '撤销'}它就等于撤销你的请求`,
            `${target} is what errand made as you asked: to ${act === 'reschedule' ? 'change' : 'undo'} it would undo your request`,
          ),
        ),
      ],
    };
  }
  if (effect.notifies && g.mandate.recipients === 'list')
    problems.push(
      ask(
        say(
          lang,
          `${action.app}.${action.tool} 会通知 ${target ?? '?'} 的参与者，而你只允许联系 ${g.mandate.allow.join('、') || '无人'}`,
          `${action.app}.${action.tool} would notify the people of ${target ?? '?'}, and you allowed messages only to ${g.mandate.allow.join(', ') || 'nobody'}`,
        ),
      ),
    );
  if (fits) return { problems: fits.doubt ? [...problems, ask(fits.doubt)] : problems, held: fits };
  const [zhNone, enNone, zh, en] = CHANGE_WORDS[act] ?? [act, act, act, act];
  const sameTarget = kind.some((h) => target && (h.intent as ChangeIntent).target === target);
  problems.push(
    ask(
      sameTarget && kind.every((h) => !operation(h.intent as ChangeIntent))
        ? say(
            lang,
            `你的请求没有要对 ${target} 做 ${action.app}.${action.tool}`,
            `your request did not ask for ${action.app}.${action.tool} on ${target}`,
          )
        : kind.length === 0
          ? say(lang, `你的请求没有要${zhNone}`, `your request did not ask to ${enNone}`)
          : say(
              lang,
              `${target ?? '这个'} 不是你请求里要${zh}的那个`,
              `${target ?? 'this'} is not the one your request asked to ${en}`,
            ),
    ),
  );
  return { problems };
}
