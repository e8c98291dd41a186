/** The map's one table: named places with an address and coordinates (WGS-84 degrees). */
export const MAPS_SCHEMA = `
CREATE TABLE maps_places (
  id TEXT PRIMARY KEY,
  name_zh TEXT NOT NULL,
  name_en TEXT NOT NULL,
  aliases TEXT NOT NULL,
  category TEXT NOT NULL,
  district_zh TEXT NOT NULL,
  district_en TEXT NOT NULL,
  area_zh TEXT NOT NULL,
  area_en TEXT NOT NULL,
  address_zh TEXT NOT NULL,
  address_en TEXT NOT NULL,
  lat REAL NOT NULL,
  lng REAL NOT NULL
);`;
