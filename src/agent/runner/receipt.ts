/**
 * A write's result as the model reads it: what the write made and what comes next, not an echo of
 * what the model just sent. Ids, statuses, money and the app's next step stay; a record the model named
 * by id (the address it gave, the payee it paid) is left out, any other record is its id and name; a
 * column every row of which the model sent (dish ids, quantities) is left out; so are the moment the
 * write happened (`created_at`, `sent_at` …), amounts of ¥0.00 and empty lists. Of a record the model
 * named by id (an event it answered, an order it cancelled), lists are only counted. The journal keeps the
 * app's whole answer; this only shapes what the model is shown.
 */
type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** What the model sent: every string anywhere in its arguments, and every scalar under its key. */
interface Sent {
  strings: Set<string>;
  byKey: Map<string, Set<string>>;
}

function sentOf(input: unknown): Sent {
  const sent: Sent = { strings: new Set(), byKey: new Map() };
  const walk = (v: unknown, key: string | undefined) => {
    if (Array.isArray(v)) for (const x of v) walk(x, key);
    else if (isObj(v)) for (const [k, x] of Object.entries(v)) walk(x, k);
    else if (v !== null && v !== undefined) {
      if (typeof v === 'string') sent.strings.add(v);
      if (key !== undefined) {
        const set = sent.byKey.get(key) ?? new Set<string>();
        set.add(String(v));
        sent.byKey.set(key, set);
      }
    }
  };
  walk(input, undefined);
  return sent;
}

/** An id as the apps write them: a short prefix, an underscore, the rest (p_wangfang, addr_liming_office). */
const ID = /^[a-z][a-z0-9]*_[\w-]+$/i;

const idOf = (r: Obj): string | undefined =>
  typeof r.id === 'string' ? r.id : typeof r.person_id === 'string' ? r.person_id : undefined;

const nameOf = (r: Obj): unknown => r.name ?? r.title ?? r.label ?? r.name_zh ?? r.name_en;

/** True when the model sent this value: an id anywhere in its arguments, or any scalar under the same key. */
function echoed(sent: Sent, key: string, v: unknown): boolean {
  if (typeof v === 'string' && ID.test(v) && sent.strings.has(v)) return true;
  return (typeof v === 'string' || typeof v === 'number') && !!sent.byKey.get(key)?.has(String(v));
}

/** `{amount, currency, display}` money of zero. */
const zeroMoney = (v: unknown) => isObj(v) && v.amount === 0 && typeof v.display === 'string';

/** When the write itself happened, or history before it; times still to come are kept. */
const PAST_MOMENT = /_at$/;
const AHEAD = /^(estimated|expected|expires|due|deadline|scheduled|remind|cancel_by|pay_by)/;

/** Keys that name a thing: kept unless the model sent them (a record's own `id` is always kept). */
const OWN_ID = (k: string) => k === 'id' || k.endsWith('_id');

function emptyValue(v: unknown): boolean {
  return v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);
}

function rows(list: Obj[], sent: Sent): Obj[] {
  const columns = new Set(list.flatMap((r) => Object.keys(r)));
  const echoedColumns = [...columns].filter((c) => list.every((r) => echoed(sent, c, r[c])));
  return list.map((r) => {
    const out: Obj = {};
    for (const [k, v] of Object.entries(r)) if (!echoedColumns.includes(k)) out[k] = short(v, sent);
    return out;
  });
}

/** A nested value in a receipt: a record with an id is its id and name; lists of records are compact rows. */
function short(v: unknown, sent: Sent): unknown {
  if (Array.isArray(v)) return v.every(isObj) ? rows(v, sent) : v;
  if (!isObj(v) || 'display' in v) return v;
  const id = idOf(v);
  if (id === undefined) return v;
  const name = nameOf(v);
  return name === undefined || name === null || name === '' ? id : `${id} (${String(name)})`;
}

/**
 * The receipt of a record: own ids always, everything the model sent left out, nested records shortened.
 * A result that wraps one record (`{event: {...}, invitations_sent: [...]}`) has that record shown whole.
 */
function record(r: Obj, sent: Sent, main: boolean): Obj {
  const nested = Object.entries(r).filter(([, v]) => isObj(v) && idOf(v) !== undefined);
  const wrapper = main && !Object.keys(r).some(OWN_ID) && nested.length === 1 ? nested[0]![0] : undefined;
  // A record the model named (the event it answered, the order it cancelled): its lists are only counted.
  const named = main && typeof r.id === 'string' && sent.strings.has(r.id);
  const out: Obj = {};
  for (const [k, v] of Object.entries(r)) {
    if (emptyValue(v) || zeroMoney(v)) continue;
    if (named && Array.isArray(v) && v.every(isObj)) {
      out[k] = `${v.length}, not shown`;
      continue;
    }
    if (k === wrapper) {
      out[k] = record(v as Obj, sent, true);
      continue;
    }
    if (PAST_MOMENT.test(k) && !AHEAD.test(k)) continue;
    if (isObj(v) && !('display' in v)) {
      const id = idOf(v);
      if (id !== undefined && echoed(sent, k, id)) continue;
      out[k] = short(v, sent);
      continue;
    }
    if (k !== 'id' && !Array.isArray(v) && echoed(sent, k, v)) continue;
    out[k] = short(v, sent);
  }
  return out;
}

/** The receipt of a write's result for the model; data that is not a record is returned as it is. */
export function receiptOf(data: unknown, input: unknown): unknown {
  if (!isObj(data)) return data;
  const shown = record(data, sentOf(input), true);
  if (Object.keys(shown).length > 0) return shown;
  // Everything was an echo (a recalled message): its ids still say what happened.
  const ids = Object.entries(data).filter(([k]) => OWN_ID(k));
  return ids.length ? Object.fromEntries(ids) : data;
}
