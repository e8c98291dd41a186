import { z } from 'zod';
import { ErrandError } from '../../../errors.js';
import { formatWorldTime, MINUTE_MS } from '../../clock.js';
import { defineTool } from '../../tool.js';
import {
  geocodeText,
  getPlace,
  PLACE_CATEGORIES,
  type PlaceRow,
  ROUTE_MODES,
  routeBetween,
  searchPlaces,
} from './service.js';

const placeView = z.object({
  id: z.string().describe('Place id, used as place_id, from_place_id or to_place_id.'),
  name_zh: z.string().describe('Name in Chinese.'),
  name_en: z.string().describe('Name in English.'),
  aliases: z.string().describe('Other names people use, space-separated; may be empty.'),
  category: z.enum(PLACE_CATEGORIES).describe('What kind of place it is.'),
  district_zh: z.string().describe('District in Chinese, e.g. 静安区.'),
  district_en: z.string().describe("District in English, e.g. Jing'an District."),
  area_zh: z.string().describe('Neighbourhood in Chinese, e.g. 陆家嘴, 静安寺 (the district when none).'),
  area_en: z.string().describe('Neighbourhood in English, e.g. Lujiazui.'),
  address_zh: z.string().describe('Street address in Chinese.'),
  address_en: z.string().describe('Street address in English.'),
  lat: z.number().describe('Latitude in degrees.'),
  lng: z.number().describe('Longitude in degrees.'),
});

const placeBrief = z.object({
  id: z.string().describe('Place id.'),
  name_zh: z.string().describe('Name in Chinese.'),
  name_en: z.string().describe('Name in English.'),
});

function viewPlace(p: PlaceRow): z.infer<typeof placeView> {
  return {
    id: p.id,
    name_zh: p.name_zh,
    name_en: p.name_en,
    aliases: p.aliases,
    category: p.category,
    district_zh: p.district_zh,
    district_en: p.district_en,
    area_zh: p.area_zh,
    area_en: p.area_en,
    address_zh: p.address_zh,
    address_en: p.address_en,
    lat: p.lat,
    lng: p.lng,
  };
}

/** The map's operations; all of them only read. */
export const mapsTools = [
  defineTool({
    name: 'search_places',
    title: 'Search places',
    description:
      'Finds places by name, neighbourhood or address words (静安寺, bund), optionally of one category, nearest a place first. For a street address use geocode.',
    input: z.object({
      query: z
        .string()
        .max(100)
        .optional()
        .describe(
          'Words of the name or address, Chinese or English; all places of the category when omitted.',
        ),
      category: z.enum(PLACE_CATEGORIES).optional().describe('Only places of this category.'),
      near_place_id: z.string().optional().describe('Nearest this place id first.'),
      limit: z.number().int().min(1).max(50).default(10).describe('At most this many.'),
    }),
    output: z.object({
      places: z
        .array(
          placeView.extend({
            distance_m: z
              .number()
              .nullable()
              .describe('Straight-line distance from near_place_id in metres; null without it.'),
          }),
        )
        .describe('Matching places, best or nearest first.'),
    }),
    effect: { kind: 'read' },
    run: ({ query, category, near_place_id, limit }, ctx) => ({
      places: searchPlaces(ctx.db, { query, category, nearId: near_place_id, limit }).map((m) => ({
        ...viewPlace(m.place),
        distance_m: m.distance_m,
      })),
    }),
  }),
  defineTool({
    name: 'get_place',
    title: 'One place',
    description: 'Shows one place by id: its names, category, address and coordinates.',
    input: z.object({ place_id: z.string().describe('The place id, e.g. pl_people_square.') }),
    output: placeView,
    effect: { kind: 'read' },
    run: ({ place_id }, ctx) => viewPlace(getPlace(ctx.db, place_id)),
  }),
  defineTool({
    name: 'geocode',
    title: 'Find an address',
    description:
      'Turns an address text (Chinese or English, e.g. 静安区康定路1028弄 or "1266 West Nanjing Road") into the best matching places with coordinates.',
    input: z.object({
      address: z.string().min(1).max(200).describe('The address or place text to look up.'),
      limit: z
        .number()
        .int()
        .min(1)
        .max(10)
        .default(3)
        .describe('How many candidate places to return at most.'),
    }),
    output: z.object({
      matches: z
        .array(
          placeView.extend({
            score: z
              .number()
              .describe('How well the place matches the text, from 0.6 (weak) to 1 (all of it).'),
          }),
        )
        .describe('Candidate places, best first.'),
    }),
    effect: { kind: 'read' },
    run: ({ address, limit }, ctx) => {
      const matches = geocodeText(ctx.db, address, limit);
      if (matches.length === 0) {
        throw new ErrandError(
          'NOT_FOUND',
          `No place matches the address "${address}"; check the spelling or search by a place name with search_places.`,
        );
      }
      return { matches: matches.map((m) => ({ ...viewPlace(m.place), score: m.score })) };
    },
  }),
  defineTool({
    name: 'route',
    title: 'Route between places',
    description:
      'Distance and travel time between two places by walk, bike, ebike, drive or transit (metro and bus, waiting included).',
    input: z.object({
      from_place_id: z.string().describe('Where the trip starts: a place id.'),
      to_place_id: z.string().describe('Where the trip ends: a place id.'),
      mode: z.enum(ROUTE_MODES).default('transit').describe('How to travel; transit when omitted.'),
    }),
    output: z.object({
      from: placeBrief.describe('The start.'),
      to: placeBrief.describe('The destination.'),
      mode: z.enum(ROUTE_MODES).describe('The travel mode.'),
      distance_m: z.number().int().describe('Distance along streets in metres.'),
      duration_min: z.number().int().describe('Travel time in minutes, waiting included.'),
      straight_line_m: z.number().int().describe('Distance as the crow flies in metres.'),
      arrive_at_if_leaving_now: z.string().describe('Arrival time (local) when leaving now.'),
    }),
    effect: { kind: 'read' },
    run: ({ from_place_id, to_place_id, mode }, ctx) => {
      const route = routeBetween(ctx.db, from_place_id, to_place_id, mode);
      const brief = (p: PlaceRow) => ({ id: p.id, name_zh: p.name_zh, name_en: p.name_en });
      return {
        from: brief(getPlace(ctx.db, from_place_id)),
        to: brief(getPlace(ctx.db, to_place_id)),
        ...route,
        arrive_at_if_leaving_now: formatWorldTime(ctx.now + route.duration_min * MINUTE_MS),
      };
    },
  }),
];
