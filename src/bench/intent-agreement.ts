import type { Intent } from '../guard/intents.js';

/**
 * Whether two readings of one request — the offline reader's and the task file's — ask for the same
 * things in substance: the same kinds of write, to the same people, for the same amounts, to the same
 * address, buying the same things, changing the same object. Ids, wording and the order of intents do
 * not matter. This is the bench's own check and shares no code with the guard, so a reading the guard
 * would accept wrongly still shows up here as a disagreement.
 */

/** The parts of an intent set the comparison reads. */
export interface Reading {
  intents: readonly Intent[];
  budgetFen: number | null;
}

/** Finds the dish or product ids a thing's name stands for (exact name, any case); none when unknown. */
export type NameIndex = (name: string) => string[];

/** How two readings compare. */
export interface Agreement {
  agree: boolean;
  /** What one reading has that the other lacks, one line each. */
  differences: string[];
}

const sorted = (xs: Iterable<string>) => [...new Set(xs)].sort();

function itemKey(item: { names?: string[]; ids?: string[]; quantity?: number }, names: NameIndex): string {
  const ids = item.ids?.length
    ? item.ids
    : (item.names ?? []).flatMap((n) => {
        const found = names(n);
        return found.length ? found : [`“${n.trim().toLowerCase()}”`];
      });
  return `${sorted(ids).join('|')}×${item.quantity ?? '?'}`;
}

/** One intent as a line of its substance: kind, app, people, amounts, address, items, target. */
function substance(intent: Intent, setBudget: number | null, orders: number, names: NameIndex): string {
  const parts: string[] = [intent.kind];
  switch (intent.kind) {
    case 'transfer':
      parts.push(`to ${intent.to}`, `amount ${intent.amountFen ?? '?'}`);
      break;
    case 'pay_bill':
      parts.push(`payee ${intent.payee}`);
      if (intent.requestId) parts.push(`bill ${intent.requestId}`);
      if (intent.amountFen !== undefined) parts.push(`amount ${intent.amountFen}`);
      break;
    case 'message':
      parts.push(`to ${sorted(intent.to).join(',')}`);
      break;
    case 'event':
      parts.push(`inviting ${sorted(intent.attendees).join(',') || 'nobody'}`);
      break;
    case 'order': {
      // A limit said once for the whole errand is the order's limit when the errand is one order.
      const budget = intent.budgetFen ?? (orders === 1 ? setBudget : null) ?? undefined;
      parts.push(
        intent.app,
        `items ${sorted(intent.items.map((i) => itemKey(i, names))).join(' + ') || 'open'}`,
        `to ${intent.address ?? '?'}`,
        `budget ${budget ?? 'none'}`,
      );
      break;
    }
    case 'restock':
      parts.push(intent.sku, `to ${intent.warehouse ?? '?'}`, `cheapest by ${intent.needBy}`);
      break;
    default:
      parts.push(intent.app ?? '?', `target ${intent.target ?? '?'}`);
      if (intent.kind === 'respond') parts.push(intent.response ?? '?');
  }
  return parts.join(' · ');
}

function lines(reading: Reading, names: NameIndex): string[] {
  const orders = reading.intents.filter((i) => i.kind === 'order').length;
  const out = reading.intents.map((i) => substance(i, reading.budgetFen, orders, names));
  // A limit on the whole errand beside several writes is a substance of its own.
  if (reading.budgetFen !== null && orders !== 1) out.push(`errand budget ${reading.budgetFen}`);
  return out.sort();
}

/** Compares the reader's reading with the task file's, in substance. */
export function compareReadings(reader: Reading, task: Reading, names: NameIndex = () => []): Agreement {
  const a = lines(reader, names);
  const b = lines(task, names);
  const unmatched = [...b];
  const onlyReader: string[] = [];
  for (const line of a) {
    const at = unmatched.indexOf(line);
    if (at >= 0) unmatched.splice(at, 1);
    else onlyReader.push(line);
  }
  const differences = [
    ...onlyReader.map((l) => `reader only: ${l}`),
    ...unmatched.map((l) => `task file only: ${l}`),
  ];
  return { agree: differences.length === 0, differences };
}
