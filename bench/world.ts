// npm run bench:world — how fast the world restores and answers tool calls over MCP on loopback, and
// what keeping it in a file (WAL, every commit synced) costs a write.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { serveWorld, World, WorldHost } from '../src/world/index.js';
import { measure, row } from './stats.js';

const world = World.open({ seed: 1 });
const snapshot = world.snapshot();
console.log(
  `errand bench:world — world of ${(snapshot.bytes.length / 1024).toFixed(0)} KiB, ${world.apps.length} apps, node ${process.version}`,
);

const restore = await measure(() => world.restore(snapshot), 500);
const fork = await measure(() => world.fork().close(), 200);
const direct = await measure(() => world.call('pay', 'get_balance', {}), 2000);
const transfer = (key: string) => ({
  to_account_id: 'p_wangfang',
  amount_fen: 1,
  memo: 'bench',
  idempotency_key: key,
});
const writeMemory = await measure((i) => world.call('pay', 'transfer', transfer(`m-${i}`)), 300);
world.close();

const kept = World.open({
  seed: 1,
  file: join(mkdtempSync(join(tmpdir(), 'errand-bench-world-')), 'world.db'),
});
const writeFile = await measure((i) => kept.call('pay', 'transfer', transfer(`f-${i}`)), 300);
const restoreFile = await measure(() => kept.restore(snapshot), 50);
kept.close();

const host = WorldHost.open({ seed: 1 });
const server = await serveWorld(host, { port: 0 });
const client = new Client({ name: 'bench', version: '1' });
await client.connect(new StreamableHTTPClientTransport(new URL(`${server.url}/apps/pay/mcp`)));
const read = await measure(() => client.callTool({ name: 'get_balance', arguments: {} }), 1000);
const write = await measure(
  (i) =>
    client.callTool({
      name: 'transfer',
      arguments: { to_account_id: 'p_wangfang', amount_fen: 1, memo: 'bench', idempotency_key: `bench-${i}` },
    }),
  300,
);
await client.close();
await server.close();
host.close();

console.log(row('restore a snapshot', restore, 'ms', '< 5 ms'));
console.log(row('fork a world', fork));
console.log(row('read tool call, in process (pay.get_balance)', direct, 'us'));
console.log(row('write tool call, in process (pay.transfer)', writeMemory));
console.log(row('… same, world kept in a file (WAL, synced)', writeFile));
console.log(row('restore into a world kept in a file', restoreFile));
console.log(row('read tool call over MCP HTTP (get_balance)', read, 'ms', '< 2 ms'));
console.log(row('write tool call over MCP HTTP (transfer)', write));
