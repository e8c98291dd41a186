import type { SeedContext } from '../../app.js';
import { ALIASES, DISTRICTS, PLACES } from './catalog.js';
import { addPlace, type PlaceCategory } from './service.js';

/** Writes the city's fixed places. The map is the same in every seed: tasks name its ids and addresses. */
export function seedMaps({ db }: SeedContext): void {
  for (const [id, category, name_zh, name_en, district, street_zh, street_en, lat, lng] of PLACES) {
    const [district_zh, district_en] = DISTRICTS[district];
    addPlace(db, {
      id,
      name_zh,
      name_en,
      aliases: ALIASES[id] ?? '',
      category: category as PlaceCategory,
      district_zh,
      district_en,
      address_zh: `上海市${district_zh}${street_zh}`,
      address_en: `${street_en}, ${district_en}, Shanghai`,
      lat,
      lng,
    });
  }
}
