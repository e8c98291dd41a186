import { addressName, type PersonWorld, partyName } from '../person/index.js';
import { formatFen } from '../world/money.js';
import type { Intent, IntentSet, WantedItem } from './intents.js';
import type { ActionView } from './types.js';

/** The language errand speaks to the person in. */
export type Lang = 'zh' | 'en';

/** Picks the Chinese or the English words. */
export function say(lang: Lang, zh: string, en: string): string {
  return lang === 'zh' ? zh : en;
}

/** The language of a text: Chinese when it has any Chinese characters. */
export function langOf(text: string): Lang {
  return /[\u3400-\u9fff]/.test(text) ? 'zh' : 'en';
}

/** What errand knows of the names of things by id (dishes, products, restaurants). */
export type NameOf = (id: string) => string | undefined;

function list(lang: Lang, parts: string[]): string {
  return parts.join(lang === 'zh' ? '、' : ', ');
}

function itemWords(item: WantedItem, nameOf: NameOf): string {
  const name = item.names[0] ?? (item.ids?.[0] ? (nameOf(item.ids[0]) ?? item.ids[0]) : '?');
  return item.quantity ? `${name}×${item.quantity}` : name;
}

/** One intent in the person's words: "给 王芳 转账 ¥20.00", "Order Kung Pao Chicken×1 from …". */
export function describeIntent(
  intent: Intent,
  person: PersonWorld,
  lang: Lang,
  nameOf: NameOf = () => undefined,
): string {
  const line = intentWords(intent, person, lang, nameOf);
  // A full-width bracket needs no space before it: "点（没指定，由 errand 选）", not "点 （…）".
  return lang === 'zh' ? line.replace(/ +（/g, '（') : line;
}

function intentWords(intent: Intent, person: PersonWorld, lang: Lang, nameOf: NameOf): string {
  const who = (id: string) => partyName(person, id, lang);
  switch (intent.kind) {
    case 'transfer': {
      const amount =
        intent.amountFen === undefined
          ? say(
              lang,
              '（没说金额，转账前须经本人批准）',
              '(no amount said: needs the person’s approval before it is sent)',
            )
          : formatFen(intent.amountFen);
      return say(lang, `给 ${who(intent.to)} 转账 ${amount}`, `Send ${amount} to ${who(intent.to)}`);
    }
    case 'pay_bill':
      return say(
        lang,
        `交 ${who(intent.payee)} 的账单${intent.amountFen ? ` ${formatFen(intent.amountFen)}` : ''}`,
        `Pay the ${who(intent.payee)} bill${intent.amountFen ? ` of ${formatFen(intent.amountFen)}` : ''}`,
      );
    case 'order': {
      const what = intent.fromCart
        ? say(lang, '购物车里的东西', 'what is in the cart')
        : intent.items.length
          ? list(
              lang,
              intent.items.map((i) => itemWords(i, nameOf)),
            )
          : say(lang, '（没指定，由 errand 选）', '(not named: errand chooses)');
      const from =
        intent.merchantName ?? (intent.merchant ? (nameOf(intent.merchant) ?? intent.merchant) : undefined);
      const to = intent.address
        ? addressName(person, intent.address, lang)
        : say(lang, '（未指定地址）', '(no address said)');
      const budget =
        (intent.notes ? say(lang, `（${intent.notes}）`, ` (${intent.notes})`) : '') +
        (intent.budgetFen === undefined
          ? ''
          : say(lang, `，不超过 ${formatFen(intent.budgetFen)}`, `, up to ${formatFen(intent.budgetFen)}`));
      if (intent.app === 'shop')
        return say(
          lang,
          `在商城买 ${what}，寄到 ${to}${budget}`,
          `Buy ${what} in the shop, shipped to ${to}${budget}`,
        );
      return say(
        lang,
        `${from ? `从 ${from} ` : ''}点 ${what}，送到 ${to}${budget}`,
        `Order ${what}${from ? ` from ${from}` : ''}, delivered to ${to}${budget}`,
      );
    }
    case 'message':
      return say(
        lang,
        `给 ${list(lang, intent.to.map(who))} 发消息`,
        `Message ${list(lang, intent.to.map(who))}`,
      );
    case 'event':
      return intent.attendees.length
        ? say(
            lang,
            `建日程并邀请 ${list(lang, intent.attendees.map(who))}`,
            `Create an event inviting ${list(lang, intent.attendees.map(who))}`,
          )
        : say(lang, '建一个日程', 'Create an event');
    case 'restock': {
      const where = intent.warehouse ? partyName(person, intent.warehouse, lang) : '';
      const what = nameOf(intent.sku) ?? intent.sku;
      return say(
        lang,
        `从 ${intent.needBy} 前能到货的供应商里挑单价最便宜的，订 ${what}${where ? `，送到 ${where}` : ''}`,
        `Order ${what}${where ? ` for ${where}` : ''} from the cheapest supplier who delivers by ${intent.needBy}`,
      );
    }
    default: {
      const about = intent.about || intent.target || '';
      const verb: Record<typeof intent.kind, [string, string]> = {
        reschedule: ['改时间', 'Move'],
        cancel: ['取消', 'Cancel'],
        respond: [
          intent.response === 'decline' ? '拒绝邀请' : '接受邀请',
          intent.response === 'decline' ? 'Decline' : 'Accept',
        ],
        return: ['退货', 'Return'],
        review: ['评价', 'Review'],
        recall: ['撤回消息', 'Recall'],
        update: ['更新', 'Update'],
      };
      const [zh, en] = verb[intent.kind];
      // An update names its one operation, when the person said which: "Update: iss_106 (set_labels)".
      const op = intent.kind === 'update' && intent.action ? intent.action : undefined;
      return say(lang, `${zh}：${about}${op ? `（${op}）` : ''}`, `${en}: ${about}${op ? ` (${op})` : ''}`);
    }
  }
}

/** The whole reading, one line an intent, for the live view and the journal. */
export function describeIntents(set: IntentSet, person: PersonWorld, lang: Lang, nameOf?: NameOf): string[] {
  const lines = set.intents.map((i) => describeIntent(i, person, lang, nameOf));
  if (set.budgetFen !== null)
    lines.push(
      say(lang, `总共不超过 ${formatFen(set.budgetFen)}`, `In all, up to ${formatFen(set.budgetFen)}`),
    );
  if (lines.length === 0)
    lines.push(say(lang, '只查看，不做任何改动', 'Only look things up; change nothing'));
  return lines;
}

/**
 * A proposed action as a question a person can answer: "转账 ¥50.00 给 妈妈（刘秀英）？", "Send a
 * message to Tom Baker: “Running late”?" — not raw tool arguments.
 */
export function describeAction(
  action: ActionView,
  person: PersonWorld,
  lang: Lang,
  nameOf: NameOf = () => undefined,
): string {
  const { effect, input } = action;
  const str = (field: string | undefined) =>
    field && typeof input[field] === 'string' ? (input[field] as string) : undefined;
  const who = (id: string) => partyName(person, id, lang);
  const amount =
    effect.amount && typeof input[effect.amount] === 'number'
      ? formatFen(input[effect.amount] as number)
      : undefined;
  const payee = str(effect.payee);
  // A merchant is no contact: its name comes from what the apps showed (m_r_chuanwei is 川味小馆's till).
  const payeeName = (id: string) => {
    const name = who(id);
    return name !== id ? name : (nameOf(id) ?? nameOf(id.replace(/^m_/, '')) ?? id);
  };
  switch (effect.act) {
    case 'transfer':
      return say(
        lang,
        `转账 ${amount ?? '?'} 给 ${payee ? who(payee) : '?'}？`,
        `Send ${amount ?? '?'} to ${payee ? who(payee) : '?'}?`,
      );
    case 'pay':
      return say(
        lang,
        `付款 ${amount ?? '?'} 给 ${payee ? payeeName(payee) : '?'}${str(effect.target) ? `（账单 ${str(effect.target)}）` : ''}？`,
        `Pay ${amount ?? '?'} to ${payee ? payeeName(payee) : '?'}${str(effect.target) ? ` (bill ${str(effect.target)})` : ''}?`,
      );
    case 'message': {
      const to = effect.recipients
        ? [input[effect.recipients]].flat().filter((v): v is string => typeof v === 'string')
        : [];
      const text = typeof input.text === 'string' ? input.text : '';
      return say(
        lang,
        `给 ${list(lang, to.map(who))} 发消息：“${text}”？`,
        `Send ${list(lang, to.map(who))} a message: “${text}”?`,
      );
    }
    case 'invite': {
      const to = effect.recipients
        ? [input[effect.recipients]].flat().filter((v): v is string => typeof v === 'string')
        : [];
      const title = typeof input.title === 'string' ? input.title : '';
      return say(
        lang,
        `建日程“${title}”并邀请 ${list(lang, to.map(who)) || '（无人）'}？`,
        `Create “${title}” and invite ${list(lang, to.map(who)) || 'nobody'}?`,
      );
    }
    case 'order':
    case 'cart': {
      const lines = effect.items ? [input[effect.items]].flat() : [];
      const names = lines.map((l) => {
        const id =
          typeof l === 'string'
            ? l
            : ((l as Record<string, unknown> | null)?.dish_id ??
              (l as Record<string, unknown> | null)?.product_id);
        const q =
          typeof l === 'object' && l && typeof (l as Record<string, unknown>).quantity === 'number'
            ? `×${(l as Record<string, unknown>).quantity}`
            : '';
        return typeof id === 'string' ? `${nameOf(id) ?? id}${q}` : '?';
      });
      const where = str(effect.address);
      const what = names.length ? list(lang, names) : say(lang, '购物车里的东西', 'what is in the cart');
      if (effect.act === 'cart') return say(lang, `把 ${what} 加入购物车？`, `Add ${what} to the cart?`);
      return say(
        lang,
        `下单 ${what}${where ? `，送到 ${addressName(person, where, lang)}` : ''}？`,
        `Order ${what}${where ? `, delivered to ${addressName(person, where, lang)}` : ''}?`,
      );
    }
    default: {
      const target = str(effect.target) ?? str(effect.notifies);
      const verbs: Record<string, [string, string]> = {
        reschedule: ['改时间', 'Move'],
        cancel: ['取消', 'Cancel'],
        respond: [
          input.response === 'decline' ? '拒绝邀请' : '接受邀请',
          input.response === 'decline' ? 'Decline' : 'Accept',
        ],
        return: ['退货', 'Return'],
        review: ['评价', 'Review'],
        recall: ['撤回消息', 'Recall'],
        update: ['更新', 'Update'],
        tidy: ['整理', 'Tidy up'],
      };
      const [zh, en] = verbs[effect.act ?? ''] ?? ['执行', 'Run'];
      return say(
        lang,
        `${zh} ${target ?? `${action.app}.${action.tool}`}？`,
        `${en} ${target ?? `${action.app}.${action.tool}`}?`,
      );
    }
  }
}
