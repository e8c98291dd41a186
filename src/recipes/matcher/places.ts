/**
 * Where: the person's own addresses by what they call them (公司 / 单位 / office / work, 家 / home,
 * 爸妈家 / parents), the map's places by name, and where the person probably is right now.
 */
import { localMinuteOfDay, localWeekday } from '../../world/clock.js';
import { type AddressKind, addressKind } from './names.js';
import type { ClauseInput } from './outcome.js';
import { findMentions, groupBySpan, type Span } from './text.js';
import type { Catalogue, Named } from './types.js';

const KIND_WORDS: [AddressKind, string][] = [
  [
    'parents',
    "爸妈家|父母家|爸妈那(?:儿|里)?|父母那(?:儿|里)?|妈妈家|爸爸家|我妈家|我爸家|parents'?s?(?:\\s+(?:place|home|house))?|(?:mom|mum|dad)'s (?:place|house)",
  ],
  ['office', '公司|单位|办公室|工位|写字楼|office|work(?:place)?'],
  ['home', '家里|家(?![人乐常具居电])|home|(?:my|our) (?:place|house|apartment|flat)|the apartment|the flat'],
];

/** The kind of address a word names on its own ("公司", "home"), if it is one. */
export function addressKindOfWord(word: string): AddressKind | undefined {
  const w = word.trim().replace(/^(?:我的|我|the\s+|my\s+)/i, '');
  for (const [kind, words] of KIND_WORDS) if (new RegExp(`^(?:${words})$`, 'i').test(w)) return kind;
  return undefined;
}

/** Where the request says to deliver or ship: "送到公司", "寄到家里", "to the office", "ship home". */
export function deliveryKind(text: string): { kind: AddressKind; span: Span } | undefined {
  // The last one said wins: "不要送到公司，送到家" goes home.
  let last: { kind: AddressKind; span: Span } | undefined;
  for (const [kind, words] of KIND_WORDS) {
    const zh = new RegExp(
      `(?:送到|送去|送至|送往|寄到|寄去|寄往|寄至|发到|配送到|送|寄|到|地址(?:是|用|选)?)\\s*(?:我的?)?(?:${words})`,
      'gi',
    );
    const en = new RegExp(
      `\\b(?:to|at|deliver(?:ed)?|ship(?:ped)?|send)\\s+(?:the\\s+|my\\s+)?(?:${words})\\b`,
      'gi',
    );
    const theirs =
      kind === 'parents' && /爸妈|父母|我爸|我妈|爸爸|妈妈/.test(text)
        ? [...text.matchAll(/(?:送到|送去|送至|送往|寄到|寄去|发到|到)\s*他们(?:家|那(?:儿|里)?)/g)]
        : [];
    for (const m of [...text.matchAll(zh), ...text.matchAll(en), ...theirs]) {
      if (!last || m.index > last.span.start)
        last = { kind, span: { start: m.index, end: m.index + m[0].length } };
    }
  }
  return last;
}

/**
 * True when the request sends something to someone else's place that is not a saved address
 * ("送到他家", "to her place"): the default address would be a guess.
 */
export function namesOtherPlace(text: string): boolean {
  return /(?:送到|送去|寄到|寄去|发到|到)\s*(?:他|她|他们|她们|[^\s，,。]{1,4}?的)(?:家|那(?:儿|里))|\bto (?:his|her|their|[A-Z][a-z]+'s) (?:place|house|home|flat|apartment)\b/.test(
    text,
  );
}

/** The saved address of a kind in a list of addresses (food or shop). */
export function addressOfKind<T extends Named>(addresses: T[], kind: AddressKind): T | undefined {
  return addresses.find((a) => addressKind(a.names) === kind);
}

/** True on a weekday between two local times (minutes since midnight). */
function weekdayBetween(now: number, from: number, to: number): boolean {
  const day = localWeekday(now);
  const minute = localMinuteOfDay(now);
  return day >= 1 && day <= 5 && minute >= from && minute < to;
}

/** Where lunch goes when the request does not say: the office on a weekday 10:00–14:00, else home. */
export function defaultFoodKind(now: number): AddressKind {
  return weekdayBetween(now, 10 * 60, 14 * 60) ? 'office' : 'home';
}

/** Where the person probably is: the office on a weekday 9:00–18:00, else home. */
export function currentKind(now: number): AddressKind {
  return weekdayBetween(now, 9 * 60, 18 * 60) ? 'office' : 'home';
}

/** The map place of one of the person's own addresses. */
export function placeOfKind(cat: Catalogue, kind: AddressKind): string | undefined {
  return (addressOfKind(cat.foodAddresses, kind) ?? addressOfKind(cat.shopAddresses, kind))?.placeId;
}

/** One place the text names, and every place it could be. */
export interface PlaceMention {
  span: Span;
  said: string;
  candidates: Catalogue['places'];
}

/** The map places the text names, in order. */
export function placesIn(input: ClauseInput, text = input.folded): PlaceMention[] {
  const mentions = findMentions(
    text,
    input.lex.places.map((e) => ({ item: e.item, name: e.name })),
  );
  return groupBySpan(mentions).map((g) => ({
    span: g.span,
    said: text.slice(g.span.start, g.span.end),
    candidates: g.items,
  }));
}

/** Places whose names contain a word, for "虹桥" → the station, the airport or the hotel. */
export function placesContaining(cat: Catalogue, word: string): Catalogue['places'] {
  const w = word.trim().toLowerCase();
  if (w.length < 2) return [];
  // Every word said must be in one of its names: "Pudong airport" → Pudong International Airport.
  const words = w.split(/\s+/).filter((x) => !['the', 'my', 'a', 'an'].includes(x));
  return cat.places.filter((p) => p.names.some((n) => words.every((x) => n.toLowerCase().includes(x))));
}
