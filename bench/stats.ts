/** Small helpers for benchmark scripts: time a function many times and summarise. */
export interface Summary {
  median: number;
  p90: number;
  min: number;
  runs: number;
}

/** Runs `fn` `runs` times after `warmup` runs and returns times in milliseconds. */
export async function measure(
  fn: (i: number) => unknown,
  runs: number,
  warmup = Math.ceil(runs / 10),
): Promise<Summary> {
  for (let i = 0; i < warmup; i++) await fn(-1 - i);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn(i);
    times.push(performance.now() - t0);
  }
  return summarise(times);
}

/** Median, p90 and minimum of a list of times. */
export function summarise(values: number[]): Summary {
  const times = [...values].sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
  return { median: at(0.5), p90: at(0.9), min: times[0]!, runs: times.length };
}

/** One aligned line of a results table. */
export function row(label: string, s: Summary, unit: 'ms' | 'us' = 'ms', target?: string): string {
  const f = (v: number) => (unit === 'us' ? `${(v * 1000).toFixed(1)} µs` : `${v.toFixed(3)} ms`);
  return `${label.padEnd(44)} median ${f(s.median).padStart(11)}   p90 ${f(s.p90).padStart(11)}   n=${s.runs}${target ? `   target ${target}` : ''}`;
}
