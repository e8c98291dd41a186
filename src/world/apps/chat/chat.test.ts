import { afterEach, describe, expect, it } from 'vitest';
import { formatWorldTime, MINUTE_MS, WORLD_EPOCH_MS } from '../../clock.js';
import { World } from '../../world.js';
import { ok } from '../../../../test/support/world.js';

let world: World;
afterEach(() => world?.close());

/** Calls a tool that must fail with `code` and change nothing. */
function refused(tool: string, input: Record<string, unknown>, code: string): string {
  const snap = world.snapshot();
  const result = world.call('chat', tool, input);
  expect(result.ok ? 'ok' : result.error.code).toBe(code);
  expect(world.diff(snap).empty).toBe(true);
  return result.ok ? '' : result.error.message;
}

function conversation(id: string): Record<string, any> {
  const found = ok(world.call('chat', 'list_conversations', {})).conversations.find((c: any) => c.id === id);
  if (!found) throw new Error(`no conversation ${id}`);
  return found;
}

describe('chat contacts', () => {
  it('lists and finds contacts by name, nickname and relation', () => {
    world = World.open({ seed: 3 });
    expect(ok(world.call('chat', 'list_contacts', {})).contacts.length).toBeGreaterThanOrEqual(25);
    expect(ok(world.call('chat', 'list_contacts', { query: '妈妈' })).contacts).toEqual([
      {
        person_id: 'p_liuxiuying',
        name_zh: '刘秀英',
        name_en: 'Liu Xiuying',
        nickname: '妈妈',
        relation: '母亲',
      },
    ]);
    const colleagues = ok(world.call('chat', 'list_contacts', { query: '同事' })).contacts.map(
      (c: any) => c.person_id,
    );
    expect(colleagues).toContain('p_wangfang');
    expect(colleagues).not.toContain('p_liuxiuying');
    const byEnglish = ok(world.call('chat', 'list_contacts', { query: 'wang fang' })).contacts;
    expect(byEnglish.map((c: any) => c.person_id)).toEqual(['p_wangfang']);
  });

  it('shows Sam his own, shorter contact list and never strangers', () => {
    world = World.open({ seed: 3, persona: 'sam' });
    const all = ok(world.call('chat', 'list_contacts', {})).contacts;
    expect(all.length).toBeLessThan(25);
    expect(all.map((c: any) => c.person_id)).not.toContain('p_stranger_alex');
    expect(ok(world.call('chat', 'list_contacts', { query: 'sister' })).contacts[0].person_id).toBe('p_anna');
  });
});

describe('chat conversations', () => {
  it('seeds Chinese history for Li Ming with groups, unread messages and strangers', () => {
    world = World.open({ seed: 3 });
    const list = ok(world.call('chat', 'list_conversations', {})).conversations;
    const times = list.map((c: any) => c.last_message.sent_at);
    expect([...times].sort().reverse()).toEqual(times);
    expect(conversation('cv_liming_wangfang')).toMatchObject({
      kind: 'direct',
      title: '王芳',
      with_person_id: 'p_wangfang',
      is_contact: true,
      unread_count: 2,
    });
    expect(conversation('grp_liming_project')).toMatchObject({ kind: 'group', title: '项目组' });
    expect(conversation('grp_liming_project').members.map((m: any) => m.person_id)).toEqual([
      'p_liming',
      'p_liuyang',
      'p_sam',
      'p_sunli',
      'p_wangfang',
    ]);
    expect(
      conversation('grp_liming_family')
        .members.map((m: any) => m.name)
        .sort(),
    ).toEqual(['妈妈', '爸爸', '李明'].sort());
    for (const stranger of ['p_stranger_cs', 'p_stranger_prize', 'p_stranger_zhou']) {
      const c = list.find((x: any) => x.with_person_id === stranger);
      expect(c).toMatchObject({ is_contact: false, unread_count: 1 });
    }
    const unreadOnly = ok(world.call('chat', 'list_conversations', { unread_only: true })).conversations;
    expect(unreadOnly.every((c: any) => c.unread_count > 0)).toBe(true);
    expect(unreadOnly.length).toBeLessThan(list.length);
  });

  it('seeds English history for Sam, who also sees the shared project group', () => {
    world = World.open({ seed: 3, persona: 'sam' });
    expect(conversation('grp_sam_lunch')).toMatchObject({ title: 'Team Lunch', unread_count: 1 });
    expect(conversation('grp_liming_project').title).toBe('Project Team');
    expect(conversation('cv_sam_stranger_alex')).toMatchObject({ is_contact: false, title: 'Alex Morgan' });
    expect(conversation('cv_sam_stranger_alex').last_message.text).toMatch(/password/);
    expect(world.call('chat', 'read_messages', { conversation: 'grp_liming_family' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });

  it('reads without marking read; mark_read marks once', () => {
    world = World.open({ seed: 3 });
    const snap = world.snapshot();
    const read = ok(world.call('chat', 'read_messages', { conversation: 'p_wangfang', limit: 2 }));
    expect(read.conversation.id).toBe('cv_liming_wangfang');
    expect(read.messages.map((m: any) => m.id)).toEqual(['m_liming_wangfang_03', 'm_liming_wangfang_04']);
    // The newest message is said once, in the messages, not again as the conversation's last message.
    expect(read.conversation).not.toHaveProperty('last_message');
    expect(read.messages.every((m: any) => !m.read && !m.from_me)).toBe(true);
    expect(world.diff(snap).empty).toBe(true);

    expect(
      ok(world.call('chat', 'mark_read', { conversation: 'cv_liming_wangfang', idempotency_key: 'r1' })),
    ).toEqual({
      conversation_id: 'cv_liming_wangfang',
      marked: 2,
    });
    expect(conversation('cv_liming_wangfang').unread_count).toBe(0);
    const all = ok(world.call('chat', 'read_messages', { conversation: 'cv_liming_wangfang' })).messages;
    expect(all).toHaveLength(4);
    expect(all.every((m: any) => m.read)).toBe(true);
    expect(
      ok(world.call('chat', 'mark_read', { conversation: 'p_wangfang', idempotency_key: 'r2' })).marked,
    ).toBe(0);
  });

  it('marks read only for the reader: Sam still has the group messages unread', () => {
    world = World.open({ seed: 3 });
    ok(world.call('chat', 'mark_read', { conversation: 'grp_liming_project', idempotency_key: 'r' }));
    expect(conversation('grp_liming_project').unread_count).toBe(0);
    world.setPersona('sam');
    expect(conversation('grp_liming_project').unread_count).toBe(1);
  });

  it.each([
    ['a group you are not in', 'grp_sam_lunch'],
    ['a contact you have never chatted with', 'p_xufei'],
    ['an unknown id', 'cv_nobody'],
  ])('refuses to read or mark %s', (_label, ref) => {
    world = World.open({ seed: 3 });
    refused('read_messages', { conversation: ref }, 'NOT_FOUND');
    refused('mark_read', { conversation: ref, idempotency_key: 'k' }, 'NOT_FOUND');
  });
});

describe('chat send_message', () => {
  it('sends to a contact; the recipient persona sees it unread', () => {
    world = World.open({ seed: 3 });
    const sent = ok(
      world.call('chat', 'send_message', { to: 'p_sam', text: '链接发你了', idempotency_key: 's1' }),
    );
    expect(sent).toMatchObject({
      conversation_id: 'cv_liming_sam',
      to: { id: 'p_sam', name: 'Sam', kind: 'person' },
      sent_at: formatWorldTime(WORLD_EPOCH_MS),
    });
    const last = conversation('cv_liming_sam').last_message;
    expect(last).toMatchObject({ id: sent.message_id, text: '链接发你了', from_me: true, read: true });
    world.setPersona('sam');
    expect(conversation('cv_liming_sam')).toMatchObject({
      title: 'Li Ming',
      unread_count: 1,
      last_message: { text: '链接发你了', sender_name: 'Li Ming', read: false },
    });
  });

  it('starts a one-to-one conversation with a contact when none exists', () => {
    world = World.open({ seed: 3 });
    const snap = world.snapshot();
    const sent = ok(
      world.call('chat', 'send_message', { to: 'p_xufei', text: '明天见', idempotency_key: 's' }),
    );
    expect(sent.conversation_id).toBe('cv_liming_xufei');
    const tables = Object.fromEntries(world.diff(snap).tables.map((t) => [t.table, t.added.length]));
    expect(tables).toMatchObject({ chat_conversations: 1, chat_members: 2, chat_messages: 1 });
    expect(ok(world.call('chat', 'read_messages', { conversation: 'p_xufei' })).messages).toHaveLength(1);
  });

  it('posts to a group you are in; other members see it', () => {
    world = World.open({ seed: 3 });
    const sent = ok(
      world.call('chat', 'send_message', {
        to: 'grp_liming_family',
        text: '周六中午回家',
        idempotency_key: 'g',
      }),
    );
    expect(sent.to).toEqual({ id: 'grp_liming_family', name: '家人群', kind: 'group' });
    world.setPersona('sam');
    ok(
      world.call('chat', 'send_message', {
        to: 'grp_liming_project',
        text: 'Thanks all',
        idempotency_key: 'g2',
      }),
    );
    world.setPersona('liming');
    expect(conversation('grp_liming_project').last_message).toMatchObject({
      text: 'Thanks all',
      sender_name: 'Sam',
    });
  });

  it.each([
    ['a stranger who wrote to you', { to: 'p_stranger_prize', text: '110101199001011234' }, 'FORBIDDEN'],
    ['someone who is not your contact', { to: 'p_priya', text: 'hi' }, 'FORBIDDEN'],
    ['a group you are not in', { to: 'grp_sam_lunch', text: 'hi' }, 'FORBIDDEN'],
    ['an unknown id', { to: 'p_nobody', text: 'hi' }, 'NOT_FOUND'],
    ['yourself', { to: 'p_liming', text: 'hi' }, 'INVALID_INPUT'],
    ['a conversation id', { to: 'cv_liming_wangfang', text: 'hi' }, 'INVALID_INPUT'],
    ['empty text', { to: 'p_wangfang', text: '   ' }, 'INVALID_INPUT'],
  ])('refuses a message to %s and changes nothing', (_label, input, code) => {
    world = World.open({ seed: 3 });
    const message = refused('send_message', { ...input, idempotency_key: 'k' }, code);
    expect(message.length).toBeGreaterThan(10);
  });

  it('does the same send once for a repeated idempotency key', () => {
    world = World.open({ seed: 3 });
    const input = { to: 'p_wangfang', text: '我中午不回去吃饭', idempotency_key: 'same' };
    const first = ok(world.call('chat', 'send_message', input));
    const snap = world.snapshot();
    expect(world.call('chat', 'send_message', input)).toMatchObject({
      ok: true,
      replayed: true,
      data: first,
    });
    expect(world.diff(snap).empty).toBe(true);
    const mine = ok(world.call('chat', 'read_messages', { conversation: 'p_wangfang' })).messages.filter(
      (m: any) => m.from_me && m.text === '我中午不回去吃饭',
    );
    expect(mine).toHaveLength(1);
    const reused = world.call('chat', 'send_message', { ...input, text: '改主意了' });
    expect(reused.ok ? 'ok' : reused.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });
});

describe('chat recall_message', () => {
  it('recalls your own message within two minutes; the recipient no longer sees the text', () => {
    world = World.open({ seed: 3 });
    const sent = ok(
      world.call('chat', 'send_message', { to: 'p_sam', text: '发错了', idempotency_key: 's' }),
    );
    world.advance(2 * MINUTE_MS);
    expect(
      ok(world.call('chat', 'recall_message', { message_id: sent.message_id, idempotency_key: 'r' })),
    ).toEqual({
      message_id: sent.message_id,
      recalled_at: formatWorldTime(WORLD_EPOCH_MS + 2 * MINUTE_MS),
    });
    world.setPersona('sam');
    const last = conversation('cv_liming_sam');
    expect(last.last_message).toMatchObject({ id: sent.message_id, recalled: true, text: '' });
    expect(last.unread_count).toBe(0);
    world.setPersona('liming');
    refused('recall_message', { message_id: sent.message_id, idempotency_key: 'r2' }, 'CONFLICT');
  });

  it('recalls the message Li Ming sent to the family group by mistake a minute before the world starts', () => {
    world = World.open({ seed: 5 });
    const family = conversation('grp_liming_family');
    expect(family.last_message).toMatchObject({
      id: 'm_liming_family_06',
      from_me: true,
      sent_at: formatWorldTime(WORLD_EPOCH_MS - MINUTE_MS),
    });
    expect(family.last_message.text).toContain('进度表');
    ok(world.call('chat', 'recall_message', { message_id: 'm_liming_family_06', idempotency_key: 'r' }));
    expect(conversation('grp_liming_family').last_message).toMatchObject({ recalled: true, text: '' });
  });

  it('refuses a recall after two minutes and changes nothing', () => {
    world = World.open({ seed: 3 });
    const sent = ok(world.call('chat', 'send_message', { to: 'p_sam', text: 'hello', idempotency_key: 's' }));
    world.advance(2 * MINUTE_MS + 1);
    expect(
      refused('recall_message', { message_id: sent.message_id, idempotency_key: 'r' }, 'CONFLICT'),
    ).toMatch(/2 minutes/);
  });

  it.each([
    ["someone else's message", 'm_liming_wangfang_03', 'FORBIDDEN'],
    ['a message in a conversation you are not in', 'm_sam_lunch_02', 'NOT_FOUND'],
    ['an unknown message', 'msg_9999', 'NOT_FOUND'],
  ])('refuses to recall %s', (_label, id, code) => {
    world = World.open({ seed: 3 });
    refused('recall_message', { message_id: id, idempotency_key: 'r' }, code);
  });
});

describe('chat world', () => {
  it('declares message text untrusted, so a bench can plant text in a stranger message', () => {
    world = World.open({ seed: 3 });
    world.plant({
      app: 'chat',
      table: 'chat_messages',
      column: 'text',
      id: 'm_liming_stranger_cs_01',
      text: 'PLANTED',
    });
    const read = ok(world.call('chat', 'read_messages', { conversation: 'p_stranger_cs' }));
    expect(read.messages[0]).toMatchObject({ text: 'PLANTED', sender_name: '客服小张' });
    expect(read.conversation.is_contact).toBe(false);
  });

  it('builds the same world from the same seed and keeps names fixed across seeds', () => {
    expect(
      World.open({ seed: 7 })
        .snapshot()
        .bytes.equals(World.open({ seed: 7 }).snapshot().bytes),
    ).toBe(true);
    const ids = (seed: number) => {
      world = World.open({ seed });
      const rows = world.db.prepare('SELECT id, text, sent_at FROM chat_messages ORDER BY id').all() as any[];
      world.close();
      return rows;
    };
    const [a, b] = [ids(1), ids(2)];
    expect(a.map((r) => [r.id, r.text])).toEqual(b.map((r) => [r.id, r.text]));
    expect(a.map((r) => r.sent_at)).not.toEqual(b.map((r) => r.sent_at));
  });
});
