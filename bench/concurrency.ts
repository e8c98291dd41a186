// npm run bench:concurrency — 50 `errand run` processes at once on one fresh home (no model: the
// built-in recipes), then the whole journal verified and the one world they share counted. Every other
// run is the README's lunch errand and the rest only send a message: one wallet pays for 39 lunches,
// and the world remembers every one. Prints failures, wall time and per-run latency. Runs the built
// CLI (bin/errand.js): `npm run build` first.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { summarise } from './stats.js';

const RUNS = Number(process.env.RUNS ?? 50);
const LUNCH = '帮我从川味小馆点一份宫保鸡丁送到公司，40元以内，再告诉王芳我中午不回去吃饭';
const MESSAGE = '告诉王芳我中午不回去吃饭';
const bin = fileURLToPath(new URL('../bin/errand.js', import.meta.url));
if (!existsSync(fileURLToPath(new URL('../dist/cli/main.js', import.meta.url)))) {
  console.error('bench:concurrency runs the built CLI: run `npm run build` first.');
  process.exit(1);
}
const home = mkdtempSync(join(tmpdir(), 'errand-bench-concurrency-'));
const env = { ...process.env, ERRAND_HOME: home, ERRAND_MODEL: '' };

function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string; ms: number }> {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('close', (code) => resolve({ code, stdout, stderr, ms: performance.now() - started }));
  });
}

const t0 = performance.now();
const runs = await Promise.all(
  Array.from({ length: RUNS }, (_, i) => run(['run', i % 2 === 0 ? LUNCH : MESSAGE])),
);
const wall = performance.now() - t0;
const failed = runs.filter((r) => r.code !== 0 || !r.stdout.includes('✔ done'));
const verify = await run(['audit', 'verify']);
const latency = summarise(runs.map((r) => r.ms));
console.log(`errand bench:concurrency — ${RUNS} errand run processes at once on one fresh home, no model`);
console.log(`failures: ${failed.length} of ${RUNS}`);
for (const f of failed.slice(0, 5))
  console.log(`  exit ${f.code}: ${(f.stderr || f.stdout).trim().split('\n').at(-1)}`);
console.log(
  `wall ${(wall / 1000).toFixed(1)} s · per run median ${(latency.median / 1000).toFixed(1)} s, p90 ${(latency.p90 / 1000).toFixed(1)} s, slowest ${(Math.max(...runs.map((r) => r.ms)) / 1000).toFixed(1)} s`,
);
console.log(`journal: ${verify.stdout.trim()}`);
const world = new Database(join(home, 'world.db'), { readonly: true });
const count = (sql: string) => (world.prepare(sql).get() as { n: number }).n;
const lunches = Math.ceil(RUNS / 2);
const orders = count("SELECT COUNT(*) AS n FROM food_orders WHERE id GLOB 'ord_[0-9]*'");
const messages = count("SELECT COUNT(*) AS n FROM chat_messages WHERE id GLOB 'msg_[0-9]*'");
world.close();
console.log(`world: ${orders} orders (of ${lunches} lunches), ${messages} messages (of ${RUNS})`);
process.exitCode =
  failed.length === 0 && verify.code === 0 && orders === lunches && messages === RUNS ? 0 : 1;
