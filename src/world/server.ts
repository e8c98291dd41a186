import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { WorldHost } from './host.js';
import { createWorldApp } from './http.js';

/** A running world server. */
export interface RunningServer {
  /** Base URL, e.g. http://127.0.0.1:41234 */
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Serves a world host over HTTP on localhost; port 0 picks a free port. */
export function serveWorld(
  host: WorldHost,
  options: { port?: number; hostname?: string } = {},
): Promise<RunningServer> {
  const hostname = options.hostname ?? '127.0.0.1';
  const app = createWorldApp(host);
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port: options.port ?? 0, hostname }, (info: AddressInfo) => {
      const url = `http://${hostname.includes(':') ? `[${hostname}]` : hostname}:${info.port}`;
      resolve({
        url,
        port: info.port,
        close: () =>
          new Promise<void>((done) => {
            if ('closeAllConnections' in server) server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
    // The server is on loopback for this process's own clients: let them close idle connections. With
    // Node's 5 s keep-alive timeout the server closes an idle socket the client is just reusing when the
    // machine is busy, and the client's call fails with ECONNRESET ("fetch failed").
    if ('keepAliveTimeout' in server) server.keepAliveTimeout = 0;
    server.once('error', reject);
  });
}
