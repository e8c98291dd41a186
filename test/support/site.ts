import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The fixture site: a small bakery with a form, a shadow-DOM widget and an iframe (not the world). */
export const SITE_DIR = fileURLToPath(new URL('../fixtures/site/', import.meta.url));

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
};

/** A running fixture site on a loopback port; `writes` lists every non-GET request that reached it. */
export interface TestSite {
  url: string;
  writes: string[];
  close(): Promise<void>;
}

/** Serves the fixture site on port 0; POST /api/orders and /api/subscribe answer as a shop would, GET /api/stock slowly. */
export async function serveSite(): Promise<TestSite> {
  const writes: string[] = [];
  let n = 0;
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      let body = '';
      req.on('data', (c) => {
        body += c;
      });
      req.on('end', () => {
        writes.push(`${req.method} ${path} ${body}`);
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ ok: true, id: `B${++n}` }));
      });
      return;
    }
    if (path === '/api/stock') {
      // A slow answer, as a busy shop's server gives: the page renders only after it.
      const delay = Math.min(
        3000,
        Number(new URL(req.url ?? '/', 'http://x').searchParams.get('delay')) || 0,
      );
      setTimeout(() => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ loaves: ['Sourdough', 'Rye', 'Baguette', 'Brioche', 'Focaccia'] }));
      }, delay);
      return;
    }
    const file = path === '/' ? 'index.html' : path.slice(1);
    try {
      const bytes = readFileSync(join(SITE_DIR, file.replace(/\.\./g, '')));
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      res.end(bytes);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
    }
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    writes,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}
