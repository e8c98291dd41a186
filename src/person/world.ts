/**
 * The person's world as errand trusts it: who they are, their contacts (with every name and the
 * relation they go by), their groups, the accounts that bill them, and their saved addresses. It is
 * read from the person's own data, never from what others write in apps, and it is the one place the
 * guard, the offline reader and the planner look people and addresses up.
 */
import { type AddressKind, addressKind } from './addresses.js';
import { findMentions, groupBySpan, type Span } from './names.js';
import { relationWords } from './relations.js';

/** A contact: id, every name (name_zh, name_en, nickname first, then other forms) and relation. */
export interface Contact {
  id: string;
  names: string[];
  relation: string;
}

/** A group chat the person is in, or an account that bills them: id and names. */
export interface NamedParty {
  id: string;
  names: string[];
}

/** One of the person's saved delivery addresses, in the app that keeps it. */
export interface SavedAddress {
  id: string;
  app: string;
  names: string[];
  kind: AddressKind | undefined;
  placeId?: string;
}

/** Everything errand trusts about the person it works for. */
export interface PersonWorld {
  me: {
    id: string;
    name: string;
    language: 'zh' | 'en';
    /**
     * What is the person's own to share: their phone numbers, the street addresses of their saved
     * places, their health and diet notes. errand passes none of it on unless the request says to.
     */
    private?: { what: 'phone' | 'address' | 'health'; text: string }[];
  };
  contacts: Contact[];
  groups: NamedParty[];
  /** Accounts that send the person bills (utilities): who "交电费" pays. */
  billers: (NamedParty & { bills: string[] })[];
  addresses: SavedAddress[];
  /**
   * Who the person pays on the company's behalf, from the company's own books (vendors with invoices,
   * suppliers with prices): a payee of a work errand. Absent where the world has no work apps.
   */
  vendors?: NamedParty[];
  /**
   * What the company's suppliers sell, at what unit price (fen) and lead time, from the inventory app's
   * own price list (not the suppliers' free-text notes): what a rule such as "the cheapest supplier who
   * delivers by Friday" is checked against. Absent where the world has no inventory.
   */
  supplies?: { supplier: string; sku: string; unitFen: number; minQty: number; leadDays: number }[];
  /**
   * The items the company stocks, by the names its inventory gives them, and the warehouses that hold
   * each: what a restock request can name. Absent where the world has no inventory.
   */
  stock?: { sku: string; names: string[]; warehouses: string[] }[];
}

/** Someone a request can name: a contact, a group or a biller. */
export type Party =
  | { kind: 'contact'; contact: Contact }
  | { kind: 'group'; group: NamedParty }
  | { kind: 'biller'; biller: PersonWorld['billers'][number] };

/** The id of a party. */
export function partyId(p: Party): string {
  return p.kind === 'contact' ? p.contact.id : p.kind === 'group' ? p.group.id : p.biller.id;
}

/** One name of one party, and whether it is their own name (else a relation word). */
export interface PartyEntry {
  item: Party;
  name: string;
  exact: boolean;
}

const entryCache = new WeakMap<PersonWorld, PartyEntry[]>();

/** Every name a request may use for someone: own names exactly, relation words ("妈妈", "boss") loosely. */
export function partyEntries(person: PersonWorld): PartyEntry[] {
  const cached = entryCache.get(person);
  if (cached) return cached;
  const entries: PartyEntry[] = [
    ...person.contacts.flatMap((contact) => [
      ...contact.names.map((name) => ({ item: { kind: 'contact' as const, contact }, name, exact: true })),
      ...relationWords(contact.relation).map((name) => ({
        item: { kind: 'contact' as const, contact },
        name,
        exact: false,
      })),
    ]),
    ...person.groups.flatMap((group) =>
      group.names.map((name) => ({ item: { kind: 'group' as const, group }, name, exact: true })),
    ),
  ];
  entryCache.set(person, entries);
  return entries;
}

/** One place in a text that names someone, and everyone it could mean. */
export interface PartyMention {
  span: Span;
  said: string;
  candidates: Party[];
  /** True when it was a name, false when only a relation word ("同事"). */
  byName: boolean;
}

/** Everyone a text names, in order, as whole names (longest first, never inside another word). */
export function partiesIn(person: PersonWorld, text: string): PartyMention[] {
  const mentions = findMentions(
    text,
    partyEntries(person).map((e) => ({ item: e, name: e.name })),
  );
  return groupBySpan(mentions).map((g) => {
    const exact = g.items.filter((e) => e.exact);
    const chosen = exact.length ? exact : g.items;
    const candidates: Party[] = [];
    for (const e of chosen)
      if (!candidates.some((c) => partyId(c) === partyId(e.item))) candidates.push(e.item);
    return { span: g.span, said: text.slice(g.span.start, g.span.end), candidates, byName: exact.length > 0 };
  });
}

/** The ids of the people and groups a text names without doubt (a relation word many share names no one). */
export function namedIds(person: PersonWorld, text: string): Set<string> {
  const ids = new Set<string>();
  for (const m of partiesIn(person, text)) if (m.candidates.length === 1) ids.add(partyId(m.candidates[0]!));
  return ids;
}

/** A contact, group or biller by id. */
export function partyById(person: PersonWorld, id: string): Party | undefined {
  const contact = person.contacts.find((c) => c.id === id);
  if (contact) return { kind: 'contact', contact };
  const group = person.groups.find((g) => g.id === id);
  if (group) return { kind: 'group', group };
  const biller = person.billers.find((b) => b.id === id);
  if (biller) return { kind: 'biller', biller };
  const vendor = person.vendors?.find((v) => v.id === id);
  return vendor ? { kind: 'biller', biller: { ...vendor, bills: [] } } : undefined;
}

/**
 * Someone as the person calls them, in their language: "妈妈（刘秀英）", "王芳", "Mum (Liu Xiuying)",
 * "国网上海电力"; an id nobody in the person's world has is shown as it is.
 */
export function partyName(person: PersonWorld, id: string, lang: 'zh' | 'en' = person.me.language): string {
  const p = partyById(person, id);
  if (!p) return id;
  if (p.kind !== 'contact') {
    const names = p.kind === 'group' ? p.group.names : p.biller.names;
    return (
      (lang === 'zh'
        ? names.find((n) => /[\u3400-\u9fff]/.test(n))
        : names.find((n) => !/[\u3400-\u9fff]/.test(n))) ??
      names[0] ??
      id
    );
  }
  const [zh, en, nickname] = p.contact.names;
  const name = (lang === 'zh' ? zh : en) ?? zh ?? id;
  if (!nickname || name.includes(nickname) || nickname === zh || nickname === en) return name;
  // A nickname in the other script ("妈妈" for an English reader) is kept: it is what the person wrote.
  return lang === 'zh' ? `${nickname}（${name}）` : `${nickname} (${name})`;
}

/** A saved address by id. */
export function addressById(person: PersonWorld, id: string): SavedAddress | undefined {
  return person.addresses.find((a) => a.id === id);
}

/** A saved address as the person calls it: "公司", "Office". */
export function addressName(person: PersonWorld, id: string, lang: 'zh' | 'en' = person.me.language): string {
  const a = addressById(person, id);
  if (!a) return id;
  return (
    (lang === 'zh'
      ? a.names.find((n) => /[\u3400-\u9fff]/.test(n))
      : a.names.find((n) => !/[\u3400-\u9fff]/.test(n))) ??
    a.names[0] ??
    id
  );
}

/** The person's saved address of a kind in one app. */
export function addressOf(person: PersonWorld, app: string, kind: AddressKind): SavedAddress | undefined {
  return person.addresses.find((a) => a.app === app && (a.kind ?? addressKind(a.names)) === kind);
}

/**
 * The forms of a warehouse's name: "上海仓", "上海", "shanghai warehouse", "shanghai" (the inventory app
 * knows warehouses by id only).
 */
export function warehouseNames(id: string): string[] {
  const city: Record<string, [string, string]> = { wh_sh: ['上海', 'shanghai'], wh_sz: ['深圳', 'shenzhen'] };
  const [zh, en] = city[id] ?? [];
  return zh && en ? [`${zh}仓`, zh, `${en} warehouse`, en] : [];
}
