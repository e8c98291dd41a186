import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, serveWorld, WorldHost } from '../src/world/index.js';

/** The admin endpoints a bench uses: snapshot, restore, fork, advance, diff, plant. */
let host: WorldHost;
let server: RunningServer;

/** Admin calls carry the server's token; app calls on loopback need none. */
function headers(path: string): Record<string, string> {
  return path.includes('/admin/') ? { authorization: `Bearer ${server.token}` } : {};
}

async function post(path: string, body: unknown = {}): Promise<{ status: number; json: any }> {
  const res = await fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers(path) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, json: await res.json() };
}

async function get(path: string): Promise<any> {
  return (await fetch(`${server.url}${path}`, { headers: headers(path) })).json();
}

beforeAll(async () => {
  host = WorldHost.open({ seed: 4 });
  server = await serveWorld(host, { port: 0 });
});
afterAll(async () => {
  await server.close();
  host.close();
});

describe('world over HTTP', () => {
  it('describes itself', async () => {
    const info = (await (await fetch(server.url)).json()) as any;
    expect(info).toMatchObject({ world: 'main', seed: 4, persona: { id: 'liming' } });
    expect(info.apps.length).toBeGreaterThan(0);
  });

  it('snapshots, diffs and restores', async () => {
    const { json: snap } = await post('/admin/snapshot');
    await post('/apps/pay/tools/transfer', {
      to_account_id: 'p_wangfang',
      amount_fen: 300,
      idempotency_key: 'h1',
    });
    const diff = await get(`/admin/diff?from=${snap.snapshot}`);
    expect(diff.empty).toBe(false);
    await post('/admin/restore', { snapshot: snap.snapshot });
    const after = await get(`/admin/diff?from=${snap.snapshot}`);
    expect(after.empty).toBe(true);
  });

  it('serves forks at their own URL without touching the main world', async () => {
    const { json: snap } = await post('/admin/snapshot');
    const { json: fork } = await post('/admin/fork');
    const paid = await post(`/worlds/${fork.world}/apps/pay/tools/transfer`, {
      to_account_id: 'p_wangfang',
      amount_fen: 300,
      idempotency_key: 'f1',
    });
    expect(paid.status).toBe(200);
    const mainDiff = await get(`/admin/diff?from=${snap.snapshot}`);
    expect(mainDiff.empty).toBe(true);
    const forkDiff = await get(`/worlds/${fork.world}/admin/diff?from=${snap.snapshot}`);
    expect(forkDiff.empty).toBe(false);
    expect((await post(`/worlds/${fork.world}/admin/drop`)).status).toBe(200);
    expect((await post(`/worlds/${fork.world}/admin/snapshot`)).status).toBe(404);
  });

  it('advances the clock', async () => {
    const { json } = await post('/admin/advance', { minutes: 30 });
    expect(json.now).toMatch(/T11:30:00\+08:00$/);
  });

  it('answers bad requests with a typed error and changes nothing', async () => {
    const { json: snap } = await post('/admin/snapshot');
    const bad = await post('/apps/pay/tools/transfer', '{not json');
    expect(bad).toMatchObject({ status: 400, json: { ok: false, error: { code: 'INVALID_INPUT' } } });
    const poor = await post('/apps/pay/tools/transfer', {
      to_account_id: 'p_wangfang',
      amount_fen: 1e8,
      idempotency_key: 'x',
    });
    expect(poor).toMatchObject({ status: 402, json: { error: { code: 'INSUFFICIENT_FUNDS' } } });
    const unknown = await post('/apps/pay/tools/steal', {});
    expect(unknown).toMatchObject({ status: 404, json: { error: { code: 'UNKNOWN_TOOL' } } });
    expect((await post('/apps/nope/tools/x', {})).status).toBe(404);
    expect((await post('/admin/advance', { minutes: -5 })).status).toBe(400);
    const diff = await get(`/admin/diff?from=${snap.snapshot}`);
    expect(diff.empty).toBe(true);
  });
});
