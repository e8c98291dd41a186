/**
 * Chat's tables: conversations (one-to-one and groups), their members, messages, and read receipts.
 * A conversation is shared by its members, so "read" is per reader: a receipt row per (message, person).
 */
export const CHAT_SCHEMA = `
CREATE TABLE chat_conversations (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('direct', 'group')),
  name_zh TEXT NOT NULL,
  name_en TEXT NOT NULL,
  owner_id TEXT,
  created_at INTEGER NOT NULL
);
CREATE TABLE chat_members (
  conversation_id TEXT NOT NULL REFERENCES chat_conversations(id),
  person_id TEXT NOT NULL,
  joined_at INTEGER NOT NULL,
  PRIMARY KEY (conversation_id, person_id)
);
CREATE TABLE chat_messages (
  id TEXT PRIMARY KEY,
  conversation_id TEXT NOT NULL REFERENCES chat_conversations(id),
  sender_id TEXT NOT NULL,
  text TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('text', 'invitation', 'system')),
  ref TEXT,
  sent_at INTEGER NOT NULL,
  recalled_at INTEGER
);
CREATE INDEX chat_messages_by_conversation ON chat_messages (conversation_id, sent_at);
CREATE TABLE chat_reads (
  message_id TEXT NOT NULL REFERENCES chat_messages(id),
  person_id TEXT NOT NULL,
  read_at INTEGER NOT NULL,
  PRIMARY KEY (message_id, person_id)
);`;
