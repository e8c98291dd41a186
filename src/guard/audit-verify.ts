import {
  type AuditCheck,
  type AuditRow,
  type Checkpoint,
  chainHash,
  eventRef,
  type Finding,
  type FindingKind,
  GENESIS,
  signCheckpoint,
} from './audit.js';

/** One line of the errand list as stored: what `errand tasks` shows, checked against the chain. */
export interface ErrandListRow {
  id: string;
  createdAt: number;
  request: string;
  model: string;
  status: string;
  outcome: string | null;
  head: string | null;
  events: number;
  owner: string | null;
}

/** Everything the audit reads from a journal: its events, its errand list and its signed head. */
export interface JournalRecord {
  rows: AuditRow[];
  errands: ErrandListRow[];
  checkpoint: Checkpoint | null;
}

/** The status an event sets, for the events that end an errand. */
const STATUS_OF: Record<string, string> = {
  'task.finished': 'finished',
  'task.failed': 'failed',
  'task.cancelled': 'cancelled',
  'task.interrupted': 'interrupted',
  // A resumed errand runs again, in the process that took it up.
  'task.resumed': 'running',
  'task.waiting': 'waiting',
};

const refOf = (r: AuditRow) => eventRef(r.errandId, r.seq);

function parseRef(ref: string): { errandId: string; seq: number } | null {
  const m = /^(.*)#(\d+)$/.exec(ref);
  return m ? { errandId: m[1]!, seq: Number(m[2]) } : null;
}

function field(data: string, name: string): unknown {
  try {
    return (JSON.parse(data) as Record<string, unknown>)[name];
  } catch {
    return undefined;
  }
}

/** `#1–#3, #5` */
function ranges(seqs: number[]): string {
  const out: string[] = [];
  let start = seqs[0]!;
  for (let i = 1; i <= seqs.length; i++) {
    if (seqs[i] === seqs[i - 1]! + 1) continue;
    out.push(start === seqs[i - 1] ? `#${start}` : `#${start}–#${seqs[i - 1]}`);
    start = seqs[i]!;
  }
  return out.join(', ');
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * Checks the whole journal: every event against the one chain, the signed head against the last
 * event, and the errand list against what the chain records. Names each change it finds.
 */
export function verifyRecord(key: Buffer | undefined, record: JournalRecord): AuditCheck {
  const findings: Finding[] = [];
  const add = (kind: FindingKind, message: string, errands: string[] = []) =>
    findings.push({ kind, message, errands });
  const rows = [...record.rows].sort((a, b) => a.g - b.g);
  const byRef = new Map(rows.map((r) => [refOf(r), r]));
  const followed = new Set(rows.map((r) => r.prev));
  const cp = record.checkpoint;
  const cpValid = cp !== null && signCheckpoint(key, cp).mac === cp.mac;
  const byG = new Map(rows.map((r) => [r.g, r]));
  // The event before one is the one at the place before it, or (when places were renumbered) the one
  // its `prev` names; a variant holds when it hashes to the stored hash after either.
  const holds = (r: AuditRow, extra?: AuditRow) => {
    if (r.g === 1 && r.prev === '') return chainHash(key, GENESIS, r) === r.hash;
    const candidates = new Set([byG.get(r.g - 1), byRef.get(r.prev), extra]);
    return [...candidates].some((p) => p !== undefined && chainHash(key, p.hash, r) === r.hash);
  };

  // Each event against its predecessor in the whole journal.
  const bad: AuditRow[] = [];
  rows.forEach((row, i) => {
    if (row.prev !== '' && !byRef.has(row.prev) && !byG.has(row.g - 1)) {
      const gone = row.g - (rows[i - 1]?.g ?? 0) - 1;
      // One missing event is named by its errand's own check below; a longer gap may hold unnamed ones.
      if (gone <= 1) return;
      add(
        'deleted',
        `${gone > 0 ? plural(gone, 'event') : 'events'} just before ${refOf(row)} ${gone === 1 ? 'was' : 'were'} deleted (the last of them was ${row.prev})`,
        [parseRef(row.prev)?.errandId ?? '', row.errandId].filter(Boolean),
      );
      return;
    }
    if (!holds(row)) bad.push(row);
  });

  // Events moved one place later in the journal make room for one put in before them.
  const shifted = bad.filter((r) => holds({ ...r, g: r.g - 1 }, byG.get(r.g - 2)));
  if (shifted.length > 0)
    add(
      'inserted',
      `${plural(shifted.length, 'event')} from ${refOf(shifted[0]!)} on ${shifted.length === 1 ? 'was' : 'were'} moved one place later in the journal, to make room for an inserted one`,
      [...new Set(shifted.map((r) => r.errandId))],
    );
  // Any other failing event is a swap with another, an insertion, or an edit.
  const explained = new Set<AuditRow>(shifted);
  const forged = new Set<AuditRow>();
  const swapped = (r: AuditRow, o: AuditRow) =>
    (['data', 'type', 'at'] as const).some((_, n, fields) => {
      const take = (from: AuditRow) => Object.fromEntries(fields.slice(0, n + 1).map((f) => [f, from[f]]));
      return holds({ ...o, ...take(r) }) && holds({ ...r, ...take(o) });
    }) ||
    (holds({ ...r, seq: o.seq }) && holds({ ...o, seq: r.seq })) ||
    (holds({ ...r, g: o.g }) && holds({ ...o, g: r.g }));
  for (const r of bad) {
    if (explained.has(r)) continue;
    const partner = bad.find(
      (o) => o !== r && !explained.has(o) && o.errandId === r.errandId && swapped(r, o),
    );
    if (partner) {
      explained.add(r).add(partner);
      add(
        'reordered',
        `events ${refOf(r)} and ${refOf(partner)} were reordered (each holds what was written in the other's place)`,
        [r.errandId],
      );
    } else if (!followed.has(refOf(r)) && !(cpValid && cp.ref === refOf(r))) {
      forged.add(r);
      add('inserted', `event ${refOf(r)} (${r.type}) was not written by errand: it was inserted`, [
        r.errandId,
      ]);
    } else {
      add('edited', `event ${refOf(r)} (${r.type}) was changed after it was written`, [r.errandId]);
    }
  }

  // The signed head against the end of the journal.
  const last = rows.at(-1);
  if (!cp) {
    if (last)
      add('checkpoint-missing', "the journal's signed head is missing, so a cut end cannot be ruled out");
  } else if (!cpValid) {
    add(
      'checkpoint-forged',
      "the journal's signed head was changed by someone without the key (its signature does not match)",
    );
  } else if (!last || last.g < cp.g) {
    const gone = cp.g - (last?.g ?? 0);
    add(
      'cut',
      `the end of the journal was cut: it should end at ${cp.ref} (event ${cp.g}) but ends at ${last ? `${refOf(last)} (event ${last.g})` : 'nothing'}; ${plural(gone, 'event')} ${gone === 1 ? 'is' : 'are'} gone`,
      [parseRef(cp.ref)?.errandId ?? ''].filter(Boolean),
    );
  } else if (last.g > cp.g && !(shifted.includes(last) && last.g - 1 === cp.g)) {
    const extra = rows.filter((r) => r.g > cp.g && !shifted.includes(r));
    add(
      'inserted',
      `${plural(extra.length, 'event')} after the journal's signed head ${cp.ref} ${extra.length === 1 ? 'was' : 'were'} added: ${extra.map(refOf).join(', ')}`,
      [...new Set(extra.map((r) => r.errandId))],
    );
  } else if (last.hash !== cp.hash || refOf(last) !== cp.ref) {
    if (!bad.includes(last))
      add('edited', `the last event ${refOf(last)} is not the one the journal signed (${cp.ref})`, [
        last.errandId,
      ]);
  }

  checkErrands(record, rows, forged, cpValid ? cp : null, add);
  const problems = [...new Set(findings.map((f) => f.message))];
  const eventsOf: Record<string, number> = {};
  for (const r of rows) eventsOf[r.errandId] = (eventsOf[r.errandId] ?? 0) + 1;
  return {
    eventsOf,
    ok: findings.length === 0,
    events: rows.length,
    errands: new Set([...rows.map((r) => r.errandId), ...record.errands.map((e) => e.id)]).size,
    signed: key !== undefined,
    problems,
    findings,
  };
}

/** Each errand: its events complete from #1 to the last one anything refers to, and its list row true. */
function checkErrands(
  record: JournalRecord,
  rows: AuditRow[],
  forged: Set<AuditRow>,
  cp: Checkpoint | null,
  add: (kind: FindingKind, message: string, errands?: string[]) => void,
): void {
  const byErrand = new Map<string, AuditRow[]>();
  for (const r of rows) byErrand.set(r.errandId, [...(byErrand.get(r.errandId) ?? []), r]);
  // The highest event of each errand that something still in the journal refers to.
  const referenced = new Map<string, number>();
  for (const ref of [...rows.map((r) => r.prev), cp?.ref ?? '']) {
    const p = parseRef(ref);
    if (p) referenced.set(p.errandId, Math.max(referenced.get(p.errandId) ?? 0, p.seq));
  }
  const listed = new Map(record.errands.map((e) => [e.id, e]));
  const ids = new Set([...byErrand.keys(), ...referenced.keys(), ...listed.keys()]);
  for (const id of ids) {
    const own = (byErrand.get(id) ?? []).sort((a, b) => a.seq - b.seq);
    const row = listed.get(id);
    const present = new Set(own.map((r) => r.seq));
    // An event errand did not write says nothing about how many it did write.
    const lastPresent = own.filter((r) => !forged.has(r)).at(-1)?.seq ?? 0;
    const known = Math.max(lastPresent, referenced.get(id) ?? 0);
    const missing = Array.from({ length: known }, (_, i) => i + 1).filter((s) => !present.has(s));
    if (own.length === 0 && !row) {
      add('errand-removed', `errand ${id} was removed: its entry and all its events are gone`, [id]);
      continue;
    }
    if (own.length === 0) {
      if (row!.events > 0 || row!.head)
        add('deleted', `all ${plural(row!.events, 'event')} of errand ${id} were deleted`, [id]);
      else add('errand-row-inserted', `errand ${id} is not in the record: its entry was added by hand`, [id]);
      continue;
    }
    const tail = missing.filter((s) => s > lastPresent);
    const inner = missing.filter((s) => s < lastPresent);
    if (inner.length)
      add(
        'deleted',
        `${inner.length === 1 ? 'event' : 'events'} ${ranges(inner)} of errand ${id} ${inner.length === 1 ? 'was' : 'were'} deleted`,
        [id],
      );
    if (tail.length)
      add('cut', `errand ${id} was cut after #${lastPresent}: events ${ranges(tail)} are gone`, [id]);
    if (!row) {
      add(
        'errand-row-removed',
        `errand ${id} was removed from the errand list (${plural(own.length, 'event')} remain)`,
        [id],
      );
      continue;
    }
    compareRow(
      row,
      own.filter((r) => !forged.has(r)),
      missing.length > 0,
      add,
    );
  }
}

/** The errand list's row against what the chain records about that errand. */
function compareRow(
  row: ErrandListRow,
  own: AuditRow[],
  incomplete: boolean,
  add: (kind: FindingKind, message: string, errands?: string[]) => void,
): void {
  const id = row.id;
  const created = own.find((r) => r.type === 'task.created');
  if (created) {
    const recorded: [string, unknown, unknown][] = [
      ['request', row.request, field(created.data, 'request')],
      ['model', row.model, field(created.data, 'model')],
      ['start time', row.createdAt, created.at],
      [
        'owner',
        row.owner,
        field((own.findLast((r) => r.type === 'task.resumed') ?? created).data, 'owner') ?? null,
      ],
    ];
    for (const [name, listedValue, chained] of recorded) {
      if (listedValue !== chained)
        add(
          'errand-row-changed',
          `errand ${id}'s ${name} was changed in the errand list: it shows ${JSON.stringify(listedValue)}, the record says ${JSON.stringify(chained)}`,
          [id],
        );
    }
  }
  if (incomplete) return; // the deletion or cut already says why the rest differs
  const end = own.findLast((r) => r.type in STATUS_OF);
  const status = end ? STATUS_OF[end.type]! : 'running';
  const outcome = end?.type === 'task.finished' ? ((field(end.data, 'outcome') as string) ?? null) : null;
  if (row.status !== status || row.outcome !== outcome) {
    const shown = (s: string, o: string | null) => (o ? `${s} (${o})` : s);
    add(
      'status-changed',
      `errand ${id}'s status was changed: the list says "${shown(row.status, row.outcome)}", its record says "${shown(status, outcome)}"`,
      [id],
    );
  }
  const last = own.at(-1)!;
  if (row.head !== last.hash || row.events !== own.length)
    add(
      'errand-row-changed',
      `errand ${id}'s recorded head was changed: the list says ${row.events} events, the record has ${own.length} ending at #${last.seq}`,
      [id],
    );
}

/** The part of a whole-journal check that concerns one errand (and the whole journal's own problems). */
export function checkForErrand(check: AuditCheck, errandId: string): AuditCheck {
  const findings = check.findings.filter((f) => f.errands.length === 0 || f.errands.includes(errandId));
  return {
    ...check,
    ok: findings.length === 0,
    events: check.eventsOf[errandId] ?? 0,
    errands: 1,
    findings,
    problems: [...new Set(findings.map((f) => f.message))],
  };
}
