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
import { addressOfKind, defaultFoodKind, deliveryKind } from './places.js';
import { readQuantity } from './quantities.js';
import { blank, findMentions, type Lang, type Span, t } from './text.js';
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

/** Reads an order for food delivery. */
export function readFoodOrder(input: ClauseInput): ClauseOutcome {
  const { cat, lang, folded } = input;
  const said: string[] = [];
  const restaurants = restaurantsIn(input, folded);
  const distinct = [...new Set(restaurants.map((r) => r.restaurant))];
  if (distinct.length > 1) {
    const names = distinct.map((r) => nameOf(r, lang));
    return unsure(t(lang, '要点外卖', 'Order food'), [
      t(lang, `哪家店？${which(names, lang)}`, `Which restaurant? ${which(names, lang)}`),
    ]);
  }
  const restaurant = distinct[0];
  if (restaurant) said.push(t(lang, `从${nameOf(restaurant, lang)}`, `from ${nameOf(restaurant, lang)}`));
  const rest = blank(
    folded,
    restaurants.map((r) => r.span),
  );
  let mentions = dishesIn(input, rest);
  if (restaurant) {
    const here = mentions
      .map((m) => ({ ...m, items: m.items.filter((d) => d.restaurantId === restaurant.id) }))
      .filter((m) => m.items.length > 0);
    // A dish said by a shorter word may still be on this menu under its own name ("拿铁" at a tea shop).
    if (here.length === 0 && mentions.length > 0) {
      const menu = cat.dishes.filter((d) => d.restaurantId === restaurant.id);
      const loose = mentions.flatMap((m) => {
        const ds = menu.filter((d) => d.names.some((n) => n.toLowerCase().includes(m.said.toLowerCase())));
        return ds.length ? [{ ...m, items: ds, exact: false }] : [];
      });
      if (loose.length === 0) {
        const dish = mentions[0]!.said;
        return unsure(
          t(lang, `从${nameOf(restaurant, lang)}点外卖`, `Order from ${nameOf(restaurant, lang)}`),
          [
            t(
              lang,
              `${nameOf(restaurant, lang)}没有「${dish}」，点哪道菜？`,
              `${nameOf(restaurant, lang)} has no "${dish}": which dish?`,
            ),
          ],
        );
      }
      mentions = loose;
    } else mentions = here;
  }
  if (mentions.length === 0) {
    return unsure(
      restaurant
        ? t(lang, `从${nameOf(restaurant, lang)}点外卖`, `Order from ${nameOf(restaurant, lang)}`)
        : t(lang, '要点外卖', 'Order food'),
      [t(lang, '点哪道菜？', 'Which dish?')],
    );
  }
  const saidDishes = [...new Set(mentions.map((m) => m.said))];
  if (saidDishes.length > 1) {
    return unsure(t(lang, `点${listOf(saidDishes, lang)}`, `Order ${listOf(saidDishes, lang)}`), [
      t(lang, '一次只能点一道菜，先点哪一道？', 'One dish per order: which one first?'),
    ]);
  }
  const mention = mentions[0]!;
  if (mention.items.length > 1) {
    const options = mention.items.slice(0, 6).map((d) => dishOption(cat, d, lang));
    return unsure(t(lang, `点「${mention.said}」`, `Order "${mention.said}"`), [
      t(lang, `是哪一个？${which(options, lang)}`, `Which one? ${which(options, lang)}`),
    ]);
  }
  const dish = mention.items[0]!;
  const dishName = nameOf(dish, lang);
  const from = restaurantName(cat, dish.restaurantId, lang);
  const amounts = readAmounts(folded);
  const quantity = readQuantity(blank(rest, [mention.span, ...amounts.map((a) => a.span)]), mention.span);
  const count = quantity?.count ?? 1;
  const budgets = [
    ...new Set((amounts.some((a) => a.budget) ? amounts.filter((a) => a.budget) : amounts).map((a) => a.fen)),
  ];
  const understood = t(lang, `从${from}点${count}份${dishName}`, `Order ${count} × ${dishName} from ${from}`);
  if (budgets.length > 1) {
    return unsure(understood, [
      t(
        lang,
        `预算是多少？${which(budgets.map(yuan), lang)}`,
        `What is the budget? ${which(budgets.map(yuan), lang)}`,
      ),
    ]);
  }
  if (dish.stock <= 0) {
    return unsure(understood, [
      t(lang, `${from}的${dishName}已售罄，换一道？`, `${dishName} at ${from} is sold out: another dish?`),
    ]);
  }
  if (dish.stock < count) {
    return unsure(understood, [
      t(lang, `${dishName}只剩${dish.stock}份`, `Only ${dish.stock} × ${dishName} left`),
    ]);
  }
  const budget = budgets[0];
  if (budget !== undefined && dish.priceFen * count > budget) {
    return unsure(understood, [
      t(
        lang,
        `${dishName}${count}份要${yuan(dish.priceFen * count)}，超过预算${yuan(budget)}`,
        `${count} × ${dishName} costs ${yuan(dish.priceFen * count)}, over the ${yuan(budget)} budget`,
      ),
    ]);
  }
  const stated = deliveryKind(folded);
  const kind = stated?.kind ?? defaultFoodKind(cat.now);
  const address = addressOfKind(cat.foodAddresses, kind);
  if (!address) {
    return unsure(understood, [
      t(lang, '送到哪里？没有这个收货地址', 'Deliver where? There is no such saved address'),
    ]);
  }
  const where = nameOf(address, lang);
  // A shorter word that means one dish on the named restaurant's menu is as good as its name.
  let confidence = mention.exact ? 0.95 : restaurant ? 0.9 : 0.8;
  if (!stated) confidence -= 0.05;
  if (restaurant) confidence += 0.02;
  return step(
    {
      recipe: 'order_food',
      params: {
        restaurant_id: dish.restaurantId,
        dish_id: dish.id,
        quantity: count,
        address_id: address.id,
        ...(budget !== undefined ? { budget_fen: budget } : {}),
      },
    },
    confidence,
    t(
      lang,
      `从${from}点${count}份${dishName}（${yuan(dish.priceFen)}/份），送到${where}${stated ? '' : '（默认）'}${budget !== undefined ? `，预算${yuan(budget)}` : ''}`,
      `Order ${count} × ${dishName} (${yuan(dish.priceFen)} each) from ${from}, deliver to ${where}${stated ? '' : ' (default)'}${budget !== undefined ? `, budget ${yuan(budget)}` : ''}`,
    ),
  );
}
