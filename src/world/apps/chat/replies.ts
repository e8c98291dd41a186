import { WORLD_EPOCH_MS } from '../../clock.js';
import type { ToolContext } from '../../tool.js';
import { appendMessage, languageOf } from './service.js';

const MINUTE_MS = 60_000;

/**
 * Contacts scripted to answer a direct message some minutes (of the world's clock) after it arrives:
 * the world's source of replies for errands that wait for one. Everyone else stays silent.
 */
export const SCRIPTED_REPLIES: Record<string, { afterMin: number; zh: string; en: string }> = {
  p_wangfang: { afterMin: 10, zh: '好的，知道了。', en: 'OK, got it.' },
  p_zhangwei: { afterMin: 30, zh: '收到，没问题。', en: 'Got it, no problem.' },
  p_liuxiuying: { afterMin: 20, zh: '好的，路上小心。', en: 'All right, take care on the way.' },
  p_emily: { afterMin: 15, zh: '好的！', en: 'Sounds good!' },
  p_david: { afterMin: 45, zh: '收到。', en: 'Noted, thanks.' },
};

/**
 * Moves scripted contacts to answer: each direct conversation whose newest message is to a scripted
 * contact gets their reply once its time has come, timed when they would have sent it.
 */
export function answerMessages(ctx: ToolContext): void {
  const ids = Object.keys(SCRIPTED_REPLIES);
  const rows = ctx.db
    .prepare(
      `SELECT m.conversation_id AS conversation, m.sender_id AS sender, m.sent_at AS sentAt, c.person_id AS other
         FROM chat_messages m
         JOIN chat_conversations v ON v.id = m.conversation_id AND v.kind = 'direct'
         JOIN chat_members c ON c.conversation_id = m.conversation_id AND c.person_id <> m.sender_id
        WHERE m.recalled_at IS NULL AND c.person_id IN (${ids.map(() => '?').join(', ')})
          AND m.sent_at = (SELECT MAX(sent_at) FROM chat_messages WHERE conversation_id = m.conversation_id AND recalled_at IS NULL)
        ORDER BY m.sent_at, m.id`,
    )
    .all(...ids) as { conversation: string; sender: string; sentAt: number; other: string }[];
  for (const r of rows) {
    const script = SCRIPTED_REPLIES[r.other]!;
    const at = r.sentAt + script.afterMin * MINUTE_MS;
    // The seeded history (before the world's first day) stays as it is; an answer comes when it is due.
    if (r.sentAt < WORLD_EPOCH_MS || at > ctx.now) continue;
    appendMessage(ctx.db, {
      id: ctx.nextId('msg'),
      conversation_id: r.conversation,
      sender_id: r.other,
      text: languageOf(ctx.db, r.sender) === 'en' ? script.en : script.zh,
      kind: 'text',
      ref: null,
      sent_at: at,
      recalled_at: null,
    });
  }
}
