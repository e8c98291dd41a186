import { createHash, createHmac } from 'node:crypto';

/** The first link's predecessor. */
export const GENESIS = 'errand-audit-v1';

/** One stored event as the audit sees it. */
export interface AuditRow {
  seq: number;
  at: number;
  type: string;
  data: string;
  hash: string;
}

/**
 * The hash of one journal event, chained to the one before it: any edit, deletion or reordering
 * changes every hash after it. With a key (kept in errand's home) it is an HMAC, so the chain cannot
 * be recomputed by someone who can write the database but not read the key.
 */
export function chainHash(
  key: Buffer | undefined,
  prev: string,
  errandId: string,
  row: Omit<AuditRow, 'hash'>,
): string {
  const text = [prev, errandId, row.seq, row.at, row.type, row.data].join('\u001f');
  return (key ? createHmac('sha256', key) : createHash('sha256')).update(text).digest('hex');
}

/** What verifying an errand's audit chain found. */
export interface AuditCheck {
  ok: boolean;
  events: number;
  problems: string[];
}

/** Checks an errand's events against their chain and the recorded head (so a cut tail shows too). */
export function verifyChain(
  key: Buffer | undefined,
  errandId: string,
  rows: AuditRow[],
  head: { hash: string | null; events: number },
): AuditCheck {
  const problems: string[] = [];
  let prev = GENESIS;
  rows.forEach((row, i) => {
    if (row.seq !== i + 1) problems.push(`event ${i + 1} is missing or out of order (found seq ${row.seq})`);
    const expected = chainHash(key, prev, errandId, row);
    if (expected !== row.hash)
      problems.push(`event ${row.seq} (${row.type}) was changed after it was written`);
    prev = row.hash;
  });
  if (rows.length !== head.events)
    problems.push(`the journal recorded ${head.events} events but ${rows.length} remain`);
  if ((rows.at(-1)?.hash ?? null) !== head.hash)
    problems.push('the last event is not the one the journal recorded last');
  return { ok: problems.length === 0, events: rows.length, problems: [...new Set(problems)] };
}
