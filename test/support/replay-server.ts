import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One recorded HTTP answer: a status and a JSON body, or a stream of server-sent JSON events. */
export interface Recorded {
  status?: number;
  body?: unknown;
  /** Sent as `text/event-stream`, one `data:` event each, then `data: [DONE]`. */
  events?: unknown[];
  headers?: Record<string, string>;
}

/** A local HTTP server that replays recorded provider responses in order and keeps what it was sent. */
export interface ReplayServer {
  url: string;
  requests: { path: string; body: any; headers: IncomingMessage['headers'] }[];
  close(): Promise<void>;
}

/** Starts a replay server on a free loopback port. Past the end of the recording it answers 500. */
export async function startReplayServer(responses: Recorded[]): Promise<ReplayServer> {
  const queue = [...responses];
  const requests: ReplayServer['requests'] = [];
  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk) => {
      raw += chunk;
    });
    req.on('end', () => {
      requests.push({ path: req.url ?? '', body: raw ? JSON.parse(raw) : undefined, headers: req.headers });
      const next: Recorded = queue.shift() ?? {
        status: 500,
        body: { error: { message: 'the recording has ended' } },
      };
      if (next.events) {
        res.writeHead(next.status ?? 200, { 'content-type': 'text/event-stream', ...next.headers });
        res.end(`${next.events.map((e) => `data: ${JSON.stringify(e)}\n\n`).join('')}data: [DONE]\n\n`);
        return;
      }
      res.writeHead(next.status ?? 200, { 'content-type': 'application/json', ...next.headers });
      res.end(JSON.stringify(next.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
