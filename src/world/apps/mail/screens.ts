import { ErrandError } from '../../../errors.js';
import {
  appScreens,
  peopleChecks,
  type Row,
  type ScreenContext,
  type ScreenRoute,
} from '../../screens/kit.js';

const { page, esc, field, toolForm, when } = appScreens('mail', [
  { path: '/mail', zh: '收件箱', en: 'Inbox' },
  { path: '/mail?folder=sent', zh: '已发送', en: 'Sent' },
  { path: '/mail?folder=archive', zh: '归档', en: 'Archive' },
  { path: '/mail/new', zh: '写邮件', en: 'Compose' },
  { path: '/mail/people', zh: '同事', en: 'People' },
]);

const FOLDERS = ['inbox', 'sent', 'archive'] as const;

function inbox(s: ScreenContext): string {
  const folder = FOLDERS.find((f) => f === s.q('folder')) ?? 'inbox';
  const query = s.q('q');
  const unread = s.q('unread') === '1';
  const list = s.read<{ messages: Row[] }>('mail', 'list_inbox', {
    folder,
    ...(unread ? { unread_only: true } : {}),
    ...(query ? { query } : {}),
  }).messages;
  const title = {
    inbox: s.t('收件箱', 'Inbox'),
    sent: s.t('已发送', 'Sent'),
    archive: s.t('归档', 'Archive'),
  }[folder];
  return page(
    s,
    title,
    `<form method="get" role="search" class="card"><input type="hidden" name="folder" value="${folder}"><label for="mq">${s.t('搜索邮件', 'Search mail')}</label><input id="mq" name="q" type="search" value="${esc(query ?? '')}">
<label class="check"><input type="checkbox" name="unread" value="1"${unread ? ' checked' : ''}>${s.t('只看未读', 'Unread only')}</label><button>${s.t('搜索', 'Search')}</button></form>
<ul class="list">${
      list
        .map(
          (m) =>
            `<li class="card"><a href="${esc(s.href(`/mail/t/${m.thread_id}`))}">${esc(m.subject)}</a>${m.read ? '' : ` <span class="price">● ${s.t('未读', 'unread')}</span>`}<div class="muted">${esc(m.from_address)} · ${esc(when(m.sent_at))}${m.attachments.length ? ' · 📎' : ''}</div></li>`,
        )
        .join('') || `<li class="muted">${s.t('没有邮件', 'No mail')}</li>`
    }</ul>`,
  );
}

function message(s: ScreenContext, m: Row): string {
  const thread = `/mail/t/${m.thread_id}`;
  const tidy = [
    m.read
      ? ''
      : toolForm(
          'mail',
          'mark_read',
          `<input type="hidden" name="message_id" value="${esc(m.id)}"><button class="secondary" aria-label="${esc(s.t(`标为已读：${m.subject}`, `Mark as read: ${m.subject}`))}">${s.t('标为已读', 'Mark as read')}</button>`,
        ),
    m.folder === 'inbox'
      ? toolForm(
          'mail',
          'archive',
          `<input type="hidden" name="message_id" value="${esc(m.id)}"><button class="icon" aria-label="${esc(s.t(`归档：${m.subject}`, `Archive: ${m.subject}`))}">🗄</button>`,
          { done: s.t('已归档', 'Archived'), next: '/ui/mail' },
        )
      : '',
  ].join('');
  const attachments = (m.attachments as Row[])
    .map((a) => `<details><summary>📎 ${esc(a.name)}</summary><pre>${esc(a.text)}</pre></details>`)
    .join('');
  return `<article class="card" aria-label="${esc(m.subject)}"><h2>${esc(m.subject)}</h2><div class="muted">${s.t('发件人', 'From')} ${esc(m.from_address)} · ${esc(when(m.sent_at))}</div>
<p style="white-space:pre-wrap">${esc(m.body)}</p>${attachments}
<div class="row"><a class="button secondary" href="${esc(s.href(`${thread}/reply/${m.id}`))}">${s.t('回复', 'Reply')}</a><a class="button secondary" href="${esc(s.href(`${thread}/forward/${m.id}`))}">${s.t('转发', 'Forward')}</a>${tidy}</div></article>`;
}

function thread(s: ScreenContext): string {
  const messages = s.read<{ messages: Row[] }>('mail', 'read_thread', { thread_id: s.p('thread') }).messages;
  return page(s, String(messages[0]?.subject ?? ''), messages.map((m) => message(s, m)).join(''), '/mail');
}

/** The message a reply or forward starts from, in its thread. */
function original(s: ScreenContext): { thread: Row[]; m: Row } {
  const thread = s.read<{ messages: Row[] }>('mail', 'read_thread', { thread_id: s.p('thread') }).messages;
  const m = thread.find((x) => x.id === s.p('id'));
  if (!m)
    throw new ErrandError(
      'NOT_FOUND',
      s.t(`这个会话里没有邮件 ${s.p('id')}。`, `No message ${s.p('id')} in this thread.`),
    );
  return { thread, m };
}

function quoted(s: ScreenContext, m: Row): string {
  return `<details class="card"><summary>${s.t('原邮件', 'Original message')}：${esc(m.subject)}</summary><div class="muted">${esc(m.from_address)}</div><p style="white-space:pre-wrap">${esc(m.body)}</p></details>`;
}

function attachmentFields(s: ScreenContext): string {
  return `<fieldset><legend>${s.t('附件（文本）', 'Attachment (text)')}</legend>${field(s.t('附件名', 'File name'), 'attachments.0.name')}${field(s.t('附件内容', 'File content'), 'attachments.0.text', { rows: 3 })}</fieldset>`;
}

function reply(s: ScreenContext): string {
  const { thread, m } = original(s);
  const inThread = [...new Set(thread.flatMap((x) => [x.from_id, ...(x.to_ids as string[])]))].filter(
    (p): p is string => typeof p === 'string' && p !== s.world.persona.person_id,
  );
  return page(
    s,
    s.t('回复', 'Reply'),
    `${quoted(s, m)}${toolForm(
      'mail',
      'reply',
      `<input type="hidden" name="message_id" value="${esc(m.id)}">${peopleChecks(s, 'to', m.from_id ? [m.from_id] : [], { asList: true, legend: s.t('收件人', 'To'), only: inThread, colleagues: true })}
${field(s.t('回复内容', 'Your reply'), 'body', { rows: 5, required: true })}${attachmentFields(s)}<button>${s.t('发送回复', 'Send reply')}</button>`,
      { done: s.t('已回复', 'Reply sent'), next: `/ui/mail/t/${m.thread_id}`, cls: 'card' },
    )}`,
    `/mail/t/${m.thread_id}`,
  );
}

function forward(s: ScreenContext): string {
  const { m } = original(s);
  return page(
    s,
    s.t('转发', 'Forward'),
    `${quoted(s, m)}${toolForm(
      'mail',
      'forward',
      `<input type="hidden" name="message_id" value="${esc(m.id)}">${peopleChecks(s, 'to', [], { asList: true, legend: s.t('收件人', 'To'), colleagues: true })}
${field(s.t('附言', 'Note'), 'note', { rows: 3 })}<button>${s.t('转发邮件', 'Forward mail')}</button>`,
      { done: s.t('已转发', 'Forwarded'), next: '/ui/mail?folder=sent', cls: 'card' },
    )}`,
    `/mail/t/${m.thread_id}`,
  );
}

function compose(s: ScreenContext): string {
  const to = (s.q('to') ?? '').split(',').filter(Boolean);
  return page(
    s,
    s.t('写邮件', 'New mail'),
    toolForm(
      'mail',
      'send_mail',
      `${peopleChecks(s, 'to', to, { asList: true, legend: s.t('收件人', 'To'), colleagues: true })}${field(s.t('主题', 'Subject'), 'subject', { required: true })}
${field(s.t('正文', 'Message'), 'body', { rows: 6, required: true })}${attachmentFields(s)}<button>${s.t('发送邮件', 'Send mail')}</button>`,
      { done: s.t('邮件已发送', 'Mail sent'), next: '/ui/mail?folder=sent', cls: 'card' },
    ),
    '/mail',
  );
}

function people(s: ScreenContext): string {
  const query = s.q('q');
  const d = s.read<{ company: string; people: Row[] }>('mail', 'list_directory', query ? { query } : {});
  return page(
    s,
    s.t('公司通讯录', 'Company directory'),
    `<form method="get" role="search" class="card"><label for="pq">${s.t('找同事', 'Find a colleague')}</label><input id="pq" name="q" type="search" value="${esc(query ?? '')}"><button>${s.t('搜索', 'Search')}</button></form>
<p class="muted">${esc(d.company)}</p><ul class="list">${d.people
      .map(
        (p) =>
          `<li class="card"><a href="${esc(s.href(`/mail/new?to=${p.person_id}`))}">${esc(s.name(p))}</a> <span class="muted">${esc(s.name(p, 'role'))} · ${esc(p.team)} · ${esc(p.email)}</span></li>`,
      )
      .join('')}</ul>`,
    '/mail',
  );
}

/** Mail's screens: the folders with search, a thread, and writing, replying and forwarding. */
export const mailScreens: ScreenRoute[] = [
  ['/ui/mail', inbox],
  ['/ui/mail/new', compose],
  ['/ui/mail/people', people],
  ['/ui/mail/t/:thread', thread],
  ['/ui/mail/t/:thread/reply/:id', reply],
  ['/ui/mail/t/:thread/forward/:id', forward],
];
