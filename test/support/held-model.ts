import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A model server that answers recorded turns in order, except one request it holds unanswered. */
export interface HeldModel {
  url: string;
  /** Resolves when the held request arrives: the errand is then waiting for the model. */
  held: Promise<void>;
  close(): Promise<void>;
}

/**
 * Starts an OpenAI-compatible model on a free loopback port that answers `turns` in order and never
 * answers request number `holdAt` (0-based), so a test can act while the model "thinks".
 */
export async function startHeldModel(turns: { body: unknown }[], holdAt?: number): Promise<HeldModel> {
  let count = 0;
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  const waiting: ServerResponse[] = [];
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const i = count++;
      if (i === holdAt) {
        waiting.push(res);
        release();
        return;
      }
      const turn = turns[i];
      res.writeHead(turn ? 200 : 500, { 'content-type': 'application/json' });
      res.end(JSON.stringify(turn ? turn.body : { error: { message: 'no more turns' } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    held,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
