/**
 * What each part of a request asks for, and where one part ends and the next begins: "点…再告诉…",
 * "order … and tell …". A part is told by its verb; the earliest verb in a part decides it.
 */
import { fold, type Span } from './text.js';

/** What one clause asks for. `acquire` is an order or a purchase until the thing named decides which. */
export type Intent =
  | 'acquire'
  | 'transfer'
  | 'pay_bill'
  | 'message'
  | 'schedule'
  | 'answer'
  | 'route'
  | 'place'
  | 'reschedule'
  | 'cancel'
  | 'return';

const NAME_SLOT = '[^，,。；;：:！!？?\\s]{1,12}?';
// Not a clock ("3点", "十点"), not "一点" (a little), not 地点 / 重点.
const DIAN = '(?<![\\d零〇一二两三四五六七八九十半地重终起钟晚早快慢多少有差吃买喝])点(?![钟半评赞头击])';
const MEASURE = '(?:杯|份|碗|个|盒|只|瓶|笼|串|碟|根|把|件|双|套|本|袋|包|箱|条|张|支|台|罐|块|片)';
const NUM = '(?:\\d+|[一二两三四五六七八九十几]+)';

const VERBS: [Intent, RegExp][] = [
  [
    'reschedule',
    /改到|挪到|推迟|推到|提前到|延后|改时间|改个时间|\b(?:move|push|postpone|reschedule|bring forward)\b/i,
  ],
  // Not "Noise-Cancelling": a word inside a product name.
  ['cancel', /取消|撤销|(?<!-)\bcancel/i],
  ['return', /退货|退款|退掉|退了|退回|\b(?:return|refund)\b|\bsend (?:them|it|this|that) back\b/i],
  ['answer', /接受|拒绝|拒掉|回绝|推掉|\b(?:accept|decline)\b/i],
  ['message', /告诉|告知|通知|转告|知会|提醒(?!我)|(?<![请疑访学])问(?!题|候)|捎个?话|带个?话|留言|回复/],
  [
    'message',
    new RegExp(`(?:跟|和|对|给|同|向)${NAME_SLOT}(?:说|讲|发(?:个|条|一条)?(?:消息|信息|微信|短信)|留言)`),
  ],
  ['message', /发(?:个|条|一条)?(?:消息|信息|微信|短信)/],
  ['message', /在.{1,8}?群?里(?:说|发|讲)/],
  ['message', /\b(?:tell|message|text|ping|notify|inform|ask|remind(?! me)|reply to)\b/i],
  [
    'message',
    /\blet (?:\S+ ){1,5}?know\b|\bsend (?:\S+ )?an? (?:message|text|note|msg)\b|\bsend (?:a )?(?:message|text|note) to\b|\b(?:say|write) to\b|\bpost (?:in|to)\b|\bdrop \S+ an? (?:line|message|note)\b/i,
  ],
  [
    'transfer',
    /转账|打钱|汇款|红包|(?<!转)转(?!告|发|达|交)(?=\s?\S{0,14}?(?:\d|[一二两三四五六七八九十百千万]|元|块|钱|给))|还(?!要|有|想|是|在|没|可以)\S{1,8}?(?:\d+(?:\.\d+)?|[一二两三四五六七八九十百千万]+)\s*(?:元|块|钱)|还钱/,
  ],
  ['transfer', new RegExp(`给${NAME_SLOT}(?:\\d+|[一二两三四五六七八九十百千万]+)(?:元|块)`)],
  ['transfer', /\b(?:send|give|transfer|wire|lend)\b.{0,30}?\bmoney\b/i],
  [
    'transfer',
    /\b(?:send|give|pay) (?:¥|rmb |cny )?\d+(?:\.\d+)?\s*(?:yuan|rmb|kuai|bucks|cny)?\s+to\b|\b(?:transfer|wire|venmo|repay|reimburse)\b|\bpay (?!(?:my|the|for|a|an|this|that|all|both)\b)\S+(?: \S+)? back\b|\b(?:send|give|pay) (?:(?:my|our|the) )?(?!(?:me|a|an|it|them)\b|(?:[A-Za-z]+ )?(?:bills?|fees?|invoices?)\b)[A-Za-z]+(?: [A-Za-z]+)?,? (?:¥|rmb|cny)?\s*(?:\d|(?:a|one|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred)\b)/i,
  ],
  ['transfer', /\b[Pp]ay (?:back )?(?!My\b|The\b)[A-Z][a-z]+\b/],
  [
    'pay_bill',
    /(?:交|缴|付|支付|缴纳|结)(?:清|掉|了|一下)?\S{0,8}?(?:费|账单)|(?:交|缴|付|支付|结)(?:一下|了)?(?:外卖|订单)的?(?:钱|款)|(?:电费|水费|话费|燃气费|煤气费|网费|物业费|账单|外卖钱|外卖的钱)[^。；;？?]{0,12}?(?:交|缴|付|结)(?!给)/,
  ],
  ['pay_bill', /\bpay\b.{0,30}?\b(?:bill|bills|fee|order|invoice)\b|\bsettle\b|\btop up\b/i],
  [
    'schedule',
    /(?<![预大节])约(?!定|好了)|安排(?:一个|个|一下)?(?:会|会议|时间|日程)|开(?:个|一个)?会|定(?:个|一个)?(?:会|会议|时间)|加(?:个|一个)?日程|建(?:个|一个)?日程|日程|预约|会议|碰头|见面|(?:和|跟|与)[^，,。]{1,8}?(?:通个?电话|打个?电话|视频|吃(?:个)?饭|喝(?:个)?咖啡|打球|见个?面|碰个?头)/,
  ],
  [
    'schedule',
    /\b(?:schedule|arrange|calendar|invite)\b|\bset up (?:a|an)\b|\b(?:put|add)\b[^.;]{0,60}?\b(?:on|to|in)\s+(?:my|the)\s+calendar\b|\bbook (?:a |an )?['"“][^'"”]+['"”]|\bbook (?:a |an )?(?:meeting|call|sync|room)\b|\b(?:meeting|sync|call|lunch|dinner|coffee|catch-up|catch up|1:1|one-on-one) with\b/i,
  ],
  ['route', /(?:我?想|我要|要)去(?!买|吃|喝|看看|玩)|在哪(?:里|儿)?$/],
  [
    'route',
    /怎么走|怎么去|怎样去|如何去|怎么到|路线|导航|多远|要多久|多长时间|坐地铁|打车去|开车去|骑车去|走路去|步行去/,
  ],
  [
    'route',
    /\bhow (?:do|can|should|would) (?:i|we) get\b|\bhow to get\b|\bdirections?\b|\broute\b|\bnavigate\b|\bhow far\b|\bhow long (?:does it take|to get|will it take)\b|\bget (?:from|to) .+ (?:by|via) /i,
  ],
  ['place', /附近|周边|周围|哪里有|哪儿有|最近的|找(?:一)?(?:家|个)/],
  [
    'place',
    /\bnear(?:by| me| here)?\b|\bnearest\b|\bclosest\b|\baround (?:here|home|the office|work)\b|\bwhere(?:'s| is) (?:a|an|the nearest)\b|\bfind (?:me )?(?:a|an|some)\b|\blook(?:ing)? for (?:a|an)\b/i,
  ],
  [
    'acquire',
    new RegExp(
      `${DIAN}|订(?!单|阅|会|票)|叫(?:个|份|一份)?外卖|外卖|来(?=${NUM}?${MEASURE})|(?:我|还)?要(?=${NUM}?${MEASURE})|买|购买|下单|入手|带(?=${NUM}?${MEASURE})`,
    ),
  ],
  [
    'acquire',
    /\b(?:order|buy|purchase|get me|grab me|pick me up)\b|\bi(?:'d| would) like\b|\bi want\b(?! to)|\bi need\b(?! to)/i,
  ],
];

/** Words that may stand before a clause's verb: "帮我", "请", "please", "also", "can you". */
const LEAD =
  /^(?:\s|[，,、;；:：]|请|麻烦(?:你)?|帮(?:我|忙)?|给我|我想|我还想|顺便|另外|还有|也|再|然后|并且|并|同时|还|私聊|单独|and|then|also|please|can you|could you|would you|will you|i want to|i'd like to|i need to|i also want to|go ahead and|and also)+/i;

/**
 * Verbs that change what is already there win over words that only name it: "把周五的会议改到三点"
 * moves the meeting, "上周买的耳机，取消" cancels the purchase.
 */
const CHANGES: Intent[] = ['reschedule', 'cancel', 'return'];
const NAMING: Intent[] = ['acquire', 'schedule', 'pay_bill'];

/** The intent whose verb comes first in the text, and where that verb is. */
export function firstIntent(text: string): { intent: Intent; at: number; verb: string } | undefined {
  let best: { intent: Intent; at: number; verb: string } | undefined;
  let change: { intent: Intent; at: number; verb: string } | undefined;
  for (const [intent, re] of VERBS) {
    const m = re.exec(text);
    if (!m) continue;
    if (!best || m.index < best.at) best = { intent, at: m.index, verb: m[0] };
    if (CHANGES.includes(intent) && (!change || m.index < change.at))
      change = { intent, at: m.index, verb: m[0] };
  }
  if (best && change && NAMING.includes(best.intent)) return change;
  return best;
}

/** The intent a clause starts with (after "帮我" / "please"), if it starts with a verb at all. */
export function leadingIntent(text: string): Intent | undefined {
  const lead = text.match(LEAD)?.[0].length ?? 0;
  const rest = text.slice(lead);
  const found = firstIntent(rest);
  // "给妈妈转200", "跟她说…": who it is for may stand before the verb.
  const who =
    rest.match(
      /^(?:(?:给|跟|和|对|向|同|与|把)[^，,。；;\s]{1,8}?|从[^，,。；;\s]{1,12}?)(?=转|打|汇|发|说|讲|约|买|点|订|交|缴|付|还|改|挪|推|提前|延|取消|撤|退)/,
    )?.[0].length ?? 0;
  return found && found.at <= Math.max(1, who) ? found.intent : undefined;
}

/** One part of a request and what it asks for. */
export interface Clause {
  text: string;
  span: Span;
  intent: Intent | undefined;
}

const JOINS =
  /[，,。；;！!？?\n]+\s*|\s+(?:and then|then|and also|and|also|plus)\s+|(?:然后|再|并且|同时|顺便|另外|还有)/gi;

/**
 * Splits a request where a new part begins: at a comma, "再", "and", "then"... but only when what
 * follows starts with a verb of its own, so "告诉王芳我不回去了，晚上见" stays one message.
 */
export function splitClauses(raw: string): Clause[] {
  const text = fold(raw);
  const cuts: { at: number; resume: number }[] = [];
  for (const m of text.matchAll(JOINS)) {
    const resume = m.index + m[0].length;
    if (resume < text.length && leadingIntent(text.slice(resume)) !== undefined)
      cuts.push({ at: m.index, resume });
  }
  const clauses: Clause[] = [];
  let start = 0;
  for (const cut of [...cuts, { at: text.length, resume: text.length }]) {
    if (cut.at < start) continue;
    const part = raw.slice(start, cut.at);
    const lead = part.match(/^[\s，,。；;]*/)![0].length;
    const trimmed = part.slice(lead).replace(/[\s，,。；;！!]+$/, '');
    if (trimmed) {
      const s = start + lead;
      clauses.push({
        text: trimmed,
        span: { start: s, end: s + trimmed.length },
        intent: firstIntent(fold(trimmed))?.intent,
      });
    }
    start = cut.resume;
  }
  return mergeClauses(raw, clauses);
}

/**
 * Joins parts that belong together: a part with no verb of its own belongs to the next one ("我想吃
 * 宫保鸡丁，帮我点一份"), one order is one part ("点一份宫保鸡丁，再点一杯拿铁" asks for two dishes), and
 * one event is one part ("周三中午约王芳吃饭，建个日程邀请她").
 */
function mergeClauses(raw: string, clauses: Clause[]): Clause[] {
  const out: Clause[] = [];
  for (const c of clauses) {
    const prev = out[out.length - 1];
    // One order is one part, and so is one event: "约王芳周三吃饭，建个日程邀请她" is one event.
    const same = prev?.intent === c.intent && (c.intent === 'acquire' || c.intent === 'schedule');
    if (prev && (prev.intent === undefined || same)) {
      const text = raw.slice(prev.span.start, c.span.end);
      out[out.length - 1] = {
        text,
        span: { start: prev.span.start, end: c.span.end },
        intent: c.intent ?? prev.intent,
      };
    } else out.push(c);
  }
  return out;
}

/**
 * A part of a clause that asks for something else and was not split off ("…, and also pay Tom"):
 * the clause's own reader would drop it without a word, so the matcher asks about it instead.
 */
export function strayPart(clause: Clause): string | undefined {
  if (clause.intent === 'message' || clause.intent === undefined) return undefined;
  const text = fold(clause.text);
  const cuts = [...text.matchAll(JOINS)].map((m) => ({ at: m.index, resume: m.index + m[0].length }));
  for (const [i, cut] of cuts.entries()) {
    const end = cuts[i + 1]?.at ?? text.length;
    const part = text.slice(cut.resume, end);
    const other = firstIntent(part)?.intent;
    if (!other || other === clause.intent || other === 'place' || other === 'route') continue;
    if (clause.intent === 'pay_bill' && other === 'acquire') continue;
    return clause.text.slice(cut.resume, end).trim();
  }
  return undefined;
}
