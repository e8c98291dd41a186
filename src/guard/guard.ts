import { addressById, type PersonWorld, partyName } from '../person/index.js';
import { isWorkApp } from '../world/app.js';
import { formatFen } from '../world/money.js';
import { adopt, type HeldIntent } from './adopt.js';
import { coverAction, type Problem } from './cover.js';
import { detectInstructions } from './detect.js';
import { createdIds, reportedAmount, type TrustedContext } from './grounding.js';
import type { Intent, IntentSet } from './intents.js';
import { CartBook, ItemNames, orderLines } from './items.js';
import { SpendLedger } from './ledger.js';
import { describeMandate, type Mandate } from './mandate.js';
import type { ActionView, Guard, Verdict } from './types.js';
import { stableJson } from '../validation.js';
import { describeAction, describeIntent, describeIntents, type Lang, langOf, say } from './words.js';

/** An order this errand placed, as the app reported it. */
export interface OwnOrder {
  id: string;
  app: string;
  /** The intent it was placed under; null when the person approved it outside every intent. */
  intent: HeldIntent | null;
  requestId: string | undefined;
  payee: string | undefined;
  totalFen: number | undefined;
  /** Lines the app says the order holds that the intent did not ask for (a cart swept in). */
  strangers: string[];
  paid: boolean;
  cancelled: boolean;
}

/**
 * The guard: enforces the person's mandate and matches every write to an intent taken from their
 * request, before it runs. A payment must be an order's bill this errand placed, or a transfer or bill
 * the person asked for (payee and amount as a pair, once); a message or invitation goes only to the
 * people an intent names; an order buys only what was asked, from where, to where, within the budget;
 * a change (cancel, return, reply…) needs an intent of its kind. Money is counted from what the apps
 * report. Every rule an action breaks is named in the reason.
 */
export class MandateGuard implements Guard {
  readonly ledger = new SpendLedger();
  /** Ids that came back from this errand's own writes: the order it placed, its payment request, its payee. */
  readonly created = new Set<string>();
  readonly items: ItemNames;
  readonly carts = new CartBook();
  readonly orders: OwnOrder[] = [];
  readonly lang: Lang;
  #held: HeldIntent[] = [];
  #set: IntentSet | null = null;

  constructor(
    readonly mandate: Mandate,
    readonly trusted: TrustedContext,
    readonly clock: () => number = Date.now,
  ) {
    this.items = new ItemNames(trusted.items);
    this.lang = langOf(trusted.request);
  }

  /** The person's world the guard checks people and addresses against. */
  get person(): PersonWorld {
    return this.trusted.person;
  }

  /** The intents the guard holds, or null before errand has read the request. */
  get intents(): IntentSet | null {
    return this.#set;
  }

  /** The intents and how each stands, for the journal and the live view. */
  get held(): readonly HeldIntent[] {
    return this.#held;
  }

  /** Takes the errand's intents: from now on every write must match one. */
  understand(set: IntentSet): { lines: string[]; doubts: { id: string; doubt: string }[] } {
    this.#set = set;
    this.#held = adopt(set, this.person, this.mandate, this.trusted.request, this.lang);
    return {
      lines: describeIntents(set, this.person, this.lang, (id) => this.items.first(id, this.lang)),
      doubts: this.#held.flatMap((h) => (h.doubt ? [{ id: h.intent.id, doubt: h.doubt }] : [])),
    };
  }

  /**
   * Widens the intents by what the person said in answer to a question, read like the request: only
   * intents not already held are added (a refinement — the amount of a transfer that had none — takes
   * the place of the unused intent it refines). `words` are the request and the person's answer, what
   * the new intents must stand on. Returns what was added, in the person's words.
   */
  widen(extra: IntentSet, words: string): { added: Intent[]; lines: string[] } {
    const set = this.#set ?? { intents: [], budgetFen: null, understood: '', source: 'person' as const };
    const added: Intent[] = [];
    const held = [...this.#held];
    for (const intent of extra.intents) {
      if (held.some((h) => sameIntent(h.intent, intent))) continue;
      const refined = held.findIndex((h) => h.used === 0 && refines(intent, h.intent));
      const id = refined >= 0 ? held[refined]!.intent.id : `a${held.length + added.length + 1}`;
      const fresh = { ...intent, id } as Intent;
      const [taken] = adopt(
        { intents: [fresh], budgetFen: null, understood: '', source: 'person' },
        this.person,
        this.mandate,
        words,
        this.lang,
      );
      if (refined >= 0) held.splice(refined, 1, taken!);
      else held.push(taken!);
      added.push(fresh);
    }
    this.#held = held;
    this.#set = { ...set, intents: held.map((h) => h.intent) };
    const nameOf = (id: string) => this.items.first(id);
    return { added, lines: added.map((i) => describeIntent(i, this.person, this.lang, nameOf)) };
  }

  /**
   * Which intents were carried out: a transfer, bill, event or change made; an order placed and (when it
   * had a bill) paid; every recipient of a message messaged.
   */
  progress(): { done: string[]; missing: string[] } {
    const done: string[] = [];
    const missing: string[] = [];
    const nameOf = (id: string) => this.items.first(id, this.lang);
    for (const h of this.#held) {
      const i = h.intent;
      const fulfilled =
        i.kind === 'message'
          ? i.to.every((r) => h.messaged.has(r))
          : i.kind === 'order'
            ? this.orders.some((o) => o.intent === h && !o.cancelled && (o.paid || !o.requestId))
            : h.used > 0;
      (fulfilled ? done : missing).push(describeIntent(i, this.person, this.lang, nameOf));
    }
    return { done, missing };
  }

  /** An action as a question the person can answer: "转账 ¥50.00 给 妈妈（刘秀英）？" */
  phrase(action: ActionView): string {
    return describeAction(action, this.person, this.lang, (id) => this.items.first(id, this.lang));
  }

  /** The most this errand may pay in all: the mandate's budget or the request's, whichever is less. */
  get budgetFen(): number | null {
    const stated = this.#set?.budgetFen ?? null;
    const own = this.mandate.budgetFen;
    if (stated === null) return own;
    return own === null ? stated : Math.min(own, stated);
  }

  /** The mandate and the intents in words, for the model's context and for people. */
  describe(): string {
    const set = this.#set;
    const limits = !!set?.intents.some((i) => i.kind === 'order' && i.budgetFen !== undefined);
    const mandate = describeMandate(this.mandate, this.budgetFen, limits);
    if (!set) return mandate;
    const lines = describeIntents(set, this.person, this.lang, (id) => this.items.first(id, this.lang));
    const doubts = this.#held.flatMap((h) => (h.doubt ? [`  - ${h.intent.id}: ${h.doubt}`] : []));
    return [
      mandate,
      '- What the person asked for (errand allows only writes that match these, each once):',
      ...lines.map((l) => `  - ${l}`),
      ...(set.understood ? [`- How errand read the request: ${set.understood}`] : []),
      ...(doubts.length ? ['- These will need the person’s approval first:', ...doubts] : []),
    ].join('\n');
  }

  check(action: ActionView): Verdict {
    const m = this.mandate;
    const lang = this.lang;
    const what = `${action.app}.${action.tool}`;
    if (m.expiresAt && this.clock() > Date.parse(m.expiresAt))
      return deny(say(lang, `授权已于 ${m.expiresAt} 到期`, `the mandate ended at ${m.expiresAt}`));
    if (m.apps && !m.apps.includes(action.app))
      return deny(
        say(
          lang,
          `${action.app} 不在你允许的应用里（${m.apps.join('、')}）`,
          `${action.app} is not among the apps you allowed (${m.apps.join(', ')})`,
        ),
      );
    if (!m.apps && isWorkApp(action.app))
      return deny(
        say(
          lang,
          `${action.app} 是公司的工作应用，要在授权里点名才能用`,
          `${action.app} is one of the company's work apps, which the mandate must name to be used`,
        ),
      );
    const { effect } = action;
    if (effect.kind === 'read' && !action.effectAssumed)
      return allow(say(lang, '只读，不做改动', 'reading changes nothing'));

    const problems: Problem[] = [];
    if (action.effectAssumed) {
      const why = say(
        lang,
        `${what} 没有可信的声明说明它做什么，所以当作无法撤销的操作`,
        `${what} does not say what it does in a way errand can trust, so it is treated as an irreversible action`,
      );
      if (m.approval.unknownEffect) problems.push({ level: 'ask', reason: why, within: false });
    } else problems.push(...this.moneyRules(action), ...coverAction(this, action).problems);

    if (!action.effectAssumed && effect.kind === 'irreversible' && m.approval.irreversible)
      problems.push({
        level: 'ask',
        reason: say(
          lang,
          `${what} 无法撤销，你要求这类操作先问你`,
          `${what} cannot be undone, and you asked to approve such actions`,
        ),
        within: true,
      });
    const sep = say(lang, '；', '; ');
    const denials = problems.filter((p) => p.level === 'deny');
    if (denials.length > 0) return deny([...new Set(problems.map((p) => p.reason))].join(sep));
    if (problems.length > 0)
      return {
        decision: 'ask',
        reason: [...new Set(problems.map((p) => p.reason))].join(sep),
        withinMandate: problems.every((p) => p.within),
      };
    if (effect.amount) {
      const budget = this.budgetFen;
      return allow(
        say(
          lang,
          `在授权之内：已花 ${formatFen(this.ledger.spentFen)}，预算 ${budget === null ? '未设' : formatFen(budget)}`,
          `within the mandate: ${formatFen(this.ledger.spentFen)} of ${budget === null ? 'no set budget' : formatFen(budget)} spent so far`,
        ),
      );
    }
    return allow(say(lang, '在授权之内，符合你的请求', 'within the mandate and what you asked for'));
  }

  /** The mandate's rules on money: a whole amount, the cap, the budget, the approval threshold. */
  private moneyRules(action: ActionView): Problem[] {
    const { effect, input } = action;
    if (!effect.amount) return [];
    const lang = this.lang;
    const m = this.mandate;
    const amount = input[effect.amount];
    if (typeof amount !== 'number' || !Number.isInteger(amount) || amount < 0)
      return [
        {
          level: 'deny',
          reason: say(
            lang,
            '没有写明整数金额',
            `${action.app}.${action.tool} names no whole amount of money`,
          ),
          within: false,
        },
      ];
    const out: Problem[] = [];
    if (m.perPaymentCapFen !== null && amount > m.perPaymentCapFen)
      out.push({
        level: 'deny',
        reason: say(
          lang,
          `${formatFen(amount)} 超过了你单笔 ${formatFen(m.perPaymentCapFen)} 的上限`,
          `${formatFen(amount)} is above your cap of ${formatFen(m.perPaymentCapFen)} per payment`,
        ),
        within: false,
      });
    const budget = this.budgetFen;
    const spent = this.ledger.spentFen;
    if (budget !== null && spent + amount > budget)
      out.push({
        level: 'deny',
        reason: say(
          lang,
          `付 ${formatFen(amount)} 会让这次一共花 ${formatFen(spent + amount)}，超过你的预算 ${formatFen(budget)}`,
          `paying ${formatFen(amount)} would bring this errand to ${formatFen(spent + amount)}, past your budget of ${formatFen(budget)}`,
        ),
        within: false,
      });
    if (this.ledger.unverified)
      out.push({
        level: 'ask',
        reason: say(
          lang,
          '之前有一笔付款的应用没报告金额，errand 无法核对预算',
          'an earlier payment’s app did not report what was paid, so errand cannot count the budget',
        ),
        within: false,
      });
    if (m.approval.paymentsAboveFen !== null && amount > m.approval.paymentsAboveFen)
      out.push({
        level: 'ask',
        reason: say(
          lang,
          `${formatFen(amount)} 超过 ${formatFen(m.approval.paymentsAboveFen)}，你要求先问你`,
          `${formatFen(amount)} is above ${formatFen(m.approval.paymentsAboveFen)}, which you asked to approve`,
        ),
        within: true,
      });
    return out;
  }

  observe(action: ActionView, outcome: { ok: boolean; data?: unknown }): void {
    if (outcome.ok) {
      this.items.learn(outcome.data);
      this.carts.learn(action.app, action.tool, action.input, outcome.data);
    }
    if (!outcome.ok || action.effect.kind === 'read') return;
    const { effect, input } = action;
    const data = (outcome.data ?? {}) as Record<string, unknown>;
    for (const id of createdIds(input, outcome.data)) this.created.add(id);
    const cover = coverAction(this, action);
    const held = cover.held;
    switch (effect.act) {
      case 'order': {
        const lines = orderLines(data.items);
        const intent = held?.intent.kind === 'order' ? held.intent : undefined;
        const strangers =
          intent && intent.items.length > 0
            ? lines
                .filter((l) => !intent.items.some((w) => this.items.wanted(w, l.id)))
                .map((l) => this.items.first(l.id, this.lang) ?? l.id)
            : [];
        this.orders.push({
          id: String(data.id ?? data.order_id ?? ''),
          app: action.app,
          intent: held ?? null,
          requestId: typeof data.payment_request_id === 'string' ? data.payment_request_id : undefined,
          payee:
            typeof data.payee_account_id === 'string'
              ? data.payee_account_id
              : typeof data.payee === 'string'
                ? data.payee
                : undefined,
          totalFen: reportedAmount({ total: data.total }),
          strangers,
          paid: false,
          cancelled: false,
        });
        if (held) held.used++;
        break;
      }
      case 'message':
        if (held && effect.recipients)
          for (const r of [input[effect.recipients]].flat()) if (typeof r === 'string') held.messaged.add(r);
        break;
      default:
        if (held) held.used++;
    }
    if (effect.amount) {
      const claimed = input[effect.amount];
      const reported = reportedAmount(outcome.data);
      if (reported === undefined) this.ledger.unverified = true;
      const payee = effect.payee ? input[effect.payee] : null;
      this.ledger.record({
        app: action.app,
        tool: action.tool,
        payee: typeof payee === 'string' ? payee : null,
        amountFen: reported ?? (typeof claimed === 'number' ? claimed : 0),
      });
      if (cover.order) cover.order.paid = true;
    }
    // Undoing its own order gives the budget back and lets the order be placed again.
    const target = effect.target ? input[effect.target] : undefined;
    const own = this.orders.find((o) => o.id === target && o.app === action.app && !o.cancelled);
    if ((effect.act === 'cancel' || effect.act === 'return') && own) {
      own.cancelled = true;
      if (own.intent && own.intent.used > 0) own.intent.used--;
      const refunded = reportedAmount({ refunded: data.refunded });
      if (own.paid && (refunded ?? own.totalFen))
        this.ledger.record({
          app: action.app,
          tool: action.tool,
          payee: own.payee ?? null,
          amountFen: -(refunded ?? own.totalFen ?? 0),
        });
    }
  }

  inspect(_source: string, text: string): string[] {
    return detectInstructions(text);
  }

  /** Someone as the person calls them: "妈妈（刘秀英）". */
  who(id: string): string {
    return partyName(this.person, id, this.lang);
  }

  /** True when the address is one of the person's own saved ones in that app. */
  savedAddress(id: string, app: string): boolean {
    const a = addressById(this.person, id);
    return !!a && a.app === app;
  }
}

function allow(reason: string): Verdict {
  return { decision: 'allow', reason };
}
function deny(reason: string): Verdict {
  return { decision: 'deny', reason };
}

/** Two intents that allow the same thing, whatever their ids and the words they came from. */
function sameIntent(a: Intent, b: Intent): boolean {
  const { id: _a, said: _sa, ...x } = a;
  const { id: _b, said: _sb, ...y } = b;
  return stableJson(x) === stableJson(y);
}

/** Whether `fresh` says what `old` left open: the amount of a transfer or bill to the same party. */
function refines(fresh: Intent, old: Intent): boolean {
  if (fresh.kind === 'transfer' && old.kind === 'transfer')
    return fresh.to === old.to && old.amountFen === undefined && fresh.amountFen !== undefined;
  if (fresh.kind === 'pay_bill' && old.kind === 'pay_bill')
    return (
      fresh.payee === old.payee &&
      old.amountFen === undefined &&
      old.requestId === undefined &&
      (fresh.amountFen !== undefined || fresh.requestId !== undefined)
    );
  return false;
}
