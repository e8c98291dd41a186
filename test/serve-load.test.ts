import { afterEach, describe, expect, it } from 'vitest';
import { loadMix, runLoad } from '../bench/serve-load.js';
import { startTestServe, type TestServe } from './support/serve.js';

/** 50 errands at once through `errand serve`: each completes, and its SSE stream is its journal, whole and in order. */
let s: TestServe | undefined;
afterEach(async () => {
  await s?.stop();
  s = undefined;
});

describe('errand serve under load', () => {
  it('completes 50 concurrent errands with every event delivered over SSE in order', async () => {
    s = await startTestServe({ warm: true });
    const mix = loadMix(50);
    const result = await runLoad(s.url, mix);
    expect(result.problems).toEqual([]);
    expect(result.done).toBe(50);
    expect(result.approvals).toBe(mix.filter((m) => m.mandate).length);
    // Every errand's events reached its stream; none was lost or sent twice across the 50.
    const stored = s.journal.list(100).reduce((n, e) => n + s!.journal.events(e.id).length, 0);
    expect(result.events).toBe(stored);
    // The worlds show each payment once: 20 lunches and 15 transfers from Li Ming's wallet.
    const world = (await (await fetch(`${s.url}/api/worlds/liming`)).json()) as any;
    expect(world.world.balance).toBe(`¥${(1423 - 20 * 36 - 15 * 5).toFixed(2)}`);
    expect(s.journal.verifyAll().ok).toBe(true);
  }, 120_000);
});
