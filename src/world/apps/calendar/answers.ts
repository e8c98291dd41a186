import { WORLD_EPOCH_MS } from '../../clock.js';
import type { ToolContext } from '../../tool.js';

const MINUTE_MS = 60_000;

/**
 * Contacts scripted to answer an invitation some minutes (of the world's clock) after it was sent:
 * the world's source of answers for errands that wait for one. Everyone else leaves it unanswered.
 */
export const SCRIPTED_ANSWERS: Record<string, { afterMin: number; response: 'accepted' | 'declined' }> = {
  p_wangfang: { afterMin: 20, response: 'accepted' },
  p_zhangwei: { afterMin: 30, response: 'accepted' },
  p_liuyang: { afterMin: 40, response: 'declined' },
  p_emily: { afterMin: 25, response: 'accepted' },
  p_david: { afterMin: 60, response: 'declined' },
};

/** Moves scripted contacts to answer invitations sent since the world began, once each answer is due. */
export function answerInvitations(ctx: ToolContext): void {
  const ids = Object.keys(SCRIPTED_ANSWERS);
  const rows = ctx.db
    .prepare(
      `SELECT a.event_id AS eventId, a.person_id AS person, e.created_at AS sentAt
         FROM calendar_attendees a JOIN calendar_events e ON e.id = a.event_id
        WHERE a.response = 'needs_action' AND e.status = 'confirmed' AND e.created_at >= ?
          AND a.person_id <> e.organizer_id AND a.person_id IN (${ids.map(() => '?').join(', ')})
        ORDER BY e.created_at, a.event_id, a.person_id`,
    )
    .all(WORLD_EPOCH_MS, ...ids) as { eventId: string; person: string; sentAt: number }[];
  const answer = ctx.db.prepare(
    'UPDATE calendar_attendees SET response = ?, responded_at = ? WHERE event_id = ? AND person_id = ?',
  );
  for (const r of rows) {
    const script = SCRIPTED_ANSWERS[r.person]!;
    const at = r.sentAt + script.afterMin * MINUTE_MS;
    if (at <= ctx.now) answer.run(script.response, at, r.eventId, r.person);
  }
}
