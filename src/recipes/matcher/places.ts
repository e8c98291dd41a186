/**
 * Where: the person's own addresses of a kind (read by `person/`), the map's places by name, and where
 * the person probably is right now.
 */
import { localMinuteOfDay, localWeekday } from '../../world/clock.js';
import {
  type AddressKind,
  addressKind,
  deliveryPlaces,
  isRelationWord,
  partiesIn,
} from '../../person/index.js';
import { type ClauseInput, which } from './outcome.js';
import { findMentions, groupBySpan, type Span, t } from './text.js';
import type { Catalogue, Named } from './types.js';

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

/** Where an order or a purchase goes, as the request says it. */
export type Destination =
  | { type: 'said'; kind: AddressKind; spans: Span[] }
  | { type: 'default'; spans: Span[] }
  | { type: 'unsure'; missing: string };

const KIND_NAMES: Record<AddressKind, [string, string]> = {
  home: ['家', 'home'],
  office: ['公司', 'the office'],
  parents: ['爸妈家', "your parents' home"],
};

/**
 * Reads where the request sends what it buys: one of the person's saved addresses, or none said (the
 * caller's default). A place that is not a saved address ("送到人民广场", "to Tom's place", "到外滩"),
 * two different places, or a default the request rules out is asked about, never guessed.
 */
export function readDestination(input: ClauseInput, fallback: AddressKind): Destination {
  const { folded, lang } = input;
  const said = deliveryPlaces(folded);
  // A map place right after "到" / "to" is a place too: "送到外滩", "to the Bund".
  for (const p of placesIn(input)) {
    const before = folded.slice(0, p.span.start);
    const lead = before.match(/(?:到|送|寄|\bto\s+(?:the\s+)?|\bat\s+(?:the\s+)?)\s*$/i);
    if (!lead || said.some((d) => d.span.start <= p.span.start && p.span.end <= d.span.end)) continue;
    said.push({
      where: 'elsewhere',
      said: p.said,
      span: { start: p.span.start - lead[0].length, end: p.span.end },
      negated: false,
    });
  }
  const spans = said.map((d) => d.span);
  const meant = said.filter((d) => !d.negated);
  const elsewhere = meant.find((d) => d.where === 'elsewhere');
  if (elsewhere) {
    const someones =
      /家|那(?:儿|里|边)?$|'s\s+(?:place|home|house|flat|apartment)|^(?:his|her|their|him|them)\b/i;
    return {
      type: 'unsure',
      missing: someones.test(elsewhere.said)
        ? t(
            lang,
            `送到谁家？「${elsewhere.said}」不是保存过的地址`,
            `Whose place? "${elsewhere.said}" is not a saved address`,
          )
        : t(
            lang,
            `「${elsewhere.said}」不是保存过的收货地址，送到哪里？`,
            `"${elsewhere.said}" is not one of your saved addresses: where should it go?`,
          ),
    };
  }
  const kinds = [
    ...new Set(meant.flatMap((d) => (d.where === 'here' || d.where === 'elsewhere' ? [] : [d.where]))),
  ];
  if (kinds.length > 1) {
    const names = kinds.map((k) => t(lang, KIND_NAMES[k][0], KIND_NAMES[k][1]));
    return {
      type: 'unsure',
      missing: t(lang, `送到哪里？${which(names, lang)}`, `Where should it go? ${which(names, lang)}`),
    };
  }
  if (kinds.length === 1) return { type: 'said', kind: kinds[0]!, spans };
  if (said.some((d) => d.negated && d.where === fallback)) {
    return {
      type: 'unsure',
      missing: t(lang, '不送那里的话，送到哪里？', 'If not there, where should it go?'),
    };
  }
  return { type: 'default', spans };
}

/**
 * Who the request buys for ("给爸妈点…", "for Emily"): read only when it also says where it goes,
 * since "给王芳点一份宫保鸡丁" with no place would send 王芳's lunch to the person's own default.
 */
export function beneficiarySpans(input: ClauseInput): Span[] {
  const { folded, cat } = input;
  const out: Span[] = [];
  const isSomeone = (at: number, said: string) =>
    isRelationWord(said.replace(/^我的?/, '')) ||
    partiesIn(cat.person, folded).some(
      (m) => m.span.start <= at && at + said.length <= m.span.end + 0 && m.span.end === at + said.length,
    );
  for (const m of folded.matchAll(/给\s*([^\s，,。；;]{1,6}?)(?=点|订|叫|买|来|寄|送|下单)/g)) {
    const at = m.index + m[0].length - m[1]!.length;
    if (isSomeone(at, m[1]!)) out.push({ start: m.index, end: m.index + m[0].length });
  }
  for (const m of folded.matchAll(/\bfor\s+(?:my\s+)?([A-Za-z]+(?:\s+(?:and\s+)?[A-Za-z]+)?)\b/gi)) {
    for (const said of [m[1]!, m[1]!.split(/\s+/)[0]!]) {
      const at = m.index + m[0].length - m[1]!.length;
      if (isSomeone(at, said)) {
        out.push({ start: m.index, end: at + said.length });
        break;
      }
    }
  }
  return out;
}
