import { z } from 'zod';
import { toErrandError } from '../../errors.js';
import type { Screenshot } from '../../models/vision.js';
import type { Connector, RemoteTool, ToolOutcome } from '../types.js';
import type { MediatedRequest, Mediator } from './mediate.js';
import { type ActionOutcome, formatView, type ScreenOperator } from './operator.js';

const ref = z
  .string()
  .describe('The element\'s ref from the page view, e.g. "e12" (or "f1e3" inside a frame).');

const TOOLS = {
  open: {
    description:
      'Opens a screen: an app by name (food, pay, chat, calendar, maps, shop; the work apps mail, ledger, inventory, tracker when the errand may use them), a path such as /ui/food/cart, or an http(s) address. Returns the page view.',
    input: z.object({ target: z.string().min(1).describe('An app name, a /ui/… path, or an address.') }),
  },
  click: {
    description: 'Clicks an element (button, link, checkbox…) by its ref. Returns the page after it.',
    input: z.object({ ref }),
  },
  type: {
    description: 'Types text into a field by its ref, replacing what it held; submit presses Enter after.',
    input: z.object({
      ref,
      text: z.string().describe('The text to type.'),
      submit: z.boolean().default(false).describe('Press Enter after typing.'),
    }),
  },
  select: {
    description:
      'Chooses an option of a select (combobox) by its visible text or value, or ticks a checkbox ("yes") or unticks it ("no").',
    input: z.object({
      ref,
      option: z.string().describe("The option's text or value, or yes/no for a checkbox."),
    }),
  },
  scroll: {
    description: 'Scrolls the page a screen up or down, or to an element.',
    input: z.object({
      direction: z.enum(['up', 'down']).default('down').describe('Which way.'),
      ref: z.string().optional().describe('An element to bring into view instead.'),
    }),
  },
  back: { description: 'Goes back to the previous page.', input: z.object({}) },
  wait_for_text: {
    description: 'Waits until some text shows on the page (at most a few seconds), then returns the page.',
    input: z.object({
      text: z.string().min(1).describe('The text to wait for.'),
      seconds: z.number().min(0.1).max(15).default(5).describe('How long to wait at most.'),
    }),
  },
  read: { description: 'Reads the current page again.', input: z.object({}) },
} as const;

type ScreenTool = keyof typeof TOOLS;

/** The app name screen tools carry: `screen_open`, `screen_click`, … */
export const SCREEN_APP = 'screen';

/** True for a connector whose tools operate screens: their writes reach the guard as the page sends them. */
export function operatesScreens(connector: Connector): connector is ScreenConnector {
  return connector instanceof ScreenConnector;
}

/** One held request in words, for the model and the person: what the page sent and what became of it. */
export function describeRequest(r: MediatedRequest): string {
  if (r.ok) {
    const d = (r.data ?? {}) as Record<string, unknown>;
    const id = ['id', 'order_id', 'transaction_id', 'message_id', 'event_id', 'cart_item_id']
      .map((k) => d[k])
      .find((v) => typeof v === 'string');
    const nested = (d.event as { id?: string } | undefined)?.id;
    return `✓ the page sent ${r.call}${id || nested ? ` → ${id ?? nested}` : ''} (done)`;
  }
  return `✗ the page sent ${r.call} → not done: ${r.error?.message ?? `HTTP ${r.status}`}`;
}

/**
 * The browser as errand's model uses it: one tool per action, each answering with errand's view of the
 * page and what the page asked to send meanwhile. The tools change nothing by themselves; every request
 * a page sends is held for the mediator, which the runner points at the guard for each action.
 */
export class ScreenConnector implements Connector {
  readonly name = SCREEN_APP;
  /** errand's own: its tools' effects (none of their own) are believed. */
  readonly trusted = true;
  /** What the page sent during the last action, decided. */
  lastRequests: MediatedRequest[] = [];

  constructor(
    readonly operator: ScreenOperator,
    /** The site errand was pointed at (`--url`), named to the model; the world's apps when unset. */
    readonly site?: string,
  ) {}

  /** Who decides each request the page sends (the runner's guard, per action). */
  set mediator(m: Mediator) {
    this.operator.mediator = m;
  }

  async listTools(): Promise<RemoteTool[]> {
    return Object.entries(TOOLS).map(([name, t]) => {
      const { $schema: _s, ...schema } = z.toJSONSchema(t.input, { io: 'input' }) as Record<string, unknown>;
      return {
        name,
        description:
          name === 'open' && this.site
            ? `Opens an address on the site errand works on (${this.site}); other sites may be out of reach. Returns the page view.`
            : t.description,
        inputSchema: schema,
        effect: { kind: 'read' },
        annotations: { readOnlyHint: true },
      };
    });
  }

  async callTool(name: string, args: Record<string, unknown>): Promise<ToolOutcome> {
    this.lastRequests = [];
    const def = TOOLS[name as ScreenTool];
    if (!def) return { ok: false, error: { code: 'UNKNOWN_TOOL', message: `No screen action "${name}".` } };
    const parsed = def.input.safeParse(args);
    if (!parsed.success)
      return {
        ok: false,
        error: { code: 'INVALID_INPUT', message: parsed.error.issues[0]?.message ?? 'bad input' },
      };
    const a = parsed.data as {
      target: string;
      ref: string;
      text: string;
      submit: boolean;
      option: string;
      direction: 'up' | 'down';
      seconds: number;
    };
    const op = this.operator;
    try {
      const outcome: ActionOutcome = await (() => {
        switch (name as ScreenTool) {
          case 'open':
            return op.open(a.target);
          case 'click':
            return op.click(a.ref);
          case 'type':
            return op.type(a.ref, a.text, a.submit);
          case 'select':
            return op.select(a.ref, a.option);
          case 'scroll':
            return op.scroll(a.direction, a.ref);
          case 'back':
            return op.back();
          case 'wait_for_text':
            return op.waitForText(a.text, Number(a.seconds) * 1000);
          case 'read':
            return op.read();
        }
      })();
      this.lastRequests = outcome.requests;
      const notes = [
        ...outcome.requests.map(describeRequest),
        ...outcome.blocked.map((b) => `✗ blocked: ${b} (outside the sites errand may reach)`),
      ];
      return { ok: true, data: [...notes, formatView(outcome.view)].join('\n') };
    } catch (err) {
      return { ok: false, error: toErrandError(err).toJSON() };
    }
  }

  /**
   * The page as it is now, as a PNG with each element's ref drawn over it, for a model that sees; none
   * before anything is open or when the page cannot be captured (the text view still goes).
   */
  async screenshot(): Promise<Screenshot | undefined> {
    if (this.operator.page.url() === 'about:blank') return undefined;
    try {
      const png = await this.operator.screenshot({ marks: true });
      return {
        png: new Uint8Array(png),
        caption:
          'The screen as it looks now. Each red label is the ref of the element under it in the page view (e12 is [e12]); act by those refs.',
      };
    } catch {
      return undefined;
    }
  }

  async close(): Promise<void> {
    await this.operator.close();
  }
}
