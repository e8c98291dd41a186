/**
 * Every name of a thing the matcher looks for, built once per catalogue: the catalogue's own names
 * (exact) and the shorter words people use for them (partial: "奶茶" for "珍珠奶茶", "umbrella" for
 * "Folding Umbrella"). People are not here: they are `person/`'s, read with `partiesIn`.
 */
import type { Party } from '../../person/index.js';
import { findMentions, groupBySpan, type Span } from './text.js';
import type { Catalogue } from './types.js';

/** A catalogue item with the name it was found by. */
export interface Entry<T> {
  item: T;
  name: string;
  /** True for the item's own name, false for a shorter word or a relation. */
  exact: boolean;
}

/** A contact or a group: who a message or an invitation can go to. */
export type Recipient = Extract<Party, { kind: 'contact' | 'group' }>;

/** The names the matcher looks for in one catalogue. */
export interface Lexicon {
  restaurants: Entry<Catalogue['restaurants'][number]>[];
  dishes: Entry<Catalogue['dishes'][number]>[];
  products: Entry<Catalogue['products'][number]>[];
  places: Entry<Catalogue['places'][number]>[];
  bills: Entry<Catalogue['bills'][number]>[];
}

const CJK = /[\u3400-\u9fff]/;
/** English words too plain to stand for a thing on their own. */
const PLAIN = new Set([
  'set',
  'pack',
  'packs',
  'box',
  'pair',
  'case',
  'bowl',
  'plate',
  'cup',
  'with',
  'and',
  'of',
  'the',
]);

/**
 * The shorter words a name is called by: its Chinese heads and tails ("美式" and "咖啡" for "美式咖啡",
 * "雨伞" for "折叠雨伞"), its English tails ("Umbrella") and heads of two words or more ("Kung Pao").
 */
export function partialNames(name: string): string[] {
  const out: string[] = [];
  if (CJK.test(name)) {
    const s = name.replace(/\s+/g, '');
    // Tails that start on a Chinese character: "纯棉圆领T恤" → "T恤", "数据线", but not "SB-C数据线".
    for (let i = 1; i <= s.length - 2; i++) {
      const tail = s.slice(i);
      if (CJK.test(s[i]!) || (/[A-Za-z]/.test(s[i]!) && !/[A-Za-z0-9-]/.test(s[i - 1]!))) out.push(tail);
    }
    for (let n = 2; n < s.length; n++) {
      const head = s.slice(0, n);
      if (CJK.test(head) && CJK.test(s[n - 1]!) && !/[\d（(]/.test(head)) out.push(head);
    }
  } else {
    const words = name.split(/\s+/);
    for (let i = 1; i < words.length; i++) {
      const tail = words.slice(i).join(' ');
      if (!(words.length - i === 1 && PLAIN.has(tail.toLowerCase())) && tail.length >= 3) out.push(tail);
    }
    for (let n = 2; n < words.length; n++) out.push(words.slice(0, n).join(' '));
  }
  return out;
}

function entries<T extends { names: string[] }>(items: T[], partial: boolean): Entry<T>[] {
  const out: Entry<T>[] = [];
  for (const item of items) {
    for (const name of item.names) out.push({ item, name, exact: true });
    if (!partial) continue;
    const own = new Set(item.names.map((n) => n.toLowerCase()));
    for (const name of new Set(item.names.flatMap(partialNames))) {
      if (!own.has(name.toLowerCase())) out.push({ item, name, exact: false });
    }
  }
  return out;
}

const cache = new WeakMap<Catalogue, Lexicon>();

/** The lexicon of a catalogue, built on first use. */
export function lexiconOf(cat: Catalogue): Lexicon {
  const cached = cache.get(cat);
  if (cached) return cached;
  const lexicon: Lexicon = {
    restaurants: entries(cat.restaurants, false),
    dishes: entries(cat.dishes, true),
    products: entries(cat.products, true),
    places: entries(cat.places, false),
    bills: entries(cat.bills, false),
  };
  cache.set(cat, lexicon);
  return lexicon;
}

const CONTAINER_OF =
  /\b(?:bottles?|boxes|box|bags?|packs?|pairs?|sets?|cans?|cups?|bowls?|pieces?|plates?|slices?)\s+of\b/gi;

/** One place in the text that names something, and every item it can mean there. */
export interface ItemMention<T> {
  span: Span;
  said: string;
  items: T[];
  /** True when it was an item's own name, false when a shorter word. */
  exact: boolean;
}

/**
 * The items the text names, own names preferred over shorter words. Words that all fit one item are
 * one mention of it: "无线" and "鼠标" in "无线鼠标" both fit the silent wireless mouse.
 */
export function itemsIn<T>(raw: string, entries: Entry<T>[]): ItemMention<T>[] {
  // "a bottle of shampoo" names shampoo; the bottle is only how it comes.
  const text = raw.replace(CONTAINER_OF, (m) => ' '.repeat(m.length));
  const groups = groupBySpan(
    findMentions(
      text,
      entries.map((e) => ({ item: e, name: e.name })),
    ),
  );
  const mentions = groups.map((g) => {
    const exact = g.items.filter((e) => e.exact);
    const chosen = exact.length ? exact : g.items;
    return {
      span: g.span,
      said: text.slice(g.span.start, g.span.end),
      items: [...new Set(chosen.map((e) => e.item))],
      exact: exact.length > 0,
    };
  });
  if (mentions.length < 2) return mentions;
  const common = mentions[0]!.items.filter((i) => mentions.every((m) => m.items.includes(i)));
  if (common.length === 0) return mentions;
  const span = { start: mentions[0]!.span.start, end: mentions[mentions.length - 1]!.span.end };
  return [
    { span, said: text.slice(span.start, span.end), items: common, exact: mentions.some((m) => m.exact) },
  ];
}
