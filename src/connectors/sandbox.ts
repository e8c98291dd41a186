import type { Profile } from '../agent/task.js';
import type { TrustedContext } from '../guard/grounding.js';
import { readPersonWorld } from '../person/index.js';
import { formatWorldTime, type RunningServer, serveWorld, type World, WorldHost } from '../world/index.js';
import { McpConnector } from './mcp.js';
import type { Connector } from './types.js';

/** The sandbox world running for an errand: its server, one MCP connection per app, and the person. */
export interface Sandbox {
  host: WorldHost;
  server: RunningServer;
  connectors: Connector[];
  profile: Profile;
  /** The world's time, as the model should read it. */
  now(): string;
  /** The person's own contacts, groups and addresses, with their request: what the guard may trust. */
  trusted(request: string): TrustedContext;
  close(): Promise<void>;
}

/** How to start the sandbox. */
export interface SandboxOptions {
  seed?: number;
  persona?: string;
  file?: string;
  /** Only these apps (default: all). */
  apps?: string[];
}

const SANDBOX_CONNECT_TIMEOUT_MS = 120_000;

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

function placeName(host: WorldHost, placeId: string): string {
  const result = host.main.call('maps', 'get_place', { place_id: placeId });
  if (!result.ok) return placeId;
  const p = result.data as { name_zh?: string; name_en?: string; address_zh?: string; address_en?: string };
  return `${p.name_zh ?? ''} / ${p.name_en ?? ''} — ${p.address_zh ?? p.address_en ?? ''} (place ${placeId})`;
}

/** Starts the sandbox world on a free port and connects to every app over MCP Streamable HTTP. */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const host = WorldHost.open({ seed: options.seed, persona: options.persona, file: options.file });
  const server = await serveWorld(host, { port: 0 });
  const names = host.main.apps.map((a) => a.name).filter((n) => !options.apps || options.apps.includes(n));
  let connectors: Connector[] = [];
  try {
    connectors = await Promise.all(
      // The server runs in this process: a slow answer means a busy machine (many errands starting at
      // once), not a hung app, so wait longer than for a remote server.
      names.map((name) =>
        McpConnector.connect(
          name,
          { url: `${server.url}/apps/${name}/mcp`, trusted: true },
          SANDBOX_CONNECT_TIMEOUT_MS,
        ),
      ),
    );
  } catch (err) {
    await server.close();
    host.close();
    throw err;
  }
  const persona = host.main.persona;
  const profile: Profile = {
    name: persona.name,
    language: persona.language,
    personId: persona.person_id,
    home: placeName(host, persona.home_place_id),
    work: placeName(host, persona.work_place_id),
    dietary: persona.dietary,
    preferences: persona.preferences,
  };
  return {
    host,
    server,
    connectors,
    profile,
    now: () => {
      const ms = host.main.now;
      const day = WEEKDAYS[new Date(ms + 8 * 3600_000).getUTCDay()];
      return `${formatWorldTime(ms)} (${day}, China Standard Time)`;
    },
    trusted: (request) => trustedContext(host.main, request),
    close: async () => {
      await Promise.all(connectors.map((c) => c.close()));
      await server.close();
      host.close();
    },
  };
}

function data<T>(
  world: World,
  app: string,
  tool: string,
  input: Record<string, unknown> = {},
): T | undefined {
  const result = world.call(app, tool, input);
  return result.ok ? (result.data as T) : undefined;
}

/**
 * What the guard may trust in the sandbox: the person's world (contacts, groups, billers and saved
 * addresses, read by `person/` through the apps' own tools) and the names of what can be bought.
 */
export function trustedContext(world: World, request: string): TrustedContext {
  return { request, person: readPersonWorld(world), items: catalogueItems(world) };
}

/** The names of everything the sandbox sells, read once per seed (names do not change while a world runs). */
const itemCache = new Map<number, { id: string; names: string[]; priceFen?: number }[]>();
function catalogueItems(world: World): { id: string; names: string[]; priceFen?: number }[] {
  const cached = itemCache.get(world.seed);
  if (cached) return cached;
  type Named = { id: string; name_zh: string; name_en: string; price?: { amount: number } };
  const restaurants =
    data<{ restaurants: { id: string }[] }>(world, 'food', 'search_restaurants', { limit: 40 })
      ?.restaurants ?? [];
  const dishes = restaurants.flatMap(
    (r) => data<{ dishes: Named[] }>(world, 'food', 'get_menu', { restaurant_id: r.id })?.dishes ?? [],
  );
  const products = ['price_asc', 'price_desc'].flatMap(
    (sort) =>
      data<{ products: Named[] }>(world, 'shop', 'search_products', { limit: 50, sort })?.products ?? [],
  );
  const shops =
    data<{ restaurants: Named[] }>(world, 'food', 'search_restaurants', { limit: 40 })?.restaurants ?? [];
  const items = [
    ...new Map(
      [...shops, ...dishes, ...products].map((i) => [
        i.id,
        { id: i.id, names: [i.name_zh, i.name_en], ...(i.price ? { priceFen: i.price.amount } : {}) },
      ]),
    ).values(),
  ];
  itemCache.set(world.seed, items);
  return items;
}
