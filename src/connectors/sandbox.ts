import type { Profile } from '../agent/task.js';
import { formatWorldTime, type RunningServer, serveWorld, WorldHost } from '../world/index.js';
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
      names.map((name) => McpConnector.connect(name, { url: `${server.url}/apps/${name}/mcp` })),
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
    close: async () => {
      await Promise.all(connectors.map((c) => c.close()));
      await server.close();
      host.close();
    },
  };
}
