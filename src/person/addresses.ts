/**
 * The person's own addresses by what they call them: 家 / home, 公司 / 单位 / office / work, 爸妈家 /
 * parents — and where a request says to deliver ("送到公司", "ship it home"). One table for the
 * offline reader, the planner's checks and the guard.
 */

import type { Span } from './names.js';

/** The kinds of saved address a request can name. */
export type AddressKind = 'home' | 'office' | 'parents';

const ADDRESS_NAMES: Record<AddressKind, string[]> = {
  home: ['家', 'Home'],
  office: ['公司', 'Office'],
  parents: ['爸妈家', "Parents' home"],
};

/** The kind of a saved address from its label. */
export function addressKindOfLabel(label: string): AddressKind | undefined {
  if (/爸妈|父母|parent/i.test(label)) return 'parents';
  if (/公司|单位|办公|office|work/i.test(label)) return 'office';
  if (/家|home/i.test(label)) return 'home';
  return undefined;
}

/** Names without duplicates or blanks, in order. */
function unique(names: (string | undefined)[]): string[] {
  const out: string[] = [];
  for (const n of names) {
    const s = n?.trim();
    if (s && !out.includes(s)) out.push(s);
  }
  return out;
}

/** The names of a saved address: its Chinese label, its English label, then the usual names of its kind. */
export function addressNames(labels: string[]): string[] {
  const kind = labels.map(addressKindOfLabel).find((k) => k !== undefined);
  const usual = kind ? ADDRESS_NAMES[kind] : [];
  const zh = labels.find((l) => /[\u3400-\u9fff]/.test(l)) ?? usual[0];
  const en = labels.find((l) => !/[\u3400-\u9fff]/.test(l)) ?? usual[1];
  return unique([zh, en, ...labels, ...usual]);
}

/** The kind of a saved address from its names (the second name of each kind is its English label). */
export function addressKind(names: string[]): AddressKind | undefined {
  for (const kind of Object.keys(ADDRESS_NAMES) as AddressKind[]) {
    if (ADDRESS_NAMES[kind].some((n) => names.includes(n))) return kind;
  }
  return undefined;
}

/**
 * The words for each kind of place, as patterns. 家 is home only as a word of its own: not in 家人,
 * 家常, 家具, 家电 or 家乐福 — and it needs a word for going there before it (see `deliveryKind`), so
 * "那家川味小馆" says nothing of home.
 */
const KIND_WORDS: [AddressKind, string][] = [
  [
    'parents',
    "爸妈家|父母家|爸妈那(?:儿|里)?|父母那(?:儿|里)?|妈妈家|爸爸家|我妈家|我爸家|parents'?s?(?:\\s+(?:place|home|house))?|(?:mom|mum|dad)'s (?:place|house)",
  ],
  ['office', '公司|单位|办公室|工位|写字楼|office|work(?:place)?|desk'],
  [
    'home',
    '家里|家(?![人乐常具居电庭族乡务政属长教])|home|(?:my|our) (?:place|house|apartment|flat)|the apartment|the flat',
  ],
];

/** The kind of address a word names on its own ("公司", "home"), if it is one. */
export function addressKindOfWord(word: string): AddressKind | undefined {
  const w = word.trim().replace(/^(?:我的|我|the\s+|my\s+)/i, '');
  for (const [kind, words] of KIND_WORDS) if (new RegExp(`^(?:${words})$`, 'i').test(w)) return kind;
  return undefined;
}

/** Every saved address a text names with a word for going there, with where its name starts. */
function savedPlacesSaid(text: string): { kind: AddressKind; span: Span; placeAt: number }[] {
  const out: { kind: AddressKind; span: Span; placeAt: number }[] = [];
  for (const [kind, words] of KIND_WORDS) {
    const zh = new RegExp(
      `(?:送到|送去|送至|送往|送回|寄到|寄去|寄往|寄至|寄回|发到|配送到|送|寄|到|回|地址(?:是|用|选)?)\\s*((?:我的?|我们)?(?:${words}))`,
      'gi',
    );
    const en = new RegExp(
      `\\b(?:to|at|for|deliver(?:ed)?|ship(?:ped)?|send|sent)\\s+(?:(?:it|them|this|these)\\s+)?((?:the\\s+|my\\s+)?(?:${words}))\\b`,
      'gi',
    );
    const theirs =
      kind === 'parents' && /爸妈|父母|我爸|我妈|爸爸|妈妈/.test(text)
        ? [...text.matchAll(/(?:送到|送去|送至|送往|寄到|寄去|发到|到)\s*(他们(?:家|那(?:儿|里)?))/g)]
        : [];
    for (const m of [...text.matchAll(zh), ...text.matchAll(en), ...theirs]) {
      const end = m.index + m[0].length;
      out.push({ kind, span: { start: m.index, end }, placeAt: end - m[1]!.length });
    }
  }
  return out.sort((a, b) => a.span.start - b.span.start);
}

/** Where a request says to deliver or ship: "送到公司", "寄到家里", "to the office", "ship home". */
export function deliveryKind(text: string): { kind: AddressKind; span: Span } | undefined {
  // The last one said wins: "不要送到公司，送到家" goes home.
  const last = savedPlacesSaid(text).at(-1);
  return last ? { kind: last.kind, span: last.span } : undefined;
}

/** One place a request says to deliver or ship to, and what errand makes of it. */
export interface DeliveryPlace {
  /**
   * A kind of saved address ("公司", "home"); 'here' for "送过来" / "bring it to me" (where the person
   * is, as the default guesses); 'elsewhere' for any other place ("人民广场", "Tom's place", "他家").
   */
  where: AddressKind | 'here' | 'elsewhere';
  /** The words that name the place, as written. */
  said: string;
  /** The whole phrase, verb and place ("送到人民广场"). */
  span: { start: number; end: number };
  /** True when it says not to send it there ("不要送到公司", "not to the office"). */
  negated: boolean;
}

const ZH_SEND =
  '(?:送货|配送|外送|送餐)?(?:送到|送去|送至|送往|送回|送给|寄到|寄去|寄往|寄至|寄回|寄给|发到|配送到|送|寄)';
/** Where a Chinese place word ends: punctuation, a number, or a word that starts the next part. */
const ZH_PLACE_END =
  '(?=$|[\\s，,。；;！!？?、（(]|[0-9０-９一二两三四五六七八九十]|再|然后|并|顺便|预算|不超过|最多|以内|吧|哦|啊|呢|就|即可|可以|谢谢|哈|，)';
const ZH_HERE = /^(?:过来|过去|来|上来|上去|这里|这儿|我这(?:里|儿)?)$/;
/** Chinese words that name a place to go to on their own, after a bare "到": "王芳家", "人民广场". */
const ZH_PLACEISH =
  /(?:家|那(?:儿|里|边)?|这(?:儿|里|边)|楼|路|号|广场|公园|站|大厦|大楼|小区|店|门口|中心|医院|学校|大学|酒店|饭店|宾馆|机场|公寓|园区|寺|塔|街)$/;
const EN_SEND =
  '\\b(?:deliver(?:ed|ing)?|ship(?:ped|ping)?|send|sent|bring|brought|mail(?:ed)?|drop(?:ped)?(?:\\s+(?:it|them))?\\s+off)(?:\\s+(?:it|them|this|that|these|those|everything|the order|over))*';
/** Where an English place phrase ends. */
const EN_PLACE_END =
  '(?=$|[,.;!?(]|\\s+(?:and|then|please|pls|for|by|with|under|below|max|budget|tomorrow|today|tonight|at|before|asap|now|using|use|keep|no|but|so|if|within|from)\\b|\\s+[¥\\d])';
const EN_PLACE = "((?:the|my|our|his|her|their|a|an)\\s+)?([A-Za-z'-]+(?:\\s+[A-Za-z'-]+){0,4}?)";

function classify(words: string, lang: 'zh' | 'en'): DeliveryPlace['where'] {
  const w = words.trim();
  const kind = addressKindOfWord(w);
  if (kind) return kind;
  if (lang === 'zh') {
    if (ZH_HERE.test(w)) return 'here';
    // "他们家" is the parents' home when the request is about them (see `deliveryKind`).
    return 'elsewhere';
  }
  if (/^(?:me|here|us)$/i.test(w)) return 'here';
  return 'elsewhere';
}

/**
 * Every place the text says to deliver or ship to, in order: "送到人民广场", "寄到公司", "送过来",
 * "deliver it to my friend's place", "to the office", "ship home". A place that is not a saved
 * address is 'elsewhere', never read as a default.
 */
export function deliveryPlaces(text: string): DeliveryPlace[] {
  const out: DeliveryPlace[] = [];
  const add = (where: DeliveryPlace['where'], said: string, start: number, end: number) => {
    if (out.some((o) => start < o.span.end && o.span.start < end)) return;
    const before = text.slice(Math.max(0, start - 12), start);
    const no = before.match(/(?:不要|不用|别|不是|不)\s*$|\b(?:not|don't|do not|never)\s+(?:\w+\s+)?$/i);
    // "不要送到公司": the words that say not to are part of what was said about the place.
    const from = no ? start - no[0].length : start;
    out.push({ where, said, span: { start: from, end }, negated: !!no });
  };
  // A saved address said with its own verb or "到" ("送到公司", "到家", "to the office", "ship home").
  for (const k of savedPlacesSaid(text))
    add(k.kind, text.slice(k.placeAt, k.span.end), k.span.start, k.span.end);
  for (const m of text.matchAll(
    new RegExp(`${ZH_SEND}\\s*([\\u3400-\\u9fffA-Za-z0-9'·]{1,14}?)${ZH_PLACE_END}`, 'g'),
  )) {
    const said = m[1]!;
    // "送一份" / "寄两本": what follows is a count, not a place.
    if (/^[0-9一二两三四五六七八九十几]/.test(said)) continue;
    add(classify(said, 'zh'), said, m.index, m.index + m[0].length);
  }
  for (const m of text.matchAll(
    /(?<![收得做办])到\s*([\u3400-\u9fffA-Za-z'·]{1,12}?)(?=$|[\s，,。；;！!？?、]|再|然后|并|顺便|预算|[0-9])/g,
  )) {
    const said = m[1]!;
    if (ZH_PLACEISH.test(said)) add(classify(said, 'zh'), said, m.index, m.index + m[0].length);
  }
  for (const m of text.matchAll(
    new RegExp(`${EN_SEND}\\s+(?:over\\s+)?(?:to|at)\\s+${EN_PLACE}${EN_PLACE_END}`, 'gi'),
  )) {
    const said = `${m[1] ?? ''}${m[2]!}`;
    add(classify(said, 'en'), said, m.index, m.index + m[0].length);
  }
  // A bare "to" names a place only in a place's own shape: "to People's Square", "to Tom's place".
  for (const m of text.matchAll(new RegExp(`\\bto\\s+${EN_PLACE}${EN_PLACE_END}`, 'g'))) {
    const said = `${m[1] ?? ''}${m[2]!}`;
    const shaped =
      /^(?:my|our|his|her|their|the)\s/i.test(said) || /^[A-Z]/.test(m[2]!) || addressKindOfWord(said);
    if (/^(?:him|her|them|me)$/i.test(said)) add('elsewhere', said, m.index, m.index + m[0].length);
    else if (shaped) add(classify(said, 'en'), said, m.index, m.index + m[0].length);
  }
  return out.sort((a, b) => a.span.start - b.span.start);
}

/**
 * True when the request sends something to a place that is not one of the person's saved addresses
 * ("送到他家", "to her place", "送到人民广场"): the default address would be a guess.
 */
export function namesOtherPlace(text: string): boolean {
  return deliveryPlaces(text).some((p) => p.where === 'elsewhere' && !p.negated);
}
