/**
 * The offline reader for errands in the company's work apps: restock an item from the cheapest supplier
 * who delivers by a date, change an item's reorder point or move it between warehouses, receive or
 * cancel a purchase order, and act on a tracker issue or pull request named by its number ("assign
 * #106", "Ask Emily to review PR #203", "请 Emily 审一下 #203", "publish 2.4.0"). It reads intents, not
 * recipes: no built-in recipe does work errands. What it cannot be sure of, it leaves unread.
 */
import type { Intent } from '../../guard/intents.js';
import { fold, namedIds } from '../../person/index.js';
import { localDate } from '../../world/clock.js';
import { type Clause, firstIntent, splitClauses } from './intents.js';
import type { WorkCatalogue, WorkNamed } from './work-catalogue.js';

/** What the work reader made of a request: not a work errand, its intents, or why it is not sure. */
export type WorkReading =
  | { kind: 'none' }
  | { kind: 'read'; intents: Intent[]; personal: string[] }
  | { kind: 'unsure'; why: string };

/** "Ask Emily to review", "请 Emily 审一下": a request for a review in the tracker. */
const ASKS_TO_REVIEW =
  /\b(?:ask|get)\s+\S+(?:\s+\S+)?\s+to\s+(?:review|look at|merge)\b|请\s*\S{1,8}?\s*(?=审|review|看一下)/i;
const TRACKER_VERB =
  /\b(?:assign|label|prioriti[sz]e|priority|merge|review|comment|close|triage)\b|分给|指派|分配|标签|优先级|合并|审(?:一下|核|查)?|review|留言|评论|关闭|关掉/i;
const NUMBER = /(?:#|＃|\b(?:PR|issue|pull request)\s*#?\s*)(\d{2,5})\b/gi;
const RELEASE = /\b(?:publish|release|cut|ship)\b|发布|发版|发个版/i;
const VERSION = /\b\d+\.\d+\.\d+\b/g;
const RESTOCK =
  /\brestock\b|\b(?:order|purchase|buy)\b|补货(?!点|量)|补一批|补一下|补(?=[一点些]|货)|下(?:个)?单|订(?:一批|点|些)?(?=\S)|采购(?!单)/i;
const REORDER = /补货点|补货量|\breorder (?:point|level|quantity)\b/i;
const BELOW = /低于补货点|\bbelow (?:the |its )?reorder point\b/i;
const MOVE = /调拨|调(?=\s*\d|[一两几些])|从\S{1,6}调|之间调|\bmove\b|\btransfer\b/i;
const RECEIVE = /收货|登记.{0,4}到|\breceive|\bcheck (?:it |them )?in\b/i;
const PURCHASE_ORDER =
  /采购单|订单|[那这一]批(?:货)?|\bpurchase orders?\b|\bPOs?\b|\bshipment\b|\bdelivery\b/i;
const CANCEL = /取消|撤销|\bcancel/i;
const CHEAPEST = /最便宜|最低价|价格最低|\bcheapest\b|\blowest price\b/i;
/** Words of another kind of errand inside a work clause: not read here, so the clause is not sure. */
const OTHER_ERRAND =
  /\b(?:book|schedule|meeting|calendar|send money|transfer money|e-?mail|mail|reply|tell|message)\b|约|日程|日历|会议|转账|告诉|通知|邮件|回复|发消息|(?<![听])说(?!明)/i;

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

/** Whole-word search for Latin names; Chinese names anywhere. */
function says(text: string, name: string): boolean {
  if (/[\u3400-\u9fff]/.test(name)) return text.includes(name);
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![\\p{L}])${escaped}(?:e?s)?(?![\\p{L}])`, 'iu').test(text);
}

/** The things a text names, each once, the longest name deciding. */
function named(text: string, list: WorkNamed[]): string[] {
  return list.filter((x) => x.names.some((n) => says(text, n))).map((x) => x.id);
}

/** The latest date a text gives ("12月4日前", "by 5 December", "December 5"), as YYYY-MM-DD. */
export function dateIn(text: string, now: number): string | undefined {
  const today = localDate(now);
  const year = Number(today.slice(0, 4));
  const at = (month: number, day: number) => {
    const y = `${year}-${String(month).padStart(2, '0')}` < today.slice(0, 7) ? year + 1 : year;
    return `${y}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  };
  const zh = /(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]/.exec(text);
  if (zh) return at(Number(zh[1]), Number(zh[2]));
  const lower = text.toLowerCase();
  const months = MONTHS.join('|');
  const dayFirst = new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?(${months})\\b`).exec(lower);
  if (dayFirst) return at(MONTHS.indexOf(dayFirst[2]!) + 1, Number(dayFirst[1]));
  const monthFirst = new RegExp(`\\b(${months})\\s+(\\d{1,2})(?:st|nd|rd|th)?\\b`).exec(lower);
  if (monthFirst) return at(MONTHS.indexOf(monthFirst[1]!) + 1, Number(monthFirst[2]));
  return undefined;
}

function trackerTargets(text: string, work: WorkCatalogue, prFirst: boolean): string[] | undefined {
  const out: string[] = [];
  for (const m of text.matchAll(NUMBER)) {
    // "Close #107, fixed by #209": a number that only says what did it is not a record to change.
    if (/\b(?:by|in|from|of|via|see)\s*$|(?:被|由|见|参考)\s*$/i.test(text.slice(0, m.index))) continue;
    const n = Number(m[1]);
    const pr = work.prs.has(n);
    const issue = work.issues.has(n);
    const explicitPr = /PR|pull/i.test(m[0]);
    if (pr && (explicitPr || prFirst || !issue)) out.push(`pr_${n}`);
    else if (issue) out.push(`iss_${n}`);
    else return undefined;
  }
  return out;
}

type ClauseReading = { kind: 'none' } | { kind: 'read'; intents: Intent[] } | { kind: 'unsure'; why: string };

function readTracker(text: string, work: WorkCatalogue): ClauseReading {
  const versions = [...text.matchAll(VERSION)].map((m) => m[0]);
  if (RELEASE.test(text) && versions.length > 0 && !TRACKER_VERB.test(text)) {
    if (versions.length > 1) return { kind: 'unsure', why: 'which version' };
    return { kind: 'read', intents: [change('tracker', versions[0]!, 'update', 'create_release')] };
  }
  // A record of the tracker is named by its number ("#106") or as a PR or an issue: "review" alone is
  // a restaurant's review as often as a pull request's.
  const numbers = [...text.matchAll(NUMBER)];
  if (numbers.length === 0 && !/\b(?:PRs?|issues?|pull requests?)\b|问题单|工单/i.test(text))
    return { kind: 'none' };
  if (!TRACKER_VERB.test(text)) return { kind: 'none' };
  const targets = trackerTargets(text, work, /\b(?:review|merge)\b|审|合并/i.test(text));
  if (!targets || targets.length === 0) return { kind: 'unsure', why: 'which issue or pull request' };
  // "Ask Emily to review #203" is a review request in the tracker, not a message to Emily.
  const rest = text.replace(new RegExp(ASKS_TO_REVIEW.source, 'gi'), '');
  if (OTHER_ERRAND.test(rest)) return { kind: 'unsure', why: 'another errand in the same sentence' };
  // Each operation the words name is its own intent: "assign #106" does not let #106 be closed.
  // What follows a colon is what to write ("留言：先别关"), not an operation.
  const verbs = text.replace(/[:：][\s\S]*$/, '');
  const actions = TRACKER_ACTIONS.filter(([re]) => re.test(verbs)).map(([, a]) => a);
  const ops: (string | undefined)[] = actions.length ? [...new Set(actions)] : [undefined];
  return {
    kind: 'read',
    intents: [...new Set(targets)].flatMap((t) => ops.map((a) => change('tracker', t, 'update', a))),
  };
}

/** The tracker's operations by the words a person uses for them. */
const TRACKER_ACTIONS: [RegExp, string][] = [
  [/\bassign|分给|指派|分配/i, 'assign_issue'],
  [/\blabel|\bprioriti[sz]e|\bpriority|标签|优先级|标成|\bcomponent|组件/i, 'set_labels'],
  [/\bclose\b|关闭|关掉/i, 'close_issue'],
  [/\bcomment|留言|评论/i, 'comment'],
  [/\breview|审|请\s*\S{1,8}?\s*看一下/i, 'request_review'],
  [/\bmerge|合并/i, 'merge_pr'],
];

function change(
  app: 'tracker' | 'inventory' | 'ledger',
  target: string,
  kind: 'update' | 'cancel' = 'update',
  /** The one operation asked for ("receive_delivery"), when the words say which. */
  action?: string,
): Intent {
  return { id: '', said: '', kind, app, target, about: '', ...(action ? { action } : {}) };
}

/** Words that put a clause in the inventory, not the shop: a lamp is also something one buys for home. */
const INVENTORY =
  /补货|restock|reorder|供应商|supplier|采购|purchase order|库存|\bstock\b|仓库?|warehouse|调拨/i;

function readInventory(text: string, work: WorkCatalogue): ClauseReading {
  const warehouses = named(text, work.warehouses);
  if (warehouses.length === 0 && !INVENTORY.test(text)) return { kind: 'none' };
  const items = named(text, work.items);
  const orderWords = PURCHASE_ORDER.test(text);
  if ((orderWords && CANCEL.test(text)) || RECEIVE.test(text)) {
    const orders = work.openOrders.filter(
      (o) => items.every((s) => o.skus.includes(s)) && warehouses.every((w) => o.warehouse === w),
    );
    if (orders.length !== 1) return { kind: 'unsure', why: 'which purchase order' };
    return {
      kind: 'read',
      intents: [
        CANCEL.test(text)
          ? change('inventory', orders[0]!.id, 'cancel')
          : change('inventory', orders[0]!.id, 'update', 'receive_delivery'),
      ],
    };
  }
  if (items.length === 0 && warehouses.length === 0 && !REORDER.test(text)) return { kind: 'none' };
  if (OTHER_ERRAND.test(text)) return { kind: 'unsure', why: 'another errand in the same sentence' };
  const restock =
    RESTOCK.test(text) &&
    (!REORDER.test(text) || BELOW.test(text) || /按补货量|reorder quantity/i.test(text));
  if (restock) {
    if (items.length !== 1) return { kind: 'unsure', why: 'which item' };
    if (warehouses.length > 1) return { kind: 'unsure', why: 'which warehouse' };
    const needBy = dateIn(text, work.now);
    // The supplier is chosen by a rule the guard can check, or not at all.
    if (!needBy || !CHEAPEST.test(text)) return { kind: 'unsure', why: 'which supplier' };
    return {
      kind: 'read',
      intents: [
        {
          id: '',
          said: '',
          kind: 'restock',
          sku: items[0]!,
          ...(warehouses[0] ? { warehouse: warehouses[0] } : {}),
          needBy,
          supplier: 'cheapest_in_time',
        },
      ],
    };
  }
  if (REORDER.test(text) || MOVE.test(text)) {
    if (items.length !== 1) return { kind: 'unsure', why: 'which item' };
    return { kind: 'read', intents: [change('inventory', items[0]!)] };
  }
  return { kind: 'none' };
}

const CLAIM = /报销|\bexpense(?: claim)?s?\b|\bclaims?\b/i;
const INVOICE = /发票|\binvoices?\b/i;
const APPROVE = /批(?!评)|通过|\bapprove/i;
const REJECT = /驳回|拒(?:绝|掉)?|不批|\breject|\bdecline|\bturn (?:it )?down\b/i;
const PAY = /付|\bpay\b|\bsettle\b/i;
const REMIND =
  /催(?:一下|促)?\S{0,6}?(?:款|账|发票)|催款|\bchase\b.{0,30}\b(?:invoice|payment|money)|\bremind\b.{0,30}\bto pay\b/i;
const OVERDUE = /逾期|过期|\boverdue\b|\blate\b/i;
/** The ledger's own categories, by the words a person uses for them. */
const CATEGORIES: [RegExp, string][] = [
  [/打车|出租|高铁|火车|机票|差旅|\btaxi|\btrain|\bflight|\btravel/i, 'travel'],
  [/聚餐|餐|饭|\bmeal|\blunch|\bdinner/i, 'meal'],
  [/培训|会议票|考试|\btraining|\bcourse|\bexam|\bconference/i, 'training'],
  [/书|办公用品|\bbooks?\b|\bsupplies/i, 'supplies'],
];

/** Colleagues a text names without doubt, by the person's world. */
function colleagues(text: string, work: WorkCatalogue): string[] {
  return [...namedIds(work.person, fold(text))];
}

function readLedger(text: string, work: WorkCatalogue): ClauseReading {
  if ((CLAIM.test(text) || INVOICE.test(text) || REMIND.test(text)) && OTHER_ERRAND.test(text))
    return { kind: 'unsure', why: 'another errand in the same sentence' };
  if (CLAIM.test(text) && !/导出|\bexport/i.test(text) && !/\bfile\b|报了|帮我报/i.test(text)) {
    const approve = APPROVE.test(text);
    const reject = REJECT.test(text);
    if (approve === reject) return { kind: 'unsure', why: 'approve or reject' };
    const who = colleagues(text, work);
    // "只批打车费那笔，聚餐先放着": what is approved is what "only" names.
    const only = /只(?:批|报|通过)?([^，,。.;；]+)|\bonly\b([^,.;]+)|\bjust\b([^,.;]+)/i.exec(text);
    const scope = only ? (only[1] ?? only[2] ?? only[3] ?? '') : text;
    const kinds = CATEGORIES.filter(([re]) => re.test(scope)).map(([, c]) => c);
    const claims = work.claims.filter(
      (c) =>
        (who.length === 0 || who.includes(c.employee)) && (kinds.length === 0 || kinds.includes(c.category)),
    );
    if (claims.length !== 1) return { kind: 'unsure', why: 'which claim' };
    const c = claims[0]!;
    return {
      kind: 'read',
      intents: [
        approve
          ? { id: '', said: '', kind: 'pay_bill', payee: c.employee, requestId: c.id, amountFen: c.amountFen }
          : change('ledger', c.id),
      ],
    };
  }
  // "催一下高远的款", "chase Gao Yuan's invoice": a reminder is a message to whoever owes.
  if (REMIND.test(text)) {
    const who = colleagues(text, work);
    if (who.length !== 1) return { kind: 'unsure', why: 'whom to remind' };
    return { kind: 'read', intents: [{ id: '', said: '', kind: 'message', to: who }] };
  }
  if (INVOICE.test(text) && PAY.test(text)) {
    const vendors = named(text, work.vendors);
    const invoices = work.invoices.filter(
      (i) => (vendors.length === 0 || vendors.includes(i.vendor)) && (!OVERDUE.test(text) || i.overdue),
    );
    if (invoices.length !== 1) return { kind: 'unsure', why: 'which invoice' };
    const i = invoices[0]!;
    return {
      kind: 'read',
      intents: [
        { id: '', said: '', kind: 'pay_bill', payee: i.vendor, requestId: i.id, amountFen: i.amountFen },
      ],
    };
  }
  return { kind: 'none' };
}

/**
 * A clause read by each work app's reader: what they read together, or why one is not sure. A clause may
 * hold two apps' errands ("礼盒到深圳仓了，登记收货，然后把这批礼盒的发票付了"): reading only the first
 * app's would allow half of it.
 */
function readClause(text: string, work: WorkCatalogue): ClauseReading {
  const readings = [readTracker(text, work), readLedger(text, work), readInventory(text, work)];
  const unsure = readings.find((r) => r.kind === 'unsure');
  if (unsure) return unsure;
  const intents = readings.flatMap((r) => (r.kind === 'read' ? r.intents : []));
  return intents.length ? { kind: 'read', intents } : { kind: 'none' };
}

const PIECE_JOINS =
  /[，,。；;！!？?\n—–]+\s*|\s+(?:and then|then|and also|and|also|plus)\s+|(?:然后|再|并且|同时|顺便|另外|还有)/gi;

/** A clause cut wherever a new part may begin. */
function piecesOf(text: string): string[] {
  return text
    .split(PIECE_JOINS)
    .map((p) => p.trim())
    .filter(Boolean);
}

/** A part that is a personal errand of its own: a verb the personal reader knows, and no work in it. */
function isPersonal(part: string, work: WorkCatalogue): boolean {
  // "ask Kevin to review it" asks for a review in the tracker, not a word with Kevin.
  if (ASKS_TO_REVIEW.test(part)) return false;
  const verb = firstIntent(fold(part))?.intent;
  return (
    (verb === 'message' || verb === 'transfer' || verb === 'schedule') &&
    readClause(part, work).kind === 'none'
  );
}

/**
 * Reads a request (and the person's answer to a question about it, when there is one) for work
 * errands. Parts that are not work errands are handed back, for the personal reader.
 */
export function readWork(request: string, work: WorkCatalogue, answer = ''): WorkReading {
  const clauses: Clause[] = splitClauses(request.trim());
  const intents: Intent[] = [];
  const personal: string[] = [];
  let any = false;
  for (const clause of clauses) {
    const alone = readClause(clause.text, work);
    if (alone.kind === 'none' && !(answer && readClause(`${clause.text} ${answer}`, work).kind !== 'none')) {
      personal.push(clause.text);
      continue;
    }
    any = true;
    // A work part the personal reader did not split off ("把报销批了，再跟刘洋说一声"): the parts
    // that are personal errands of their own go to the personal reader, the rest is the work errand.
    const parts = piecesOf(clause.text);
    const mine = parts.filter((p) => !isPersonal(p, work));
    personal.push(...parts.filter((p) => isPersonal(p, work)));
    const text = mine.join('，');
    const read = answer ? readClause(`${text}\n${answer}`, work) : readClause(text, work);
    if (read.kind === 'unsure') return read;
    // A work part the reader could not read whole is not read at all, never read in half.
    if (read.kind === 'none') return { kind: 'unsure', why: `what to do: ${text}` };
    intents.push(...read.intents);
  }
  if (!any) return { kind: 'none' };
  return { kind: 'read', intents: intents.map((i, n) => ({ ...i, id: `i${n + 1}` })), personal };
}
