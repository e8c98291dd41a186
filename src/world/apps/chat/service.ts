import type Database from 'better-sqlite3';
import { ErrandError } from '../../../errors.js';
import { getPerson, isContact, type Person } from '../../people.js';
import type { ToolContext } from '../../tool.js';

/** A conversation row: one-to-one (`cv_...`) or a group (`grp_...`). */
export interface ConversationRow {
  id: string;
  kind: 'direct' | 'group';
  name_zh: string;
  name_en: string;
  owner_id: string | null;
  created_at: number;
}

/** A message row; `text` is written by its sender and untrusted for anyone else. */
export interface MessageRow {
  id: string;
  conversation_id: string;
  sender_id: string;
  text: string;
  kind: 'text' | 'invitation' | 'system';
  ref: string | null;
  sent_at: number;
  recalled_at: number | null;
}

/** How long after sending a message its sender may still recall it. */
export const RECALL_WINDOW_MS = 2 * 60_000;

/** The language a person reads in: a persona's own, Chinese for everyone else. */
export function languageOf(db: Database.Database, personId: string): 'zh' | 'en' {
  const row = db.prepare('SELECT language FROM world_personas WHERE person_id = ?').get(personId) as
    | { language: 'zh' | 'en' }
    | undefined;
  return row?.language ?? 'zh';
}

/** How `viewer` sees a person: their nickname when a contact, else their name in the viewer's language. */
export function displayName(db: Database.Database, viewer: string, personId: string): string {
  const contact = db
    .prepare('SELECT nickname FROM world_contacts WHERE owner_id = ? AND person_id = ?')
    .get(viewer, personId) as { nickname: string } | undefined;
  if (contact) return contact.nickname;
  const person = getPerson(db, personId);
  if (!person) return personId;
  return languageOf(db, viewer) === 'en' ? person.name_en : person.name_zh;
}

function requirePerson(db: Database.Database, id: string): Person {
  const person = getPerson(db, id);
  if (!person) throw new ErrandError('NOT_FOUND', `No person "${id}"; use a person id from list_contacts.`);
  return person;
}

/**
 * The id of the one-to-one conversation between two people: `cv_<a>_<b>` without the `p_` prefixes,
 * a persona first (both personas, or neither: alphabetical), e.g. `cv_liming_wangfang`.
 */
export function directConversationId(db: Database.Database, a: string, b: string): string {
  const rank = (p: Person) => `${p.kind === 'persona' ? 0 : 1}${p.id}`;
  const [first, second] = [requirePerson(db, a), requirePerson(db, b)].sort((x, y) =>
    rank(x) < rank(y) ? -1 : 1,
  ) as [Person, Person];
  return `cv_${first.id.replace(/^p_/, '')}_${second.id.replace(/^p_/, '')}`;
}

/** Reads a conversation, or undefined. */
export function findConversation(db: Database.Database, id: string): ConversationRow | undefined {
  return db.prepare('SELECT * FROM chat_conversations WHERE id = ?').get(id) as ConversationRow | undefined;
}

/** The person ids in a conversation. */
export function membersOf(db: Database.Database, conversationId: string): string[] {
  return (
    db
      .prepare('SELECT person_id FROM chat_members WHERE conversation_id = ? ORDER BY person_id')
      .all(conversationId) as { person_id: string }[]
  ).map((r) => r.person_id);
}

/** True when a person is a member of a conversation. */
export function isMember(db: Database.Database, conversationId: string, personId: string): boolean {
  return !!db
    .prepare('SELECT 1 FROM chat_members WHERE conversation_id = ? AND person_id = ?')
    .get(conversationId, personId);
}

/** Creates a conversation with its members (seeding and first messages use this). */
export function createConversation(
  db: Database.Database,
  conversation: ConversationRow,
  members: readonly string[],
): void {
  db.prepare('INSERT INTO chat_conversations VALUES (?, ?, ?, ?, ?, ?)').run(
    conversation.id,
    conversation.kind,
    conversation.name_zh,
    conversation.name_en,
    conversation.owner_id,
    conversation.created_at,
  );
  const member = db.prepare('INSERT INTO chat_members VALUES (?, ?, ?)');
  for (const m of members) member.run(conversation.id, m, conversation.created_at);
}

/** The one-to-one conversation between two people, created when it does not exist yet. */
export function ensureDirectConversation(db: Database.Database, a: string, b: string, at: number): string {
  const id = directConversationId(db, a, b);
  if (!findConversation(db, id)) {
    createConversation(
      db,
      { id, kind: 'direct', name_zh: '', name_en: '', owner_id: null, created_at: at },
      [a, b].sort(),
    );
  }
  return id;
}

/** Appends a message; the sender has read their own message. */
export function appendMessage(db: Database.Database, message: MessageRow): void {
  db.prepare('INSERT INTO chat_messages VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
    message.id,
    message.conversation_id,
    message.sender_id,
    message.text,
    message.kind,
    message.ref,
    message.sent_at,
    message.recalled_at,
  );
  markRead(db, message.id, message.sender_id, message.sent_at);
}

/** Records that a person has read a message (once). */
export function markRead(db: Database.Database, messageId: string, personId: string, at: number): void {
  db.prepare('INSERT INTO chat_reads VALUES (?, ?, ?) ON CONFLICT DO NOTHING').run(messageId, personId, at);
}

/** Reads a message, or fails with NOT_FOUND. */
export function getMessage(db: Database.Database, id: string): MessageRow {
  const row = db.prepare('SELECT * FROM chat_messages WHERE id = ?').get(id) as MessageRow | undefined;
  if (!row) throw new ErrandError('NOT_FOUND', `No message "${id}".`);
  return row;
}

/**
 * Finds the conversation a reader means: a conversation id they are in, or a person id for their
 * one-to-one chat with that person. Fails with NOT_FOUND otherwise.
 */
export function resolveConversation(db: Database.Database, me: string, ref: string): ConversationRow {
  let conversation = findConversation(db, ref);
  if (!conversation && getPerson(db, ref)) {
    if (ref === me) throw new ErrandError('INVALID_INPUT', 'That is your own person id; name someone else.');
    conversation = findConversation(db, directConversationId(db, me, ref));
    if (!conversation) {
      throw new ErrandError(
        'NOT_FOUND',
        `You have no conversation with ${ref} yet; send_message starts one.`,
      );
    }
  }
  if (!conversation || !isMember(db, conversation.id, me)) {
    throw new ErrandError(
      'NOT_FOUND',
      `No conversation "${ref}" of yours; list_conversations shows your conversations.`,
    );
  }
  return conversation;
}

/** The messages in a conversation that a person has not read yet (recalled ones do not count). */
export function unreadIds(db: Database.Database, conversationId: string, personId: string): string[] {
  return (
    db
      .prepare(
        `SELECT m.id FROM chat_messages m
         WHERE m.conversation_id = ? AND m.sender_id <> ? AND m.recalled_at IS NULL
           AND NOT EXISTS (SELECT 1 FROM chat_reads r WHERE r.message_id = m.id AND r.person_id = ?)
         ORDER BY m.sent_at, m.rowid`,
      )
      .all(conversationId, personId, personId) as { id: string }[]
  ).map((r) => r.id);
}

/**
 * Puts a message from one person into their one-to-one conversation with another, creating it.
 * Calendar sends invitations through this. It does not check contacts: callers decide who may write.
 */
export function deliverMessage(
  ctx: ToolContext,
  message: { from: string; to: string; text: string; kind: MessageRow['kind']; ref?: string },
): { message_id: string; conversation_id: string } {
  if (message.from === message.to) {
    throw new ErrandError('INVALID_INPUT', 'A message needs a recipient other than its sender.');
  }
  const conversationId = ensureDirectConversation(ctx.db, message.from, message.to, ctx.now);
  const id = ctx.nextId('msg');
  appendMessage(ctx.db, {
    id,
    conversation_id: conversationId,
    sender_id: message.from,
    text: message.text,
    kind: message.kind,
    ref: message.ref ?? null,
    sent_at: ctx.now,
    recalled_at: null,
  });
  return { message_id: id, conversation_id: conversationId };
}

/**
 * Sends a text from `ctx.me` to a contact (their one-to-one chat) or to a group the sender is in.
 * Anyone else is FORBIDDEN: errand only writes to people the person knows.
 */
export function sendMessage(
  ctx: ToolContext,
  to: string,
  text: string,
): { message_id: string; conversation_id: string; kind: 'person' | 'group' } {
  const group = findConversation(ctx.db, to);
  if (group?.kind === 'group') {
    if (!isMember(ctx.db, group.id, ctx.me)) {
      throw new ErrandError(
        'FORBIDDEN',
        `You are not a member of group ${to}; you can only post in your groups.`,
      );
    }
    const id = ctx.nextId('msg');
    appendMessage(ctx.db, {
      id,
      conversation_id: group.id,
      sender_id: ctx.me,
      text,
      kind: 'text',
      ref: null,
      sent_at: ctx.now,
      recalled_at: null,
    });
    return { message_id: id, conversation_id: group.id, kind: 'group' };
  }
  if (group?.kind === 'direct') {
    throw new ErrandError(
      'INVALID_INPUT',
      `${to} is a conversation id; send to the person id of the contact instead (list_contacts shows it).`,
    );
  }
  if (to === ctx.me) throw new ErrandError('INVALID_INPUT', 'You cannot send a message to yourself.');
  const person = getPerson(ctx.db, to);
  if (!person) {
    throw new ErrandError(
      'NOT_FOUND',
      `No contact or group "${to}"; use list_contacts or list_conversations.`,
    );
  }
  if (!isContact(ctx.db, ctx.me, to)) {
    throw new ErrandError(
      'FORBIDDEN',
      `${displayName(ctx.db, ctx.me, to)} (${to}) is not in your contacts; messages go to contacts and your groups only.`,
    );
  }
  return { ...deliverMessage(ctx, { from: ctx.me, to, text, kind: 'text' }), kind: 'person' };
}

/** Recalls a message `ctx.me` sent within the last two minutes of world time. */
export function recallMessage(ctx: ToolContext, messageId: string): MessageRow {
  const message = getMessage(ctx.db, messageId);
  if (!isMember(ctx.db, message.conversation_id, ctx.me)) {
    throw new ErrandError('NOT_FOUND', `No message "${messageId}" in your conversations.`);
  }
  if (message.sender_id !== ctx.me) {
    throw new ErrandError(
      'FORBIDDEN',
      `Message ${messageId} was sent by someone else; you can only recall your own.`,
    );
  }
  if (message.recalled_at !== null) {
    throw new ErrandError('CONFLICT', `Message ${messageId} has already been recalled.`);
  }
  if (ctx.now - message.sent_at > RECALL_WINDOW_MS) {
    throw new ErrandError(
      'CONFLICT',
      `Message ${messageId} was sent more than 2 minutes ago and can no longer be recalled; send a correction instead.`,
    );
  }
  ctx.db.prepare('UPDATE chat_messages SET recalled_at = ? WHERE id = ?').run(ctx.now, messageId);
  return { ...message, recalled_at: ctx.now };
}
