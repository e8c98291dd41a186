/**
 * Errands as `errand serve` shows them: those in the journal, past and present, and those its desk is
 * starting; what each waits on; and the NOT_FOUND that names where to look.
 */
import type { JournalEvent } from '../agent/events.js';
import type { ErrandSummary } from '../agent/journal.js';
import { buildReport, type Report } from '../agent/report.js';
import type { DeskErrand, ErrandDesk, PendingQuestion } from '../errands/index.js';
import { type ErrorBody, ErrandError } from '../errors.js';

/** An errand as the API shows it: how it stands, its report, and any question it waits on. */
export interface ErrandView {
  summary: ErrandSummary;
  report: Report;
  pending: PendingQuestion[];
  failure: ErrorBody | null;
}

function notFound(id: string): ErrandError {
  return new ErrandError('NOT_FOUND', `No errand "${id.slice(0, 64)}"; GET /api/errands lists them.`);
}

/** Throws NOT_FOUND unless the errand runs here or is in the journal. */
export function knownErrand(desk: ErrandDesk, id: string): void {
  if (desk.knows(id)) return;
  if (!/^[\w-]{1,64}$/.test(id) || desk.journal.list(1, { id }).length === 0) throw notFound(id);
}

function startingSummary(e: DeskErrand): ErrandSummary {
  return {
    id: e.id,
    createdAt: e.createdAt,
    request: e.request,
    model: '',
    status: e.failure ? 'failed' : 'running',
    outcome: null,
  };
}

/** Every event of an errand so far, in order; empty for one that is starting. */
export function errandEventsOf(desk: ErrandDesk, id: string): JournalEvent[] {
  knownErrand(desk, id);
  return desk.journal.events(id);
}

/** Past and running errands, newest first; `q` keeps those whose request or id contains it. */
export function listErrands(desk: ErrandDesk, options: { q?: string; limit?: number } = {}): ErrandSummary[] {
  const limit = options.limit ?? 50;
  const q = options.q?.trim().toLowerCase();
  const all = desk.journal.list(q ? 2000 : limit);
  const starting = desk
    .errands()
    .filter((e) => (e.running || e.failure) && !all.some((j) => j.id === e.id))
    .reverse()
    .map(startingSummary);
  const rows = [...starting, ...all];
  const found = q ? rows.filter((r) => r.request.toLowerCase().includes(q) || r.id.startsWith(q)) : rows;
  return found.slice(0, limit);
}

/** One errand: its line in the list, its report so far, and what it waits on. */
export function viewErrand(desk: ErrandDesk, id: string): ErrandView {
  const events = errandEventsOf(desk, id);
  const started = desk.errand(id);
  const summary = desk.journal.list(1, { id }).at(0) ?? (started ? startingSummary(started) : undefined);
  if (!summary) throw notFound(id);
  const report = buildReport(events, id);
  if (!report.request) report.request = summary.request;
  return {
    summary,
    report,
    pending: desk.questions.pending(id),
    failure: desk.failureOf(id) ?? null,
  };
}

/** Answers an errand's waiting question, once; NOT_FOUND for an errand this server never heard of. */
export function answerErrand(
  desk: ErrandDesk,
  id: string,
  questionId: string,
  reply: { approved?: boolean; text?: string },
) {
  knownErrand(desk, id);
  if (!desk.knows(id))
    throw new ErrandError(
      'NOT_FOUND',
      `Errand ${id} is not waiting on a question "${questionId.slice(0, 64)}": it does not run in this server.`,
    );
  return desk.answer(id, questionId, reply).answer!;
}

/** Cancels an errand running here; false when it is not running (ended, or run by another process). */
export async function cancelErrand(desk: ErrandDesk, id: string): Promise<boolean> {
  knownErrand(desk, id);
  return desk.knows(id) && (await desk.cancel(id));
}
