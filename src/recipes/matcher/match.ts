/**
 * The offline matcher: a request in Chinese or English and the world's catalogue in; the built-in
 * recipes to run with their parameters out — or what it understood and what is missing. No model.
 */
import { readInvitationAnswer } from './answer-invitation.js';
import { readPurchase, productsIn } from './buy-product.js';
import { readRoute } from './find-route.js';
import { readPlaceSearch } from './find-place.js';
import { unreadMessage, unreadParts } from './coverage.js';
import { doubtAbout } from './doubts.js';
import { type Clause, type Intent, splitClauses, strayPart } from './intents.js';
import { dishesIn, readFoodOrder, restaurantsIn } from './order-food.js';
import type { Recipient } from './lexicon.js';
import {
  type ClauseInput,
  type ClauseOutcome,
  clauseInput,
  newsOfStep,
  notUnderstood,
  recipientOfStep,
  unsure,
} from './outcome.js';
import { readBillPayment } from './pay-bill.js';
import { readCancel } from './cancel.js';
import { readReschedule } from './change-event.js';
import { readReturn } from './change-order.js';
import { readEvent } from './schedule-event.js';
import { readMessage } from './send-message.js';
import { blank, type Lang, languageOf, overlaps, t } from './text.js';
import { readTransfer } from './transfer.js';
import type { Catalogue, MatchResult } from './types.js';

const FOOD_HINT =
  /外卖|(?<![买一有早晚快差吃喝])点|杯|碗|份|午饭|午餐|晚饭|晚餐|早餐|早饭|夜宵|\blunch\b|\bdinner\b|\bbreakfast\b|\bdeliver|\btakeout\b|\btakeaway\b|\bcups?\b/i;
const SHOP_HINT = /寄|快递|包邮|网购|商城|淘宝|\bship|\bparcel\b|\bonline\b/i;

/** An order or a purchase, decided by what is named: a restaurant or dish, or a product. */
function readAcquire(input: ClauseInput): ClauseOutcome {
  const { folded, lang } = input;
  const restaurants = restaurantsIn(input, folded);
  const rest = blank(
    folded,
    restaurants.map((r) => r.span),
  );
  const products = productsIn(input, folded);
  // A name inside a longer name of the other kind is not said: "咖啡豆" is not a "咖啡".
  const dishes = dishesIn(input, rest).filter(
    (d) =>
      !products.some(
        (p) => overlaps(p.span, d.span) && p.span.end - p.span.start > d.span.end - d.span.start,
      ),
  );
  const shopNamed = products.filter(
    (p) =>
      !dishes.some((d) => overlaps(p.span, d.span) && d.span.end - d.span.start > p.span.end - p.span.start),
  );
  const food =
    (restaurants.length ? 3 : 0) +
    (dishes.some((d) => d.exact) ? 2 : dishes.length ? 1 : 0) +
    (FOOD_HINT.test(folded) ? 1 : 0);
  const shop =
    (shopNamed.some((p) => p.exact) ? 2 : shopNamed.length ? 1 : 0) + (SHOP_HINT.test(folded) ? 1 : 0);
  const namedFood = restaurants.length + dishes.length > 0;
  if (namedFood && (food > shop || shopNamed.length === 0)) return readFoodOrder(input);
  if (shopNamed.length > 0 && (shop > food || !namedFood)) return readPurchase(input);
  if (namedFood && shopNamed.length > 0) {
    return unsure(t(lang, '要买东西', 'Get something'), [
      t(lang, '是点外卖还是网购？', 'Food delivery or the shop?'),
    ]);
  }
  if (FOOD_HINT.test(folded)) return readFoodOrder(input);
  return unsure(t(lang, '要买东西', 'Get something'), [
    t(lang, '要点什么外卖，或者买什么？', 'What should I order or buy?'),
  ]);
}

const READERS: Record<Intent, (input: ClauseInput) => ClauseOutcome> = {
  acquire: readAcquire,
  transfer: readTransfer,
  pay_bill: readBillPayment,
  message: readMessage,
  schedule: readEvent,
  answer: readInvitationAnswer,
  route: readRoute,
  place: readPlaceSearch,
  reschedule: readReschedule,
  cancel: readCancel,
  return: readReturn,
};

function readClause(
  clause: Clause,
  lang: Lang,
  cat: Catalogue,
  previous?: Recipient,
  news?: string,
): ClauseOutcome {
  const input = clauseInput(clause.text, lang, cat, previous, news);
  // No verb at all ("一份宫保鸡丁送到公司"): a named dish or product is still an order.
  const named = dishesIn(input, input.folded).length + productsIn(input, input.folded).length > 0;
  const intent = clause.intent ?? (named ? 'acquire' : undefined);
  if (!intent) return notUnderstood(lang);
  const read = READERS[intent](input);
  const doubt = doubtAbout(input.folded, intent, lang);
  if (doubt) return unsure(read.understood, [doubt], 0.2);
  const stray = strayPart({ ...clause, intent });
  const strayAt = stray ? input.text.indexOf(stray) : -1;
  const strayRead =
    stray !== undefined &&
    read.type === 'steps' &&
    (read.used ?? []).some((u) => u.start <= strayAt && strayAt + stray.length <= u.end);
  if (stray && !strayRead) {
    return unsure(read.understood, [
      ...(read.type === 'unsure' ? read.missing : []),
      t(lang, `这一部分我没分清要做什么：「${stray}」`, `I could not tell what to do with: "${stray}"`),
    ]);
  }
  if (read.type === 'steps' && read.used) {
    const parts = unreadParts(input.folded, read.used, intent, read.about);
    if (parts.length) return unsure(read.understood, [unreadMessage(parts, lang)]);
  }
  if (clause.intent || read.type !== 'steps') return read;
  return { ...read, confidence: read.confidence - 0.1 };
}

/** Turns a request into built-in recipes with their parameters, or says what is missing. */
export function matchRequest(request: string, catalogue: Catalogue): MatchResult {
  const lang = languageOf(request);
  const clauses = splitClauses(request.trim());
  if (clauses.length === 0) {
    return {
      kind: 'unsure',
      confidence: 0,
      understood: '',
      missing: [t(lang, '要做什么？', 'What should I do?')],
    };
  }
  const outcomes: ClauseOutcome[] = [];
  let previous: Recipient | undefined;
  let news: string | undefined;
  for (const clause of clauses) {
    const outcome = readClause(clause, lang, catalogue, previous, news);
    if (outcome.type === 'steps') {
      previous = recipientOfStep(outcome.steps.at(-1)!, catalogue) ?? previous;
      news = newsOfStep(outcome.steps.at(-1)!, catalogue, lang);
    }
    outcomes.push(outcome);
  }
  const join = lang === 'zh' ? '；' : '; ';
  const understood = outcomes
    .map((o) => o.understood)
    .filter(Boolean)
    .join(join);
  const confidence = Math.min(...outcomes.map((o) => o.confidence));
  const unsureOnes = outcomes.filter((o) => o.type === 'unsure');
  if (unsureOnes.length > 0) {
    return {
      kind: 'unsure',
      confidence: Math.min(confidence, 0.5),
      understood,
      missing: unsureOnes.flatMap((o) => o.missing),
    };
  }
  const steps = outcomes.flatMap((o) => (o.type === 'steps' ? o.steps : []));
  return {
    kind: 'match',
    steps,
    confidence: Math.round((steps.length > 1 ? confidence * 0.97 : confidence) * 100) / 100,
    understood,
  };
}
