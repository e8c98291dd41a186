/**
 * Reasons not to act on a clause although its verb is plain: it says not to ("不要给王芳转钱",
 * "don't order"), asks about the past ("给妈妈转了吗", "did I pay the phone bill?"), asks a price
 * ("宫保鸡丁多少钱"), or has the money coming to the person ("王芳给我转了100").
 */
import { firstIntent, type Intent } from './intents.js';
import { type Lang, t } from './text.js';

const NEGATION_ZH =
  /(?:不要|不用|不必|无需|甭|别|先别|不想|没必要)(?!忘)(?:再|先)?(?:帮我)?[^，,。；;！!]{0,6}$/;
const NEGATION_EN = /\b(?:don't|dont|do not|never|no need to|stop)\b(?!\s+forget)(?:\s+[A-Za-z']+){0,3}\s*$/i;
const PAST_QUESTION = /[了过][^，,。]*?(?:吗|么|没有?)\s*[?？]?\s*$|^(?:did|have|has|had|was|were)\b/i;
/** "能帮我把电费交了吗？" asks for it politely; it is not a question about the past. */
const POLITE = /^(?:能|可以|能不能|可不可以|麻烦|请|帮)/;
const PRICE_QUESTION =
  /多少钱|什么价|价格是|价钱|\bhow much (?:is|are|does|do|for)\b|\bwhat(?:'s| is) the price\b|\bprice of\b/i;
const TO_ME =
  /给我(?:转|打|汇|发红包)|转(?:账)?给我|打给我|还我|\b(?:send|pay|transfer|give|owes?|paid)\s+me\b/i;

/** Why a clause should not run as read, in the request's language, or nothing when it may. */
export function doubtAbout(text: string, intent: Intent | undefined, lang: Lang): string | undefined {
  if (!intent) return undefined;
  const before = text.slice(0, firstIntent(text)?.at ?? 0);
  if (NEGATION_ZH.test(before) || NEGATION_EN.test(before)) {
    return t(
      lang,
      '这句话说的是不要做，我就不做了：要做的话请直接说。',
      'That says not to do it, so I will not: say it plainly if you want it done.',
    );
  }
  const irreversible = intent === 'acquire' || intent === 'transfer' || intent === 'pay_bill';
  if (!irreversible) return undefined;
  if (PAST_QUESTION.test(text.trim()) && !POLITE.test(text.trim())) {
    return t(
      lang,
      '这是在问已经做过没有吗？我不会因为一个问题去付钱。',
      'Is that asking whether it was done? I will not pay on a question.',
    );
  }
  if (intent === 'acquire' && PRICE_QUESTION.test(text)) {
    return t(lang, '这是在问价格，要下单吗？', 'That asks a price: should I order it?');
  }
  if (intent === 'transfer' && TO_ME.test(text)) {
    return t(
      lang,
      '这笔钱是转给你的，不是你转出去：要我做什么？',
      'That money comes to you, not from you: what should I do?',
    );
  }
  return undefined;
}
