import type Database from 'better-sqlite3';
import { ErrandError } from '../../../errors.js';
import { AREA_RADIUS_M, AREAS } from './catalog.js';

/** What kind of place a place is. */
export const PLACE_CATEGORIES = [
  'home',
  'office',
  'restaurant',
  'cafe',
  'bar',
  'shop',
  'supermarket',
  'pharmacy',
  'mall',
  'landmark',
  'station',
  'airport',
  'hospital',
  'park',
  'school',
  'library',
  'hotel',
  'gym',
  'bank',
  'post_office',
] as const;

/** One place category. */
export type PlaceCategory = (typeof PLACE_CATEGORIES)[number];

/** The ways to travel between two places. */
export const ROUTE_MODES = ['walk', 'bike', 'ebike', 'drive', 'transit'] as const;

/** One travel mode. */
export type RouteMode = (typeof ROUTE_MODES)[number];

/** A place row: names, address and coordinates. */
export interface PlaceRow {
  id: string;
  name_zh: string;
  name_en: string;
  /** Other names people use, space-separated ("虹桥火车站 Hongqiao Station"); may be empty. */
  aliases: string;
  category: PlaceCategory;
  district_zh: string;
  district_en: string;
  /** The neighbourhood people call it by (陆家嘴, 静安寺), or the district when it is in none. */
  area_zh: string;
  area_en: string;
  address_zh: string;
  address_en: string;
  lat: number;
  lng: number;
}

/** A route between two places by one mode. */
export interface Route {
  mode: RouteMode;
  /** Travel distance along streets, in metres. */
  distance_m: number;
  /** Travel time in whole minutes, waiting included. */
  duration_min: number;
  /** Distance as the crow flies, in metres. */
  straight_line_m: number;
}

/**
 * How each mode travels: streets are longer than the straight line (detour factor), speeds are city
 * averages, and some modes lose fixed minutes (unlocking a bike, parking, walking to a station and waiting).
 */
const MODES: Record<RouteMode, { detour: number; metersPerMin: number; fixedMin: number }> = {
  walk: { detour: 1.25, metersPerMin: 75, fixedMin: 0 },
  bike: { detour: 1.3, metersPerMin: 200, fixedMin: 1 },
  ebike: { detour: 1.3, metersPerMin: 300, fixedMin: 0 },
  drive: { detour: 1.4, metersPerMin: 400, fixedMin: 3 },
  transit: { detour: 1.35, metersPerMin: 420, fixedMin: 10 },
};

const EARTH_RADIUS_M = 6_371_000;

/** What a new place needs; its neighbourhood is worked out from its coordinates. */
export type NewPlace = Omit<PlaceRow, 'area_zh' | 'area_en' | 'aliases'> & { aliases?: string };

/** The neighbourhood a point lies in: the nearest area centre in reach, else the district. */
function areaOf(place: NewPlace): { area_zh: string; area_en: string } {
  let best: { area_zh: string; area_en: string; d: number } | undefined;
  for (const [zh, en, lat, lng] of AREAS) {
    const d = straightLineMeters(place, { lat, lng });
    if (d <= AREA_RADIUS_M && (!best || d < best.d)) best = { area_zh: zh, area_en: en, d };
  }
  return best
    ? { area_zh: best.area_zh, area_en: best.area_en }
    : { area_zh: place.district_zh, area_en: place.district_en };
}

/** Adds a place to the map; other apps call this while seeding (food adds its restaurants). */
export function addPlace(db: Database.Database, place: NewPlace): void {
  if (!PLACE_CATEGORIES.includes(place.category)) {
    throw new ErrandError(
      'INVALID_INPUT',
      `Unknown place category "${place.category}"; use one of ${PLACE_CATEGORIES.join(', ')}.`,
    );
  }
  if (!(Math.abs(place.lat) <= 90 && Math.abs(place.lng) <= 180)) {
    throw new ErrandError('INVALID_INPUT', `Place ${place.id} has impossible coordinates.`);
  }
  if (findPlace(db, place.id))
    throw new ErrandError('CONFLICT', `A place with id "${place.id}" already exists.`);
  db.prepare(
    `INSERT INTO maps_places (id, name_zh, name_en, aliases, category, district_zh, district_en, area_zh, area_en,
       address_zh, address_en, lat, lng)
     VALUES (@id, @name_zh, @name_en, @aliases, @category, @district_zh, @district_en, @area_zh, @area_en,
       @address_zh, @address_en, @lat, @lng)`,
  ).run({ ...place, aliases: place.aliases ?? '', ...areaOf(place) });
}

/** Reads a place, or undefined when there is none. */
export function findPlace(db: Database.Database, id: string): PlaceRow | undefined {
  return db.prepare('SELECT * FROM maps_places WHERE id = ?').get(id) as PlaceRow | undefined;
}

/** Reads a place or fails with NOT_FOUND. */
export function getPlace(db: Database.Database, id: string): PlaceRow {
  const place = findPlace(db, id);
  if (!place) {
    throw new ErrandError('NOT_FOUND', `No place "${id}"; find place ids with search_places or geocode.`);
  }
  return place;
}

/** Every place, in id order. */
export function allPlaces(db: Database.Database): PlaceRow[] {
  return db.prepare('SELECT * FROM maps_places ORDER BY id').all() as PlaceRow[];
}

/** Great-circle distance between two places in metres (haversine). */
export function straightLineMeters(
  a: Pick<PlaceRow, 'lat' | 'lng'>,
  b: Pick<PlaceRow, 'lat' | 'lng'>,
): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return Math.round(2 * EARTH_RADIUS_M * Math.asin(Math.sqrt(h)));
}

/** The route between two places by one mode; NOT_FOUND when a place is unknown. */
export function routeBetween(db: Database.Database, fromId: string, toId: string, mode: RouteMode): Route {
  const from = getPlace(db, fromId);
  const to = getPlace(db, toId);
  const spec = MODES[mode];
  if (!spec)
    throw new ErrandError('INVALID_INPUT', `Unknown travel mode "${mode}"; use ${ROUTE_MODES.join(', ')}.`);
  const straight = straightLineMeters(from, to);
  if (straight === 0) return { mode, distance_m: 0, duration_min: 0, straight_line_m: 0 };
  const distance = Math.round(straight * spec.detour);
  const duration = Math.max(1, Math.ceil(distance / spec.metersPerMin + spec.fixedMin));
  return { mode, distance_m: distance, duration_min: duration, straight_line_m: straight };
}

function normalize(text: string): string {
  return text.toLowerCase().replace(/[\s,，、。.'’"()（）·\-_/]+/g, '');
}

/** Filters for {@link searchPlaces}. */
export interface PlaceSearch {
  query?: string;
  category?: PlaceCategory;
  nearId?: string;
  limit: number;
}

/** Places matching a name or address text (Chinese or English), nearest first when an origin is given. */
export function searchPlaces(
  db: Database.Database,
  search: PlaceSearch,
): { place: PlaceRow; distance_m: number | null }[] {
  const near = search.nearId ? getPlace(db, search.nearId) : undefined;
  const tokens = (search.query ?? '').toLowerCase().split(/\s+/).map(normalize).filter(Boolean);
  const scored: { place: PlaceRow; score: number; distance_m: number | null }[] = [];
  for (const place of allPlaces(db)) {
    if (search.category && place.category !== search.category) continue;
    const names = normalize(`${place.name_zh}|${place.name_en}|${place.aliases}`);
    const all = normalize(
      `${place.name_zh}|${place.name_en}|${place.aliases}|${place.category}|${place.district_zh}|${place.district_en}|${place.area_zh}|${place.area_en}|${place.address_zh}|${place.address_en}`,
    );
    if (!tokens.every((t) => all.includes(t))) continue;
    const score = tokens.filter((t) => names.includes(t)).length;
    scored.push({ place, score, distance_m: near ? straightLineMeters(near, place) : null });
  }
  scored.sort((a, b) =>
    a.distance_m !== null && b.distance_m !== null
      ? a.distance_m - b.distance_m || (a.place.id < b.place.id ? -1 : 1)
      : b.score - a.score || (a.place.id < b.place.id ? -1 : 1),
  );
  return scored.slice(0, search.limit).map(({ place, distance_m }) => ({ place, distance_m }));
}

const STOP_WORDS = new Set(['shanghai', 'china', 'the', 'of', 'no', 'city', '上海', '海市', '中国']);

/** What an address text is made of: latin words, numbers, Chinese characters and character pairs. */
function features(text: string): Set<string> {
  const lower = text.toLowerCase();
  const out = new Set<string>();
  for (const word of lower.match(/[a-z]+|\d+/g) ?? []) if (!STOP_WORDS.has(word)) out.add(word);
  for (const run of lower.match(/[\u4e00-\u9fff]+/g) ?? []) {
    for (const char of run) out.add(char);
    for (let i = 0; i + 1 < run.length; i++) {
      const pair = run.slice(i, i + 2);
      if (!STOP_WORDS.has(pair)) out.add(pair);
    }
  }
  return out;
}

/** Single Chinese characters say less than words and pairs. */
const CHAR_WEIGHT = 0.5;
/** A word no place has cannot tell places apart; it still counts against every place, a little. */
const UNSEEN_WEIGHT = 1;
/** The least share of the text a place must match to be offered. */
const MIN_SCORE = 0.6;

/**
 * Places whose name and address best match a free address text, best first, with a 0–1 score.
 * Rare words (a house number, a road name) count for more than common ones ("road", "静安").
 */
export function geocodeText(
  db: Database.Database,
  text: string,
  limit: number,
): { place: PlaceRow; score: number }[] {
  const places = allPlaces(db);
  const bags = places.map((p) =>
    features(
      `${p.name_zh} ${p.name_en} ${p.aliases} ${p.district_zh} ${p.district_en} ${p.area_zh} ${p.area_en} ${p.address_zh} ${p.address_en}`,
    ),
  );
  const query = features(text);
  const weight = new Map<string, number>();
  for (const f of query) {
    const df = bags.filter((bag) => bag.has(f)).length;
    const w = df === 0 ? UNSEEN_WEIGHT : Math.log(1 + places.length / (df + 0.5));
    weight.set(f, /^[\u4e00-\u9fff]$/.test(f) ? w * CHAR_WEIGHT : w);
  }
  const total = [...weight.values()].reduce((s, w) => s + w, 0);
  if (total === 0) return [];
  const wanted = normalize(text);
  const nameHit = (p: PlaceRow) =>
    [p.name_zh, p.name_en, ...p.aliases.split(' ')]
      .filter(Boolean)
      .some((n) => normalize(n).includes(wanted) || wanted.includes(normalize(n)));
  return places
    .map((place, i) => {
      const bag = bags[i] as Set<string>;
      const hit = [...query].reduce((s, f) => s + (bag.has(f) ? (weight.get(f) ?? 0) : 0), 0);
      return { place, score: Math.round((hit / total) * 100) / 100 };
    })
    .filter((m) => m.score >= MIN_SCORE)
    .sort(
      (a, b) =>
        b.score - a.score ||
        Number(nameHit(b.place)) - Number(nameHit(a.place)) ||
        a.place.name_zh.length - b.place.name_zh.length ||
        (a.place.id < b.place.id ? -1 : 1),
    )
    .slice(0, limit);
}
