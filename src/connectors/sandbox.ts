import type { Profile } from '../agent/task.js';
import type { TrustedContext } from '../guard/grounding.js';
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
        McpConnector.connect(name, { url: `${server.url}/apps/${name}/mcp` }, SANDBOX_CONNECT_TIMEOUT_MS),
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

/** Everyday words for an address label. */
const PLACE_ALIASES: Record<string, string[]> = {
  公司: ['办公室', '单位', 'office', 'work'],
  Office: ['公司', '办公室', 'office', 'work'],
  家: ['home', '我家', '家里'],
  Home: ['家', 'home'],
  爸妈家: ['爸妈', '父母家', "parents'", 'parents'],
};

/** Everyday words for a unique family relation, in Chinese and English. */
const RELATION_ALIASES: Record<string, string[]> = {
  母亲: ['妈妈', '我妈', '老妈', '妈', 'mom', 'mum', 'mother'],
  父亲: ['爸爸', '我爸', '老爸', '爸', 'dad', 'father'],
  sister: ['姐姐', '妹妹', 'sis'],
  女朋友: ['girlfriend', '对象'],
  上司: ['领导', '老板', 'boss', 'manager'],
  manager: ['boss', '领导'],
  flatmate: ['roommate', '室友'],
};

/**
 * What the guard may trust in the sandbox: the person's contacts and groups with every name they go
 * by, and their own saved addresses. Read through the apps' own tools, as the person's own data.
 */
export function trustedContext(world: World, request: string): TrustedContext {
  const contacts =
    data<{
      contacts: { person_id: string; name_zh: string; name_en: string; nickname: string; relation: string }[];
    }>(world, 'chat', 'list_contacts')?.contacts ?? [];
  const conversations =
    data<{ conversations: { id: string; kind: string; title: string }[] }>(
      world,
      'chat',
      'list_conversations',
    )?.conversations ?? [];
  type Saved = { id: string; label?: string; label_zh?: string; label_en?: string };
  const addresses = [
    ...(data<{ addresses: Saved[] }>(world, 'food', 'list_addresses')?.addresses ?? []),
    ...(data<{ addresses: Saved[] }>(world, 'shop', 'list_addresses')?.addresses ?? []),
  ].map((a) => {
    const labels = [a.label, a.label_zh, a.label_en].filter((l): l is string => !!l);
    return { id: a.id, names: [...new Set(labels.flatMap((l) => [l, ...(PLACE_ALIASES[l] ?? [])]))] };
  });
  // A relation names someone when only one contact has it ("my manager"), and family words have
  // their everyday forms (我妈, 老妈, mum).
  const relationCount = new Map<string, number>();
  for (const c of contacts) relationCount.set(c.relation, (relationCount.get(c.relation) ?? 0) + 1);
  const people = [
    ...contacts.map((c) => {
      const names = [c.name_zh, c.name_en, c.nickname];
      if (relationCount.get(c.relation) === 1)
        names.push(c.relation, ...(RELATION_ALIASES[c.relation] ?? []));
      return { id: c.person_id, names: [...new Set(names)] };
    }),
    ...conversations.filter((c) => c.kind === 'group').map((g) => ({ id: g.id, names: [g.title] })),
  ];
  return { request, people, addresses, items: catalogueItems(world) };
}

/** The names of everything the sandbox sells, read once per seed (names do not change while a world runs). */
const itemCache = new Map<number, { id: string; names: string[] }[]>();
function catalogueItems(world: World): { id: string; names: string[] }[] {
  const cached = itemCache.get(world.seed);
  if (cached) return cached;
  type Named = { id: string; name_zh: string; name_en: string };
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
  const items = [
    ...new Map(
      [...dishes, ...products].map((i) => [i.id, { id: i.id, names: [i.name_zh, i.name_en] }]),
    ).values(),
  ];
  itemCache.set(world.seed, items);
  return items;
}
