/**
 * The load on `errand serve` that bench/serve.ts measures and test/serve-load.test.ts checks: many
 * errands started at once through the HTTP API, each followed over its own SSE stream, approvals
 * answered over the API, every event checked against the journal (complete, in order, each once).
 */

/** One kind of errand in the mix. */
export interface LoadErrand {
  persona: string;
  request: string;
  mandate?: Record<string, unknown>;
}

/** What the load did: errands, events, problems, and every API call's latency by route. */
export interface LoadResult {
  errands: number;
  done: number;
  events: number;
  approvals: number;
  problems: string[];
  latencies: Record<string, number[]>;
  wallMs: number;
}

/** The mix: lunches (order, pay, message), transfers that each ask for approval, Sam's lattes. */
export function loadMix(count: number): LoadErrand[] {
  const kinds: LoadErrand[] = [
    {
      persona: 'liming',
      request: '帮我从川味小馆点一份宫保鸡丁送到公司，40元以内，再告诉王芳我中午不回去吃饭',
    },
    { persona: 'liming', request: '给王芳转5元', mandate: { approval: { paymentsAboveFen: 100 } } },
    { persona: 'sam', request: "Order me a latte to the office and tell Tom I'm running late" },
  ];
  // 2 : 1.5 : 1.5 for 50 (20 lunches, 15 transfers, 15 lattes): within the wallets and the stock.
  return Array.from({ length: count }, (_, i) => kinds[i % 10 < 4 ? 0 : i % 10 < 7 ? 1 : 2]!);
}

type Json = Record<string, any>;

async function timed(
  latencies: Record<string, number[]>,
  route: string,
  url: string,
  init: RequestInit = {},
): Promise<{ status: number; body: Json }> {
  const started = performance.now();
  const response = await fetch(url, init);
  const body = (await response.json()) as Json;
  latencies[route] = [...(latencies[route] ?? []), performance.now() - started];
  return { status: response.status, body };
}

const jsonInit = (body: unknown, headers: Record<string, string>): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
});

/** Follows one errand's stream to its end, answering its approvals with yes; returns the journal events seen. */
async function follow(
  base: string,
  id: string,
  headers: Record<string, string>,
  latencies: Record<string, number[]>,
  onApproval: () => void,
): Promise<{ events: Json[]; end: Json | undefined }> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 120_000);
  const events: Json[] = [];
  let end: Json | undefined;
  try {
    const response = await fetch(`${base}/api/errands/${id}/events`, { headers, signal: controller.signal });
    if (!response.body) throw new Error(`no stream for ${id}`);
    const decoder = new TextDecoder();
    let buffer = '';
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(chunk, { stream: true });
      for (let cut = buffer.indexOf('\n\n'); cut >= 0; cut = buffer.indexOf('\n\n')) {
        const block = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        const event = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        const sseId = /^id: (.*)$/m.exec(block)?.[1];
        if (!event || data === undefined) continue;
        const parsed = JSON.parse(data) as Json;
        if (event === 'errand') events.push({ ...parsed, sseId: Number(sseId) });
        if (event === 'question') {
          onApproval();
          const answered = await timed(
            latencies,
            'POST /api/errands/:id/answers',
            `${base}/api/errands/${id}/answers`,
            jsonInit({ questionId: parsed.id, approved: true }, headers),
          );
          if (answered.status !== 200) throw new Error(`answer ${id}: ${JSON.stringify(answered.body)}`);
        }
        if (event === 'end') {
          end = parsed;
          controller.abort();
          return { events, end };
        }
      }
    }
    return { events, end };
  } catch (err) {
    if (controller.signal.aborted) return { events, end };
    throw err;
  } finally {
    clearTimeout(timer);
  }
}

/** Runs the load against a server at `base` and checks every errand's stream against its journal. */
export async function runLoad(
  base: string,
  mix: LoadErrand[],
  headers: Record<string, string> = {},
): Promise<LoadResult> {
  const latencies: Record<string, number[]> = {};
  const problems: string[] = [];
  let approvals = 0;
  let eventCount = 0;
  let done = 0;
  const started = performance.now();
  // Someone watching the list while the errands run, as a console's history page would.
  let running = true;
  const watcher = (async () => {
    while (running) await timed(latencies, 'GET /api/errands', `${base}/api/errands?limit=20`, { headers });
  })();
  await Promise.all(
    mix.map(async (errand, i) => {
      const start = await timed(
        latencies,
        'POST /api/errands',
        `${base}/api/errands`,
        jsonInit(errand, headers),
      );
      if (start.status !== 202) {
        problems.push(`#${i} did not start: ${JSON.stringify(start.body)}`);
        return;
      }
      const id = start.body.id as string;
      const { events, end } = await follow(base, id, headers, latencies, () => approvals++);
      eventCount += events.length;
      if (end?.status !== 'finished') problems.push(`#${i} ${id} ended ${JSON.stringify(end)}`);
      const stored = await timed(
        latencies,
        'GET /api/errands/:id/events',
        `${base}/api/errands/${id}/events`,
        {
          headers: { ...headers, accept: 'application/json' },
        },
      );
      const seqs = (stored.body.events as Json[]).map((e) => e.seq as number);
      const seen = events.map((e) => e.seq as number);
      if (JSON.stringify(seen) !== JSON.stringify(seqs))
        problems.push(`#${i} ${id}: stream ${seen.join(',')} ≠ journal ${seqs.join(',')}`);
      if (events.some((e) => e.sseId !== e.seq))
        problems.push(`#${i} ${id}: an SSE id is not its event's seq`);
      const sameEvents = events.every(
        (e, k) =>
          JSON.stringify({ ...e, sseId: undefined }) ===
          JSON.stringify({ ...stored.body.events[k], sseId: undefined }),
      );
      if (!sameEvents) problems.push(`#${i} ${id}: an event differs from the journal's`);
      const view = await timed(latencies, 'GET /api/errands/:id', `${base}/api/errands/${id}`, { headers });
      if (view.body.report?.outcome === 'done') done++;
      else problems.push(`#${i} ${id}: outcome ${view.body.report?.outcome} (${view.body.report?.summary})`);
    }),
  );
  running = false;
  await watcher;
  return {
    errands: mix.length,
    done,
    events: eventCount,
    approvals,
    problems,
    latencies,
    wallMs: performance.now() - started,
  };
}

/** The value at quantile `q` of a list of times. */
export function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? Number.NaN;
}
