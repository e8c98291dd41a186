// npm run bench:serve — 50 errands at once through `errand serve` (the built CLI, in a fresh home; no
// model: errand's recipes, which drive the runner through the shipped scripted model), each followed
// over its own SSE stream, approvals answered over the API, every event checked against the journal.
// Prints API latency p50/p99 by route. `ERRANDS=100 npm run bench:serve` for another count.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadMix, quantile, runLoad } from './serve-load.js';

const ERRANDS = Number(process.env.ERRANDS ?? 50);
const bin = fileURLToPath(new URL('../bin/errand.js', import.meta.url));
if (!existsSync(fileURLToPath(new URL('../dist/cli/main.js', import.meta.url)))) {
  console.error('bench:serve runs the built CLI: run `npm run build` first.');
  process.exit(1);
}
const home = mkdtempSync(join(tmpdir(), 'errand-bench-serve-'));
const child = spawn(process.execPath, [bin, 'serve', '--port', '0'], {
  env: { ...process.env, ERRAND_HOME: home, HOME: home, ERRAND_MODEL: '', OTEL_EXPORTER_OTLP_ENDPOINT: '' },
  stdio: ['ignore', 'pipe', 'pipe'],
});
const url = await new Promise<string>((resolve, reject) => {
  let out = '';
  child.stdout.on('data', (d) => {
    out += d;
    const found = /console is at (http:\/\/[^/\s]+)\//.exec(out);
    if (found) resolve(found[1]!);
  });
  child.once('exit', (code) => reject(new Error(`errand serve exited (${code}) before listening:\n${out}`)));
});
child.stderr.resume(); // the request log: one line a call

try {
  const result = await runLoad(url, loadMix(ERRANDS));
  const all = Object.values(result.latencies).flat();
  const line = (route: string, times: number[]) =>
    `  ${route.padEnd(30)} ${String(times.length).padStart(5)} calls  p50 ${quantile(times, 0.5).toFixed(1).padStart(7)} ms  p99 ${quantile(times, 0.99).toFixed(1).padStart(7)} ms`;
  console.log(
    `errand serve · ${result.errands} errands at once (${result.approvals} approvals answered over the API) · 2 personas' worlds`,
  );
  console.log(
    `  done ${result.done}/${result.errands} · ${result.events} events over SSE, each in order and as the journal holds it · wall ${(result.wallMs / 1000).toFixed(2)} s`,
  );
  for (const [route, times] of Object.entries(result.latencies)) console.log(line(route, times));
  console.log(line('all API calls', all));
  if (result.problems.length) {
    console.log(`PROBLEMS (${result.problems.length}):\n  ${result.problems.join('\n  ')}`);
    process.exitCode = 1;
  }
} finally {
  child.kill('SIGTERM');
}
