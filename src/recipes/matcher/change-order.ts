/**
 * Reads a change to one of the person's orders: cancel a food or shop order not yet too far along,
 * or return a delivered product. The order is found by what is in it (dishes, restaurant, products);
 * it acts only when exactly one order fits and that order can still be changed so.
 */
import { productsIn } from './buy-product.js';
import { dishesIn, restaurantsIn } from './order-food.js';
import { type ClauseInput, type ClauseOutcome, nameOf, step, unsure, which } from './outcome.js';
import { type Lang, t } from './text.js';
import { localIso } from './times.js';
import type { Catalogue } from './types.js';

type FoodOrder = Catalogue['foodOrders'][number];
type ShopOrder = Catalogue['shopOrders'][number];
/** An order of either app, as the readers below compare them. */
export type AnyOrder = { app: 'food'; order: FoodOrder } | { app: 'shop'; order: ShopOrder };

/** Words that say an order is meant: "那单", "订单", "order". */
export const ORDER_WORDS =
  /那单|这单|订单|(?<![点买下])单子|外卖|快递|网购|\border\b|\bpurchase\b|\bdelivery\b/i;

/**
 * The orders whose contents the text names, most named first: every order that has the most of the
 * dishes, restaurants and products said.
 */
export function ordersNamed(input: ClauseInput): AnyOrder[] {
  const { cat, folded } = input;
  const restaurants = restaurantsIn(input, folded).map((m) => m.restaurant.id);
  const dishes = dishesIn(input, folded).map((m) => new Set(m.items.map((d) => d.id)));
  const products = productsIn(input, folded).map((m) => new Set(m.items.map((p) => p.id)));
  const scored: { o: AnyOrder; score: number }[] = [
    ...cat.foodOrders.map((order) => ({
      o: { app: 'food' as const, order },
      score:
        restaurants.filter((r) => r === order.restaurantId).length +
        dishes.filter((d) => order.dishIds.some((id) => d.has(id))).length,
    })),
    ...cat.shopOrders.map((order) => ({
      o: { app: 'shop' as const, order },
      score: products.filter((p) => order.productIds.some((id) => p.has(id))).length,
    })),
  ];
  const top = Math.max(0, ...scored.map((s) => s.score));
  return top === 0 ? [] : scored.filter((s) => s.score === top).map((s) => s.o);
}

function describe(o: AnyOrder, lang: Lang): string {
  return t(
    lang,
    `${nameOf(o.order, lang)}（${o.order.createdAt.replace('T', ' ')}下单，${STATUS_ZH[o.order.status] ?? o.order.status}）`,
    `${nameOf(o.order, lang)} (ordered ${o.order.createdAt.replace('T', ' ')}, ${o.order.status})`,
  );
}

const STATUS_ZH: Record<string, string> = {
  created: '待付款',
  paid: '已付款',
  preparing: '制作中',
  delivering: '配送中',
  shipped: '已发货',
  delivered: '已送达',
  cancelled: '已取消',
  returned: '已退货',
};

function whichOrder(fits: AnyOrder[], lang: Lang): string {
  if (fits.length === 0)
    return t(
      lang,
      '没找到对得上的订单：是哪一单，单里有什么？',
      'No order of yours fits: which order, with what in it?',
    );
  const options = fits.slice(0, 6).map((o) => describe(o, lang));
  return t(lang, `是哪一单？${which(options, lang)}`, `Which order? ${which(options, lang)}`);
}

/** Reads "粤香那单我不要了，帮我取消掉", "cancel the scarf order". */
export function readOrderCancel(input: ClauseInput, fits: AnyOrder[]): ClauseOutcome {
  const { lang } = input;
  const understood = t(lang, '要取消订单', 'Cancel an order');
  if (fits.length !== 1) return unsure(understood, [whichOrder(fits, lang)]);
  const o = fits[0]!;
  if (o.order.status !== 'created' && o.order.status !== 'paid') {
    return unsure(understood, [
      t(
        lang,
        `${describe(o, lang)}已经取消不了了${o.app === 'shop' && o.order.status === 'delivered' ? '；要退货吗？' : ''}`,
        `${describe(o, lang)} can no longer be cancelled${o.app === 'shop' && o.order.status === 'delivered' ? ': return it instead?' : ''}`,
      ),
    ]);
  }
  return step(
    o.app === 'food'
      ? { recipe: 'cancel_food_order', params: { order_id: o.order.id } }
      : { recipe: 'cancel_shop_order', params: { order_id: o.order.id } },
    0.9,
    t(lang, `取消订单${describe(o, lang)}`, `Cancel the order ${describe(o, lang)}`),
  );
}

/** The person's reason, as they said it, for the shop: the request less the ask itself. */
function reasonOf(text: string, lang: Lang): string {
  const because = text.match(/(?:\bbecause\b|\bsince\b|因为|由于)\s*(.+)$/i)?.[1];
  const reason = (because ?? text)
    .replace(
      /[，,。.!！]?\s*(?:please\s+)?(?:帮我|请)?(?:申请)?(?:退货|退款|退掉|退了|退回去?)[。.!！]*\s*$/i,
      '',
    )
    .replace(
      /[，,。.;；]?\s*(?:please\s+)?(?:(?:return|refund) (?:them|it|this|that)|send (?:them|it) back)\b.*$/i,
      '',
    )
    .replace(/[。.!！\s]+$/, '')
    .trim();
  if (reason.length < 2 || /^(?:please\s+)?(?:return|refund)\b/i.test(reason))
    return t(lang, '不想要了', 'No longer wanted');
  return reason.slice(0, 300);
}

/** Reads "上周买的那副降噪耳机音质不满意，帮我申请退货", "The slippers I got are too small, send them back". */
export function readReturn(input: ClauseInput): ClauseOutcome {
  const { cat, lang, text } = input;
  const understood = t(lang, '要退货', 'Return an order');
  const fits = ordersNamed(input);
  const shop = fits.filter((o): o is Extract<AnyOrder, { app: 'shop' }> => o.app === 'shop');
  if (fits.length > 0 && shop.length === 0) {
    return unsure(understood, [
      t(
        lang,
        '外卖订单不能退货；要取消还没开始做的订单吗？',
        'Food orders cannot be returned: cancel one not yet started?',
      ),
    ]);
  }
  if (shop.length !== 1) return unsure(understood, [whichOrder(shop, lang)]);
  const o = shop[0]!;
  const now = localIso(cat.now);
  if (o.order.status !== 'delivered' || !o.order.returnBy || o.order.returnBy < now) {
    const why =
      o.order.status === 'delivered'
        ? t(lang, '已经过了7天退货期', 'its 7-day return window has passed')
        : o.order.status === 'created' || o.order.status === 'paid'
          ? t(lang, '它还没发货，要取消订单吗？', 'it has not shipped: cancel the order instead?')
          : t(
              lang,
              `它${STATUS_ZH[o.order.status] ?? o.order.status}，还不能退货`,
              `it is ${o.order.status}, not delivered`,
            );
    return unsure(understood, [
      t(lang, `${describe(o, lang)}退不了：${why}`, `${describe(o, lang)} cannot be returned: ${why}`),
    ]);
  }
  const reason = reasonOf(text, lang);
  return step(
    { recipe: 'return_order', params: { order_id: o.order.id, reason } },
    0.9,
    t(lang, `退货${describe(o, lang)}，理由：${reason}`, `Return ${describe(o, lang)}, because: ${reason}`),
  );
}
