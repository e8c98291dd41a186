/**
 * "Restock from the cheapest supplier who can deliver by Friday": the supplier is chosen by a rule,
 * not named, so the guard checks the rule itself against the inventory app's own price list and lead
 * times (the person's world holds them), never against what a supplier's notes or the model say.
 */
import type { PersonWorld } from '../person/index.js';
import { localDate } from '../world/clock.js';
import { formatFen } from '../world/money.js';
import type { HeldIntent } from './adopt.js';
import type { Cover, Problem } from './cover.js';
import type { IntentOf } from './intents.js';
import type { ActionView } from './types.js';
import { type Lang, say } from './words.js';

const DAY_MS = 24 * 60 * 60 * 1000;

type Supply = NonNullable<PersonWorld['supplies']>[number];

/**
 * The suppliers the rule allows for an item: among those who sell at least `quantity` of it and deliver
 * by `needBy` if ordered at `now`, the ones at the lowest unit price (ties are all allowed).
 */
export function cheapestInTime(
  supplies: readonly Supply[],
  sku: string,
  needBy: string,
  now: number,
  quantity = 1,
): Supply[] {
  const able = supplies.filter(
    (s) => s.sku === sku && s.minQty <= quantity && localDate(now + s.leadDays * DAY_MS) <= needBy,
  );
  const best = Math.min(...able.map((s) => s.unitFen));
  return able.filter((s) => s.unitFen === best);
}

interface Line {
  sku: string;
  quantity: number;
}

function linesOf(input: Record<string, unknown>): Line[] {
  const raw = Array.isArray(input.lines) ? input.lines : [];
  return raw.flatMap((l) =>
    l && typeof l === 'object' && typeof (l as Line).sku === 'string'
      ? [{ sku: (l as Line).sku, quantity: Number((l as Line).quantity) || 0 }]
      : [],
  );
}

/**
 * The restock intent a purchase order falls under (every line the intent's item, to its warehouse),
 * and what it breaks: a supplier the rule does not choose, or an intent already used. Undefined when no
 * restock intent is about this order, so it is matched like any other payment.
 */
export function coverRestock(
  held: readonly HeldIntent[],
  supplies: readonly Supply[],
  action: ActionView,
  now: number,
  lang: Lang,
): Cover | undefined {
  const { input, effect } = action;
  const lines = linesOf(input);
  if (lines.length === 0) return undefined;
  const warehouse = typeof input.warehouse_id === 'string' ? input.warehouse_id : undefined;
  const mine = held.filter((h) => {
    const i = h.intent;
    return (
      i.kind === 'restock' &&
      lines.every((l) => l.sku === i.sku) &&
      (i.warehouse === undefined || i.warehouse === warehouse)
    );
  });
  if (mine.length === 0) return undefined;
  const fresh = mine.find((h) => h.used === 0);
  const ask = (reason: string): Problem => ({ level: 'ask', reason, within: false });
  if (!fresh)
    return {
      problems: [
        ask(say(lang, '你要的这次补货已经下过单了', 'the restock you asked for has already been ordered')),
      ],
    };
  const intent = fresh.intent as IntentOf<'restock'>;
  const supplier = typeof input[effect.payee ?? ''] === 'string' ? (input[effect.payee ?? ''] as string) : '';
  const quantity = lines.reduce((n, l) => n + l.quantity, 0);
  const allowed = cheapestInTime(supplies, intent.sku, intent.needBy, now, quantity);
  const problems: Problem[] = [];
  if (allowed.length === 0)
    problems.push(
      ask(
        say(
          lang,
          `没有供应商能在 ${intent.needBy} 前送到 ${intent.sku}`,
          `no supplier delivers ${intent.sku} by ${intent.needBy}`,
        ),
      ),
    );
  else if (!allowed.some((s) => s.supplier === supplier)) {
    const best = allowed[0]!;
    problems.push(
      ask(
        say(
          lang,
          `${supplier} 不是 ${intent.needBy} 前能到货的供应商里最便宜的：${allowed.map((s) => s.supplier).join('、')} 每件 ${formatFen(best.unitFen)}`,
          `${supplier} is not the cheapest supplier who delivers by ${intent.needBy}: ${allowed.map((s) => s.supplier).join(', ')} at ${formatFen(best.unitFen)} a unit`,
        ),
      ),
    );
  }
  if (fresh.doubt) problems.push(ask(fresh.doubt));
  return { problems, held: fresh };
}
