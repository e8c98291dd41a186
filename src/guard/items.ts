import { sameName } from '../person/index.js';
import type { WantedItem } from './intents.js';

/**
 * The names of the things errand can buy, by id (dishes, products, restaurants): from the catalogue the
 * sandbox gives the guard, and learned from what errand reads. An order line is checked against the
 * person's words through these names.
 */
export class ItemNames {
  readonly #names = new Map<string, string[]>();
  readonly #prices = new Map<string, number>();
  readonly #about = new Map<string, string[]>();

  constructor(known: { id: string; names: string[]; priceFen?: number }[] = []) {
    for (const k of known) {
      this.#names.set(k.id, k.names);
      if (k.priceFen !== undefined) this.#prices.set(k.id, k.priceFen);
    }
  }

  /** The unit price of a dish or product in fen, when errand knows it. */
  price(id: string): number | undefined {
    return this.#prices.get(id);
  }

  /** The names of an id, or none. */
  of(id: string): string[] {
    return this.#names.get(id) ?? [];
  }

  /**
   * The name of an id for people, in their language when errand knows one ("Oat Latte" to an English
   * speaker, 燕麦拿铁 to a Chinese one), else the first it knows.
   */
  first(id: string, lang?: 'zh' | 'en'): string | undefined {
    const names = this.#names.get(id);
    if (!names?.length || !lang) return names?.[0];
    const chinese = (n: string) => /[\u3400-\u9fff]/.test(n);
    return names.find((n) => chinese(n) === (lang === 'zh')) ?? names[0];
  }

  /** Records the names of every listed thing in an app's answer: `{ id, name_zh, name_en }`. */
  learn(value: unknown): void {
    if (Array.isArray(value)) {
      for (const v of value) this.learn(v);
      return;
    }
    if (!value || typeof value !== 'object') return;
    const obj = value as Record<string, unknown>;
    const id = obj.id ?? obj.dish_id ?? obj.product_id;
    const names = [obj.name_zh, obj.name_en].filter(
      (n): n is string => typeof n === 'string' && n.length > 1,
    );
    if (typeof id === 'string' && names.length && !this.#names.has(id)) this.#names.set(id, names);
    const price = (obj.price as { amount?: unknown } | undefined)?.amount;
    if (typeof id === 'string' && names.length && Number.isInteger(price) && !this.#prices.has(id))
      this.#prices.set(id, price as number);
    this.learnAbout(obj);
    for (const v of Object.values(obj)) if (v && typeof v === 'object') this.learn(v);
  }

  /**
   * What an object the person has is about, as the apps show it: an event's title, an order's shop and
   * dishes, a message's text. A change the person asked for "about" something is checked against it.
   */
  private learnAbout(obj: Record<string, unknown>): void {
    const id = obj.order_id ?? obj.event_id ?? obj.message_id ?? obj.id;
    if (typeof id === 'string' && this.#about.has(id)) return;
    const words: string[] = [];
    for (const key of ['title', 'text']) if (typeof obj[key] === 'string') words.push(obj[key] as string);
    const shop = obj.restaurant as Record<string, unknown> | undefined;
    for (const n of [shop?.name_zh, shop?.name_en]) if (typeof n === 'string') words.push(n);
    if (Array.isArray(obj.items))
      for (const item of obj.items as Record<string, unknown>[])
        for (const n of [item?.name_zh, item?.name_en]) if (typeof n === 'string') words.push(n);
    if (typeof id === 'string' && words.length && (obj.title || obj.text || obj.items))
      this.#about.set(id, words);
  }

  /** What errand has seen an object is about (title, dishes, text), or none. */
  about(id: string): string[] {
    return this.#about.get(id) ?? [];
  }

  /** True when some known thing is called exactly this. */
  private exactlyNamed(said: string, except: string): boolean {
    for (const [id, names] of this.#names)
      if (id !== except && names.some((n) => sameName(n, said))) return true;
    return false;
  }

  /**
   * True when the thing `id` is what the person meant by a wanted item. When the item's ids are known
   * they decide alone. Otherwise: its own name, give or take how many ("两份宫保鸡丁", "two lattes"); or
   * a shorter word for it that it ends with ("拿铁" for 燕麦拿铁, "latte" for Iced Latte) when no other
   * thing is called exactly that. A name inside a longer one said is another thing: 燕麦拿铁 is not a
   * 拿铁, 芒果糯米饭 not a 米饭.
   */
  wanted(item: WantedItem, id: string): boolean {
    if (item.ids?.length) return item.ids.includes(id);
    const names = this.of(id);
    return item.names.some((raw) => {
      const said = withoutCount(raw);
      return names.some((n) => sameName(said, n) || (endsWithName(n, said) && !this.exactlyNamed(said, id)));
    });
  }
}

const COUNT_ZH =
  /^(?:\d+|[一二两三四五六七八九十几]+)\s*(?:杯|份|碗|个|盒|只|瓶|袋|包|件|双|套|本|条|张|支|台|罐|串|笼|块|片|对|听|盘)\s*/;
const COUNT_EN =
  /^(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|a couple of)\s+(?:(?:cups?|bowls?|boxes|box|bottles?|packs?|pairs?|pieces?|portions?|servings?|orders?|bags?|cans?|sets?)\s+of\s+)?/i;

/** A thing as said without how many: "两份宫保鸡丁" → 宫保鸡丁, "two lattes" → lattes. */
function withoutCount(said: string): string {
  return said.trim().replace(COUNT_ZH, '').replace(COUNT_EN, '').trim();
}

/** True when a name ends with the word said, as a whole word (plural allowed): "Iced Latte" ends with "lattes". */
function endsWithName(name: string, said: string): boolean {
  const n = name.trim().toLowerCase();
  const w = said.trim().toLowerCase();
  if (!w || n === w) return false;
  if (/[\u3400-\u9fff]$/.test(n)) return n.endsWith(w);
  const singular = w.replace(/(?<=[a-z])e?s$/, '');
  return [w, singular].some((x) => x.length > 2 && n.endsWith(` ${x}`));
}

/** The dish or product ids (with quantities) in order lines: `[{ dish_id, quantity }]`, or one id. */
export function orderLines(value: unknown): { id: string; quantity: number }[] {
  const lines = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return lines.flatMap((line) => {
    if (typeof line === 'string') return [{ id: line, quantity: 1 }];
    if (!line || typeof line !== 'object') return [];
    const obj = line as Record<string, unknown>;
    const id = obj.dish_id ?? obj.product_id ?? obj.id;
    const quantity = typeof obj.quantity === 'number' ? obj.quantity : 1;
    return typeof id === 'string' ? [{ id, quantity }] : [];
  });
}

/**
 * The carts as the apps last showed them to this errand (food keeps one per restaurant, the shop
 * one), so an order placed "from the cart" is checked on what it really buys.
 */
export class CartBook {
  readonly #carts = new Map<string, { id: string; quantity: number }[]>();
  /** Each cart as errand first saw it: what the person had put there before this errand. */
  readonly #first = new Map<string, { id: string; quantity: number }[]>();

  private static key(app: string, shop: unknown): string {
    return `${app}:${typeof shop === 'string' ? shop : ''}`;
  }

  /** Reads any cart in a cart tool's answer (`view_cart`, `add_to_cart`, `remove_from_cart`). */
  learn(app: string, tool: string, input: Record<string, unknown>, output: unknown): void {
    if (!/cart/.test(tool) || !output || typeof output !== 'object') return;
    const obj = output as Record<string, unknown>;
    const views: unknown[] = Array.isArray(obj.carts) ? obj.carts : obj.cart ? [obj.cart] : [obj];
    // Asked for one restaurant's cart and shown none: that cart is empty.
    if (Array.isArray(obj.carts) && obj.carts.length === 0 && typeof input.restaurant_id === 'string')
      this.set(CartBook.key(app, input.restaurant_id), []);
    for (const v of views) {
      if (!v || typeof v !== 'object' || !Array.isArray((v as { items?: unknown }).items)) continue;
      const shop = (v as { restaurant?: { id?: unknown } }).restaurant?.id;
      this.set(CartBook.key(app, shop), orderLines((v as { items: unknown[] }).items));
    }
  }

  private set(key: string, lines: { id: string; quantity: number }[]): void {
    this.#carts.set(key, lines);
    if (!this.#first.has(key)) this.#first.set(key, lines);
  }

  /** The cart as errand first saw it in this errand (before any change of its own), or undefined. */
  first(app: string, shop?: string): { id: string; quantity: number }[] | undefined {
    return this.#first.get(CartBook.key(app, shop));
  }

  /** The cart errand last saw in an app (at a restaurant), or undefined when it has not looked. */
  of(app: string, shop?: string): { id: string; quantity: number }[] | undefined {
    return this.#carts.get(CartBook.key(app, shop));
  }
}
