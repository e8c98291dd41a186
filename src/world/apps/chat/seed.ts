import type { SeedContext } from '../../app.js';
import { MINUTE_MS } from '../../clock.js';
import { SEED_CONVERSATIONS, type SeedConversation, type SeedTime } from './history.js';
import { appendMessage, createConversation, directConversationId, markRead } from './service.js';

/** A seeded time as world time: a fixed local time, or one relative to the world's start. */
function seedTime(now: number, at: SeedTime): number {
  if (typeof at !== 'string') return now - at.minutesBeforeStart * MINUTE_MS;
  return Date.parse(`2026-${at.replace(' ', 'T')}:00+08:00`);
}

function conversationId(ctx: SeedContext, c: SeedConversation): string {
  if (c.id) return c.id;
  const [a, b] = c.members;
  return directConversationId(ctx.db, a!, b!);
}

/**
 * Seeds the personas' recent chats. Messages flagged unread have no read receipt from any member
 * but their sender; all others have been read by every member. Each conversation's times move by
 * up to 15 minutes earlier, by seed, keeping their order and staying before the world's start; a
 * `just_sent` message keeps its exact time (relative to the start) so it can still be recalled when
 * the world starts.
 */
export function seedChat(ctx: SeedContext): void {
  const { db, rng } = ctx;
  for (const c of SEED_CONVERSATIONS) {
    const id = conversationId(ctx, c);
    const shift = -rng.int(0, 15) * MINUTE_MS;
    const first = seedTime(ctx.now, c.messages[0]![1]) + shift;
    createConversation(
      db,
      {
        id,
        kind: c.kind,
        name_zh: c.name_zh ?? '',
        name_en: c.name_en ?? '',
        owner_id: c.kind === 'group' ? c.members[0]! : null,
        created_at: first,
      },
      c.members,
    );
    const short = id.replace(/^(cv|grp)_/, '');
    c.messages.forEach(([sender, at, text, flag], i) => {
      const messageId = `m_${short}_${String(i + 1).padStart(2, '0')}`;
      const sentAt = seedTime(ctx.now, at) + (flag === 'just_sent' ? 0 : shift);
      appendMessage(db, {
        id: messageId,
        conversation_id: id,
        sender_id: sender,
        text,
        kind: flag === 'system' ? 'system' : 'text',
        ref: null,
        sent_at: sentAt,
        recalled_at: null,
      });
      if (flag === 'unread' || flag === 'just_sent') return;
      for (const member of c.members) markRead(db, messageId, member, sentAt + MINUTE_MS);
    });
  }
}
