/** Where trusted values come from: the person's own words, profile and contacts. */
export interface TrustedContext {
  /** The person's request, word for word. */
  request: string;
  /** Contacts and groups: id and every name they go by. */
  people: { id: string; names: string[] }[];
  /** The person's own saved addresses: id and labels (家, 公司, Home, Office). */
  addresses: { id: string; names: string[] }[];
  /**
   * What can be bought, by id and name (dishes, products), so an order line can be checked against
   * what the request asked for. Optional: without it the guard learns names from what errand reads.
   */
  items?: { id: string; names: string[] }[];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** True when `name` stands in `text` as a name: CJK anywhere, Latin as a whole word, case ignored. */
export function mentions(text: string, name: string): boolean {
  const n = name.trim();
  if (n.length < 2) return false;
  if (/[\u3400-\u9fff]/.test(n)) return text.includes(n);
  // A Latin name stands alone when no Latin letter or digit touches it: "给Emily发" names Emily.
  return new RegExp(
    `(^|[^\\p{Script=Latin}\\p{N}])${escapeRegExp(n)}($|[^\\p{Script=Latin}\\p{N}])`,
    'iu',
  ).test(text);
}

/** The people and groups the request names. */
export function namedInRequest(ctx: TrustedContext): Set<string> {
  const ids = new Set<string>();
  for (const p of ctx.people) if (p.names.some((name) => mentions(ctx.request, name))) ids.add(p.id);
  return ids;
}

/** Chinese digits and their values. */
export const CHINESE_DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000, 万: 10000 };

/** Reads a Chinese numeral such as 二十, 一百五十, 两千 (up to the ten thousands). */
export function chineseNumber(text: string): number | undefined {
  if (!/^[零〇一二两三四五六七八九十百千万]+$/.test(text)) return undefined;
  let total = 0;
  let section = 0;
  let digit = 0;
  let lastUnit = 1;
  let zero = false;
  for (const ch of text) {
    if (ch in CHINESE_DIGITS) {
      digit = CHINESE_DIGITS[ch]!;
      if (digit === 0) zero = true;
    } else {
      const unit = UNITS[ch]!;
      if (unit === 10000) {
        total += (section + digit) * unit;
        section = 0;
      } else section += (digit || 1) * unit;
      digit = 0;
      lastUnit = unit;
      zero = false;
    }
  }
  // A digit right after 百, 千 or 万 counts in the next unit down: 一百五 is 150, 两千五 is 2500;
  // with 零 between them it is a unit digit: 一百零五 is 105.
  if (digit && lastUnit >= 100 && !zero) digit *= lastUnit / 10;
  return total + section + digit;
}

const NUMBER = '(\\d+(?:\\.\\d{1,2})?|[零〇一二两三四五六七八九十百千万]+)';

/** Every amount of money the text states, in fen: 40元, ¥40, 40 yuan, 二十块, RMB 40, 40 CNY. */
export function amountsIn(text: string): number[] {
  const patterns = [
    new RegExp(`${NUMBER}\\s*(?:元|块钱|块|圆|yuan|kuai|rmb|cny)`, 'giu'),
    new RegExp(`(?:[¥￥]|rmb|cny)\\s*${NUMBER}`, 'giu'),
    // A bare number right after a word for sending money: 转200, 转账 200, 付50, transfer 200.
    new RegExp(
      `(?:转账|转给[^\\d零〇一二两三四五六七八九十百千万]{1,8}|转|付款|付)\\s*${NUMBER}(?![\\d.]|\\s*(?:个|份|杯|点|号|分钟|小时|天|%))`,
      'giu',
    ),
    new RegExp(
      `\\b(?:transfer|send|pay)\\s+(?:\\p{L}+\\s+){0,3}${NUMBER}\\b(?!\\s*(?:%|am|pm|minutes?|hours?|o'clock))`,
      'giu',
    ),
  ];
  const out = new Set<number>();
  for (const re of patterns) {
    for (const m of text.matchAll(re)) {
      const raw = m[1]!;
      const value = /^\d/.test(raw) ? Number(raw) : chineseNumber(raw);
      if (value !== undefined && Number.isFinite(value)) out.add(Math.round(value * 100));
    }
  }
  return [...out];
}

/** Every string anywhere in a value. */
export function stringsIn(value: unknown, into = new Set<string>()): Set<string> {
  if (typeof value === 'string') into.add(value);
  else if (Array.isArray(value)) for (const v of value) stringsIn(v, into);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) stringsIn(v, into);
  return into;
}

/**
 * The ids a write's result names at its top level — the object it made (`id`, `order_id`) and what
 * that object links to directly (`payment_request_id`, `payee_account_id`, `payee`) — leaving out
 * any the call itself named. Nested values (the attendees of an event one answered, the members of a
 * group) and free text are other people's things, not this errand's creations.
 */
export function createdIds(input: unknown, output: unknown): string[] {
  if (!output || typeof output !== 'object' || Array.isArray(output)) return [];
  const given = stringsIn(input);
  const ids: string[] = [];
  for (const [key, value] of Object.entries(output as Record<string, unknown>)) {
    if (/^(id|payee|\w+_id)$/.test(key) && typeof value === 'string') ids.push(value);
    // The object a write returns whole ({ event: { id } }) is the thing it made.
    const inner =
      value && typeof value === 'object' && !Array.isArray(value)
        ? (value as Record<string, unknown>).id
        : undefined;
    if (typeof inner === 'string') ids.push(inner);
  }
  return ids.filter((value) => !given.has(value));
}

/** An amount the app reported as paid in its output (`paid`, `amount`, `total` as a Money value). */
export function reportedAmount(output: unknown): number | undefined {
  if (!output || typeof output !== 'object') return undefined;
  const obj = output as Record<string, unknown>;
  for (const key of ['paid', 'amount', 'total']) {
    const v = obj[key] as { amount?: unknown; currency?: unknown } | undefined;
    if (v && typeof v === 'object' && Number.isInteger(v.amount) && typeof v.currency === 'string')
      return v.amount as number;
  }
  return undefined;
}

/**
 * The saved addresses errand may deliver to: the ones the request names by label ("送到公司"), or
 * every saved address when the request names none.
 */
export function groundedAddresses(ctx: TrustedContext): Set<string> {
  const said = (n: string) =>
    /[\u3400-\u9fff]/.test(n) ? ctx.request.includes(n) : mentions(ctx.request, n);
  const named = ctx.addresses.filter((a) => a.names.some(said));
  return new Set((named.length ? named : ctx.addresses).map((a) => a.id));
}
