/**
 * Reads a calendar event: when (local time), for how long (60 minutes unless said), who is invited,
 * what it is called and where.
 */
import { readDuration } from './durations.js';
import {
  type ClauseInput,
  type ClauseOutcome,
  listOf,
  nameOf,
  recipientName,
  shortName,
  step,
  unsure,
} from './outcome.js';
import { describeContact, peopleIn, soundAlikes } from './people.js';
import { placesIn } from './places.js';
import { blank, type Lang, readNumber, type Span, t } from './text.js';
import { readTime, type TimeReading } from './times.js';

const ZH_ACTIVITIES: [RegExp, string][] = [
  [/电话会|通电话|打电话|电话/, '通电话'],
  [/午饭|午餐/, '吃午饭'],
  [/晚饭|晚餐/, '吃晚饭'],
  [/工作餐/, '吃工作餐'],
  [/吃饭|吃个饭/, '吃饭'],
  [/喝咖啡|咖啡/, '喝咖啡'],
  [/羽毛球/, '打羽毛球'],
  [/打球|篮球|足球/, '打球'],
  [/健身|训练/, '健身'],
  [/面试/, '面试'],
  [/评审/, '评审'],
  [/碰头|碰一下/, '碰头'],
  [/见面|见个面/, '见面'],
  [/开会|会议|会/, '开会'],
];
const EN_ACTIVITIES: [RegExp, string][] = [
  [/\bsync\b/i, 'Sync'],
  [/\bone-on-one\b|\b1:1\b/i, '1:1'],
  [/\bcatch[- ]?up\b/i, 'Catch-up'],
  [/\bstand-?up\b/i, 'Standup'],
  [/\binterview\b/i, 'Interview'],
  [/\breview\b/i, 'Review'],
  [/\blunch\b/i, 'Lunch'],
  [/\bdinner\b/i, 'Dinner'],
  [/\bcoffee\b/i, 'Coffee'],
  [/\bcall\b/i, 'Call'],
  [/\bworkout\b|\bgym\b/i, 'Workout'],
  [/\bmeeting\b|\bmeet\b/i, 'Meeting'],
];

/** A title and the stretches of text it was read from. */
interface Title {
  title: string;
  spans: Span[];
}

function spansOf(text: string, re: RegExp): Span[] {
  const global = new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`);
  return [...text.matchAll(global)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
}

function titleOf(text: string, lang: Lang, names: string[], whole = text): Title {
  const at = (m: RegExpMatchArray) => [{ start: m.index!, end: m.index! + m[0].length }];
  // A quoted title is taken as written, names in it and all ("'Lunch with Kevin'").
  const quoted = whole.match(/[「“"']([^」”"']{1,60})[」”"']/);
  if (quoted) return { title: quoted[1]!.trim(), spans: at(quoted) };
  const zhTopic =
    text.match(/(?:主题|标题)(?:是|为)?[:：]?\s*([^，,。\s]{1,30})/) ?? text.match(/(讨论[^，,。\s]{1,20})/);
  if (zhTopic) return { title: zhTopic[1]!, spans: at(zhTopic) };
  // "过一下测试方案", "对一下排期": what the meeting goes over is its title.
  const zhOver = text.match(/(?:过一下|过下|对一下|聊一下|聊聊|看一下|评审一下)([^，,。\s]{2,20})/);
  if (zhOver) return { title: zhOver[1]!, spans: at(zhOver) };
  const enTopic = text.match(
    /\b(?:titled|called|about|re:)\s+([^,.;]{1,50}?)(?=\s+(?:with|at|on|tomorrow|today|next|this|for)\b|[,.;]|$)/i,
  );
  if (enTopic) return { title: enTopic[1]!.trim(), spans: at(enTopic) };
  const activities = lang === 'zh' ? ZH_ACTIVITIES : EN_ACTIVITIES;
  const spans = activities.flatMap(([re]) => spansOf(text, re));
  if (lang === 'zh') {
    const act = ZH_ACTIVITIES.find(([re]) => re.test(text))?.[1] ?? '开会';
    return { title: names.length ? `与${names.join('、')}${act}` : act, spans };
  }
  const act = EN_ACTIVITIES.find(([re]) => re.test(text))?.[1] ?? 'Meeting';
  return { title: names.length ? `${act} with ${names.join(', ')}` : act, spans };
}

/** "到四点" / "to 11:15" after the start: the end, as minutes after the start, and where it is said. */
function endAfter(
  text: string,
  from: number,
  startLocal: string,
): { minutes: number; span: Span } | undefined {
  const m = text
    .slice(from)
    .match(
      /^\s*(?:到|至|-|–|~|to|until|till)\s*(?:上午|下午|晚上)?\s*(\d{1,2}|[一二两三四五六七八九十]{1,3})(?:\s*[:：点]\s*(\d{1,2}|半|一刻)?)?\s*(am|pm)?/i,
    );
  if (!m || (!/[点:：]|am|pm/i.test(m[0]) && !/^\s*(?:to|until|till|-|–|~)/i.test(m[0]))) return undefined;
  let hour = readNumber(m[1]!) ?? Number.NaN;
  const minute = m[2] === '半' ? 30 : m[2] === '一刻' ? 15 : m[2] ? (readNumber(m[2]) ?? 0) : 0;
  const [sh, sm] = startLocal.slice(11).split(':').map(Number) as [number, number];
  if (/pm/i.test(m[3] ?? '') && hour < 12) hour += 12;
  if (hour * 60 + minute <= sh * 60 + sm && hour < 12) hour += 12;
  const minutes = hour * 60 + minute - (sh * 60 + sm);
  if (!Number.isFinite(minutes) || minutes <= 0 || minutes > 12 * 60) return undefined;
  return { minutes, span: { start: from, end: from + m[0].length } };
}

function timeProblem(reading: TimeReading, lang: Lang): string {
  if (reading.ok) return '';
  switch (reading.reason) {
    case 'none':
      return t(lang, '什么时间？', 'When?');
    case 'no_clock':
      return t(lang, '几点开始？', 'At what time?');
    case 'past':
      return t(
        lang,
        `这个时间已经过了（${reading.local?.replace('T', ' ')}），是哪天？`,
        `That time has passed (${reading.local?.replace('T', ' ')}): which day?`,
      );
    case 'invalid':
      return t(lang, '这个日期或时间不存在', 'That date or time does not exist');
  }
}

const ZH_TIME_WORDS = /^(?:明天|今天|后天|大后天|下周|周|星期|礼拜|上午|下午|晚上|中午|早上)/;

/** A name after "约 / 和 / with" that is not a contact: "约李雷明天开会". */
function unknownAttendee(text: string, lang: Lang): string | undefined {
  if (lang === 'zh') {
    const m = text.match(
      /(?:约|和|跟|与)([\u3400-\u9fff]{2,3}?)(?=一起|明天|今天|后天|大后天|下周|周|星期|上午|下午|晚上|中午|早上|\d|[一二两三四五六七八九十]+点|开会|见面|吃饭|喝咖啡|碰头)/,
    );
    return m && !ZH_TIME_WORDS.test(m[1]!) ? m[1] : undefined;
  }
  const m = text.match(/\bwith\s+(?!my\b|the\b|a\b|an\b|me\b|us\b)([A-Z][a-z]+)/);
  return m?.[1];
}

/** Reads an event to put on the calendar and invite people to. */
export function readEvent(input: ClauseInput): ClauseOutcome {
  const { cat, lang, folded } = input;
  const people = peopleIn(input);
  const names: string[] = [];
  const short: string[] = [];
  const attendees: string[] = [];
  let sure = 0.92;
  for (const p of people) {
    if (p.candidates.length > 1) {
      const options = p.candidates.map((c) => describeContact(c, lang));
      return unsure(t(lang, '要约日程', 'Schedule an event'), [
        t(lang, `哪位${p.said}？${options.join(' 还是 ')}？`, `Which ${p.said}? ${options.join(' or ')}?`),
      ]);
    }
    const who = p.candidates[0]!;
    if (who.kind === 'group') {
      return unsure(t(lang, '要约日程', 'Schedule an event'), [
        t(
          lang,
          `日程只能邀请联系人，不能邀请群「${p.said}」：邀请谁？`,
          `Events invite contacts, not the group "${p.said}": whom should I invite?`,
        ),
      ]);
    }
    if (!attendees.includes(who.contact.id)) {
      attendees.push(who.contact.id);
      names.push(recipientName(who, lang));
      short.push(shortName(who, lang));
    }
    if (!p.byName) sure -= 0.05;
    if (soundAlikes(cat, who.contact.id).length > 0) sure -= 0.1;
  }
  if (attendees.length === 0) {
    const stranger = unknownAttendee(folded, lang);
    if (stranger) {
      return unsure(t(lang, '要约日程', 'Schedule an event'), [
        t(
          lang,
          `通讯录里没有「${stranger}」，邀请谁？`,
          `"${stranger}" is not in your contacts: whom should I invite?`,
        ),
      ]);
    }
  }
  const rest = blank(
    folded,
    people.map((p) => p.span),
  );
  const when = readTime(rest, cat.now);
  const { title, spans: titleSpans } = titleOf(rest, lang, short, folded);
  const who = names.length
    ? t(lang, `，邀请${listOf(names, lang)}`, `, inviting ${listOf(names, lang)}`)
    : '';
  if (!when.ok)
    return unsure(t(lang, `约日程「${title}」${who}`, `Schedule "${title}"${who}`), [
      timeProblem(when, lang),
    ]);
  // The built-in recipe writes the place as words; it cannot pin the event to a place on the map.
  if (/地图|\b(?:from|on) the map\b|\bmap's\b/i.test(folded)) {
    return unsure(t(lang, `约日程「${title}」${who}`, `Schedule "${title}"${who}`), [
      t(
        lang,
        '内置的做法只能把地点写成文字，不能关联地图上的地点；配置一个模型后可以做',
        "errand's built-in recipe writes the place as words and cannot pin it to the map; a configured model can",
      ),
    ]);
  }
  const end = endAfter(rest, when.span.end, when.local);
  const duration = end ? undefined : readDuration(blank(rest, [when.span, ...titleSpans]));
  const minutes = end?.minutes ?? duration?.minutes ?? 60;
  const timeFree = blank(rest, [when.span, ...(end ? [end.span] : [])]);
  const free = blank(timeFree, titleSpans);
  // "在公司开会", "地点在公司5楼小会议室", "地点用地图上的外滩", "at Room 12A": where it is.
  const zhPlace =
    lang === 'zh'
      ? (timeFree.match(/地点(?:在|是|用|为|选)?[:：]?\s*([^\s，,。；;（）()【】]{2,24})/) ??
        timeFree.match(/在([^\s，,。和跟与同]{2,12}?)(?=和|跟|与|同|开会|见面|吃|碰头|喝|集合|开|见|打)/))
      : (free.match(/\b(?:in|at)\s+((?:Room|room|Meeting Room|the)\s+[A-Za-z0-9-]+(?:\s+[A-Za-z0-9-]+)?)/) ??
        undefined);
  const zhPlaceSpan = zhPlace
    ? { start: zhPlace.index!, end: zhPlace.index! + zhPlace[0].length }
    : undefined;
  const place = placesIn(input, free).find((p) => p.candidates.length === 1);
  const location = place ? nameOf(place.candidates[0]!, lang) : zhPlace?.[1]?.replace(/^(?:地图上的?)/, '');
  // "邀请她", "invite him": the one person already named.
  const pronouns = attendees.length === 1 ? spansOf(free, /他们|她们|他|她|\b(?:him|her|them)\b/i) : [];
  const used = [
    ...people.map((p) => p.span),
    when.span,
    ...(end ? [end.span] : []),
    ...(duration ? [duration.span] : []),
    ...titleSpans,
    ...(place ? [place.span] : []),
    ...(zhPlaceSpan ? [zhPlaceSpan] : []),
    ...pronouns,
  ];
  return step(
    {
      recipe: 'schedule_event',
      params: {
        title,
        start: when.local,
        duration_minutes: minutes,
        attendee_ids: attendees,
        ...(location ? { location } : {}),
      },
    },
    sure,
    t(
      lang,
      `${when.local.replace('T', ' ')} 起${minutes}分钟：「${title}」${who}${location ? `，地点${location}` : ''}`,
      `"${title}" at ${when.local.replace('T', ' ')} for ${minutes} minutes${who}${location ? `, at ${location}` : ''}`,
    ),
    used,
  );
}
