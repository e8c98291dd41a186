import { createHash, createHmac } from 'node:crypto';

/** The first link's predecessor. */
export const GENESIS = 'errand-audit-v2';

/** One stored event as the audit sees it: its place in the whole journal and in its errand. */
export interface AuditRow {
  /** Its position in the whole journal, from 1, with no gaps. */
  g: number;
  /** The reference (`errand#seq`) of the event just before it in the whole journal; '' for the first. */
  prev: string;
  errandId: string;
  seq: number;
  at: number;
  type: string;
  data: string;
  hash: string;
}

/** The signed head of the whole journal: the last event written, as its writer saw it. */
export interface Checkpoint {
  g: number;
  hash: string;
  ref: string;
  mac: string;
}

/** The name of one event in messages and in the chain: `errand#seq`. */
export function eventRef(errandId: string, seq: number): string {
  return `${errandId}#${seq}`;
}

const SEP = '\u001f';

function digest(key: Buffer | undefined, text: string): string {
  return (key ? createHmac('sha256', key) : createHash('sha256')).update(text).digest('hex');
}

/**
 * The hash of one journal event, chained to the event before it in the whole journal (whatever its
 * errand): any edit, deletion, insertion or reordering changes every hash after it. With a key (kept
 * in errand's home) it is an HMAC, so the chain cannot be recomputed by someone who can write the
 * database but not read the key.
 */
export function chainHash(key: Buffer | undefined, prevHash: string, row: Omit<AuditRow, 'hash'>): string {
  const text = ['event', prevHash, row.g, row.prev, row.errandId, row.seq, row.at, row.type, row.data];
  return digest(key, text.join(SEP));
}

/** Signs the journal's head, so that it cannot be moved back (a cut tail) without the key. */
export function signCheckpoint(key: Buffer | undefined, head: Omit<Checkpoint, 'mac'>): Checkpoint {
  return { ...head, mac: digest(key, ['checkpoint', GENESIS, head.g, head.hash, head.ref].join(SEP)) };
}

/** What kind of change the audit found. */
export type FindingKind =
  | 'edited'
  | 'deleted'
  | 'reordered'
  | 'inserted'
  | 'cut'
  | 'errand-removed'
  | 'errand-row-removed'
  | 'errand-row-inserted'
  | 'errand-row-changed'
  | 'status-changed'
  | 'checkpoint-forged'
  | 'checkpoint-missing';

/** One change the audit found, named for a person, with the errands it touches. */
export interface Finding {
  kind: FindingKind;
  message: string;
  /** The errands it concerns; empty when it concerns the whole journal. */
  errands: string[];
}

/** What verifying the audit chain found. */
export interface AuditCheck {
  ok: boolean;
  /** Events checked. */
  events: number;
  /** Errands checked. */
  errands: number;
  /** Events found for each errand. */
  eventsOf: Record<string, number>;
  /** Whether the chain was signed with a key (an unsigned chain can be recomputed by anyone). */
  signed: boolean;
  problems: string[];
  findings: Finding[];
}
