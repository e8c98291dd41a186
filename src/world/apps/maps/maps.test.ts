import { afterEach, describe, expect, it } from 'vitest';
import { MINUTE_MS, parseWorldTime, WORLD_EPOCH_MS } from '../../clock.js';
import { World } from '../../world.js';
import { addPlace, getPlace, routeBetween } from './service.js';
import { ok } from '../../../../test/support/world.js';

let world: World;
afterEach(() => world?.close());

function fails(result: ReturnType<World['call']>, code: string): void {
  expect(result.ok ? 'ok' : result.error.code).toBe(code);
  if (!result.ok) expect(result.error.message.length).toBeGreaterThan(10);
}

describe('maps', () => {
  it('has the fixed places other apps and tasks rely on, all inside Shanghai', () => {
    world = World.open({ seed: 5 });
    const places = world.db.prepare("SELECT * FROM maps_places WHERE id NOT LIKE 'pl_r_%'").all() as {
      id: string;
      lat: number;
      lng: number;
    }[];
    expect(places.length).toBeGreaterThanOrEqual(60);
    for (const p of places) {
      expect(p.lat, p.id).toBeGreaterThan(30.9);
      expect(p.lat, p.id).toBeLessThan(31.5);
      expect(p.lng, p.id).toBeGreaterThan(121.1);
      expect(p.lng, p.id).toBeLessThan(121.9);
    }
    expect(ok(world.call('maps', 'get_place', { place_id: 'pl_home_liming' }))).toMatchObject({
      category: 'home',
      district_zh: '静安区',
    });
    expect(ok(world.call('maps', 'get_place', { place_id: 'pl_office_liming' }))).toMatchObject({
      category: 'office',
      district_zh: '浦东新区',
      area_zh: '陆家嘴',
      area_en: 'Lujiazui',
    });
    expect(ok(world.call('maps', 'get_place', { place_id: 'pl_home_sam' })).district_en).toBe(
      'Xuhui District',
    );
    expect(ok(world.call('maps', 'get_place', { place_id: 'pl_office_sam' })).address_zh).toContain(
      '南京西路',
    );
    for (const id of ['pl_people_square', 'pl_hongqiao_station', 'pl_bund']) {
      expect(world.call('maps', 'get_place', { place_id: id }).ok, id).toBe(true);
    }
    // The personas' places are the ones world_personas points at.
    const persona = world.persona;
    expect(getPlace(world.db, persona.home_place_id).id).toBe('pl_home_liming');
    expect(getPlace(world.db, persona.work_place_id).id).toBe('pl_office_liming');
  });

  it('searches by Chinese or English words, by category, and nearest first', () => {
    world = World.open({ seed: 5 });
    expect(ok(world.call('maps', 'search_places', { query: '外滩' })).places[0].id).toBe('pl_bund');
    expect(
      ok(world.call('maps', 'search_places', { query: 'the BUND' })).places.map((p: any) => p.id),
    ).toContain('pl_bund');
    const stations = ok(world.call('maps', 'search_places', { category: 'station', limit: 50 })).places;
    expect(stations.length).toBeGreaterThanOrEqual(5);
    expect(stations.every((p: any) => p.category === 'station')).toBe(true);
    const near = ok(
      world.call('maps', 'search_places', { category: 'hospital', near_place_id: 'pl_home_sam', limit: 4 }),
    ).places;
    const distances = near.map((p: any) => p.distance_m);
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
    expect(near[0].id).toBe('pl_huashan_hospital');
    expect(ok(world.call('maps', 'search_places', { query: '静安', limit: 3 })).places).toHaveLength(3);
    const lujiazui = ok(world.call('maps', 'search_places', { query: 'lujiazui', limit: 50 })).places;
    expect(lujiazui.map((p: any) => p.id)).toEqual(expect.arrayContaining(['pl_office_liming', 'pl_swfc']));
    expect(ok(world.call('maps', 'search_places', { query: '虹桥火车站' })).places[0].id).toBe(
      'pl_hongqiao_station',
    );
    expect(ok(world.call('maps', 'search_places', { query: 'zzzz nowhere' })).places).toEqual([]);
  });

  it('geocodes Chinese and English addresses to the right place', () => {
    world = World.open({ seed: 5 });
    const zh = ok(world.call('maps', 'geocode', { address: '上海市静安区康定路1028弄12号' })).matches;
    expect(zh[0]).toMatchObject({ id: 'pl_home_liming', score: 1 });
    const en = ok(world.call('maps', 'geocode', { address: '1266 West Nanjing Road, Shanghai' })).matches;
    expect(en[0].id).toBe('pl_plaza66');
    // A colloquial name finds the right one of two railway stations.
    expect(ok(world.call('maps', 'geocode', { address: '虹桥火车站' })).matches[0].id).toBe(
      'pl_hongqiao_station',
    );
    expect(ok(world.call('maps', 'geocode', { address: '陆家嘴银城中路168号' })).matches[0].id).toBe(
      'pl_office_liming',
    );
  });

  it('routes with longer street distance than the straight line, faster by faster modes', () => {
    world = World.open({ seed: 5 });
    const leg = (mode: string) =>
      ok(
        world.call('maps', 'route', {
          from_place_id: 'pl_home_liming',
          to_place_id: 'pl_office_liming',
          mode,
        }),
      );
    const walk = leg('walk');
    const bike = leg('bike');
    const ebike = leg('ebike');
    const transit = leg('transit');
    expect(walk.straight_line_m).toBeGreaterThan(5000);
    expect(walk.straight_line_m).toBeLessThan(7000);
    expect(walk.distance_m).toBeGreaterThan(walk.straight_line_m);
    expect(walk.duration_min).toBeGreaterThan(bike.duration_min);
    expect(bike.duration_min).toBeGreaterThan(ebike.duration_min);
    expect(transit.duration_min).toBeLessThan(walk.duration_min);
    // Arrival is shown in local time (+08:00) and is the world's start plus the trip.
    expect(walk.arrive_at_if_leaving_now).toMatch(/^2026-11-30T\d{2}:\d{2}:00\+08:00$/);
    expect(parseWorldTime(walk.arrive_at_if_leaving_now)).toBe(
      WORLD_EPOCH_MS + walk.duration_min * MINUTE_MS,
    );
    // Transit waits for the train: a short hop is slower than walking it.
    const hop = (mode: string) =>
      ok(
        world.call('maps', 'route', {
          from_place_id: 'pl_jingan_temple',
          to_place_id: 'pl_jingan_park',
          mode,
        }),
      );
    expect(hop('transit').duration_min).toBeGreaterThan(hop('walk').duration_min);
    expect(
      ok(world.call('maps', 'route', { from_place_id: 'pl_bund', to_place_id: 'pl_bund' })),
    ).toMatchObject({
      distance_m: 0,
      duration_min: 0,
    });
    expect(routeBetween(world.db, 'pl_home_liming', 'pl_office_liming', 'ebike')).toMatchObject({
      distance_m: ebike.distance_m,
      duration_min: ebike.duration_min,
    });
  });

  it.each([
    ['get_place', { place_id: 'pl_nowhere' }, 'NOT_FOUND'],
    ['geocode', { address: '火星基地第九区' }, 'NOT_FOUND'],
    ['route', { from_place_id: 'pl_bund', to_place_id: 'pl_nowhere' }, 'NOT_FOUND'],
    ['route', { from_place_id: 'pl_bund', to_place_id: 'pl_yuyuan', mode: 'fly' }, 'INVALID_INPUT'],
    ['search_places', { near_place_id: 'pl_nowhere' }, 'NOT_FOUND'],
    ['search_places', { category: 'castle' }, 'INVALID_INPUT'],
  ])('%s refuses %j with %s and changes nothing', (tool, input, code) => {
    world = World.open({ seed: 5 });
    const snap = world.snapshot();
    fails(world.call('maps', tool, input), code);
    expect(world.diff(snap).empty).toBe(true);
  });

  it('lets other apps add places, refusing duplicates and unknown categories', () => {
    world = World.open({ seed: 5 });
    const place = {
      id: 'pl_test_kiosk',
      name_zh: '报亭',
      name_en: 'Kiosk',
      category: 'shop' as const,
      district_zh: '黄浦区',
      district_en: 'Huangpu District',
      address_zh: '上海市黄浦区人民大道1号',
      address_en: "1 People's Avenue, Huangpu District, Shanghai",
      lat: 31.231,
      lng: 121.474,
    };
    addPlace(world.db, place);
    expect(ok(world.call('maps', 'get_place', { place_id: 'pl_test_kiosk' })).name_en).toBe('Kiosk');
    expect(() => addPlace(world.db, place)).toThrow(/already exists/);
    expect(() => addPlace(world.db, { ...place, id: 'pl_x', category: 'castle' as never })).toThrow(
      /category/,
    );
  });

  it('builds the same map from the same seed, byte for byte', () => {
    world = World.open({ seed: 7 });
    const again = World.open({ seed: 7 });
    expect(world.snapshot().bytes.equals(again.snapshot().bytes)).toBe(true);
    again.close();
  });
});
