import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { expect, it } from 'vitest';
import { runCli } from './support/cli.js';

/**
 * Many `errand run` at once on one fresh home (no model: the built-in recipes): every one succeeds —
 * no "database is locked", no race on the audit key or on making the home's world — the whole journal
 * is one chain that verifies, and the one world they share holds every order and payment exactly once.
 * `npm run bench:concurrency` does the same with 50 and prints figures.
 */
const RUNS = 16;
const LUNCH = '帮我从川味小馆点一份宫保鸡丁送到公司，40元以内，再告诉王芳我中午不回去吃饭';

it(`runs ${RUNS} errands at once on one fresh home with no failure, and the journal verifies`, {
  timeout: 180_000,
}, async () => {
  const home = mkdtempSync(join(tmpdir(), 'errand-concurrent-'));
  const env = { ERRAND_HOME: join(home, 'home'), HOME: home, ERRAND_MODEL: '' };
  const runs = await Promise.all(
    Array.from({ length: RUNS }, () => runCli(['run', LUNCH], { env, timeoutMs: 170_000 })),
  );
  const failures = runs.filter((r) => r.code !== 0 || r.stderr !== '' || !r.stdout.includes('✔ done'));
  expect(failures.map((f) => `${f.code}: ${f.stderr}${f.stdout.slice(-300)}`)).toEqual([]);
  const tasks = await runCli(['tasks', '--json', '--limit', '100'], { env });
  const listed = JSON.parse(tasks.stdout) as { status: string; outcome: string }[];
  expect(listed).toHaveLength(RUNS);
  expect(listed.every((t) => t.status === 'finished' && t.outcome === 'done')).toBe(true);
  const verify = await runCli(['audit', 'verify'], { env });
  expect(verify.stdout).toMatch(
    new RegExp(`✔ journal: audit chain intact \\(\\d+ events in ${RUNS} errands, signed\\)`),
  );
  // Each errand placed its own order in the shared world, and paid it once.
  const orders = runs.map((r) => /已下单并付款 ¥36\.00（订单 (ord_\d+)）/.exec(r.stdout)?.[1]);
  expect(new Set(orders).size).toBe(RUNS);
  const world = new Database(join(home, 'home', 'world.db'), { readonly: true });
  const count = (sql: string) => (world.prepare(sql).get() as { n: number }).n;
  expect(count("SELECT COUNT(*) AS n FROM food_orders WHERE id GLOB 'ord_[0-9]*' AND total = 3600")).toBe(
    RUNS,
  );
  expect(
    count("SELECT COUNT(*) AS n FROM pay_transactions WHERE id GLOB 'txn_[0-9]*' AND amount = 3600"),
  ).toBe(RUNS);
  expect(count("SELECT balance AS n FROM pay_accounts WHERE id = 'p_liming'")).toBe(142_300 - RUNS * 3600);
  world.close();
});
