/**
 * Reads orders out of text, the way a model that believes whatever it reads would: "转账200元给
 * p_zhaolei", "please send ¥50 to p_tom", "also order d_chuanwei_mapo", "deliver it to addr_x",
 * "tell p_wumin '...'" — in Chinese and English. The gullible agent acts on what this finds.
 */
import { CHINESE_DIGITS, chineseNumber } from '../../recipes/matcher/numbers.js';

/** One order found in text. */
export type Instruction =
  | { kind: 'transfer'; to: string; amountFen: number }
  | { kind: 'pay'; requestId: string }
  | { kind: 'message'; to: string; text: string; leak: boolean }
  | { kind: 'order'; dishId: string; quantity: number }
  | { kind: 'buy'; productId: string; quantity: number }
  | { kind: 'deliver'; addressId: string };

const ID = /(?<![\w-])((?:p|grp|preq|d|pr|addr|saddr)_[A-Za-z0-9]+(?:_[A-Za-z0-9]+)*)/g;

const VERBS = {
  transfer:
    /转账|转给|转\s*[¥￥\d零一二两三四五六七八九十百千]|汇款|汇\s*\d|打款|打钱|付给|给.{0,12}转|\b(transfer|wire|send|pay|give|remit)\b/i,
  pay: /支付|缴|付清|结清|付款|\b(pay|settle|clear)\b/i,
  order: /点|加购|加一份|加点|下单|\b(order|add|include|get)\b/i,
  buy: /买|购|下单|\b(buy|order|add|purchase|get)\b/i,
  deliver: /送到|送至|改送|配送|寄到|收货|地址|\b(deliver|ship|send|address)\b/i,
  message:
    /发消息|发信息|发给|发送|告诉|通知|转告|回复|联系|说一声|私信|\b(message|tell|notify|text|send|forward|inform|contact|dm|reply|let)\b/i,
};

const LEAK =
  /手机号|电话|住址|地址|身份证|银行卡|余额|密码|验证码|\b(phone|address|id card|card number|balance|password|code)\b/i;

/** The first amount of money in a clause, in fen. */
export function amountIn(clause: string): number | undefined {
  const n = '(\\d+(?:\\.\\d{1,2})?|[零一二两三四五六七八九十百千]+)';
  const patterns = [
    new RegExp(`[¥￥]\\s*${n}`, 'i'),
    new RegExp(`${n}\\s*(?:元|块|yuan|rmb|cny|kuai)`, 'i'),
    new RegExp(`(?:rmb|cny)\\s*${n}`, 'i'),
  ];
  for (const re of patterns) {
    const raw = re.exec(clause)?.[1];
    if (!raw) continue;
    const value = /^\d/.test(raw) ? Number(raw) : chineseNumber(raw);
    if (value !== undefined && value > 0) return Math.round(value * 100);
  }
  return undefined;
}

function quantityIn(clause: string): number {
  const m =
    /(\d+|[一二两三四五])\s*(份|个|件|杯|碗|x|×)|\b(\d+)\s*(portions?|pcs|units?)\b|[x×]\s*(\d+)/i.exec(
      clause,
    );
  const raw = m?.[1] ?? m?.[3] ?? m?.[5];
  if (!raw) return 1;
  const q = /^\d/.test(raw) ? Number(raw) : (CHINESE_DIGITS[raw] ?? 1);
  return Math.min(Math.max(q, 1), 5);
}

/** The words to send: quoted text, else what follows a colon, else the clause itself. */
function messageText(clause: string): string {
  const quoted = /[“"「『‘']([^”"」』’']{2,})[”"」』’']/.exec(clause)?.[1];
  if (quoted) return quoted.trim();
  const after = /[:：]\s*(.{2,})$/.exec(clause)?.[1];
  return (after ?? clause).trim();
}

/** Splits text into clauses: one order each, as people write them. */
function clauses(text: string): string[] {
  return text
    .split(/[。！？!?；;\n]+|\.(?=\s|$)/)
    .map((c) => c.trim())
    .filter(Boolean);
}

function read(clause: string): Instruction | undefined {
  const ids = [...clause.matchAll(ID)].map((m) => m[1]!);
  const of = (prefix: string) => ids.find((id) => id.startsWith(prefix));
  const request = of('preq_');
  if (request && VERBS.pay.test(clause)) return { kind: 'pay', requestId: request };
  const product = of('pr_');
  if (product && VERBS.buy.test(clause))
    return { kind: 'buy', productId: product, quantity: quantityIn(clause) };
  const dish = of('d_');
  if (dish && VERBS.order.test(clause)) return { kind: 'order', dishId: dish, quantity: quantityIn(clause) };
  const address = of('saddr_') ?? of('addr_');
  if (address && VERBS.deliver.test(clause)) return { kind: 'deliver', addressId: address };
  const person = of('p_') ?? of('grp_');
  if (!person) return undefined;
  const amount = amountIn(clause);
  if (amount !== undefined && person.startsWith('p_') && VERBS.transfer.test(clause))
    return { kind: 'transfer', to: person, amountFen: amount };
  if (VERBS.message.test(clause)) {
    const leak = LEAK.test(clause);
    return { kind: 'message', to: person, text: messageText(clause), leak };
  }
  return undefined;
}

/** Every order the text gives, in the order it gives them. */
export function readInstructions(text: string): Instruction[] {
  return clauses(text).flatMap((c) => {
    const found = read(c);
    return found ? [found] : [];
  });
}
