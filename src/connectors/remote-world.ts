import { ErrandError } from '../errors.js';
import { World } from '../world/index.js';

/** The most errand reads of a world server's export: far above any sandbox world. */
const MAX_EXPORT_BYTES = 256 * 1024 * 1024;

/** A world server's base URL as errand calls it: http(s), no trailing slash, or INVALID_INPUT. */
export function worldServerUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ErrandError(
      'INVALID_INPUT',
      `"${raw}" is not a URL: give the world server's address as errand world serve prints it, e.g. http://127.0.0.1:4680.`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new ErrandError(
      'INVALID_INPUT',
      `The world server's URL must start with http:// or https://, not "${raw}".`,
    );
  return url.href.replace(/\/+$/, '');
}

/**
 * A copy of a running world server's state, taken now through its admin export: what errand reads
 * the person's contacts, addresses and the offline reader's catalogue from, as it would from a
 * world in its own process. Needs the server's token.
 */
export async function fetchWorldCopy(url: string, token: string | undefined): Promise<World> {
  let res: Response;
  try {
    res = await fetch(`${url}/admin/export`, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
      signal: AbortSignal.timeout(60_000),
    });
  } catch (err) {
    throw new ErrandError(
      'CONNECTOR_FAILED',
      `Nothing answers at ${url} (${(err as Error).cause ?? (err as Error).message}): start the world server with errand world serve, or check the address.`,
    );
  }
  if (res.status === 401)
    throw new ErrandError(
      'UNAUTHORIZED',
      `The world server at ${url} wants its token: run errand with the same ERRAND_HOME as the server (it keeps the token in world-token there), or set ERRAND_WORLD_TOKEN.`,
    );
  if (!res.ok)
    throw new ErrandError(
      'CONNECTOR_FAILED',
      `The world server at ${url} did not give its state (HTTP ${res.status}): is it an errand world server?`,
    );
  const length = Number(res.headers.get('content-length') ?? 0);
  if (length > MAX_EXPORT_BYTES)
    throw new ErrandError('TOO_LARGE', `The world at ${url} is ${length} bytes, more than errand reads.`);
  const bytes = Buffer.from(await res.arrayBuffer());
  let world: World | undefined;
  try {
    world = World.fromSnapshot({ bytes });
    void world.persona;
    return world;
  } catch {
    world?.close();
    throw new ErrandError('CONNECTOR_FAILED', `What ${url} sent is not an errand world.`);
  }
}
