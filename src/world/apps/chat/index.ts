import { defineApp } from '../../app.js';
import { CHAT_SCHEMA } from './schema.js';
import { seedChat } from './seed.js';
import { answerMessages } from './replies.js';
import { chatTools } from './tools.js';

export { deliverMessage, displayName, languageOf } from './service.js';

/** Chat: contacts, one-to-one and group conversations, messages with read receipts, recall. */
export const chatApp = defineApp({
  name: 'chat',
  title: { zh: '聊天', en: 'Chat' },
  schema: CHAT_SCHEMA,
  seed: seedChat,
  tools: chatTools,
  // Contacts scripted to answer do so as the clock moves on.
  advance: (ctx) => answerMessages(ctx),
  untrusted: [{ table: 'chat_messages', column: 'text', label: 'chat message' }],
  examples: {
    list_contacts: [{ query: '同事' }],
    list_conversations: [{ unread_only: true }],
    read_messages: [{ conversation: 'cv_liming_wangfang', limit: 5 }, { conversation: 'p_stranger_cs' }],
    mark_read: [{ conversation: 'grp_liming_project' }],
    send_message: [
      { to: 'p_wangfang', text: '我中午不回去吃饭了' },
      { to: 'grp_liming_family', text: '周六中午回家吃饭' },
    ],
    recall_message: [{ message_id: 'm_liming_family_06' }],
  },
});
