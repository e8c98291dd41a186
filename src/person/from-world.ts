/**
 * Reads the person's world from the sandbox through the apps' own read tools: their contacts and
 * groups (chat), their saved addresses (food, shop) and who bills them (pay). Only fields the person
 * or the platform set are read — names, labels, relations — never text others write.
 */
import { z } from 'zod';
import type { World } from '../world/index.js';
import { addressKind, addressNames } from './addresses.js';
import { billNames } from './billers.js';
import { bracketed, englishGroupWords, uniqueNames, withoutBrackets } from './name-forms.js';
import type { PersonWorld } from './world.js';

const contactsOut = z.object({
  contacts: z.array(
    z.object({
      person_id: z.string(),
      name_zh: z.string(),
      name_en: z.string(),
      nickname: z.string(),
      relation: z.string(),
    }),
  ),
});
const conversationsOut = z.object({
  conversations: z.array(z.object({ id: z.string(), kind: z.string(), title: z.string() })),
});
const foodAddressesOut = z.object({
  addresses: z.array(
    z.object({
      id: z.string(),
      label: z.string(),
      place_id: z.string(),
      phone: z.string().optional(),
      address_zh: z.string().optional(),
      address_en: z.string().optional(),
      detail: z.string().optional(),
    }),
  ),
});
const shopAddressesOut = z.object({
  addresses: z.array(
    z.object({ id: z.string(), label_zh: z.string(), label_en: z.string(), place_id: z.string() }),
  ),
});
const requestsOut = z.object({
  requests: z.array(
    z.object({
      id: z.string(),
      reference: z.string(),
      memo: z.string(),
      merchant: z.object({ id: z.string(), name_zh: z.string(), name_en: z.string() }),
    }),
  ),
});

const invoicesOut = z.object({
  invoices: z.array(
    z.object({
      direction: z.string(),
      party_id: z.string(),
      party_name_zh: z.string(),
      party_name_en: z.string(),
    }),
  ),
});
const suppliersOut = z.object({
  suppliers: z.array(
    z.object({
      id: z.string(),
      name_zh: z.string(),
      name_en: z.string(),
      lead_days: z.number().int(),
      prices: z.array(
        z.object({
          sku: z.string(),
          unit_price: z.object({ amount: z.number().int() }),
          min_qty: z.number(),
        }),
      ),
    }),
  ),
});

const stockOut = z.object({
  stock: z.array(
    z.object({ warehouse_id: z.string(), sku: z.string(), name_zh: z.string(), name_en: z.string() }),
  ),
});

/** The items the company stocks, each with the warehouses that hold it. */
function stockOf(world: World): NonNullable<PersonWorld['stock']> {
  const items = new Map<string, { sku: string; names: string[]; warehouses: string[] }>();
  for (const s of read(world, 'inventory', 'list_stock', {}, stockOut)?.stock ?? []) {
    const item = items.get(s.sku) ?? {
      sku: s.sku,
      names: uniqueNames([s.name_zh, s.name_en]),
      warehouses: [],
    };
    if (!item.warehouses.includes(s.warehouse_id)) item.warehouses.push(s.warehouse_id);
    items.set(s.sku, item);
  }
  return [...items.values()];
}

/** What each supplier sells, at what unit price, and how many days it takes to deliver: the company's own price list. */
function suppliesOf(world: World): NonNullable<PersonWorld['supplies']> {
  return (read(world, 'inventory', 'list_suppliers', {}, suppliersOut)?.suppliers ?? []).flatMap((s) =>
    s.prices.map((p) => ({
      supplier: s.id,
      sku: p.sku,
      unitFen: p.unit_price.amount,
      minQty: p.min_qty,
      leadDays: s.lead_days,
    })),
  );
}

/** The company's vendors (invoices it pays) and suppliers, by the names its own books give them. */
function vendorsOf(world: World): NonNullable<PersonWorld['vendors']> {
  const out = new Map<string, string[]>();
  const add = (id: string, names: string[]) => out.set(id, uniqueNames([...(out.get(id) ?? []), ...names]));
  for (const i of read(world, 'ledger', 'list_invoices', { direction: 'payable' }, invoicesOut)?.invoices ??
    [])
    add(i.party_id, [i.party_name_zh, i.party_name_en]);
  for (const s of read(world, 'inventory', 'list_suppliers', {}, suppliersOut)?.suppliers ?? [])
    add(s.id, [s.name_zh, s.name_en]);
  return [...out].map(([id, names]) => ({ id, names }));
}

function read<T>(
  world: World,
  app: string,
  tool: string,
  input: Record<string, unknown>,
  schema: z.ZodType<T>,
): T | undefined {
  if (!world.app(app)) return undefined;
  const result = world.call(app, tool, input);
  if (!result.ok) return undefined;
  const parsed = schema.safeParse(result.data);
  return parsed.success ? parsed.data : undefined;
}

/** Worlds whose person is being read once for a whole synchronous moment (see `readingPersonOnce`). */
const once = new Map<World, PersonWorld | undefined>();

/**
 * Runs `work` reading the person's world at most once: planning an errand reads it for the recipes'
 * matcher, the work reader and the guard, all in one synchronous moment in which this process changes
 * nothing, so one read serves them all.
 */
export function readingPersonOnce<T>(world: World, work: () => T): T {
  if (once.has(world)) return work();
  once.set(world, undefined);
  try {
    return work();
  } finally {
    once.delete(world);
  }
}

/** The person's world in a sandbox world, as it stands now. */
export function readPersonWorld(world: World): PersonWorld {
  if (once.has(world)) {
    let person = once.get(world);
    if (!person) {
      person = readPersonWorldNow(world);
      once.set(world, person);
    }
    return person;
  }
  return readPersonWorldNow(world);
}

function readPersonWorldNow(world: World): PersonWorld {
  const persona = world.persona;
  const contacts = (read(world, 'chat', 'list_contacts', {}, contactsOut)?.contacts ?? []).map((c) => ({
    id: c.person_id,
    // Always name_zh, name_en, nickname first (repeats allowed), so they can be shown as such.
    names: [
      c.name_zh,
      c.name_en,
      c.nickname,
      ...uniqueNames([
        withoutBrackets(c.name_en),
        ...bracketed(c.name_en),
        c.name_zh.replace('·', ''),
      ]).filter((n) => n !== c.name_zh && n !== c.name_en && n !== c.nickname),
    ],
    relation: c.relation,
  }));
  const groups = (read(world, 'chat', 'list_conversations', {}, conversationsOut)?.conversations ?? [])
    .filter((c) => c.kind === 'group')
    .map((g) => {
      const zh = /[\u3400-\u9fff]/.test(g.title);
      const base = zh ? g.title.replace(/群$/, '') : g.title;
      return {
        id: g.id,
        names: uniqueNames(
          zh
            ? [g.title, base.length >= 2 ? base : undefined, `${base}群`]
            : [g.title, `${g.title} group`, `${g.title} chat`, ...englishGroupWords(g.title)],
        ),
      };
    });
  const billers = new Map<string, PersonWorld['billers'][number]>();
  for (const r of read(world, 'pay', 'list_payment_requests', {}, requestsOut)?.requests ?? []) {
    if (!r.reference.startsWith('bill:')) continue;
    const names = billNames(r.memo, r.reference, [r.merchant.name_zh, r.merchant.name_en]);
    const known = billers.get(r.merchant.id);
    const words = names.filter((n) => !r.memo.split(' / ').includes(n));
    billers.set(r.merchant.id, {
      id: r.merchant.id,
      names: uniqueNames([...(known?.names ?? []), ...words]),
      bills: [...(known?.bills ?? []), r.id],
    });
  }
  const addresses = [
    ...(read(world, 'food', 'list_addresses', {}, foodAddressesOut)?.addresses ?? []).map((a) => {
      const names = addressNames([a.label]);
      return { id: a.id, app: 'food', names, kind: addressKind(names), placeId: a.place_id };
    }),
    ...(read(world, 'shop', 'list_addresses', {}, shopAddressesOut)?.addresses ?? []).map((a) => {
      const names = addressNames([a.label_zh, a.label_en]);
      return { id: a.id, app: 'shop', names, kind: addressKind(names), placeId: a.place_id };
    }),
  ];
  return {
    me: {
      id: persona.person_id,
      name: persona.name,
      language: persona.language,
      private: privateFacts(world, persona.dietary),
    },
    contacts,
    groups,
    billers: [...billers.values()],
    addresses,
    vendors: vendorsOf(world),
    supplies: suppliesOf(world),
    stock: stockOf(world),
  };
}

/** The person's own phone numbers, saved street addresses and diet or health notes: theirs to share. */
function privateFacts(world: World, dietary: string): NonNullable<PersonWorld['me']['private']> {
  const out: NonNullable<PersonWorld['me']['private']> = [];
  for (const a of read(world, 'food', 'list_addresses', {}, foodAddressesOut)?.addresses ?? []) {
    if (a.phone) out.push({ what: 'phone', text: a.phone });
    for (const text of [a.address_zh, a.address_en, a.detail])
      if (text && text.length >= 6) out.push({ what: 'address', text });
  }
  if (dietary.trim()) out.push({ what: 'health', text: dietary.trim() });
  return [...new Map(out.map((f) => [`${f.what}:${f.text}`, f])).values()];
}
