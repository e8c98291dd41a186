/**
 * Errands that must wait for the world: for a delivery, a reply, an answer to an invitation, a time.
 * Each is played by the oracle agent (the task's own solution, through the real runner) with the
 * `wait_for` built-in; when the errand waits, it ends its run and holds nothing; the world's clock
 * moves on in 5-minute steps, and a waker takes it up again only once its wait is due. With `restart`,
 * the journal and the world are closed and opened again from their files at every wait, as after a
 * restart. Each is judged by the world's state and by the order of events: the message after the
 * delivery, the cancellation after the answer.
 *
 *   npm run bench:waits
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JournalEvent } from '../src/agent/events.js';
import { Journal } from '../src/agent/journal.js';
import { newErrandId, runErrand, type WaitReader, waitIsDue } from '../src/agent/runner.js';
import { oracleModel } from '../src/bench/agents/oracle.js';
import type { Task } from '../src/bench/task.js';
import { inProcessConnectors } from '../src/connectors/in-process.js';
import { unattended } from '../src/guard/defaults.js';
import { useModel } from '../src/models/registry.js';
import { formatWorldTime, World } from '../src/world/index.js';

const MINUTE = 60_000;
const at = (hhmm: string, day = '2026-11-30') => Date.parse(`${day}T${hhmm}:00+08:00`);

/** One waiting errand: the request, its solution (one call per turn), and its judge. */
export interface WaitTask {
  id: string;
  persona: 'liming' | 'sam';
  request: string;
  oracle: Task['oracle'];
  /** Problems with the world after the errand (none when it passed); `me` is the persona's person id. */
  judge(db: World['db'], me: string): string[];
}

type Row = Record<string, unknown>;

/** Messages the persona sent to one person (their direct conversation), oldest first. */
function sentTo(db: World['db'], me: string, to: string, text?: string): Row[] {
  return db
    .prepare(
      `SELECT m.* FROM chat_messages m JOIN chat_members c ON c.conversation_id = m.conversation_id
        JOIN chat_conversations v ON v.id = m.conversation_id AND v.kind = 'direct'
       WHERE m.sender_id = ? AND c.person_id = ? ${text ? 'AND m.text = ?' : ''} ORDER BY m.sent_at, m.id`,
    )
    .all(me, to, ...(text ? [text] : [])) as Row[];
}

/** Messages one person sent the persona since the world began. */
function repliesFrom(db: World['db'], me: string, from: string): Row[] {
  return db
    .prepare(
      `SELECT m.* FROM chat_messages m JOIN chat_members c ON c.conversation_id = m.conversation_id
       WHERE m.sender_id = ? AND c.person_id = ? AND m.sent_at >= ? ORDER BY m.sent_at`,
    )
    .all(from, me, at('11:00')) as Row[];
}

const lunch = [
  {
    tool: 'food_place_order',
    input: {
      restaurant_id: 'r_chuanwei',
      items: [{ dish_id: 'd_chuanwei_gongbao', quantity: 1 }],
      address_id: 'addr_liming_office',
    },
    as: 'order',
  },
  {
    tool: 'pay_pay_request',
    input: {
      request_id: '$order.payment_request_id',
      amount_fen: '$order.total.amount',
      payee_account_id: '$order.payee_account_id',
    },
  },
];
const waitFor = (until: Record<string, unknown>, deadline: number) => ({
  tool: 'wait_for',
  input: { until, deadline_minutes: deadline },
});
const say = (to: string, text: string) => ({ tool: 'chat_send_message', input: { to, text } });
const invite = (who: string, title: string) => ({
  tool: 'calendar_create_event',
  input: { title, start: '2026-12-02T10:00', duration_minutes: 60, attendee_ids: [who] },
  as: 'evt',
});
const newestOrder = (db: World['db']) =>
  db.prepare('SELECT * FROM food_orders ORDER BY created_at DESC, id DESC LIMIT 1').get() as Row | undefined;
const newestEvent = (db: World['db']) =>
  db.prepare('SELECT * FROM calendar_events ORDER BY created_at DESC, id DESC LIMIT 1').get() as
    | Row
    | undefined;
const check = (problems: string[], ok: boolean, problem: string) => {
  if (!ok) problems.push(problem);
};

/** Ten-odd errands that need a wait. */
export const WAIT_TASKS: WaitTask[] = [
  {
    id: 'wait-delivered-tell',
    persona: 'liming',
    request: '帮我从川味小馆点一份宫保鸡丁送到公司，送到了再告诉王芳：饭到了',
    oracle: [
      ...lunch,
      waitFor({ kind: 'order_status', order_id: '$order.id', status: ['delivered'] }, 120),
      say('p_wangfang', '饭到了'),
    ],
    judge(db, me) {
      const p: string[] = [];
      const order = newestOrder(db);
      const msg = sentTo(db, me, 'p_wangfang', '饭到了');
      check(p, order?.status === 'delivered', `the order is ${order?.status}, not delivered`);
      check(p, msg.length === 1, `${msg.length} messages “饭到了” to 王芳`);
      check(
        p,
        Number(msg[0]?.sent_at) >= Number(order?.delivered_at),
        'the message came before the delivery',
      );
      return p;
    },
  },
  {
    id: 'wait-delivering-tell',
    persona: 'liming',
    request: '从川味小馆点一份宫保鸡丁送到公司，骑手出发以后告诉王芳：外卖在路上了',
    oracle: [
      ...lunch,
      waitFor({ kind: 'order_status', order_id: '$order.id', status: ['delivering'] }, 120),
      say('p_wangfang', '外卖在路上了'),
    ],
    judge(db, me) {
      const p: string[] = [];
      const order = newestOrder(db);
      const msg = sentTo(db, me, 'p_wangfang', '外卖在路上了');
      check(p, msg.length === 1, `${msg.length} messages to 王芳`);
      const sent = Number(msg[0]?.sent_at);
      check(p, sent >= Number(order?.delivering_at), 'the message came before the rider left');
      check(
        p,
        !order?.delivered_at || sent < Number(order.delivered_at),
        'the message came only after the delivery',
      );
      return p;
    },
  },
  {
    id: 'wait-reply-relay',
    persona: 'liming',
    request: '问王芳中午一起吃饭吗，她回复了就告诉张伟：王芳回我了',
    oracle: [
      say('p_wangfang', '中午一起吃饭吗？'),
      waitFor({ kind: 'reply', from: 'p_wangfang' }, 60),
      say('p_zhangwei', '王芳回我了'),
    ],
    judge(db, me) {
      const p: string[] = [];
      const reply = repliesFrom(db, me, 'p_wangfang');
      const msg = sentTo(db, me, 'p_zhangwei', '王芳回我了');
      check(p, reply.length === 1, `${reply.length} replies from 王芳`);
      check(p, msg.length === 1, `${msg.length} messages to 张伟`);
      check(p, Number(msg[0]?.sent_at) >= Number(reply[0]?.sent_at), 'told 张伟 before 王芳 replied');
      return p;
    },
  },
  {
    id: 'wait-reply-deadline',
    persona: 'liming',
    request: '问赵磊周末打球吗，半小时内没回就告诉王芳：赵磊没回',
    oracle: [
      say('p_zhaolei', '周末打球吗？'),
      waitFor({ kind: 'reply', from: 'p_zhaolei' }, 30),
      say('p_wangfang', '赵磊没回'),
    ],
    judge(db, me) {
      const p: string[] = [];
      const asked = sentTo(db, me, 'p_zhaolei');
      const msg = sentTo(db, me, 'p_wangfang', '赵磊没回');
      check(p, repliesFrom(db, me, 'p_zhaolei').length === 0, '赵磊 replied, though nobody scripted him to');
      check(p, msg.length === 1, `${msg.length} messages to 王芳`);
      check(
        p,
        Number(msg[0]?.sent_at) >= Number(asked[0]?.sent_at) + 30 * MINUTE,
        'gave up before the deadline',
      );
      return p;
    },
  },
  {
    id: 'wait-invitation-accepted',
    persona: 'liming',
    request: '约张伟明天上午10点开会，他答复了就发消息说：明天见',
    oracle: [
      invite('p_zhangwei', '和张伟开会'),
      waitFor({ kind: 'invitation_answer', event_id: '$evt.event.id', person_id: 'p_zhangwei' }, 120),
      say('p_zhangwei', '明天见'),
    ],
    judge(db, me) {
      const p: string[] = [];
      const evt = newestEvent(db);
      const who = db
        .prepare("SELECT * FROM calendar_attendees WHERE event_id = ? AND person_id = 'p_zhangwei'")
        .get(evt?.id) as Row | undefined;
      const msg = sentTo(db, me, 'p_zhangwei', '明天见');
      check(p, who?.response === 'accepted', `张伟's answer is ${who?.response}`);
      check(p, msg.length === 1, `${msg.length} messages to 张伟`);
      check(p, Number(msg[0]?.sent_at) >= Number(who?.responded_at), 'the message came before his answer');
      return p;
    },
  },
  {
    id: 'wait-invitation-declined-cancel',
    persona: 'liming',
    request: '约刘洋明天上午10点开会，等他答复，然后取消这个会',
    oracle: [
      invite('p_liuyang', '和刘洋开会'),
      waitFor({ kind: 'invitation_answer', event_id: '$evt.event.id', person_id: 'p_liuyang' }, 120),
      { tool: 'calendar_cancel_event', input: { event_id: '$evt.event.id' } },
    ],
    judge(db) {
      const p: string[] = [];
      const evt = newestEvent(db);
      const who = db
        .prepare("SELECT * FROM calendar_attendees WHERE event_id = ? AND person_id = 'p_liuyang'")
        .get(evt?.id) as Row | undefined;
      check(p, who?.response === 'declined', `刘洋's answer is ${who?.response}`);
      check(p, evt?.status === 'cancelled', `the meeting is ${evt?.status}`);
      check(p, Number(evt?.updated_at) >= Number(who?.responded_at), 'cancelled before his answer');
      return p;
    },
  },
  {
    id: 'wait-time-message',
    persona: 'liming',
    request: '12:30的时候告诉王芳：我出发了',
    oracle: [waitFor({ kind: 'time', at: '12:30' }, 180), say('p_wangfang', '我出发了')],
    judge(db, me) {
      const p: string[] = [];
      const msg = sentTo(db, me, 'p_wangfang', '我出发了');
      check(p, msg.length === 1, `${msg.length} messages to 王芳`);
      check(p, Number(msg[0]?.sent_at) >= at('12:30'), 'sent before 12:30');
      return p;
    },
  },
  {
    id: 'wait-transfer-mom-reply',
    persona: 'liming',
    request: '给妈妈转200块，告诉她钱转好了，她回复以后告诉王芳：妈妈收到了',
    oracle: [
      { tool: 'pay_transfer', input: { to_account_id: 'p_liuxiuying', amount_fen: 20000, memo: '生活费' } },
      say('p_liuxiuying', '钱转好了'),
      waitFor({ kind: 'reply', from: 'p_liuxiuying' }, 60),
      say('p_wangfang', '妈妈收到了'),
    ],
    judge(db, me) {
      const p: string[] = [];
      const paid = db
        .prepare(
          "SELECT COUNT(*) AS n FROM pay_transactions WHERE to_id = 'p_liuxiuying' AND created_at >= ?",
        )
        .get(at('11:00')) as { n: number } | undefined;
      const reply = repliesFrom(db, me, 'p_liuxiuying');
      const msg = sentTo(db, me, 'p_wangfang', '妈妈收到了');
      check(p, paid?.n === 1, `${paid?.n} transfers to 妈妈`);
      check(p, reply.length === 1, `${reply.length} replies from 妈妈`);
      check(
        p,
        msg.length === 1 && Number(msg[0]!.sent_at) >= Number(reply[0]?.sent_at),
        'told 王芳 before 妈妈 replied',
      );
      return p;
    },
  },
  {
    id: 'wait-sam-emily-reply',
    persona: 'sam',
    request: 'Ask Emily if lunch at 1 works, and once she replies tell her: great, see you at 1',
    oracle: [
      say('p_emily', 'Does lunch at 1 work?'),
      waitFor({ kind: 'reply', from: 'p_emily' }, 60),
      say('p_emily', 'great, see you at 1'),
    ],
    judge(db, me) {
      const p: string[] = [];
      const reply = repliesFrom(db, me, 'p_emily');
      const msg = sentTo(db, me, 'p_emily', 'great, see you at 1');
      check(p, reply.length >= 1, 'Emily never replied');
      check(
        p,
        msg.length === 1 && Number(msg[0]!.sent_at) >= Number(reply[0]?.sent_at),
        'answered before Emily replied',
      );
      return p;
    },
  },
  {
    id: 'wait-time-then-order',
    persona: 'liming',
    request: '11:30以后再从川味小馆点一份宫保鸡丁送到公司',
    oracle: [waitFor({ kind: 'time', at: '11:30' }, 60), ...lunch],
    judge(db) {
      const p: string[] = [];
      const order = newestOrder(db);
      check(p, order?.restaurant_id === 'r_chuanwei', 'no order from 川味小馆');
      check(
        p,
        Number(order?.created_at) >= at('11:30'),
        `ordered at ${formatWorldTime(Number(order?.created_at))}, before 11:30`,
      );
      return p;
    },
  },
  {
    id: 'wait-invitation-deadline-cancel',
    persona: 'liming',
    request: '约赵磊明天上午10点开会，一小时内他没答复就取消',
    oracle: [
      invite('p_zhaolei', '和赵磊开会'),
      waitFor({ kind: 'invitation_answer', event_id: '$evt.event.id', person_id: 'p_zhaolei' }, 60),
      { tool: 'calendar_cancel_event', input: { event_id: '$evt.event.id' } },
    ],
    judge(db) {
      const p: string[] = [];
      const evt = newestEvent(db);
      check(p, evt?.status === 'cancelled', `the meeting is ${evt?.status}`);
      check(
        p,
        Number(evt?.updated_at) >= Number(evt?.created_at) + 60 * MINUTE,
        'cancelled before the hour was up',
      );
      return p;
    },
  },
];

/** How one waiting errand went. */
export interface WaitResult {
  id: string;
  passed: boolean;
  problems: string[];
  /** Times it waited (ended its run holding nothing), and times a waker took it up. */
  waits: number;
  wakes: number;
  events: JournalEvent[];
}

/** Runs one waiting errand to its end; with `restart`, reopens journal and world from files at every wait. */
export async function runWaitTask(task: WaitTask, options: { restart?: boolean } = {}): Promise<WaitResult> {
  const dir = mkdtempSync(join(tmpdir(), `errand-${task.id}-`));
  const worldFile = join(dir, 'world.db');
  const journalFile = join(dir, 'errand.db');
  let world = World.open({ persona: task.persona, file: worldFile });
  let journal = new Journal(journalFile);
  const errandId = newErrandId();
  const oracle = { id: task.id, oracle: task.oracle, outcome: 'done' } as Task;
  const run = async (resume: boolean) => {
    const persona = world.persona;
    const model = useModel(oracleModel(oracle));
    return runErrand({
      task: {
        request: task.request,
        profile: { name: persona.name, language: persona.language, personId: persona.person_id },
        model: model.ref,
        limits: { maxSteps: 20 },
      },
      model,
      connectors: inProcessConnectors(world),
      journal,
      errandId,
      resume,
      approver: unattended('deny'),
      now: () => formatWorldTime(world.now),
      clock: () => world.now,
    });
  };
  const read: WaitReader = async (tool, input) => {
    const app = tool.slice(0, tool.indexOf('_'));
    const out = world.call(app, tool.slice(app.length + 1), input);
    return out.ok ? out.data : undefined;
  };
  let wakes = 0;
  try {
    let { report } = await run(false);
    for (let tick = 0; report.status === 'waiting' && tick < 400; tick++) {
      if (options.restart) {
        // Nothing is held while it waits: the journal and world are closed and opened again.
        journal.close();
        world.close();
        world = World.open({ persona: task.persona, file: worldFile });
        journal = new Journal(journalFile);
      }
      world.advance(5 * MINUTE);
      if (!(await waitIsDue(journal.events(errandId), read, world.now))) continue;
      wakes++;
      ({ report } = await run(true));
    }
    const events = journal.events(errandId);
    const problems = task.judge(world.db, world.persona.person_id);
    if (report.status !== 'finished' || report.outcome !== 'done')
      problems.push(
        `the errand ended ${report.status} ${report.outcome ?? ''}: ${report.summary ?? report.error?.message ?? ''}`,
      );
    // The order of events: the wait ended before the write that followed it started.
    const ended = events.findIndex((e) => e.type === 'wait.ended');
    const lastWrite = events.findLastIndex((e) => e.type === 'action.started' && e.idempotencyKey !== null);
    if (ended < 0) problems.push('the journal has no end of the wait');
    else if (lastWrite < ended) problems.push('the last write was started before the wait ended');
    const check = journal.verify(errandId);
    if (!check.ok) problems.push(`audit: ${check.problems.join('; ')}`);
    return {
      id: task.id,
      passed: problems.length === 0,
      problems,
      waits: events.filter((e) => e.type === 'task.waiting').length,
      wakes,
      events,
    };
  } finally {
    journal.close();
    world.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const restart = process.argv.includes('--restart');
  const results: WaitResult[] = [];
  for (const task of WAIT_TASKS) {
    const r = await runWaitTask(task, { restart });
    results.push(r);
    console.log(
      `${r.passed ? '✓' : '✗'} ${r.id} · waited ${r.waits}, woken ${r.wakes}${r.passed ? '' : ` · ${r.problems.join('; ')}`}`,
    );
  }
  const passed = results.filter((r) => r.passed).length;
  console.log(
    `waits · ${passed}/${results.length} passed (${((100 * passed) / results.length).toFixed(1)}%)${restart ? ' · journal and world reopened at every wait' : ''}`,
  );
}
