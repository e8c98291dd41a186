import { appScreens, type Row, type ScreenContext, type ScreenRoute } from '../../screens/kit.js';

const { page, esc, field, select } = appScreens('maps', [
  { path: '/maps', zh: '搜索', en: 'Search' },
  { path: '/maps/route', zh: '路线', en: 'Route' },
  { path: '/maps/geocode', zh: '地址', en: 'Address' },
]);

function placeItem(s: ScreenContext, p: Row): string {
  const name = s.name(p);
  return `<li class="card"><a href="${esc(s.href(`/maps/p/${p.id}`))}">${esc(name)}</a><div class="muted">${esc(s.name(p, 'address'))}</div>
<div class="row"><a href="${esc(s.href(`/maps/route?to=${encodeURIComponent(p.id)}`))}">${s.t('路线', 'Route')}</a><a href="${esc(s.href(`/calendar/new?place_id=${encodeURIComponent(p.id)}&location=${encodeURIComponent(name)}`))}" aria-label="${esc(s.t(`把 ${name} 加到日程`, `Add ${name} to calendar`))}">📅</a></div></li>`;
}

function search(s: ScreenContext): string {
  const query = s.q('q');
  const category = s.q('category');
  const found =
    query || category
      ? s.read<{ places: Row[] }>('maps', 'search_places', {
          ...(query ? { query } : {}),
          ...(category ? { category } : {}),
        }).places
      : undefined;
  const categories = [
    'restaurant',
    'cafe',
    'mall',
    'landmark',
    'station',
    'hotel',
    'park',
    'gym',
    'hospital',
    'pharmacy',
  ];
  return page(
    s,
    s.t('地图', 'Maps'),
    `<form method="get" role="search" class="card">${field(s.t('搜索地点', 'Search places'), 'q', { type: 'search', value: query ?? '' })}${select(s.t('类别', 'Category'), 'category', [['', s.t('全部', 'Any')], ...categories.map((c): [string, string] => [c, c])], category)}<button>${s.t('搜索', 'Search')}</button></form>
${found ? `<ul class="list" aria-label="${esc(s.t('搜索结果', 'Results'))}">${found.map((p) => placeItem(s, p)).join('') || `<li class="muted">${s.t('没有找到', 'Nothing found')}</li>`}</ul>` : ''}`,
  );
}

function place(s: ScreenContext): string {
  const p = s.read('maps', 'get_place', { place_id: s.p('id') });
  return page(
    s,
    s.name(p),
    `<section class="card"><div>${esc(s.name(p, 'address'))}</div><div class="muted">${esc(p.category)} · ${esc(s.name(p, 'district'))} · ${esc(s.name(p, 'area'))}</div><div class="muted">${esc(p.lat)}, ${esc(p.lng)}</div></section>
<ul class="list">${placeItem(s, p)}</ul>`,
    '/maps',
  );
}

function route(s: ScreenContext): string {
  const persona = s.world.persona;
  const to = s.q('to');
  const from = s.q('from') ?? persona.home_place_id;
  const mode = s.q('mode') ?? 'transit';
  const mine: [string, string][] = [
    [persona.home_place_id, s.t('家', 'Home')],
    [persona.work_place_id, s.t('公司', 'Work')],
  ];
  const target = to ? s.read('maps', 'get_place', { place_id: to }) : undefined;
  const result = to ? s.read('maps', 'route', { from_place_id: from, to_place_id: to, mode }) : undefined;
  const modes = ['walk', 'bike', 'ebike', 'drive', 'transit'];
  return page(
    s,
    s.t('路线', 'Route'),
    `<form method="get" class="card">${select(s.t('出发地', 'From'), 'from', mine, from)}${target ? `<input type="hidden" name="to" value="${esc(to)}"><p>${s.t('目的地', 'To')}：${esc(s.name(target))}</p>` : `<p class="muted">${s.t('先在搜索里选一个目的地', 'Pick a destination in search first')}</p>`}
${select(
  s.t('出行方式', 'Travel by'),
  'mode',
  modes.map((m) => [m, m]),
  mode,
)}<button>${s.t('查路线', 'Get route')}</button></form>
${result ? `<section class="card" aria-label="${esc(s.t('路线结果', 'Route'))}"><strong>${esc(result.duration_min)} ${s.t('分钟', 'min')}</strong> · ${(result.distance_m / 1000).toFixed(1)} km<div class="muted">${s.t('现在出发预计到达', 'Arrive if leaving now')} ${esc(String(result.arrive_at_if_leaving_now).slice(11, 16))}</div></section>` : ''}`,
    '/maps',
  );
}

function geocode(s: ScreenContext): string {
  const address = s.q('address');
  const matches = address ? s.read<{ matches: Row[] }>('maps', 'geocode', { address }).matches : undefined;
  return page(
    s,
    s.t('按地址查找', 'Find an address'),
    `<form method="get" class="card">${field(s.t('地址', 'Address'), 'address', { value: address ?? '' })}<button>${s.t('查找', 'Find')}</button></form>
${matches ? `<ul class="list">${matches.map((p) => placeItem(s, p)).join('')}</ul>` : ''}`,
    '/maps',
  );
}

/** The maps app's screens: search, a place, a route, an address lookup. */
export const mapsScreens: ScreenRoute[] = [
  ['/ui/maps', search],
  ['/ui/maps/p/:id', place],
  ['/ui/maps/route', route],
  ['/ui/maps/geocode', geocode],
];
