import type { Profile } from '../agent/task.js';
import { ErrandError } from '../errors.js';
import type { TrustedContext } from '../guard/grounding.js';
import { readPersonWorld } from '../person/index.js';
import { formatWorldTime, serveWorld, type World, WorldHost } from '../world/index.js';
import { McpConnector } from './mcp.js';
import { fetchWorldCopy } from './remote-world.js';
import type { Connector } from './types.js';

/** The sandbox world an errand acts in: one MCP connection per app, and the person. */
export interface Sandbox {
  /**
   * The world as this process reads it: the live world when it runs here; for a world server
   * elsewhere (`url`), a copy taken when the sandbox started, read for the person's contacts and
   * addresses and the offline reader — every action still goes to the server.
   */
  world: World;
  /** Where the apps answer: the world server's base URL. */
  url: string;
  connectors: Connector[];
  profile: Profile;
  /** The world's time, as the model should read it. */
  now(): string;
  /** The person's own contacts, groups and addresses, with their request: what the guard may trust. */
  trusted(request: string): TrustedContext;
  close(): Promise<void>;
}

/**
 * How to start the sandbox: a new world in memory (the default, from `seed`), a world kept in a
 * SQLite file that outlives the errand (`file`, shared with other processes), or a world server that
 * is already running (`url`).
 */
export interface SandboxOptions {
  /** The seed a new world is built from (default 1); a kept or remote world has its own. */
  seed?: number;
  /** Whom errand acts for (default: the world's own persona, liming in a new one). */
  persona?: string;
  /** Keep the world in this file: made from `seed` when missing, used as it was left otherwise. */
  file?: string;
  /** Act on the world server at this base URL (`errand world serve` prints it). */
  url?: string;
  /** The world server's token: reads the person's world through its admin export, and any call it asks for. */
  token?: string;
  /** Only these apps (default: all). */
  apps?: string[];
}

const SANDBOX_CONNECT_TIMEOUT_MS = 120_000;

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

function placeName(world: World, placeId: string): string {
  const result = world.call('maps', 'get_place', { place_id: placeId });
  if (!result.ok) return placeId;
  const p = result.data as { name_zh?: string; name_en?: string; address_zh?: string; address_en?: string };
  return `${p.name_zh ?? ''} / ${p.name_en ?? ''} — ${p.address_zh ?? p.address_en ?? ''} (place ${placeId})`;
}

/** Where the sandbox's apps answer, and what to close when it is done. */
interface Served {
  world: World;
  url: string;
  headers?: Record<string, string>;
  close(): Promise<void>;
}

/** Serves a world (new or kept in a file) in this process, on a free loopback port. */
async function serveHere(options: SandboxOptions): Promise<Served> {
  const host = WorldHost.open({ seed: options.seed, persona: options.persona, file: options.file });
  try {
    const server = await serveWorld(host, { port: 0 });
    return {
      world: host.main,
      url: server.url,
      close: async () => {
        await server.close();
        host.close();
      },
    };
  } catch (err) {
    host.close();
    throw err;
  }
}

/** A world server that runs elsewhere: a copy of its state to read, and its URL to act on. */
async function reachServer(url: string, options: SandboxOptions): Promise<Served> {
  const world = await fetchWorldCopy(url, options.token);
  if (options.persona && options.persona !== world.persona.id) {
    const persona = world.persona.id;
    world.close();
    throw new ErrandError(
      'CONFLICT',
      `The world server at ${url} acts for ${persona}, not ${options.persona}: leave out the persona, or start a server for ${options.persona} (errand world serve --persona ${options.persona}).`,
    );
  }
  return {
    world,
    url,
    ...(options.token ? { headers: { authorization: `Bearer ${options.token}` } } : {}),
    close: async () => world.close(),
  };
}

/** Starts the sandbox world (or reaches a running one) and connects to every app over MCP Streamable HTTP. */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  if (options.url && options.file)
    throw new ErrandError(
      'CONFIG_INVALID',
      'Give the sandbox a world server URL or a file to keep it in, not both.',
    );
  const served = options.url ? await reachServer(options.url, options) : await serveHere(options);
  const world = served.world;
  // Every app is reached (or only those asked for); which ones the model is offered is the mandate's
  // business (offeredConnectors: the company's work apps only when it names them). Leaving the work
  // apps unconnected here made `--allow-app tracker` drop the tracker without a word.
  const names = world.apps.map((a) => a.name).filter((n) => !options.apps || options.apps.includes(n));
  let connectors: Connector[] = [];
  try {
    connectors = await Promise.all(
      // The server runs in this process: a slow answer means a busy machine (many errands starting at
      // once), not a hung app, so wait longer than for a remote server.
      names.map((name) =>
        McpConnector.connect(
          name,
          {
            url: `${served.url}/apps/${name}/mcp`,
            trusted: true,
            ...(served.headers ? { headers: served.headers } : {}),
          },
          SANDBOX_CONNECT_TIMEOUT_MS,
        ),
      ),
    );
  } catch (err) {
    await served.close();
    throw err;
  }
  const persona = world.persona;
  const profile: Profile = {
    name: persona.name,
    language: persona.language,
    personId: persona.person_id,
    home: placeName(world, persona.home_place_id),
    work: placeName(world, persona.work_place_id),
    dietary: persona.dietary,
    preferences: persona.preferences,
  };
  return {
    world,
    url: served.url,
    connectors,
    profile,
    now: () => {
      const ms = world.now;
      const day = WEEKDAYS[new Date(ms + 8 * 3600_000).getUTCDay()];
      return `${formatWorldTime(ms)} (${day}, China Standard Time)`;
    },
    trusted: (request) => trustedContext(world, request),
    close: async () => {
      await Promise.all(connectors.map((c) => c.close()));
      await served.close();
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
