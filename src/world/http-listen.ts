import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { allowedHosts } from './http-access.js';

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
 * --http` and `errand serve` do. `onHosts` gets the Host names to answer to (they name the port, so
 * they are known only now) before any request can arrive: loopback's, `hostname`'s and `allowHosts`.
 */
export function listen(
  fetch: Parameters<typeof serve>[0]['fetch'],
  hostname: string,
  options: { port?: number; allowHosts?: string[] },
  onHosts: (hosts: string[]) => void,
): Promise<Listening> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch, port: options.port ?? 0, hostname }, (info: AddressInfo) => {
      onHosts(allowedHosts(hostname, info.port, options.allowHosts));
      resolve({
        url: `http://${urlHost(hostname)}:${info.port}`,
        port: info.port,
        close: () =>
          new Promise<void>((done) => {
            if ('closeAllConnections' in server) server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
    // The server's clients are often this process's own: let them close idle connections. With
    // Node's 5 s keep-alive timeout the server closes an idle socket the client is just reusing when the
    // machine is busy, and the client's call fails with ECONNRESET ("fetch failed").
    if ('keepAliveTimeout' in server) server.keepAliveTimeout = 0;
    server.once('error', reject);
  });
}
