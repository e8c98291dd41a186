/**
 * Reads a food order: which dish from which restaurant, how many, where to, and the budget. It never
 * picks between dishes or restaurants the request does not tell apart: an order is paid for.
 */
import { readAmounts } from './amounts.js';
import { type ItemMention, itemsIn } from './lexicon.js';
import {
  type ClauseInput,
  type ClauseOutcome,
  listOf,
  nameOf,
  step,
  unsure,
  which,
  yuan,
} from './outcome.js';
import { readCoupon } from './coupons.js';
import { readDishOptions } from './dish-options.js';
import { addressOfKind, beneficiarySpans, defaultFoodKind, readDestination } from './places.js';
import { MEASURE_WORDS, readQuantity } from './quantities.js';
import { blank, findMentions, type Lang, type Span, segmentAround, t } from './text.js';
import type { Catalogue } from './types.js';

type Dish = Catalogue['dishes'][number];
type Restaurant = Catalogue['restaurants'][number];

/** Where a request names a dish, and the dishes it can mean there. */
export type DishMention = ItemMention<Dish>;

/** The dishes the text names, each with the dishes it could be (own names first, then shorter words). */
export function dishesIn(input: ClauseInput, text: string): DishMention[] {
  return itemsIn(text, input.lex.dishes);
}

/** The restaurants the text names. */
export function restaurantsIn(input: ClauseInput, text: string): { span: Span; restaurant: Restaurant }[] {
  return findMentions(
    text,
    input.lex.restaurants.map((e) => ({ item: e.item, name: e.name })),
  ).map((m) => ({
    span: m.span,
    restaurant: m.item,
  }));
}

function restaurantName(cat: Catalogue, id: string, lang: Lang): string {
  const r = cat.restaurants.find((x) => x.id === id);
  return r ? nameOf(r, lang) : id;
}

function dishOption(cat: Catalogue, d: Dish, lang: Lang): string {
  const from = restaurantName(cat, d.restaurantId, lang);
  return t(
    lang,
    `${nameOf(d, lang)}（${from}，${yuan(d.priceFen)}）`,
    `${nameOf(d, lang)} (${from}, ${yuan(d.priceFen)})`,
  );
}

/** The dishes said, each narrowed to the named restaurant's menu; or what that menu does not have. */
function onMenu(
  cat: Catalogue,
  mentions: DishMention[],
  restaurant: Restaurant,
): DishMention[] | { missing: string } {
  const menu = cat.dishes.filter((d) => d.restaurantId === restaurant.id);
  const out: DishMention[] = [];
  for (const m of mentions) {
    const here = m.items.filter((d) => d.restaurantId === restaurant.id);
    if (here.length > 0) {
      out.push({ ...m, items: here });
      continue;
    }
    // A dish said by a shorter word may still be on this menu under its own name ("拿铁" at a tea shop).
    const loose = menu.filter((d) => d.names.some((n) => n.toLowerCase().includes(m.said.toLowerCase())));
    if (loose.length === 0) return { missing: m.said };
    out.push({ ...m, items: loose, exact: false });
  }
  return out;
}

/** With no restaurant named, the restaurants that have every dish said; each dish narrowed to them. */
function oneRestaurant(mentions: DishMention[]): DishMention[] | undefined {
  if (mentions.length < 2) return mentions;
  const common = new Set(
    mentions[0]!.items
      .map((d) => d.restaurantId)
      .filter((r) => mentions.every((m) => m.items.some((d) => d.restaurantId === r))),
  );
  if (common.size === 0) return undefined;
  return mentions.map((m) => ({ ...m, items: m.items.filter((d) => common.has(d.restaurantId)) }));
}

const COUNT_AFTER = new RegExp(
  `^\\s*(?:[x×*]\\s*\\d+|(?:\\d+|[一二两三四五六七八九十]+)\\s*(?:${MEASURE_WORDS}))`,
);

/**
 * How many of each dish, and where the count was said: a count right after it ("宫保鸡丁两份"), else
 * the count said before it since the dish before ("一份A加两碗B", "a Mapo Tofu and a bowl of rice").
 */
function quantities(
  rest: string,
  mentions: DishMention[],
  amounts: Span[],
): { count: number; span?: Span }[] {
  if (mentions.length === 1) {
    const m = mentions[0]!;
    const q = readQuantity(blank(rest, [m.span, ...amounts]), m.span);
    return [q ? { count: q.count, span: q.span } : { count: 1 }];
  }
  const clean = blank(rest, [...mentions.map((m) => m.span), ...amounts]);
  let from = 0;
  return mentions.map((m) => {
    const after = COUNT_AFTER.exec(clean.slice(m.span.end));
    if (after) {
      const span = { start: m.span.end, end: m.span.end + after[0].length };
      from = span.end;
      return { count: readQuantity(after[0])?.count ?? 1, span };
    }
    const part = clean.slice(from, m.span.end);
    const at = { start: m.span.start - from, end: m.span.end - from };
    const q = readQuantity(part, at);
    const offset = from;
    from = m.span.end;
    return q
      ? { count: q.count, span: { start: q.span.start + offset, end: q.span.end + offset } }
      : { count: 1 };
  });
}

/** Reads an order for food delivery: one or more dishes, all from one restaurant. */
export function readFoodOrder(input: ClauseInput): ClauseOutcome {
  const { cat, lang, folded } = input;
  const restaurants = restaurantsIn(input, folded);
  const distinct = [...new Set(restaurants.map((r) => r.restaurant))];
  if (distinct.length > 1) {
    const names = distinct.map((r) => nameOf(r, lang));
    return unsure(t(lang, '要点外卖', 'Order food'), [
      t(lang, `哪家店？${which(names, lang)}`, `Which restaurant? ${which(names, lang)}`),
    ]);
  }
  const restaurant = distinct[0];
  const rest = blank(
    folded,
    restaurants.map((r) => r.span),
  );
  // The same word said twice is one dish ("拿铁…拿铁要大杯").
  let mentions = dishesIn(input, rest).filter(
    (m, i, all) => all.findIndex((x) => x.said.toLowerCase() === m.said.toLowerCase()) === i,
  );
  if (restaurant && mentions.length > 0) {
    const here = onMenu(cat, mentions, restaurant);
    if (!Array.isArray(here)) {
      return unsure(
        t(lang, `从${nameOf(restaurant, lang)}点外卖`, `Order from ${nameOf(restaurant, lang)}`),
        [
          t(
            lang,
            `${nameOf(restaurant, lang)}没有「${here.missing}」，点哪道菜？`,
            `${nameOf(restaurant, lang)} has no "${here.missing}": which dish?`,
          ),
        ],
      );
    }
    mentions = here;
  }
  if (mentions.length === 0) {
    return unsure(
      restaurant
        ? t(lang, `从${nameOf(restaurant, lang)}点外卖`, `Order from ${nameOf(restaurant, lang)}`)
        : t(lang, '要点外卖', 'Order food'),
      [t(lang, '点哪道菜？', 'Which dish?')],
    );
  }
  const saidDishes = mentions.map((m) => m.said);
  const together = oneRestaurant(mentions);
  if (!together) {
    return unsure(t(lang, `点${listOf(saidDishes, lang)}`, `Order ${listOf(saidDishes, lang)}`), [
      t(
        lang,
        '这几样不在同一家店，一单只能从一家店点：先点哪一样？',
        'These are not all at one restaurant, and one order comes from one restaurant: which first?',
      ),
    ]);
  }
  mentions = together;
  for (const mention of mentions) {
    if (mention.items.length > 1) {
      const options = mention.items.slice(0, 6).map((d) => dishOption(cat, d, lang));
      return unsure(t(lang, `点「${mention.said}」`, `Order "${mention.said}"`), [
        t(lang, `是哪一个？${which(options, lang)}`, `Which one? ${which(options, lang)}`),
      ]);
    }
  }
  const dishes = mentions.map((m) => m.items[0]!);
  const from = restaurantName(cat, dishes[0]!.restaurantId, lang);
  const amounts = readAmounts(folded);
  const counts = quantities(
    rest,
    mentions,
    amounts.map((a) => a.span),
  );
  const named = dishes.map((d, i) => ({ dish: d, count: counts[i]!.count, name: nameOf(d, lang) }));
  const optionText = blank(rest, [...mentions.map((m) => m.span), ...amounts.map((a) => a.span)]);
  const options = readDishOptions(
    cat,
    optionText,
    named.map((l, i) => ({ dish: l.dish, span: mentions[i]!.span, name: l.name })),
    lang,
  );
  const said = named.map((l) => t(lang, `${l.count}份${l.name}`, `${l.count} × ${l.name}`));
  if (options.kind === 'unsure') {
    return unsure(t(lang, `从${from}点${said.join('、')}`, `Order ${said.join(', ')} from ${from}`), [
      options.missing,
    ]);
  }
  const lines = named.map((l, i) => ({ ...l, options: options.lines[i]! }));
  const withOptions = (l: (typeof lines)[number]) =>
    l.options.said.length
      ? t(lang, `（${l.options.said.join('、')}）`, ` (${l.options.said.join(', ')})`)
      : '';
  const list = lines.map((l) =>
    t(lang, `${l.count}份${l.name}${withOptions(l)}`, `${l.count} × ${l.name}${withOptions(l)}`),
  );
  const budgets = [
    ...new Set((amounts.some((a) => a.budget) ? amounts.filter((a) => a.budget) : amounts).map((a) => a.fen)),
  ];
  const understood = t(lang, `从${from}点${list.join('、')}`, `Order ${list.join(', ')} from ${from}`);
  if (budgets.length > 1) {
    return unsure(understood, [
      t(
        lang,
        `预算是多少？${which(budgets.map(yuan), lang)}`,
        `What is the budget? ${which(budgets.map(yuan), lang)}`,
      ),
    ]);
  }
  for (const { dish, count, name } of lines) {
    if (dish.stock <= 0) {
      return unsure(understood, [
        t(lang, `${from}的${name}已售罄，换一道？`, `${name} at ${from} is sold out: another dish?`),
      ]);
    }
    if (dish.stock < count)
      return unsure(understood, [t(lang, `${name}只剩${dish.stock}份`, `Only ${dish.stock} × ${name} left`)]);
  }
  const itemsFen = lines.reduce((s, l) => s + (l.dish.priceFen + l.options.surchargeFen) * l.count, 0);
  const coupon = readCoupon(input, dishes[0]!.restaurantId, itemsFen);
  if (coupon.kind === 'unsure') return unsure(understood, [coupon.missing]);
  const couponFen = coupon.kind === 'coupon' ? coupon.coupon.discountFen : 0;
  const budget = budgets[0];
  if (budget !== undefined && itemsFen - couponFen > budget) {
    return unsure(understood, [
      t(
        lang,
        `${list.join('、')}要${yuan(itemsFen - couponFen)}，超过预算${yuan(budget)}`,
        `${list.join(', ')} costs ${yuan(itemsFen - couponFen)}, over the ${yuan(budget)} budget`,
      ),
    ]);
  }
  const destination = readDestination(input, defaultFoodKind(cat.now));
  if (destination.type === 'unsure') return unsure(understood, [destination.missing]);
  const stated = destination.type === 'said';
  const kind = destination.type === 'said' ? destination.kind : defaultFoodKind(cat.now);
  const address = addressOfKind(cat.foodAddresses, kind);
  if (!address) {
    return unsure(understood, [
      t(lang, '送到哪里？没有这个收货地址', 'Deliver where? There is no such saved address'),
    ]);
  }
  const used = [
    ...restaurants.map((r) => r.span),
    ...mentions.map((m) => m.span),
    ...amounts.map((a) => a.span),
    ...counts.flatMap((c) => (c.span ? [c.span] : [])),
    ...options.spans,
    ...(coupon.kind === 'coupon' ? [segmentAround(folded, coupon.at)] : []),
    ...destination.spans,
    ...(stated ? beneficiarySpans(input) : []),
  ];
  const where = nameOf(address, lang);
  // A shorter word that means one dish on the named restaurant's menu is as good as its name.
  let confidence = mentions.every((m) => m.exact) ? 0.95 : restaurant ? 0.9 : 0.8;
  if (!stated) confidence -= 0.05;
  if (restaurant) confidence += 0.02;
  if (lines.length > 1 && !restaurant) confidence -= 0.05;
  const priced = lines.map((l) =>
    t(
      lang,
      `${l.count}份${l.name}${withOptions(l)}（${yuan(l.dish.priceFen + l.options.surchargeFen)}/份）`,
      `${l.count} × ${l.name}${withOptions(l)} (${yuan(l.dish.priceFen + l.options.surchargeFen)} each)`,
    ),
  );
  const couponSaid =
    coupon.kind === 'coupon'
      ? t(
          lang,
          `，用券「${nameOf(coupon.coupon, lang)}」`,
          `, with the coupon "${nameOf(coupon.coupon, lang)}"`,
        )
      : '';
  return step(
    {
      recipe: 'order_food',
      params: {
        restaurant_id: dishes[0]!.restaurantId,
        items: lines.map((l) => ({
          dish_id: l.dish.id,
          quantity: l.count,
          ...(l.options.ids.length ? { options: l.options.ids } : {}),
        })),
        address_id: address.id,
        ...(coupon.kind === 'coupon' ? { coupon_id: coupon.coupon.id } : {}),
        ...(budget !== undefined ? { budget_fen: budget } : {}),
      },
    },
    confidence,
    t(
      lang,
      `从${from}点${priced.join('、')}，送到${where}${stated ? '' : '（默认）'}${couponSaid}${budget !== undefined ? `，预算${yuan(budget)}` : ''}`,
      `Order ${priced.join(', ')} from ${from}, deliver to ${where}${stated ? '' : ' (default)'}${couponSaid}${budget !== undefined ? `, budget ${yuan(budget)}` : ''}`,
    ),
    used,
    [...dishes.flatMap((d) => d.names), ...(restaurant?.names ?? [])],
  );
}
