/**
 * Where: the person's own addresses of a kind (read by `person/`), the map's places by name, and where
 * the person probably is right now.
 */
import { localMinuteOfDay, localWeekday } from '../../world/clock.js';
import { type AddressKind, addressKind } from '../../person/index.js';
import type { ClauseInput } from './outcome.js';
import { findMentions, groupBySpan, type Span } from './text.js';
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
