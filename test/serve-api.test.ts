import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startServe } from '../src/serve/index.js';
import { floodRequest, rawRequest } from './support/raw-http.js';
import { call, readEvents, type SseEvent, startTestServe, type TestServe } from './support/serve.js';

/** `errand serve`'s API over real HTTP: every route, its refusals, and an approval that counts once. */
const servers: TestServe[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.stop();
});

async function serve(options: Parameters<typeof startTestServe>[0] = {}): Promise<TestServe> {
  const s = await startTestServe(options);
  servers.push(s);
  return s;
}

const TRANSFER = { request: '给王芳转20元', mandate: { approval: { paymentsAboveFen: 1000 } } };

async function balance(s: TestServe, persona = 'liming'): Promise<string> {
  return (await call(s.url, 'GET', `/api/worlds/${persona}`)).body.world.balance;
}

/** Starts an errand and waits until it asks its first question. */
async function startAsking(s: TestServe, body: unknown = TRANSFER): Promise<{ id: string; question: any }> {
  const started = await call(s.url, 'POST', '/api/errands', body);
  expect(started.status).toBe(202);
  const id = started.body.id as string;
  let question: any;
  await readEvents(s.url, id, {
    onEvent: (e) => {
      if (e.event === 'question') {
        question = e.data;
        throw Object.assign(new Error('stop'), { stop: true });
      }
    },
  }).catch((err) => {
    if (!err.stop) throw err;
  });
  expect(question).toBeDefined();
  return { id, question };
}

function journalEvents(events: SseEvent[]) {
  return events.filter((e) => e.event === 'errand');
}

describe('starting and following an errand', () => {
  it('starts, streams every event in order, waits on the approval, and pays once when approved', async () => {
    const s = await serve();
    const before = await balance(s);
    const started = await call(s.url, 'POST', '/api/errands', TRANSFER);
    expect(started.status).toBe(202);
    expect(started.headers.get('location')).toBe(`/api/errands/${started.body.id}`);
    expect(started.body).toMatchObject({
      ok: true,
      status: 'running',
      note: expect.stringContaining('no model'),
    });
    const id = started.body.id as string;

    const events = await readEvents(s.url, id, {
      onEvent: async (e) => {
        if (e.event !== 'question') return;
        // The card shows the action in the person's words, and exactly what it would do.
        expect(e.data.question).toMatchObject({
          kind: 'approval',
          text: '转账 ¥20.00 给 王芳？',
          action: { app: 'pay', tool: 'transfer', input: { to_account_id: 'p_wangfang', amount_fen: 2000 } },
          withinMandate: true,
        });
        const open = await call(s.url, 'GET', `/api/errands/${id}`);
        expect(open.body.pending.map((p: any) => p.id)).toEqual([e.data.id]);
        const first = await call(s.url, 'POST', `/api/errands/${id}/answers`, {
          questionId: e.data.id,
          approved: true,
        });
        expect(first.status).toBe(200);
        const second = await call(s.url, 'POST', `/api/errands/${id}/answers`, {
          questionId: e.data.id,
          approved: true,
        });
        expect(second.status).toBe(409);
        expect(second.body.error.code).toBe('CONFLICT');
      },
    });
    const stream = journalEvents(events);
    // Complete and in order: sequence numbers rise by one, each once, as the journal holds them.
    const seqs = stream.map((e) => Number(e.id));
    expect(seqs).toEqual(seqs.map((_, i) => seqs[0]! + i));
    expect(stream.map((e) => e.data.seq)).toEqual(seqs);
    expect(s.journal.events(id).map((e) => e.seq)).toEqual(seqs);
    expect(stream.map((e) => e.data.type)).toEqual(
      expect.arrayContaining([
        'task.started',
        'intents.derived',
        'action.proposed',
        'action.decided',
        'task.finished',
      ]),
    );
    expect(events.map((e) => e.event)).toContain('answered');
    expect(events.at(-1)).toMatchObject({ event: 'end', data: { status: 'finished' } });

    const view = await call(s.url, 'GET', `/api/errands/${id}`);
    expect(view.body.report).toMatchObject({ status: 'finished', outcome: 'done', asks: 1 });
    expect(view.body.report.receipts).toHaveLength(1);
    expect(view.body.pending).toEqual([]);
    // Paid exactly once, in the app's own state.
    const after = await balance(s);
    expect(Number(before.slice(1)) - Number(after.slice(1))).toBeCloseTo(20, 2);
    const world = await call(s.url, 'GET', '/api/worlds/liming');
    expect(world.body.world.transactions).toHaveLength(1);
  });

  it('refuses the second of two answers sent at once, and the payment happens once', async () => {
    const s = await serve();
    const { id, question } = await startAsking(s);
    const answers = await Promise.all(
      [true, true, false].map((approved) =>
        call(s.url, 'POST', `/api/errands/${id}/answers`, { questionId: question.id, approved }),
      ),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409, 409]);
    const events = await readEvents(s.url, id);
    expect(journalEvents(events).filter((e) => e.data.type === 'action.finished')).toHaveLength(1);
    expect((await call(s.url, 'GET', '/api/worlds/liming')).body.world.transactions).toHaveLength(1);
  });

  it('declined: nothing is paid and the errand says it was not approved', async () => {
    const s = await serve();
    const before = await balance(s);
    const { id, question } = await startAsking(s);
    const no = await call(s.url, 'POST', `/api/errands/${id}/answers`, {
      questionId: question.id,
      approved: false,
    });
    expect(no.body.answer).toMatchObject({ approved: false, by: 'person' });
    const events = journalEvents(await readEvents(s.url, id));
    const decided = events.find((e) => e.data.type === 'action.decided')!.data;
    expect(decided).toMatchObject({ decision: 'deny', by: 'person' });
    expect(events.some((e) => e.data.type === 'action.started')).toBe(false);
    expect(await balance(s)).toBe(before);
  });

  it('an answer must say yes or no; a question that does not exist is not found', async () => {
    const s = await serve();
    const { id, question } = await startAsking(s);
    const vague = await call(s.url, 'POST', `/api/errands/${id}/answers`, {
      questionId: question.id,
      text: 'ok',
    });
    expect(vague.status).toBe(400);
    expect(vague.body.error.message).toContain('"approved": true');
    const missing = await call(s.url, 'POST', `/api/errands/${id}/answers`, {
      questionId: 'q_nope',
      approved: true,
    });
    expect(missing.status).toBe(404);
    // The question is still open after both.
    expect((await call(s.url, 'GET', `/api/errands/${id}`)).body.pending).toHaveLength(1);
  });

  it('with confirm, shows what errand understood first; declined, nothing runs', async () => {
    const s = await serve();
    const { id, question } = await startAsking(s, { ...TRANSFER, confirm: true });
    expect(question.question).toMatchObject({ kind: 'confirm', lines: ['给 王芳 转账 ¥20.00'] });
    const no = await call(s.url, 'POST', `/api/errands/${id}/answers`, {
      questionId: question.id,
      approved: false,
    });
    expect(no.status).toBe(200);
    const events = journalEvents(await readEvents(s.url, id));
    expect(events.map((e) => e.data.type)).toContain('intents.confirmed');
    expect(events.some((e) => e.data.type === 'action.proposed')).toBe(false);
    expect((await call(s.url, 'GET', `/api/errands/${id}`)).body.report.status).toBe('cancelled');
  });

  it('cancels an errand waiting on an approval: the question is withdrawn and nothing runs', async () => {
    const s = await serve();
    const before = await balance(s);
    const { id, question } = await startAsking(s);
    const cancelled = await call(s.url, 'POST', `/api/errands/${id}/cancel`, {});
    expect(cancelled.status).toBe(202);
    const events = await readEvents(s.url, id);
    expect(events.at(-1)).toMatchObject({ event: 'end', data: { status: 'cancelled' } });
    // A console still showing the card: its late yes is refused as too late, and nothing runs.
    const late = await call(s.url, 'POST', `/api/errands/${id}/answers`, {
      questionId: question.id,
      approved: true,
    });
    expect(late.status).toBe(409);
    expect(late.body.error.message).toContain('no longer waits');
    expect(journalEvents(events).some((e) => e.data.type === 'action.started')).toBe(false);
    const view = await call(s.url, 'GET', `/api/errands/${id}`);
    expect(view.body.report.status).toBe('cancelled');
    expect(view.body.pending).toEqual([]);
    expect(await balance(s)).toBe(before);
    // Cancelling what has ended changes nothing.
    expect((await call(s.url, 'POST', `/api/errands/${id}/cancel`, {})).body).toMatchObject({
      cancelled: false,
    });
  });

  it('resumes a stream from Last-Event-ID with only what the client missed', async () => {
    const s = await serve();
    const { id, question } = await startAsking(s);
    await call(s.url, 'POST', `/api/errands/${id}/answers`, { questionId: question.id, approved: true });
    const all = journalEvents(await readEvents(s.url, id));
    const cut = Number(all[3]!.id);
    const rest = journalEvents(await readEvents(s.url, id, { headers: { 'last-event-id': String(cut) } }));
    expect(rest.map((e) => Number(e.id))).toEqual(
      all.filter((e) => Number(e.id) > cut).map((e) => Number(e.id)),
    );
    const json = await call(s.url, 'GET', `/api/errands/${id}/events`, undefined, {
      accept: 'application/json',
    });
    expect(json.body.events.map((e: any) => e.seq)).toEqual(all.map((e) => Number(e.id)));
  });

  it('runs a model errand across three apps, with the plan, tokens and receipts', async () => {
    const s = await serve();
    const started = await call(s.url, 'POST', '/api/errands', {
      request: '帮我从川味小馆点一份宫保鸡丁送到公司，40元以内，再告诉王芳我中午不回去吃饭',
      model: 'scripted:lunch',
      mandate: { budgetFen: 4000 },
    });
    expect(started.status).toBe(202);
    const events = journalEvents(await readEvents(s.url, started.body.id));
    expect(events.map((e) => e.data.type)).toEqual(
      expect.arrayContaining(['plan.updated', 'model.responded']),
    );
    const { report } = (await call(s.url, 'GET', `/api/errands/${started.body.id}`)).body;
    expect(report).toMatchObject({ status: 'finished', outcome: 'done', model: 'scripted:lunch' });
    expect(report.usage.inputTokens).toBeGreaterThan(0);
    expect(report.receipts.map((r: any) => r.tool)).toEqual([
      'food_place_order',
      'pay_pay_request',
      'chat_send_message',
    ]);
    // The world remembers across errands: the order is there for the next one to see.
    expect(
      (await call(s.url, 'GET', '/api/worlds/liming')).body.world.foodOrders.map((o: any) => o.id),
    ).toContain(report.receipts[0].id);
  });

  it('lists errands newest first and finds them by words of the request', async () => {
    const s = await serve();
    const a = await call(s.url, 'POST', '/api/errands', { ...TRANSFER, approve: 'deny' });
    const b = await call(s.url, 'POST', '/api/errands', { request: '给妈妈转30元', approve: 'deny' });
    await readEvents(s.url, a.body.id);
    await readEvents(s.url, b.body.id);
    const all = await call(s.url, 'GET', '/api/errands');
    expect(all.body.errands.map((e: any) => e.id)).toEqual([b.body.id, a.body.id]);
    const found = await call(s.url, 'GET', `/api/errands?q=${encodeURIComponent('妈妈')}`);
    expect(found.body.errands.map((e: any) => e.id)).toEqual([b.body.id]);
    expect((await call(s.url, 'GET', '/api/errands?q=nothing-like-this')).body.errands).toEqual([]);
  });
});

describe('what the API refuses', () => {
  it('malformed JSON, a body that is not JSON, an unknown field, an oversized body', async () => {
    const s = await serve();
    const broken = await call(s.url, 'POST', '/api/errands', '{"request": "给王芳转20元"');
    expect(broken.status).toBe(400);
    expect(broken.body.error).toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringContaining('not valid JSON'),
    });
    const form = await call(s.url, 'POST', '/api/errands', 'request=x', {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(form.status).toBe(415);
    const typo = await call(s.url, 'POST', '/api/errands', {
      request: '给王芳转20元',
      mandate: { budget_fen: 100 },
    });
    expect(typo.status).toBe(400);
    expect(typo.body.error.message).toContain('did you mean mandate.budgetFen');
    const big = await call(s.url, 'POST', '/api/errands', { request: 'x'.repeat(70 * 1024) });
    expect(big.status).toBe(413);
    expect(big.body.error.code).toBe('TOO_LARGE');
    // A body far past the limit is cut off early, not read to its end.
    const flood = await floodRequest(s.url, '/api/errands', { maxBytes: 64 * 1024 * 1024 });
    expect(flood.status).toBe(413);
    expect(flood.sent).toBeLessThan(16 * 1024 * 1024);
    const empty = await call(s.url, 'POST', '/api/errands', { request: '   ' });
    expect(empty.status).toBe(400);
    // Nothing was started by any of them.
    expect((await call(s.url, 'GET', '/api/errands')).body.errands).toEqual([]);
  });

  it('an unknown persona or model, and a request the recipes are not sure of with no model', async () => {
    const s = await serve();
    const persona = await call(s.url, 'POST', '/api/errands', { ...TRANSFER, persona: 'bob' });
    expect(persona.status).toBe(404);
    expect(persona.body.error.message).toContain('liming');
    const model = await call(s.url, 'POST', '/api/errands', { ...TRANSFER, model: 'deepseek:deepseek-chat' });
    expect(model.status).toBe(400);
    expect(model.body.error).toMatchObject({
      code: 'CONFIG_INVALID',
      message: expect.stringContaining('DEEPSEEK_API_KEY'),
    });
    const unsure = await call(s.url, 'POST', '/api/errands', { request: '帮我弄点好吃的' });
    expect(unsure.status).toBe(400);
    expect(unsure.body.error.details.missing.length).toBeGreaterThan(0);
  });

  it('more errands at once than the server runs: 429, and room again once one ends', async () => {
    const s = await serve({ maxRunning: 1 });
    const { id } = await startAsking(s);
    const more = await call(s.url, 'POST', '/api/errands', { ...TRANSFER, approve: 'deny' });
    expect(more.status).toBe(429);
    expect(more.body.error.code).toBe('LIMIT_EXCEEDED');
    await call(s.url, 'POST', `/api/errands/${id}/cancel`, {});
    await readEvents(s.url, id);
    const again = await call(s.url, 'POST', '/api/errands', { ...TRANSFER, approve: 'deny' });
    expect(again.status).toBe(202);
  });

  it('an errand that does not exist, on every route that names one', async () => {
    const s = await serve();
    for (const [method, path, body] of [
      ['GET', '/api/errands/enope', undefined],
      ['GET', '/api/errands/enope/events', undefined],
      ['GET', '/api/errands/enope/audit', undefined],
      ['POST', '/api/errands/enope/answers', { questionId: 'q_x', approved: true }],
      ['POST', '/api/errands/enope/cancel', {}],
      ['GET', '/api/worlds/bob', undefined],
      ['GET', '/api/nothing', undefined],
    ] as const) {
      const reply = await call(s.url, method, path, body);
      expect([path, reply.status, reply.body.error?.code]).toEqual([path, 404, 'NOT_FOUND']);
    }
  });

  it('a foreign Host (DNS rebinding), a page of another origin, a cross-site browser request', async () => {
    const s = await serve();
    const host = await rawRequest(s.url, {
      method: 'GET',
      path: '/api/errands',
      headers: { host: 'evil.example' },
    });
    expect(host.status).toBe(403);
    expect(host.json.error.message).toContain('does not answer to the host');
    const origin = await call(s.url, 'POST', '/api/errands', TRANSFER, { origin: 'http://evil.example' });
    expect(origin.status).toBe(403);
    const site = await call(s.url, 'POST', '/api/errands', TRANSFER, { 'sec-fetch-site': 'cross-site' });
    expect(site.status).toBe(403);
    const opaque = await call(s.url, 'POST', '/api/errands', TRANSFER, { origin: 'null' });
    expect(opaque.status).toBe(403);
    expect((await call(s.url, 'GET', '/api/errands')).body.errands).toEqual([]);
    // The console's own origin is welcome.
    const own = await call(
      s.url,
      'POST',
      '/api/errands',
      { ...TRANSFER, approve: 'deny' },
      { origin: s.url },
    );
    expect(own.status).toBe(202);
  });
});

describe('the token', () => {
  const TOKEN = 'a-long-enough-server-token-0123456789';

  it('is needed to listen off loopback', async () => {
    const journal = (await serve()).journal;
    await expect(startServe({ journal, hostname: '0.0.0.0', port: 0 })).rejects.toMatchObject({
      code: 'CONFIG_INVALID',
    });
    await expect(startServe({ journal, hostname: '0.0.0.0', port: 0, token: 'short' })).rejects.toMatchObject(
      {
        code: 'CONFIG_INVALID',
      },
    );
  });

  it('off loopback every call checks it: missing, wrong and right; the console logs in with it', async () => {
    const s = await serve({ hostname: '0.0.0.0', token: TOKEN });
    const missing = await call(s.url, 'GET', '/api/errands');
    expect(missing.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toBe('Bearer');
    const wrong = await call(s.url, 'GET', '/api/errands', undefined, {
      authorization: 'Bearer not-the-token-at-all',
    });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe('UNAUTHORIZED');
    const startedWithout = await call(s.url, 'POST', '/api/errands', TRANSFER);
    expect(startedWithout.status).toBe(401);
    const auth = { authorization: `Bearer ${TOKEN}` };
    expect((await call(s.url, 'GET', '/api/errands', undefined, auth)).status).toBe(200);
    expect((await call(s.url, 'GET', '/api/audit', undefined, auth)).status).toBe(200);

    // A page without a session goes to the login page; the login page itself is open.
    const page = await call(s.url, 'GET', '/history');
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toBe('/login');
    expect((await call(s.url, 'GET', '/login')).status).toBe(200);
    const badLogin = await call(s.url, 'POST', '/api/session', { token: 'wrong-token-wrong-token' });
    expect(badLogin.status).toBe(401);
    const login = await call(s.url, 'POST', '/api/session', { token: TOKEN });
    expect(login.status).toBe(200);
    const cookie = login.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).not.toContain(TOKEN);
    const session = { cookie: cookie.split(';')[0]! };
    expect((await call(s.url, 'GET', '/history', undefined, session)).status).toBe(200);
    // A session's writes must come from the console's own page (an Origin), never blind.
    const blind = await call(s.url, 'POST', '/api/errands', { ...TRANSFER, approve: 'deny' }, session);
    expect(blind.status).toBe(403);
    const fromConsole = await call(
      s.url,
      'POST',
      '/api/errands',
      { ...TRANSFER, approve: 'deny' },
      {
        ...session,
        origin: s.url,
      },
    );
    expect(fromConsole.status).toBe(202);
    await readEvents(s.url, fromConsole.body.id, { headers: auth });
    const logout = await call(s.url, 'DELETE', '/api/session', undefined, { ...session, origin: s.url });
    expect(logout.status).toBe(200);
    expect((await call(s.url, 'GET', '/api/errands', undefined, session)).status).toBe(401);
    // No secret in the log: the token, the session id.
    const log = s.log.join('\n');
    expect(log).toContain('POST /api/session 200');
    expect(log).not.toContain(TOKEN);
    expect(log).not.toContain(session.cookie.split('=')[1]!);
  });
});

describe('the other routes', () => {
  it('the audit, whole and per errand, and the worlds', async () => {
    const s = await serve();
    const a = await call(s.url, 'POST', '/api/errands', { ...TRANSFER, approve: 'deny' });
    await readEvents(s.url, a.body.id);
    const whole = await call(s.url, 'GET', '/api/audit');
    expect(whole.body.audit).toMatchObject({ ok: true, signed: true, errands: 1 });
    const one = await call(s.url, 'GET', `/api/errands/${a.body.id}/audit`);
    expect(one.body.audit.ok).toBe(true);
    expect(one.body.audit.eventsOf[a.body.id]).toBeGreaterThan(3);
    const worlds = await call(s.url, 'GET', '/api/worlds');
    expect(worlds.body).toMatchObject({ personas: ['liming', 'sam'], running: ['liming'] });
    const sam = await call(s.url, 'GET', '/api/worlds/sam');
    expect(sam.body.world).toMatchObject({ persona: 'sam', name: 'Sam Carter' });
  });

  it('describes itself in OpenAPI 3.1, every route included', async () => {
    const s = await serve();
    const doc = (await call(s.url, 'GET', '/api/openapi.json')).body;
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths).sort()).toEqual(
      [
        '/api/audit',
        '/api/errands',
        '/api/errands/{id}',
        '/api/errands/{id}/answers',
        '/api/errands/{id}/audit',
        '/api/errands/{id}/cancel',
        '/api/errands/{id}/events',
        '/api/openapi.json',
        '/api/session',
        '/api/worlds',
        '/api/worlds/{persona}',
      ].sort(),
    );
    expect(doc.components.schemas.StartErrand.required).toEqual(['request']);
    expect(doc.components.schemas.StartErrand.properties.mandate.properties.budgetFen).toBeDefined();
  });

  it('serves console pages framed by nobody, and bench reports only in a sandbox', async () => {
    const s = await serve();
    for (const path of ['/', '/history', '/audit', '/world', '/bench', '/login']) {
      const page = await call(s.url, 'GET', path, undefined, { accept: 'text/html' });
      expect([path, page.status]).toEqual([path, 200]);
      expect(page.headers.get('x-frame-options')).toBe('DENY');
      expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    }
    const dir = join(s.journal.file, '..', 'bench-results');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'core-oracle-1.html'), '<!doctype html><h1>core · oracle</h1>');
    const list = await call(s.url, 'GET', '/bench');
    expect(list.body).toContain('core-oracle-1.html');
    const report = await call(s.url, 'GET', '/bench/core-oracle-1.html');
    expect(report.body).toContain('core · oracle');
    expect(report.headers.get('content-security-policy')).toMatch(/^sandbox allow-scripts;/);
    expect((await call(s.url, 'GET', '/bench/..%2Ferrand.db')).status).toBe(404);
    expect((await call(s.url, 'GET', '/errands/enope', undefined, { accept: 'text/html' })).status).toBe(404);
  });
});
