import { defineApp } from '../../app.js';
import { onExpenseDecided, onReviewRequested } from './notices.js';
import { MAIL_SCHEMA, seedMail } from './seed.js';
import { mailTools } from './tools.js';

/** Work mail: each persona's mailbox, threads, attachments as text, send, reply and forward. */
export const mailApp = defineApp({
  name: 'mail',
  title: { zh: '邮件', en: 'Mail' },
  schema: MAIL_SCHEMA,
  seed: seedMail,
  tools: mailTools,
  // The company's systems write to people: review requests from the tracker, decisions on claims from the ledger.
  on: { 'review.requested': onReviewRequested, 'expense.decided': onExpenseDecided },
  untrusted: [
    { table: 'mail_messages', column: 'body', label: 'mail body' },
    { table: 'mail_messages', column: 'subject', label: 'mail subject' },
    { table: 'mail_attachments', column: 'text', label: 'mail attachment' },
  ],
  examples: {
    read_thread: [{ thread_id: 'th_li_01' }],
    send_mail: [{ to: ['p_liuyang'], subject: '补货', body: '台灯已下单。' }],
    reply: [{ message_id: 'ml_li_01', to: ['p_wangfang'], body: '收到。' }],
    forward: [{ message_id: 'ml_li_03', to: ['p_sunli'], note: '请看报价。' }],
    mark_read: [{ message_id: 'ml_li_01' }],
    archive: [{ message_id: 'ml_li_01' }],
  },
});
