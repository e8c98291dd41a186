import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';

/** A server listening, and how to stop it. */
export interface Listening {
  /** Base URL, e.g. http://127.0.0.1:41234 */
  url: string;
  port: number;
  /** Drops every open connection and stops listening. */
  close(): Promise<void>;
}

/** The host to put in a server's URL: a wildcard address is reached here through loopback. */
function urlHost(hostname: string): string {
  if (hostname === '0.0.0.0') return '127.0.0.1';
  if (hostname === '::') return '[::1]';
  return hostname.includes(':') ? `[${hostname}]` : hostname;
}

/**
 * Serves `fetch` over HTTP on `hostname` (port 0 picks a free one), as the world server, `errand mcp
 * --http` and `errand serve` do. `onListening` runs before any request can arrive: the place to learn
 * the Host names to answer to, which name the port.
 */
export function listen(
  fetch: Parameters<typeof serve>[0]['fetch'],
  options: { hostname: string; port?: number; onListening?: (port: number) => void },
): Promise<Listening> {
  return new Promise((resolve, reject) => {
    const server = serve(
      { fetch, port: options.port ?? 0, hostname: options.hostname },
      (info: AddressInfo) => {
        options.onListening?.(info.port);
        resolve({
          url: `http://${urlHost(options.hostname)}:${info.port}`,
          port: info.port,
          close: () =>
            new Promise<void>((done) => {
              if ('closeAllConnections' in server) server.closeAllConnections();
              server.close(() => done());
            }),
        });
      },
    );
    // The server's clients are often this process's own: let them close idle connections. With
    // Node's 5 s keep-alive timeout the server closes an idle socket the client is just reusing when the
    // machine is busy, and the client's call fails with ECONNRESET ("fetch failed").
    if ('keepAliveTimeout' in server) server.keepAliveTimeout = 0;
    server.once('error', reject);
  });
}
