/**
 * Builds what the matcher knows of the world, read only through the apps' own read tools. What
 * never changes while a world is open (places, the list of restaurants, product variants) is read once
 * per world; menus and products (for their stock), contacts, addresses and bills are read every time.
 */
import { type PersonWorld, readPersonWorld } from '../../person/index.js';
import type { World } from '../../world/index.js';
import {
  couponsOut,
  eventsOut,
  enumValues,
  foodOrdersOut,
  menuOut,
  placesOut,
  productOut,
  productsOut,
  read,
  requestsOut,
  restaurantsOut,
  shopOrdersOut,
} from './app-reads.js';
import {
  billNames,
  compact,
  optionNames,
  placeAliases,
  restaurantShortNames,
  uniqueNames,
  withoutBrackets,
  withoutPackSize,
} from './names.js';
import type { Catalogue, Named } from './types.js';

/** The most results one read returns; a read that fills it is split by category. */
const PAGE = { restaurants: 40, places: 50, products: 50 };

/** The parts of a catalogue that stay the same while a world is open (stock is read every time). */
interface StaticPart {
  restaurants: Catalogue['restaurants'];
  places: Catalogue['places'];
  variants: Map<string, Named[]>;
}

const staticParts = new WeakMap<World, StaticPart>();

function readRestaurants(world: World): Catalogue['restaurants'] {
  let rows = read(
    world,
    'food',
    'search_restaurants',
    { limit: PAGE.restaurants },
    restaurantsOut,
  ).restaurants;
  if (rows.length >= PAGE.restaurants) {
    const cuisines = [...new Set(rows.map((r) => r.cuisine))];
    const all = new Map(rows.map((r) => [r.id, r]));
    for (const cuisine of cuisines) {
      const page = read(
        world,
        'food',
        'search_restaurants',
        { cuisine, limit: PAGE.restaurants },
        restaurantsOut,
      );
      for (const r of page.restaurants) all.set(r.id, r);
    }
    rows = [...all.values()];
  }
  return rows
    .sort((a, b) => (a.id < b.id ? -1 : 1))
    .map((r) => ({
      id: r.id,
      names: uniqueNames([r.name_zh, r.name_en, ...restaurantShortNames(r.name_zh, r.name_en)]),
      cuisine: r.cuisine,
    }));
}

function readPlaces(world: World): Catalogue['places'] {
  const rows = enumValues(world, 'maps', 'search_places', 'category').flatMap(
    (category) => read(world, 'maps', 'search_places', { category, limit: PAGE.places }, placesOut).places,
  );
  return rows.map((p) => ({
    id: p.id,
    names: uniqueNames([
      p.name_zh,
      p.name_en,
      withoutBrackets(p.name_zh),
      withoutBrackets(p.name_en),
      ...placeAliases(p.aliases),
    ]),
    category: p.category,
  }));
}

function readStatic(world: World): StaticPart {
  const cached = staticParts.get(world);
  if (cached) return cached;
  const part = { restaurants: readRestaurants(world), places: readPlaces(world), variants: new Map() };
  staticParts.set(world, part);
  return part;
}

/** Every dish with its stock now: menus are read every time because stock changes with each order. */
function readDishes(world: World, restaurants: Catalogue['restaurants']): Catalogue['dishes'] {
  return restaurants.flatMap((r) =>
    read(world, 'food', 'get_menu', { restaurant_id: r.id }, menuOut).dishes.map((d) => ({
      id: d.id,
      names: uniqueNames([d.name_zh, d.name_en, withoutBrackets(d.name_zh), withoutBrackets(d.name_en)]),
      restaurantId: r.id,
      priceFen: d.price.amount,
      stock: d.stock,
      options: d.options.map((g) => ({
        key: g.key,
        multi: g.pick === 'any',
        choices: g.choices.map((c) => ({
          id: c.id,
          names: optionNames(c.name_zh, c.name_en),
          surchargeFen: c.surcharge.amount,
        })),
      })),
    })),
  );
}

function readProducts(world: World, part: StaticPart): Catalogue['products'] {
  const rows = enumValues(world, 'shop', 'search_products', 'category').flatMap(
    (category) =>
      read(world, 'shop', 'search_products', { category, limit: PAGE.products }, productsOut).products,
  );
  return rows.map((p) => {
    let variants = part.variants.get(p.id);
    if (!variants) {
      variants = p.has_variants
        ? read(world, 'shop', 'get_product', { product_id: p.id }, productOut).variants.map((v) => ({
            id: v.id,
            names: uniqueNames([v.name_zh, v.name_en]),
          }))
        : [];
      part.variants.set(p.id, variants);
    }
    return {
      id: p.id,
      names: uniqueNames([
        p.name_zh,
        p.name_en,
        compact(p.name_zh),
        withoutPackSize(p.name_zh),
        compact(withoutPackSize(p.name_zh)),
        withoutPackSize(p.name_en),
      ]),
      priceFen: p.price.amount,
      stock: p.stock,
      variants,
    };
  });
}

function readBills(world: World): Catalogue['bills'] {
  return read(world, 'pay', 'list_payment_requests', { status: 'open' }, requestsOut).requests.map((r) => ({
    id: r.id,
    names: billNames(r.memo, r.reference, [r.merchant.name_zh, r.merchant.name_en]),
    payee: r.merchant.id,
    amountFen: r.amount.amount,
  }));
}

/** The calendar from the start of today for three weeks. */
function readEvents(world: World): Catalogue['events'] {
  const to = new Date(world.now + (8 * 60 + 21 * 24 * 60) * 60_000).toISOString().slice(0, 10);
  return read(world, 'calendar', 'list_events', { to }, eventsOut).events.map((e) => ({
    id: e.id,
    names: uniqueNames([e.title, ...e.title.split(/\s*[:：/|]\s*|\s+(?=[A-Za-z])(?<=[\u3400-\u9fff]\s+)/)]),
    start: e.start.slice(0, 16),
    organizerId: e.organizer.person_id,
    myResponse: e.my_response,
  }));
}

/** The persona's most recent food orders (the read takes at most 50). */
function readFoodOrders(world: World): Catalogue['foodOrders'] {
  return read(world, 'food', 'list_orders', { limit: 50 }, foodOrdersOut).orders.map((o) => ({
    id: o.id,
    names: uniqueNames([
      `${o.restaurant.name_zh}：${o.items.map((i) => i.name_zh).join('、')}`,
      `${o.restaurant.name_en}: ${o.items.map((i) => i.name_en).join(', ')}`,
    ]),
    status: o.status,
    restaurantId: o.restaurant.id,
    dishIds: o.items.map((i) => i.dish_id),
    createdAt: o.created_at.slice(0, 16),
  }));
}

/** The persona's shop orders (shop.list_orders takes no limit). */
function readShopOrders(world: World): Catalogue['shopOrders'] {
  return read(world, 'shop', 'list_orders', {}, shopOrdersOut).orders.map((o) => ({
    id: o.order_id,
    names: uniqueNames([o.items.map((i) => i.name_zh).join('、'), o.items.map((i) => i.name_en).join(', ')]),
    status: o.status,
    productIds: o.items.map((i) => i.product_id),
    variantIds: o.items.flatMap((i) => (i.variant_id ? [i.variant_id] : [])),
    createdAt: o.created_at.slice(0, 16),
    returnBy: o.return_by ? o.return_by.slice(0, 16) : null,
  }));
}

/** The person's saved addresses in one app, as the matcher names them. */
function addressesIn(person: PersonWorld, app: string): Catalogue['foodAddresses'] {
  return person.addresses
    .filter((a) => a.app === app)
    .map((a) => ({ id: a.id, names: a.names, placeId: a.placeId ?? '' }));
}

/**
 * Everything the matcher needs to know of a world, as it stands now. People and addresses are the
 * person's world (`person/`), the same the guard checks against.
 */
export function buildCatalogue(world: World, person: PersonWorld = readPersonWorld(world)): Catalogue {
  const part = readStatic(world);
  const persona = world.persona;
  return {
    persona: { id: persona.id, personId: persona.person_id, language: persona.language },
    now: world.now,
    person,
    restaurants: part.restaurants,
    dishes: readDishes(world, part.restaurants),
    contacts: person.contacts,
    groups: person.groups,
    places: part.places,
    products: readProducts(world, part),
    foodAddresses: addressesIn(person, 'food'),
    shopAddresses: addressesIn(person, 'shop'),
    events: readEvents(world),
    coupons: read(world, 'food', 'list_coupons', { usable_only: true }, couponsOut).coupons.map((c) => ({
      id: c.id,
      names: uniqueNames([c.name_zh, c.name_en]),
      restaurantId: c.restaurant_id,
      thresholdFen: c.threshold.amount,
      discountFen: c.discount.amount,
    })),
    bills: readBills(world),
    foodOrders: readFoodOrders(world),
    shopOrders: readShopOrders(world),
  };
}
