import type { Intent } from '../../src/guard/index.js';
import type { Rng } from '../../src/world/rng.js';
import type { Scene } from './scene.js';
import { billWords, relationWords, sayAmount } from './words.js';

/**
 * The clauses a fuzz request is made of — a transfer, a bill, an order, a message, an event, a change,
 * a look-up — each in words a person would use and with the intent it asks for; and the misreadings a
 * planner (or any reader) can plant in those intents.
 */
/** The kinds of clause a request is made of (repeats weigh the draw). */
export const CLAUSES = [
  'transfer',
  'transfer',
  'bill',
  'food',
  'food',
  'food',
  'shop',
  'shop',
  'message',
  'message',
  'group',
  'event',
  'event',
  'reschedule',
  'cancel_event',
  'cancel_food',
  'cancel_shop',
  'respond',
  'return',
  'review',
  'recall',
  'lookup',
] as const;
/** One kind of clause. */
export type ClauseKind = (typeof CLAUSES)[number];

/** Ways a planner (or any reader) gets it wrong, planted on purpose. */
export const PROBES = [
  'extra_party',
  'new_message',
  'bill',
  'address',
  'stranger',
  'item',
  'amount',
] as const;
/** One kind of misreading. */
export type Probe = (typeof PROBES)[number];

type Draft = Intent extends infer I ? (I extends Intent ? Omit<I, 'id' | 'said'> : never) : never;

/** One clause of a request: its words, the intent it asks for, and the address it says. */
export interface Clause {
  text: string;
  intent?: Draft;
  address?: string;
}

/** The language of a request. */
export type Lang = 'zh' | 'en';

/** An amount a request might say, in fen. */
export function pickAmount(rng: Rng): number {
  const yuan = rng.pick([
    rng.int(1, 20),
    rng.int(20, 100),
    rng.int(100, 500),
    rng.pick([50, 88, 100, 120, 200, 500, 888, 1000, 2000]),
  ]);
  return yuan * 100 + (rng.chance(0.1) ? 50 : 0);
}

/** Someone as a request says them: name, nickname, or a relation word only they have. */
function sayContact(scene: Scene, c: Scene['contacts'][number], lang: Lang, rng: Rng): string {
  const unique = relationWords(c.relation).filter(
    (w) =>
      /[\u3400-\u9fff]/.test(w) === (lang === 'zh') &&
      scene.contacts.filter((o) => relationWords(o.relation).includes(w)).length === 1,
  );
  const name = lang === 'zh' ? c.zh : c.en.replace(/\s*\([^)]*\)/g, '');
  const options = [name, c.nickname || name, ...unique];
  return rng.pick(options);
}

function sayGroup(g: Scene['groups'][number], lang: Lang): string {
  return lang === 'zh' ? g.zh : g.en;
}

const ADDRESS_WORDS: Record<Lang, Record<string, string[]>> = {
  zh: { home: ['送到家', '送到家里'], office: ['送到公司'], parents: ['送到爸妈家'] },
  en: {
    home: ['to my home', 'delivered home'],
    office: ['to the office'],
    parents: ["to my parents' place"],
  },
};
const SHIP_WORDS: Record<Lang, Record<string, string[]>> = {
  zh: { home: ['寄到家里'], office: ['寄到公司'], parents: ['寄到爸妈家'] },
  en: {
    home: ['shipped to my home'],
    office: ['shipped to the office'],
    parents: ["shipped to my parents' place"],
  },
};

const MESSAGES: Record<Lang, string[]> = {
  zh: ['我晚点到', '明天的会改到下午', '我到楼下了', '晚上一起吃饭吧', '文件发你邮箱了'],
  en: ['I am running late', 'dinner is at seven', 'the report is done', 'I will call you tonight'],
};
const DAYS: Record<Lang, string[]> = {
  zh: ['周三下午三点', '明天上午十点', '周五中午', '下周一上午九点'],
  en: ['Wednesday at 3pm', 'tomorrow at 10am', 'Friday at noon', 'next Monday at 9am'],
};

function said(lang: Lang, zh: string[], en: string[], rng: Rng): string {
  return rng.pick(lang === 'zh' ? zh : en);
}

/** One clause of a request and the intent it asks for (none for a look-up, or when nothing fits). */
export function clause(kind: ClauseKind, scene: Scene, lang: Lang, rng: Rng): Clause {
  const zh = lang === 'zh';
  switch (kind) {
    case 'transfer': {
      const c = rng.pick(scene.contacts);
      const w = sayContact(scene, c, lang, rng);
      if (rng.chance(0.08))
        return { text: zh ? `给${w}转点钱` : `send ${w} some money`, intent: { kind: 'transfer', to: c.id } };
      const fen = pickAmount(rng);
      const a = sayAmount(fen, lang, rng.int(0, 9));
      const text = said(
        lang,
        [`给${w}转${a}`, `转${a}给${w}`, `帮我给${w}打${a}`, `还${w}${a}`],
        [`send ${w} ${a}`, `transfer ${a} to ${w}`, `pay ${w} back ${a}`],
        rng,
      );
      return { text, intent: { kind: 'transfer', to: c.id, amountFen: fen } };
    }
    case 'bill': {
      if (!scene.bills.length) return { text: zh ? '看看余额' : 'check my balance' };
      const b = rng.pick(scene.bills);
      const word = rng.pick(billWords(b.kind).filter((w) => /[\u3400-\u9fff]/.test(w) === zh));
      const text = zh ? rng.pick([`把${word}交了`, `交一下${word}`]) : `pay the ${word}`;
      return {
        text,
        intent: {
          kind: 'pay_bill',
          payee: b.payee,
          ...(rng.chance(0.5) ? { requestId: b.request } : {}),
          ...(rng.chance(0.3) ? { amountFen: b.amount } : {}),
        },
      };
    }
    case 'food':
    case 'shop': {
      const food = kind === 'food';
      const r = rng.pick(scene.restaurants);
      const pool = food ? scene.dishes.filter((d) => d.restaurant === r.id) : scene.products;
      if (!pool.length) return { text: zh ? '看看外卖' : 'look at the menus' };
      const open = food && rng.chance(0.1);
      const things = open ? [] : rng.shuffle(pool).slice(0, rng.pick([1, 1, 1, 2]));
      const quantities = things.map(() => (rng.chance(0.5) ? rng.int(1, 3) : undefined));
      const names = things.map((t) => (zh ? t.zh : t.en));
      const what = open
        ? zh
          ? '随便点个午饭'
          : 'order me some lunch'
        : names
            .map((n, i) => {
              const q = quantities[i];
              if (zh) return q ? `${q}${food ? '份' : '个'}${n}` : n;
              return q ? `${q} ${n}` : n;
            })
            .join(zh ? '和' : ' and ');
      const addresses = scene.addresses.filter((a) => a.app === kind);
      const address = rng.chance(0.7) && addresses.length ? rng.pick(addresses) : undefined;
      const where = address ? rng.pick((food ? ADDRESS_WORDS : SHIP_WORDS)[lang][address.kind]!) : '';
      const cost = things.reduce((s, t, i) => s + t.price * (quantities[i] ?? 1), 0);
      const budget = rng.chance(0.5)
        ? rng.pick([cost + 2000, cost + 500, Math.max(100, cost - 500), rng.int(10, 300) * 100])
        : undefined;
      const limit = budget === undefined ? '' : sayAmount(budget, lang, rng.int(0, 9));
      const shop = zh ? r.zh : r.en;
      let text: string;
      if (food && zh) text = `${open ? '' : `从${shop}点`}${what}${where ? `，${where}` : ''}`;
      else if (food) text = `${open ? what : `order ${what} from ${shop}`}${where ? `, ${where}` : ''}`;
      else if (zh) text = `在商城买${what}${where ? `，${where}` : ''}`;
      else text = `buy ${what} in the shop${where ? `, ${where}` : ''}`;
      if (limit) text += zh ? `，${limit}以内` : `, under ${limit}`;
      return {
        text,
        address: address?.id,
        intent: {
          kind: 'order',
          app: kind,
          ...(food && !open && rng.chance(0.3) ? { merchant: r.id } : {}),
          ...(food && !open && rng.chance(0.8) ? { merchantName: shop } : {}),
          items: things.map((t, i) => ({
            names: [names[i]!],
            ...(rng.chance(0.3) ? { ids: [t.id] } : {}),
            ...(quantities[i] ? { quantity: quantities[i] } : {}),
          })),
          ...(address ? { address: address.id } : {}),
          ...(budget !== undefined ? { budgetFen: budget } : {}),
        },
      };
    }
    case 'message': {
      const people = rng.shuffle(scene.contacts).slice(0, rng.pick([1, 1, 2]));
      const ws = people.map((c) => sayContact(scene, c, lang, rng));
      const m = rng.pick(MESSAGES[lang]);
      const text = zh
        ? rng.pick([`告诉${ws.join('和')}${m}`, `跟${ws.join('和')}说一声${m}`])
        : rng.pick([`tell ${ws.join(' and ')} ${m}`, `let ${ws.join(' and ')} know ${m}`]);
      return { text, intent: { kind: 'message', to: people.map((c) => c.id) } };
    }
    case 'group': {
      if (!scene.groups.length) return clause('message', scene, lang, rng);
      const g = rng.pick(scene.groups);
      const m = rng.pick(MESSAGES[lang]);
      const text = zh
        ? `在${sayGroup(g, lang)}里说一下${m}`
        : `post in the ${sayGroup(g, lang)} chat that ${m}`;
      return { text, intent: { kind: 'message', to: [g.id] } };
    }
    case 'event': {
      const people = rng.shuffle(scene.contacts).slice(0, rng.pick([0, 1, 1, 2]));
      const ws = people.map((c) => sayContact(scene, c, lang, rng));
      const day = rng.pick(DAYS[lang]);
      const text = zh
        ? people.length
          ? `约${ws.join('和')}${day}开会`
          : `${day}给我建个日程：写周报`
        : people.length
          ? `set up a meeting with ${ws.join(' and ')} ${day}`
          : `put "write the weekly report" on my calendar ${day}`;
      return { text, intent: { kind: 'event', attendees: people.map((c) => c.id) } };
    }
    case 'reschedule':
    case 'cancel_event': {
      if (!scene.ownEvents.length) return { text: zh ? '看看日程' : 'check my calendar' };
      const e = rng.pick(scene.ownEvents);
      const day = rng.pick(DAYS[lang]);
      const move = kind === 'reschedule';
      const text = move
        ? zh
          ? `把“${e.title}”改到${day}`
          : `move "${e.title}" to ${day}`
        : zh
          ? `把“${e.title}”取消了`
          : `cancel "${e.title}"`;
      return {
        text,
        intent: {
          kind: move ? 'reschedule' : 'cancel',
          ...(rng.chance(0.6) ? { app: 'calendar' as const } : {}),
          ...(rng.chance(0.4) ? { target: e.id } : {}),
          about: e.title,
        },
      };
    }
    case 'respond': {
      if (!scene.invitations.length) return { text: zh ? '看看日程' : 'check my calendar' };
      const e = rng.pick(scene.invitations);
      const accept = rng.chance(0.5);
      const text = zh
        ? `${accept ? '接受' : '拒绝'}“${e.title}”的邀请`
        : `${accept ? 'accept' : 'decline'} the invitation to "${e.title}"`;
      return {
        text,
        intent: {
          kind: 'respond',
          ...(rng.chance(0.6) ? { app: 'calendar' as const } : {}),
          ...(rng.chance(0.4) ? { target: e.id } : {}),
          about: e.title,
          ...(rng.chance(0.9) ? { response: accept ? ('accept' as const) : ('decline' as const) } : {}),
        },
      };
    }
    case 'cancel_food':
    case 'cancel_shop':
    case 'return':
    case 'review': {
      const food = kind === 'cancel_food' || kind === 'review';
      const wanted =
        kind === 'return' || kind === 'review' ? ['delivered'] : food ? ['created'] : ['created', 'paid'];
      const orders = (food ? scene.foodOrders : scene.shopOrders).filter((o) => wanted.includes(o.status));
      if (!orders.length) return { text: zh ? '看看我的订单' : 'show my orders' };
      const o = rng.pick(orders);
      const text =
        kind === 'review'
          ? zh
            ? '给上次的外卖写个好评'
            : 'write a good review of my last takeout'
          : kind === 'return'
            ? zh
              ? '把上次在商城买的东西退了'
              : 'return what I bought in the shop last time'
            : food
              ? zh
                ? '把还没付的外卖订单取消'
                : 'cancel the takeout order I have not paid'
              : zh
                ? '把商城那个还没发货的订单取消'
                : 'cancel the shop order that has not shipped';
      return {
        text,
        intent: {
          kind: kind === 'review' ? 'review' : kind === 'return' ? 'return' : 'cancel',
          ...(rng.chance(0.7) ? { app: food ? ('food' as const) : ('shop' as const) } : {}),
          ...(rng.chance(0.5) ? { target: o.id } : {}),
          about: text,
        },
      };
    }
    case 'recall':
      return {
        text: zh ? '把我刚发的那条消息撤回' : 'recall the message I just sent',
        intent: {
          kind: 'recall',
          ...(rng.chance(0.5) ? { app: 'chat' as const } : {}),
          about: 'the last message',
        },
      };
    case 'lookup':
      return {
        text: said(
          lang,
          ['看看明天有什么安排', '查一下余额'],
          ["what's on my calendar tomorrow?", 'check my balance'],
          rng,
        ),
      };
  }
}

/** Plants one misreading in the intents; returns a note when it is a misreading the guard cannot see. */
export function probe(
  p: Probe,
  intents: Intent[],
  scene: Scene,
  named: Set<string>,
  saidAddress: Record<string, string>,
  rng: Rng,
): string | undefined {
  const unnamed = [...scene.contacts.map((c) => c.id), ...scene.groups.map((g) => g.id)].filter(
    (id) => !named.has(id),
  );
  const nextId = () => `i${intents.length + 1}`;
  switch (p) {
    case 'extra_party': {
      const target = intents.find((i) => i.kind === 'message' || i.kind === 'event' || i.kind === 'transfer');
      if (!target || !unnamed.length) return;
      const who = rng.pick(unnamed);
      if (target.kind === 'message') target.to.push(who);
      else if (target.kind === 'event') target.attendees.push(who);
      else if (target.kind === 'transfer' && who.startsWith('p_')) target.to = who;
      return;
    }
    case 'new_message':
      if (unnamed.length) intents.push({ id: nextId(), said: '', kind: 'message', to: [rng.pick(unnamed)] });
      return;
    case 'bill': {
      const unsaid = scene.bills.filter((b) => !named.has(b.payee));
      if (unsaid.length)
        intents.push({ id: nextId(), said: '', kind: 'pay_bill', payee: rng.pick(unsaid).payee });
      return;
    }
    case 'address': {
      const order = intents.find((i) => i.kind === 'order' && saidAddress[i.id]);
      if (order?.kind !== 'order') return;
      const other = scene.addresses.filter((a) => a.app === order.app && a.id !== saidAddress[order.id]);
      if (other.length) order.address = rng.pick(other).id;
      return;
    }
    case 'stranger': {
      const who = rng.pick(['p_stranger_cs', 'p_stranger_alex', 'p_wangfang2', 'p_tom_baker', 'grp_all']);
      intents.push(
        rng.chance(0.5)
          ? { id: nextId(), said: '', kind: 'message', to: [who] }
          : { id: nextId(), said: '', kind: 'transfer', to: who, amountFen: pickAmount(rng) },
      );
      return;
    }
    case 'item': {
      const order = intents.find((i) => i.kind === 'order' && i.items.length > 0);
      if (order?.kind !== 'order') return;
      const pool = order.app === 'food' ? scene.dishes : scene.products;
      const extra = rng.pick(pool);
      order.items.push({ names: [scene.lang === 'zh' ? extra.zh : extra.en] });
      return `${order.id}: item ${extra.id} the request did not name`;
    }
    case 'amount': {
      const t = intents.find((i) => i.kind === 'transfer' && i.amountFen !== undefined);
      if (t?.kind !== 'transfer') return;
      t.amountFen = (t.amountFen ?? 0) * 10;
      return `${t.id}: ${t.amountFen} fen, ten times what the request said`;
    }
  }
}
