/**
 * Reads which food coupon a request names: "用我那张满30减5的券", "use my Morning Light coupon".
 * A coupon is used only when the request asks for one and exactly one usable coupon fits.
 */
import { type ClauseInput, nameOf, which, yuan } from './outcome.js';
import { escapeRegex, findName, t } from './text.js';
import type { Catalogue } from './types.js';

type Coupon = Catalogue['coupons'][number];

const ASKS_FOR_COUPON = /券|优惠|\bcoupons?\b|\bvouchers?\b/i;

/** What the request says about a coupon: none asked for, the one it means, or what is unclear. */
export type CouponReading =
  | { kind: 'none' }
  | { kind: 'coupon'; coupon: Coupon; at: number }
  | { kind: 'unsure'; missing: string };

/** The coupon the request asks for at this restaurant, for an order whose dishes come to `itemsFen`. */
export function readCoupon(input: ClauseInput, restaurantId: string, itemsFen: number): CouponReading {
  const { cat, lang, folded } = input;
  if (!ASKS_FOR_COUPON.test(folded)) return { kind: 'none' };
  const usable = cat.coupons.filter((c) => c.restaurantId === null || c.restaurantId === restaurantId);
  let fits = usable;
  const spend = folded.match(/满\s*(\d+)\s*减\s*(\d+)/);
  const off = folded.match(
    /(?:¥|rmb\s*)?(\d+)(?:\s*(?:yuan|rmb|元|块))?\s*off(?:\s+(?:orders?\s+)?over\s+(?:¥)?(\d+))?/i,
  );
  const named = usable.filter((c) => c.names.some((n) => findName(folded, n).length > 0));
  if (spend) {
    fits = usable.filter(
      (c) => c.thresholdFen === Number(spend[1]) * 100 && c.discountFen === Number(spend[2]) * 100,
    );
  } else if (off) {
    fits = usable.filter(
      (c) => c.discountFen === Number(off[1]) * 100 && (!off[2] || c.thresholdFen === Number(off[2]) * 100),
    );
  } else if (named.length > 0) fits = named;
  else {
    // "my Morning Light coupon", "晨光咖啡的券": the restaurant's name stands right before the word.
    const restaurant = cat.restaurants.find((r) => r.id === restaurantId);
    const before = (restaurant?.names ?? []).some((n) =>
      new RegExp(`${escapeRegex(n)}\\s*(?:的)?\\s*(?:优惠)?(?:券|coupon|voucher)`, 'i').test(folded),
    );
    if (before) fits = usable.filter((c) => c.restaurantId === restaurantId);
  }
  if (fits.length !== 1) {
    const options = usable.map((c) => nameOf(c, lang));
    return {
      kind: 'unsure',
      missing: options.length
        ? t(lang, `用哪张券？${which(options, lang)}`, `Which coupon? ${which(options, lang)}`)
        : t(lang, '没有能在这家店用的券', 'There is no usable coupon for this restaurant'),
    };
  }
  const coupon = fits[0]!;
  if (itemsFen < coupon.thresholdFen) {
    return {
      kind: 'unsure',
      missing: t(
        lang,
        `${nameOf(coupon, lang)}要满${yuan(coupon.thresholdFen)}，这单只有${yuan(itemsFen)}`,
        `${nameOf(coupon, lang)} needs ${yuan(coupon.thresholdFen)} of dishes; this order is ${yuan(itemsFen)}`,
      ),
    };
  }
  return { kind: 'coupon', coupon, at: folded.search(ASKS_FOR_COUPON) };
}
