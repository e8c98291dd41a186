/**
 * What the offline reader knows of the company's work apps, read through their own read tools: the
 * items and warehouses by name, which numbers are issues and which pull requests, the releases, and the
 * open purchase orders. Titles and bodies others wrote are not read: a request names a record by its
 * number, never by text an app holds.
 */
import { z } from 'zod';
import { type PersonWorld, readPersonWorld, warehouseNames } from '../../person/index.js';
import type { World } from '../../world/index.js';

/** A thing the reader can name, by id and every form a person may call it. */
export interface WorkNamed {
  id: string;
  names: string[];
}

/** The work apps as the reader sees them. */
export interface WorkCatalogue {
  /** The world's time now, epoch ms (dates like "12月4日" are read against it). */
  now: number;
  items: WorkNamed[];
  warehouses: WorkNamed[];
  issues: Set<number>;
  prs: Set<number>;
  versions: Set<string>;
  /** Purchase orders not yet received or cancelled: which supplier, which warehouse, which items. */
  openOrders: { id: string; supplier: string; warehouse: string; skus: string[] }[];
  /** Expense claims waiting for a decision: whose, what kind (the ledger's own category), how much. */
  claims: { id: string; employee: string; category: string; amountFen: number }[];
  /** Invoices the company has still to pay: to whom, how much, whether overdue. */
  invoices: { id: string; vendor: string; amountFen: number; overdue: boolean }[];
  /** The company's vendors and suppliers by name, and short forms ("鑫源", "Xinyuan"). */
  vendors: WorkNamed[];
  /** The person's world: colleagues by name. */
  person: PersonWorld;
}

const stockOut = z.object({
  stock: z.array(
    z.object({ warehouse_id: z.string(), sku: z.string(), name_zh: z.string(), name_en: z.string() }),
  ),
});
const ordersOut = z.object({
  purchase_orders: z.array(
    z.object({
      id: z.string(),
      supplier_id: z.string(),
      warehouse_id: z.string(),
      status: z.string(),
      lines: z.array(z.object({ sku: z.string() })),
    }),
  ),
});
const numbered = (key: 'issues' | 'prs') =>
  z.object({ [key]: z.array(z.object({ number: z.number().int() })) } as Record<
    typeof key,
    z.ZodArray<z.ZodObject<{ number: z.ZodNumber }>>
  >);
const releasesOut = z.object({ releases: z.array(z.object({ version: z.string() })) });
const money = z.object({ amount: z.number().int() });
const claimsOut = z.object({
  expenses: z.array(
    z.object({
      id: z.string(),
      employee_id: z.string(),
      category: z.string(),
      amount: money,
      status: z.string(),
    }),
  ),
});
const invoicesOut = z.object({
  invoices: z.array(
    z.object({
      id: z.string(),
      party_id: z.string(),
      amount: money,
      status: z.string(),
      overdue: z.boolean(),
    }),
  ),
});

/** A vendor's names and the short forms people use: "鑫源电子" → "鑫源", "Xinyuan Electronics" → "Xinyuan". */
function vendorNames(names: string[]): string[] {
  const short = names.flatMap((n) =>
    /^[\u3400-\u9fff]{4,}$/.test(n) ? [n.slice(0, 2)] : /\s/.test(n) ? [n.split(/\s+/)[0]!] : [],
  );
  return [...new Set([...names, ...short])];
}

function read<T>(
  world: World,
  app: string,
  tool: string,
  input: object,
  schema: z.ZodType<T>,
): T | undefined {
  if (!world.app(app)) return undefined;
  const result = world.call(app, tool, input as Record<string, unknown>);
  if (!result.ok) return undefined;
  const parsed = schema.safeParse(result.data);
  return parsed.success ? parsed.data : undefined;
}

/** The forms a person calls an item by: "Halo智能台灯", "台灯", "Halo smart lamp", "Halo lamp", "lamp". */
function itemNames(zh: string, en: string): string[] {
  const words = en.toLowerCase().split(/\s+/);
  return [
    ...new Set([
      zh,
      zh.replace(/^[A-Za-z]+/, ''),
      zh.replace(/^[A-Za-z]*(?:智能|彩色)/, ''),
      /^[\u3400-\u9fff]{5,}$/.test(zh) ? zh.slice(2) : '',
      words.join(' '),
      words.filter((w) => w !== 'smart').join(' '),
      words.at(-1)!,
    ]),
  ].filter((n) => n.length >= 2);
}

/** Reads the work apps, or undefined when the world has none. */
export function workCatalogue(world: World): WorkCatalogue | undefined {
  const stock = read(world, 'inventory', 'list_stock', {}, stockOut)?.stock;
  if (!stock) return undefined;
  const items = new Map<string, WorkNamed>();
  for (const s of stock) items.set(s.sku, { id: s.sku, names: itemNames(s.name_zh, s.name_en) });
  const warehouses = [...new Set(stock.map((s) => s.warehouse_id))].map((id) => ({
    id,
    names: warehouseNames(id),
  }));
  const orders = read(world, 'inventory', 'list_purchase_orders', { status: 'all' }, ordersOut);
  const person = readPersonWorld(world);
  return {
    now: world.now,
    items: [...items.values()],
    warehouses,
    issues: new Set(
      (read(world, 'tracker', 'list_issues', { status: 'all' }, numbered('issues'))?.issues ?? []).map(
        (i) => i.number,
      ),
    ),
    prs: new Set(
      (read(world, 'tracker', 'list_prs', { status: 'all' }, numbered('prs'))?.prs ?? []).map(
        (p) => p.number,
      ),
    ),
    versions: new Set(
      (read(world, 'tracker', 'list_releases', {}, releasesOut)?.releases ?? []).map((r) => r.version),
    ),
    claims: (read(world, 'ledger', 'list_expenses', {}, claimsOut)?.expenses ?? [])
      .filter((e) => e.status === 'submitted')
      .map((e) => ({ id: e.id, employee: e.employee_id, category: e.category, amountFen: e.amount.amount })),
    invoices: (read(world, 'ledger', 'list_invoices', { direction: 'payable' }, invoicesOut)?.invoices ?? [])
      .filter((i) => i.status === 'open')
      .map((i) => ({ id: i.id, vendor: i.party_id, amountFen: i.amount.amount, overdue: i.overdue })),
    vendors: (person.vendors ?? []).map((v) => ({ id: v.id, names: vendorNames(v.names) })),
    person,
    openOrders: (orders?.purchase_orders ?? [])
      .filter((o) => o.status === 'placed' || o.status === 'partial')
      .map((o) => ({
        id: o.id,
        supplier: o.supplier_id,
        warehouse: o.warehouse_id,
        skus: o.lines.map((l) => l.sku),
      })),
  };
}
