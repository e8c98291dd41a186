import type { ErrorBody } from '../errors.js';
import type { Evidence, JournalEvent, Outcome, UnknownWrite, Usage } from './events.js';
import { ZERO_USAGE } from './events.js';

/** Something the errand did in an app: an order, a payment, a message. */
export interface Receipt {
  step: number;
  app: string;
  tool: string;
  kind: 'write' | 'irreversible';
  /** The id of what was created or changed, when the app said. */
  id: string | null;
  /** An amount involved, as a person reads it. */
  amount: string | null;
  /** A one-line account of the input. */
  what: string;
}

/** The account of one errand, built from its journal alone. */
export interface Report {
  errandId: string;
  request: string;
  model: string;
  status: 'running' | 'finished' | 'failed' | 'cancelled' | 'interrupted' | 'waiting';
  outcome: Outcome | null;
  /** What the model said the outcome was, when errand judged otherwise. */
  claimed: Outcome | null;
  /** What the person asked for that was not carried out, in their words. */
  missing: string[];
  /** Evidence the model cited that this errand did not make. */
  unsupported: string[];
  /** What the person added in answer to errand's questions, in their words (one line an intent). */
  added: string[];
  /** What the person should know: app warnings about writes (overlaps, busy invitees), writes that did not happen. */
  warnings: string[];
  summary: string | null;
  error: ErrorBody | null;
  evidence: Evidence[];
  receipts: Receipt[];
  /** Writes started whose result never reached the journal (an interrupted errand): they may have happened. */
  unknown: UnknownWrite[];
  steps: number;
  actions: number;
  failedActions: number;
  asks: number;
  denials: number;
  usage: Usage;
  durationMs: number;
}

const ID_FIELDS = ['order_id', 'transaction_id', 'message_id', 'event_id', 'request_id', 'id'];
const AMOUNT_FIELDS = ['total', 'paid', 'amount', 'refund'];

function pick(data: unknown, fields: string[]): unknown {
  if (!data || typeof data !== 'object') return undefined;
  const obj = data as Record<string, unknown>;
  for (const f of fields) if (obj[f] !== undefined && obj[f] !== null) return obj[f];
  for (const v of Object.values(obj)) {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const inner = pick(v, fields);
      if (inner !== undefined) return inner;
    }
  }
  return undefined;
}

/** Shortens an input for one line: `to=p_wangfang text="我中午不回去…"`. */
export function shortArgs(input: unknown, width = 80): string {
  if (!input || typeof input !== 'object') return String(input ?? '');
  const parts = Object.entries(input as Record<string, unknown>).map(([k, v]) => {
    const s = typeof v === 'string' ? `"${v.length > 24 ? `${v.slice(0, 23)}…` : v}"` : JSON.stringify(v);
    return `${k}=${s && s.length > 40 ? `${s.slice(0, 39)}…` : s}`;
  });
  const line = parts.join(' ');
  return line.length > width ? `${line.slice(0, width - 1)}…` : line;
}

/** What a write was given, short — but a message's text whole: the person must see what was said for them. */
function receiptWhat(input: unknown): string {
  if (!input || typeof input !== 'object') return shortArgs(input);
  const { text, ...rest } = input as Record<string, unknown>;
  return typeof text === 'string' ? `${shortArgs(rest)} “${text}”` : shortArgs(input);
}

/** Builds the report of an errand from its events. */
export function buildReport(events: JournalEvent[], errandId: string): Report {
  const report: Report = {
    errandId,
    request: '',
    model: '',
    status: 'running',
    outcome: null,
    claimed: null,
    missing: [],
    unsupported: [],
    added: [],
    warnings: [],
    summary: null,
    error: null,
    evidence: [],
    receipts: [],
    unknown: [],
    steps: 0,
    actions: 0,
    failedActions: 0,
    asks: 0,
    denials: 0,
    usage: ZERO_USAGE,
    durationMs: events.length ? events[events.length - 1]!.at - events[0]!.at : 0,
  };
  const proposed = new Map<string, Extract<JournalEvent, { type: 'action.proposed' }>>();
  for (const e of events) {
    switch (e.type) {
      case 'task.started':
        report.request = e.task.request;
        report.model = e.task.model;
        break;
      case 'action.proposed':
        proposed.set(e.callId, e);
        break;
      case 'action.decided':
        if (e.decision === 'deny') report.denials++;
        if (e.by !== 'guard') report.asks++;
        break;
      case 'question.asked':
        report.asks++;
        break;
      case 'intents.widened':
        report.added.push(...e.lines);
        break;
      case 'warning':
        if (!report.warnings.includes(e.text)) report.warnings.push(e.text);
        break;
      case 'action.finished': {
        report.actions++;
        const p = proposed.get(e.callId);
        if (p && p.effect.kind !== 'read') {
          const amount = pick(e.output, AMOUNT_FIELDS) as { display?: string } | number | undefined;
          report.receipts.push({
            step: e.step,
            app: p.app,
            tool: p.tool,
            kind: p.effect.kind,
            id: (pick(e.output, ID_FIELDS) as string | undefined) ?? null,
            amount: typeof amount === 'object' && amount?.display ? amount.display : null,
            what: p.words ?? receiptWhat(p.input),
          });
        }
        break;
      }
      case 'action.failed':
        report.actions++;
        report.failedActions++;
        break;
      case 'task.finished':
        Object.assign(report, {
          status: 'finished',
          outcome: e.outcome,
          claimed: e.claimed ?? null,
          missing: e.missing ?? [],
          unsupported: e.unsupported ?? [],
          summary: e.summary,
          evidence: e.evidence,
          usage: e.usage,
          steps: e.steps,
        });
        break;
      case 'task.failed':
        Object.assign(report, { status: 'failed', error: e.error, usage: e.usage, steps: e.steps });
        break;
      case 'task.cancelled':
        Object.assign(report, { status: 'cancelled', summary: e.reason, usage: e.usage, steps: e.steps });
        break;
      case 'task.waiting':
        Object.assign(report, { status: 'waiting', usage: e.usage, steps: e.steps });
        break;
      case 'task.resumed':
        Object.assign(report, { status: 'running', summary: null, unknown: [] });
        break;
      case 'task.interrupted':
        Object.assign(report, {
          status: 'interrupted',
          summary: e.reason,
          unknown: e.unknown,
          usage: e.usage,
          steps: e.steps,
        });
        break;
      default:
        break;
    }
  }
  return report;
}
