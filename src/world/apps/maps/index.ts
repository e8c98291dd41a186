import { defineApp } from '../../app.js';
import { MAPS_SCHEMA } from './schema.js';
import { seedMaps } from './seed.js';
import { mapsTools } from './tools.js';

export { DISTRICTS, type DistrictKey } from './catalog.js';
export {
  addPlace,
  findPlace,
  getPlace,
  PLACE_CATEGORIES,
  type PlaceCategory,
  type PlaceRow,
  ROUTE_MODES,
  type Route,
  type RouteMode,
  routeBetween,
  straightLineMeters,
} from './service.js';

/** The map: places of a Shanghai-like city, search, geocoding and routes by foot, bike, car or metro. */
export const mapsApp = defineApp({
  name: 'maps',
  title: { zh: '地图', en: 'Maps' },
  schema: MAPS_SCHEMA,
  seed: seedMaps,
  tools: mapsTools,
  untrusted: [],
  examples: {
    search_places: [
      { category: 'cafe', near_place_id: 'pl_office_sam' },
      { query: 'station', category: 'station' },
    ],
    get_place: [{ place_id: 'pl_bund' }],
    geocode: [{ address: '静安区康定路1028弄' }, { address: '1266 West Nanjing Road' }],
    route: [{ from_place_id: 'pl_home_liming', to_place_id: 'pl_office_liming', mode: 'transit' }],
  },
});
