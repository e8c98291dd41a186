import { formatFen } from '../world/money.js';
import { detectInstructions } from './detect.js';
import {
  amountsIn,
  groundedAddresses,
  mentions,
  createdIds,
  namedInRequest,
  reportedAmount,
  type TrustedContext,
} from './grounding.js';
import { SpendLedger } from './ledger.js';
import { describeMandate, type Mandate } from './mandate.js';
import type { ActionView, Guard, Verdict } from './types.js';

const allow = (reason: string): Verdict => ({ decision: 'allow', reason });
const deny = (reason: string): Verdict => ({ decision: 'deny', reason });
const ask = (reason: string, withinMandate: boolean): Verdict => ({ decision: 'ask', reason, withinMandate });

function asList(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return [];
}

/**
 * The guard that enforces a person's mandate on every action, before it runs. It classifies the
 * action by its declared effect, keeps money within the budget using what the apps report, and lets
 * a payee, recipient, amount or address through only when it comes from a trusted source: the
 * request, the person's contacts and addresses, the mandate, or something this errand created.
 */
export class MandateGuard implements Guard {
  readonly ledger = new SpendLedger();
  /** Ids that came back from this errand's own writes: the order it placed, its payment request, its payee. */
  readonly created = new Set<string>();
  readonly #named: Set<string>;
  readonly #amounts: Set<number>;
  readonly #contacts: Set<string>;
  readonly #addresses: Set<string>;
  /** Names of the things errand has seen listed (dishes, products), by id, for checking order lines. */
  readonly #names = new Map<string, string[]>();

  constructor(
    readonly mandate: Mandate,
    readonly trusted: TrustedContext,
    private readonly clock: () => number = Date.now,
  ) {
    this.#named = namedInRequest(trusted);
    this.#amounts = new Set(amountsIn(trusted.request));
    this.#contacts = new Set(trusted.people.map((p) => p.id));
    this.#addresses = groundedAddresses(trusted);
    for (const item of trusted.items ?? []) this.#names.set(item.id, item.names);
  }

  /** The mandate in words, for the model's context and for people. */
  describe(): string {
    return describeMandate(this.mandate);
  }

  /**
   * The order lines that buy something the request did not ask for. Once the request is known to name
   * things of a kind (errand has seen "宫保鸡丁" listed, and the request says it), a line of that kind
   * the request does not name — or one errand never saw named — is asked about. A request that names
   * nothing it has seen ("order me lunch") leaves the choice open.
   */
  private unaskedItems(lines: unknown): string[] {
    const ids = itemIds(lines);
    const said = (id: string) =>
      (this.#names.get(id) ?? []).some((n) => mentionsItem(this.trusted.request, n));
    // Things of the same kind share an id prefix (d_… dishes, pr_… products).
    const kind = (id: string) => id.split('_')[0];
    return ids
      .filter((id) => !said(id))
      .filter((id) => [...this.#names.keys()].some((other) => kind(other) === kind(id) && said(other)))
      .map((id) => (this.#names.has(id) ? `${this.#names.get(id)![0]} (${id})` : id));
  }

  /** A person or account as a person reads it: "王芳 (p_wangfang)". */
  private who(id: string): string {
    const name = this.trusted.people.find((p) => p.id === id)?.names[0];
    return name ? `${name} (${id})` : id;
  }

  /** Why someone is outside the mandate, in the mandate's own terms. */
  private outsideBecause(plural = false): string {
    const m = this.mandate;
    if (m.recipients === 'list') {
      return `${plural ? 'are' : 'is'} not on the list you allowed (${m.allow.join(', ') || 'nobody'})`;
    }
    if (m.recipients === 'contacts')
      return `${plural ? 'are' : 'is'} not among your contacts or the people you allowed`;
    return `${plural ? 'were' : 'was'} not named in your request or allowed`;
  }

  /** May errand message, invite or pay this person or account without asking? */
  private allowedParty(id: string): boolean {
    if (this.mandate.allow.includes(id)) return true;
    if (this.mandate.recipients === 'list') return false;
    if (this.mandate.recipients === 'contacts') return this.#contacts.has(id);
    return this.#named.has(id);
  }

  check(action: ActionView): Verdict {
    const m = this.mandate;
    const what = `${action.app}.${action.tool}`;
    if (m.expiresAt && this.clock() > Date.parse(m.expiresAt))
      return deny(`the mandate ended at ${m.expiresAt}`);
    if (m.apps && !m.apps.includes(action.app)) {
      return deny(`${action.app} is not among the apps you allowed (${m.apps.join(', ')})`);
    }
    const { effect, input } = action;
    if (effect.kind === 'read') return allow('reading changes nothing');

    const asks: Verdict[] = [];
    if (action.effectAssumed && m.approval.unknownEffect) {
      asks.push(ask(`${what} does not say what it does, so it is treated as an irreversible action`, false));
    }

    if (effect.amount) {
      const amount = input[effect.amount];
      if (typeof amount !== 'number' || !Number.isInteger(amount) || amount < 0) {
        return deny(`${what} names no whole amount of money`);
      }
      if (m.perPaymentCapFen !== null && amount > m.perPaymentCapFen) {
        return deny(`${formatFen(amount)} is above your cap of ${formatFen(m.perPaymentCapFen)} per payment`);
      }
      const spent = this.ledger.spentFen;
      if (m.budgetFen !== null && spent + amount > m.budgetFen) {
        return deny(
          `paying ${formatFen(amount)} would bring this errand to ${formatFen(spent + amount)}, past your budget of ${formatFen(m.budgetFen)}`,
        );
      }
      const payee = effect.payee ? input[effect.payee] : undefined;
      const payeeCreated = typeof payee === 'string' && this.created.has(payee);
      // A payee the person allowed by name in the mandate may be paid what it asks, within the budget.
      const payeeAllowed = typeof payee === 'string' && this.mandate.allow.includes(payee);
      if (typeof payee === 'string' && !payeeCreated && !this.allowedParty(payee)) {
        asks.push(
          ask(
            `${this.who(payee)} ${this.outsideBecause()}, nor the merchant of an order this errand placed`,
            false,
          ),
        );
      } else if (!payeeCreated && !payeeAllowed && !this.#amounts.has(amount)) {
        asks.push(
          ask(
            `the amount ${formatFen(amount)} is not one you stated, nor the bill of an order this errand placed`,
            false,
          ),
        );
      }
      if (m.approval.paymentsAboveFen !== null && amount > m.approval.paymentsAboveFen) {
        asks.push(
          ask(
            `${formatFen(amount)} is above ${formatFen(m.approval.paymentsAboveFen)}, which you asked to approve`,
            true,
          ),
        );
      }
    }

    if (effect.recipients) {
      const outsiders = asList(input[effect.recipients]).filter(
        (id) => !this.allowedParty(id) && !this.created.has(id),
      );
      if (outsiders.length > 0) {
        const reason = `${outsiders.map((id) => this.who(id)).join(', ')} ${this.outsideBecause(outsiders.length > 1)}`;
        if (!m.approval.newRecipient) return deny(reason);
        asks.push(ask(reason, false));
      }
    }

    if (effect.notifies) {
      // The call messages the people of an existing object: moving an event tells its attendees, who
      // are already the person's contacts and already in it. That is a message to people outside a
      // strict list, though, unless this errand made the object (its people were checked then).
      const subject = input[effect.notifies];
      const made = typeof subject === 'string' && this.created.has(subject);
      if (!made && m.recipients === 'list') {
        asks.push(
          ask(
            `${what} would notify the people of ${String(subject)}, and you allowed messages only to ${m.allow.join(', ') || 'nobody'}`,
            false,
          ),
        );
      }
    }

    if (effect.items) {
      const strangers = this.unaskedItems(input[effect.items]);
      if (strangers.length > 0)
        asks.push(
          ask(`${strangers.join(', ')} ${strangers.length > 1 ? 'were' : 'was'} not in your request`, false),
        );
    }

    if (effect.address) {
      const address = input[effect.address];
      if (typeof address === 'string' && !this.#addresses.has(address) && !this.created.has(address)) {
        const saved = this.trusted.addresses.some((a) => a.id === address);
        asks.push(
          ask(
            saved
              ? `${address} is not the address your request named`
              : `${address} is not one of your saved addresses`,
            false,
          ),
        );
      }
    }

    if (effect.kind === 'irreversible' && m.approval.irreversible) {
      asks.push(ask(`${what} cannot be undone, and you asked to approve such actions`, true));
    }

    if (asks.length > 0) {
      return ask(
        asks.map((a) => a.reason).join('; '),
        asks.every((a) => a.withinMandate),
      );
    }
    return allow(
      effect.amount
        ? `within the mandate: ${formatFen(this.ledger.spentFen)} of ${m.budgetFen === null ? 'no set budget' : formatFen(m.budgetFen)} spent so far`
        : 'within the mandate',
    );
  }

  observe(action: ActionView, outcome: { ok: boolean; data?: unknown }): void {
    if (outcome.ok) learnNames(outcome.data, this.#names);
    if (!outcome.ok || action.effect.kind === 'read') return;
    const { effect, input } = action;
    for (const id of createdIds(input, outcome.data)) this.created.add(id);
    if (effect.amount) {
      const claimed = input[effect.amount];
      const amountFen = reportedAmount(outcome.data) ?? (typeof claimed === 'number' ? claimed : 0);
      const payee = effect.payee ? input[effect.payee] : null;
      this.ledger.record({
        app: action.app,
        tool: action.tool,
        payee: typeof payee === 'string' ? payee : null,
        amountFen,
      });
    }
  }

  inspect(_source: string, text: string): string[] {
    return detectInstructions(text);
  }
}

/** The dish or product ids in order lines: `[{ dish_id, quantity }]`, `[{ product_id, variant_id }]`. */
function itemIds(lines: unknown): string[] {
  if (!Array.isArray(lines)) return [];
  return lines.flatMap((line) => {
    if (typeof line === 'string') return [line];
    if (!line || typeof line !== 'object') return [];
    const obj = line as Record<string, unknown>;
    const id = obj.dish_id ?? obj.product_id ?? obj.id;
    return typeof id === 'string' ? [id] : [];
  });
}

/** Records the names of every listed thing in an app's answer: `{ id, name_zh, name_en }`. */
function learnNames(value: unknown, into: Map<string, string[]>): void {
  if (Array.isArray(value)) {
    for (const v of value) learnNames(v, into);
    return;
  }
  if (!value || typeof value !== 'object') return;
  const obj = value as Record<string, unknown>;
  const id = obj.id ?? obj.dish_id ?? obj.product_id;
  const names = [obj.name_zh, obj.name_en].filter((n): n is string => typeof n === 'string' && n.length > 1);
  if (typeof id === 'string' && names.length) into.set(id, names);
  for (const v of Object.values(obj)) if (v && typeof v === 'object') learnNames(v, into);
}

/** Like `mentions`, but a plural counts: "two lattes" names "Latte". */
function mentionsItem(text: string, name: string): boolean {
  return (
    mentions(text, name) ||
    (!/[\u3400-\u9fff]/.test(name) && (mentions(text, `${name}s`) || mentions(text, `${name}es`)))
  );
}
