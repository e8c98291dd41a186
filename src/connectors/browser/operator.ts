import type { Browser, BrowserContext, Frame, Page, Route } from 'playwright-core';
import { ErrandError } from '../../errors.js';
import { isWorkApp, PERSONAL_APP_NAMES } from '../../world/index.js';
import {
  decodeToolCall,
  hostAllowed,
  type MediatedRequest,
  type Mediator,
  type PageReply,
  type PageRequest,
  refuseAll,
} from './mediate.js';
import { MARKS_OFF, MARKS_ON, PAGE_WALKER } from './page-walker.js';

/** How an operator is set up. */
export interface OperatorOptions {
  browser: Browser;
  /** The world server whose screens it operates (`/ui/<app>/…`), and its token when every call needs one. */
  world?: { url: string; token?: string };
  /** Host names the browser may reach besides the world server (a site's subdomains are included). */
  allowDomains?: readonly string[];
  /** The window: a phone by default. */
  viewport?: { width: number; height: number };
  /** The page language the browser asks for. */
  locale?: string;
  /** How long one action may take, in ms (default 15 s). */
  actionTimeoutMs?: number;
  /** The world's apps whose screens may be opened (the mandate's apps); all when unset. */
  apps?: readonly string[];
  /** The longest an action waits for its page to settle, in ms (default 5 s); then the page is read as it is. */
  settleCapMs?: number;
}

/**
 * How long the page's own network must be idle, and its DOM unchanged, before it counts as settled: long
 * enough for a page to start drawing what a request brought (a script's next timer), short for a person.
 */
const NETWORK_IDLE_MS = 300;
const DOM_QUIET_MS = 300;
/** A request open this long is a stream or a long poll, not part of loading the page. */
const LONG_LIVED_MS = 3000;

/** Notes, in every frame, when its DOM last changed (for the operator's settled check). */
const WATCH_MUTATIONS = `(() => {
  const mark = () => { window.__errandChanged = performance.now(); };
  mark();
  new MutationObserver(mark).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
})()`;

/** errand's compact view of a page: interactive elements with refs, and the visible text around them. */
export interface PageView {
  url: string;
  title: string;
  /** An open modal hides the rest of the page. */
  modal: boolean;
  /** One line per element or block of text, in document order; frames are listed after the page. */
  lines: string[];
  /** How many elements carry a ref. */
  elements: number;
}

/** What one action did: the page after it, and what the page asked to send meanwhile. */
export interface ActionOutcome {
  view: PageView;
  requests: MediatedRequest[];
  /** Requests to hosts outside the allowed ones, stopped. */
  blocked: string[];
}

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Operates web pages in a real Chromium the way a person does: open, click, type, select, scroll, go
 * back, wait for text, read. Every request a page sends that could change something is held before it
 * leaves the browser and handed to the mediator (errand's guard); hosts outside the allowed ones are
 * never reached. The world's token, when needed, is added only to requests to the world.
 */
export class ScreenOperator {
  /** Who decides each held request; by default nothing is let through. */
  mediator: Mediator = refuseAll;
  readonly #context: BrowserContext;
  readonly #page: Page;
  readonly #worldOrigin: string | undefined;
  readonly #token: string | undefined;
  readonly #allowed: string[];
  readonly #timeout: number;
  readonly #apps: readonly string[] | undefined;
  #reads: { app: string; tool: string; input: Record<string, unknown>; url: string }[] = [];
  #inflight = 0;
  #drained: (() => void)[] = [];
  #requests: MediatedRequest[] = [];
  #blocked: string[] = [];
  /** The page's own requests in flight, and when each began. */
  #loading = new Map<object, number>();
  #lastNetwork = 0;
  readonly #settleCap: number;

  private constructor(context: BrowserContext, page: Page, options: OperatorOptions) {
    this.#context = context;
    this.#page = page;
    this.#worldOrigin = options.world ? new URL(options.world.url).origin : undefined;
    this.#token = options.world?.token;
    this.#allowed = [...(options.allowDomains ?? [])];
    this.#timeout = options.actionTimeoutMs ?? 15_000;
    this.#apps = options.apps;
    this.#settleCap = options.settleCapMs ?? 5000;
  }

  /** Opens a fresh browser context (no cookies, no service workers) with the guard in front of it. */
  static async open(options: OperatorOptions): Promise<ScreenOperator> {
    const context = await options.browser.newContext({
      viewport: options.viewport ?? { width: 390, height: 844 },
      isMobile: !options.viewport,
      hasTouch: !options.viewport,
      locale: options.locale ?? 'zh-CN',
      serviceWorkers: 'block',
      acceptDownloads: false,
    });
    const page = await context.newPage();
    const op = new ScreenOperator(context, page, options);
    page.setDefaultTimeout(op.#timeout);
    await context.addInitScript(WATCH_MUTATIONS);
    await context.route('**/*', (route) => op.#hold(route));
    const began = (r: object) => {
      op.#loading.set(r, Date.now());
      op.#lastNetwork = Date.now();
    };
    const ended = (r: object) => {
      op.#loading.delete(r);
      op.#lastNetwork = Date.now();
    };
    page.on('request', began);
    page.on('requestfinished', ended);
    page.on('requestfailed', ended);
    page.on('response', (response) => op.#noteReads(response.url(), response.headers()['x-errand-reads']));
    return op;
  }

  /** The page, for tests and screenshots. */
  get page(): Page {
    return this.#page;
  }

  /** Lets the browser reach one more site (the one `--url` names). */
  allow(host: string): void {
    if (!this.#allowed.includes(host)) this.#allowed.push(host);
  }

  async #hold(route: Route): Promise<void> {
    const request = route.request();
    const url = new URL(request.url());
    if (url.protocol === 'data:' || url.protocol === 'blob:' || url.protocol === 'about:')
      return route.continue();
    const toWorld = this.#worldOrigin !== undefined && url.origin === this.#worldOrigin;
    if (
      !toWorld &&
      !(['http:', 'https:'].includes(url.protocol) && hostAllowed(url.hostname, this.#allowed))
    ) {
      this.#blocked.push(`${request.method()} ${url.origin}${url.pathname}`);
      return route.abort('blockedbyclient');
    }
    const app = toWorld ? appOf(url.pathname) : undefined;
    if (app && !this.#appAllowed(app)) {
      this.#blocked.push(`${request.method()} ${url.pathname} (${app} is not among the apps allowed)`);
      return route.abort('blockedbyclient');
    }
    // The world's own pages learn which apps this errand may open, so its home lists only those.
    const headers = toWorld
      ? {
          ...request.headers(),
          'x-errand-apps': this.#shownApps(),
          ...(this.#token ? { authorization: `Bearer ${this.#token}` } : {}),
        }
      : undefined;
    if (READ_METHODS.has(request.method())) return route.continue(headers ? { headers } : undefined);
    this.#inflight++;
    try {
      const body = request.postData();
      const call = decodeToolCall(url, this.#worldOrigin, body);
      const held: PageRequest = call
        ? { kind: 'tool', ...call, method: request.method(), url: url.href }
        : {
            kind: 'web',
            host: url.host,
            method: request.method(),
            url: `${url.origin}${url.pathname}`,
            body,
            forward: async () => {
              const response = await route.fetch(headers ? { headers } : undefined);
              await route.fulfill({ response });
              return { status: response.status() };
            },
          };
      let reply: PageReply;
      try {
        reply = await this.mediator(held);
      } catch (err) {
        reply = { status: 500, body: { ok: false, error: { code: 'INTERNAL', message: String(err) } } };
      }
      const name = call ? `${call.app}.${call.tool}` : `${request.method()} ${url.host}${url.pathname}`;
      if ('forwarded' in reply) {
        this.#requests.push({ call: name, status: reply.status, ok: reply.status < 400 });
        return;
      }
      const b = reply.body as { ok?: boolean; data?: unknown; error?: MediatedRequest['error'] };
      this.#requests.push({
        call: name,
        ...(call ? { input: call.input } : {}),
        status: reply.status,
        ok: reply.status < 400 && b?.ok !== false,
        ...(b?.data !== undefined ? { data: b.data } : {}),
        ...(b?.error ? { error: b.error } : {}),
      });
      await route
        .fulfill({ status: reply.status, contentType: 'application/json', body: JSON.stringify(reply.body) })
        .catch(() => undefined);
    } finally {
      this.#inflight--;
      if (this.#inflight === 0) for (const done of this.#drained.splice(0)) done();
    }
  }

  /** The mandate's apps; with none named, every personal app and no work app (as with tools). */
  #appAllowed(app: string): boolean {
    return this.#apps ? this.#apps.includes(app) : !isWorkApp(app);
  }

  #shownApps(): string {
    return (this.#apps ?? PERSONAL_APP_NAMES).join(',');
  }

  /** Notes the reads a world screen says it was rendered from, to be shown to the guard and the journal. */
  #noteReads(url: string, header: string | undefined): void {
    if (!header || !this.#worldOrigin || !url.startsWith(this.#worldOrigin)) return;
    try {
      const reads = JSON.parse(decodeURIComponent(header)) as {
        app: string;
        tool: string;
        input: Record<string, unknown>;
      }[];
      for (const r of reads) this.#reads.push({ ...r, url });
    } catch {
      // not a list errand can read: nothing to show
    }
  }

  /** Runs one action, then waits for the page to settle: held requests decided, navigation done. */
  async #act(action: () => Promise<unknown>): Promise<ActionOutcome> {
    this.#requests = [];
    this.#blocked = [];
    this.#reads = [];
    try {
      await action();
    } catch (err) {
      throw asOperatorError(err);
    }
    await this.#settle();
    // What the pages showed meanwhile, read again through the apps' tools for the guard and the journal.
    for (const read of this.#reads.splice(0)) {
      await this.mediator({ kind: 'read', ...read, method: 'GET' }).catch(() => undefined);
    }
    return { view: await this.view(), requests: this.#requests, blocked: this.#blocked };
  }

  /**
   * Waits until the page has settled, by what can be observed rather than by guessing: every request
   * errand holds decided, the page's own network idle (streams and long polls aside), its DOM unchanged
   * for a quiet window in every frame, and no busy mark (the world's screens set one while they send or
   * leave). A page that never settles (an endless animation) is read as it is once the cap is reached.
   */
  async #settle(): Promise<void> {
    if (this.#inflight > 0) await new Promise<void>((done) => this.#drained.push(done));
    const deadline = Date.now() + this.#settleCap;
    while (Date.now() < deadline) {
      if (this.#inflight > 0) {
        await new Promise<void>((done) => this.#drained.push(done));
        continue;
      }
      try {
        await this.#page.waitForLoadState('load', { timeout: Math.max(1, deadline - Date.now()) });
        if (this.#networkIdle() && (await this.#domQuiet())) return;
      } catch {
        // the page navigated while being asked: ask the new one
      }
      await new Promise((r) => setTimeout(r, 40));
    }
  }

  #networkIdle(): boolean {
    const now = Date.now();
    const open = [...this.#loading.values()].filter((t) => now - t < LONG_LIVED_MS).length;
    return open === 0 && now - this.#lastNetwork >= NETWORK_IDLE_MS;
  }

  /** True when no frame's DOM changed for the quiet window and the page is not marked busy. */
  async #domQuiet(): Promise<boolean> {
    for (const frame of this.#page.frames()) {
      const quiet = await frame
        .evaluate(
          `document.readyState === 'complete' && !(document.body && document.body.dataset.busy) && performance.now() - (window.__errandChanged || 0) >= ${DOM_QUIET_MS}`,
        )
        .catch(() => frame !== this.#page.mainFrame()); // a frame going away does not hold the page
      if (!quiet) return false;
    }
    return true;
  }

  /** Opens an app's screens (`food`), a path on the world (`/ui/food/cart`), or an address. */
  async open(target: string): Promise<ActionOutcome> {
    const url = this.resolve(target);
    const app =
      this.#worldOrigin && url.startsWith(this.#worldOrigin) ? appOf(new URL(url).pathname) : undefined;
    if (app && !this.#appAllowed(app))
      throw new ErrandError('FORBIDDEN', `The ${app} screens are not among the apps this errand may use.`);
    return this.#act(async () => {
      try {
        await this.#page.goto(url, { waitUntil: 'load' });
      } catch (err) {
        // a navigation the page itself started got in the way: go again
        if (!/interrupted by another navigation/.test(String(err))) throw err;
        await this.#page.goto(url, { waitUntil: 'load' });
      }
    });
  }

  /** The address a target names. */
  resolve(target: string): string {
    if (/^https?:\/\//i.test(target)) return target;
    if (!this.#worldOrigin)
      throw new ErrandError('INVALID_INPUT', `Open a full address (http://…), not "${target}".`);
    const path = target.startsWith('/') ? target : `/ui/${target.replace(/^\/+/, '')}`;
    return `${this.#worldOrigin}${path}`;
  }

  #locate(ref: string) {
    const frame = this.#frameOf(ref);
    if (!frame) throw new ErrandError('NOT_FOUND', `No element [${ref}] on this page; read the page again.`);
    return frame.locator(`[data-errand-ref="${ref.replace(/[^a-z0-9]/gi, '')}"]`).first();
  }

  #frameOf(ref: string): Frame | undefined {
    const m = /^f(\d+)e\d+$/.exec(ref);
    if (!m) return /^e\d+$/.test(ref) ? this.#page.mainFrame() : undefined;
    return this.#page.frames()[Number(m[1])];
  }

  /** Clicks an element by its ref. */
  click(ref: string): Promise<ActionOutcome> {
    return this.#act(() => this.#locate(ref).click());
  }

  /** Types into a field (replacing what it held); `submit` presses Enter after. */
  type(ref: string, text: string, submit = false): Promise<ActionOutcome> {
    return this.#act(async () => {
      const el = this.#locate(ref);
      await el.fill(text);
      if (submit) await el.press('Enter');
    });
  }

  /** Picks an option of a select by its text or value; ticks or unticks a checkbox by "yes"/"no". */
  select(ref: string, option: string): Promise<ActionOutcome> {
    return this.#act(async () => {
      const el = this.#locate(ref);
      // Plain arrows only: a named helper inside would carry the bundler's __name into the page.
      const tag = await el.evaluate((e) => `${e.tagName}:${(e as HTMLInputElement).type ?? ''}`);
      if (tag === 'INPUT:checkbox' || tag === 'INPUT:radio') {
        await el.setChecked(!/^(no|false|off|否|不)$/i.test(option.trim()));
        return;
      }
      const opts = await el.evaluate((e) =>
        Array.from((e as HTMLSelectElement).options ?? []).map((o): [string, string] => [o.value, o.text]),
      );
      const norm = (t: string) => t.replace(/\s+/g, ' ').trim();
      const hit =
        opts.find(([v]) => v === option) ??
        opts.find(([, t]) => norm(t) === norm(option)) ??
        opts.find(([, t]) => norm(t).includes(norm(option)));
      const values = hit ? hit[0] : null;
      if (values === null) throw new ErrandError('NOT_FOUND', `No option "${option}" in [${ref}].`);
      await el.selectOption(values);
    });
  }

  /** Scrolls the page a screen up or down, or brings an element into view. */
  scroll(direction: 'up' | 'down', ref?: string): Promise<ActionOutcome> {
    return this.#act(async () => {
      if (ref) await this.#locate(ref).scrollIntoViewIfNeeded();
      else await this.#page.mouse.wheel(0, direction === 'down' ? 700 : -700);
    });
  }

  /** Goes back a page. */
  back(): Promise<ActionOutcome> {
    return this.#act(() => this.#page.goBack({ waitUntil: 'load' }));
  }

  /** Waits until the text shows on the page. */
  waitForText(text: string, timeoutMs = 5000): Promise<ActionOutcome> {
    return this.#act(() =>
      this.#page.getByText(text).first().waitFor({ state: 'visible', timeout: timeoutMs }),
    );
  }

  /** Reads the page again. */
  read(): Promise<ActionOutcome> {
    return this.#act(async () => undefined);
  }

  /** errand's compact view of the page, frames included. */
  async view(): Promise<PageView> {
    const frames = this.#page.frames();
    const parts: { title: string; url: string; modal: boolean; lines: string[]; count: number }[] = [];
    for (const [i, frame] of frames.entries()) {
      try {
        parts.push(await frame.evaluate(`(${PAGE_WALKER})(${JSON.stringify(i === 0 ? 'e' : `f${i}e`)})`));
      } catch {
        parts.push({ title: '', url: frame.url(), modal: false, lines: [], count: 0 });
      }
    }
    const [main, ...rest] = parts;
    const lines = [...(main?.lines ?? [])];
    for (const [i, f] of rest.entries())
      if (f.lines.length) lines.push(`--- frame ${i + 1} (${f.url.slice(0, 80)})`, ...f.lines);
    return {
      url: this.#page.url(),
      title: main?.title ?? '',
      modal: main?.modal ?? false,
      lines,
      elements: parts.reduce((n, p) => n + p.count, 0),
    };
  }

  /** A screenshot, with each ref's number drawn over its element when `marks` (for models that see). */
  async screenshot(options: { marks?: boolean } = {}): Promise<Buffer> {
    if (!options.marks) return this.#page.screenshot();
    await this.view();
    await this.#page.evaluate(`(${MARKS_ON})()`);
    try {
      return await this.#page.screenshot();
    } finally {
      await this.#page.evaluate(`(${MARKS_OFF})()`).catch(() => undefined);
    }
  }

  /** Closes the browser context (the browser stays). */
  async close(): Promise<void> {
    await this.#context.close().catch(() => undefined);
  }
}

/** The world app a path of the world server belongs to (`/ui/mail/…`, `/apps/mail/tools/…`). */
function appOf(pathname: string): string | undefined {
  return /^(?:\/worlds\/[^/]+)?\/(?:ui|apps)\/([a-z]+)/.exec(pathname)?.[1];
}

/** The view as the model reads it. */
export function formatView(view: PageView): string {
  return [`${view.title} — ${view.url}${view.modal ? ' (dialog open)' : ''}`, ...view.lines].join('\n');
}

function asOperatorError(err: unknown): ErrandError {
  if (err instanceof ErrandError) return err;
  const message = err instanceof Error ? err.message.split('\n')[0]! : String(err);
  return new ErrandError('ACTION_FAILED', `The page did not do that: ${message}`);
}
