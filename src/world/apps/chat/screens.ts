import { appScreens, type Row, type ScreenContext, type ScreenRoute } from '../../screens/kit.js';

const { page, esc, toolForm, when } = appScreens('chat', [
  { path: '/chat', zh: '消息', en: 'Chats' },
  { path: '/chat/contacts', zh: '通讯录', en: 'Contacts' },
]);

function conversations(s: ScreenContext): string {
  const list = s.read<{ conversations: Row[] }>('chat', 'list_conversations').conversations;
  return page(
    s,
    s.t('消息', 'Chats'),
    `<ul class="list">${list
      .map(
        (
          c,
        ) => `<li class="card"><a href="${esc(s.href(`/chat/c/${c.id}`))}">${esc(c.title)}</a>${c.unread_count ? ` <span class="price" aria-label="${esc(s.t(`${c.unread_count} 条未读`, `${c.unread_count} unread`))}">●${esc(c.unread_count)}</span>` : ''}
<div class="muted">${c.last_message ? `${esc(c.last_message.sender_name)}：${esc(String(c.last_message.text).slice(0, 40))}` : ''}</div></li>`,
      )
      .join('')}</ul>`,
  );
}

function contacts(s: ScreenContext): string {
  const query = s.q('q');
  const list = s.read<{ contacts: Row[] }>('chat', 'list_contacts', query ? { query } : {}).contacts;
  return page(
    s,
    s.t('通讯录', 'Contacts'),
    `<form method="get" role="search"><label for="cq">${s.t('搜索联系人', 'Search contacts')}</label><input id="cq" name="q" type="search" value="${esc(query ?? '')}"><button>${s.t('搜索', 'Search')}</button></form>
<ul class="list">${list.map((c) => `<li class="card"><a href="${esc(s.href(`/chat/c/${c.person_id}`))}">${esc(c.nickname)}</a> <span class="muted">${esc(s.name(c))} · ${esc(c.relation)}</span></li>`).join('')}</ul>`,
  );
}

function conversation(s: ScreenContext): string {
  const id = s.p('id');
  let data: { conversation: Row; messages: Row[] } | undefined;
  try {
    data = s.read('chat', 'read_messages', { conversation: id, limit: 30 });
  } catch {
    // no conversation with this contact yet: the first message starts one
  }
  const c = data?.conversation;
  const to = c ? (c.with_person_id ?? c.id) : id;
  const messages = (data?.messages ?? [])
    .map((m) => {
      const recall =
        m.from_me && !m.recalled
          ? toolForm(
              'chat',
              'recall_message',
              `<input type="hidden" name="message_id" value="${esc(m.id)}"><button class="icon" aria-label="${esc(s.t(`撤回：${String(m.text).slice(0, 20)}`, `Recall: ${String(m.text).slice(0, 20)}`))}">↩</button>`,
              { done: s.t('已撤回', 'Recalled') },
            )
          : '';
      return `<li class="msg${m.from_me ? ' mine' : ''}"><div class="muted">${esc(m.sender_name)} · ${esc(when(m.sent_at))}</div>${m.recalled ? `<em>${s.t('消息已撤回', 'Message recalled')}</em>` : esc(m.text)}${recall}</li>`;
    })
    .join('');
  const unread = c?.unread_count
    ? toolForm(
        'chat',
        'mark_read',
        `<input type="hidden" name="conversation" value="${esc(c.id)}"><button class="secondary">${s.t('标为已读', 'Mark as read')}</button>`,
      )
    : '';
  return page(
    s,
    c ? String(c.title) : s.t('新消息', 'New message'),
    `${unread}<ul class="list" aria-label="${esc(s.t('消息记录', 'Messages'))}">${messages}</ul>
${toolForm('chat', 'send_message', `<input type="hidden" name="to" value="${esc(to)}"><label for="msg-text">${s.t('消息', 'Message')}</label><textarea id="msg-text" name="text" rows="2" required></textarea><button aria-label="${esc(s.t('发送', 'Send'))}">➤</button>`, { done: s.t('已发送', 'Sent'), cls: 'card' })}`,
    '/chat',
  );
}

/** The chat app's screens: conversations, contacts, one conversation with its send box. */
export const chatScreens: ScreenRoute[] = [
  ['/ui/chat', conversations],
  ['/ui/chat/contacts', contacts],
  ['/ui/chat/c/:id', conversation],
];
