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
import { blank, type Lang, t } from './text.js';
import { readTime, type TimeReading } from './times.js';

const ZH_ACTIVITIES: [RegExp, string][] = [
  [/电话会|通电话|打电话|电话/, '通电话'],
  [/午饭|午餐/, '吃午饭'],
  [/晚饭|晚餐/, '吃晚饭'],
  [/吃饭/, '吃饭'],
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

function titleOf(text: string, lang: Lang, names: string[]): string {
  const quoted = text.match(/[「“"]([^」”"]{1,60})[」”"]/);
  if (quoted) return quoted[1]!.trim();
  const zhTopic =
    text.match(/(?:主题|标题)(?:是|为)?[:：]?\s*([^，,。\s]{1,30})/) ?? text.match(/(讨论[^，,。\s]{1,20})/);
  if (zhTopic) return zhTopic[1]!;
  const enTopic = text.match(
    /\b(?:titled|called|about|re:)\s+([^,.;]{1,50}?)(?=\s+(?:with|at|on|tomorrow|today|next|this|for)\b|[,.;]|$)/i,
  );
  if (enTopic) return enTopic[1]!.trim();
  if (lang === 'zh') {
    const act = ZH_ACTIVITIES.find(([re]) => re.test(text))?.[1] ?? '开会';
    return names.length ? `与${names.join('、')}${act}` : act;
  }
  const act = EN_ACTIVITIES.find(([re]) => re.test(text))?.[1] ?? 'Meeting';
  return names.length ? `${act} with ${names.join(', ')}` : act;
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
  const title = titleOf(rest, lang, short);
  const who = names.length
    ? t(lang, `，邀请${listOf(names, lang)}`, `, inviting ${listOf(names, lang)}`)
    : '';
  if (!when.ok)
    return unsure(t(lang, `约日程「${title}」${who}`, `Schedule "${title}"${who}`), [
      timeProblem(when, lang),
    ]);
  const duration = readDuration(blank(rest, [when.span]));
  const minutes = duration?.minutes ?? 60;
  const place = placesIn(input, blank(rest, [when.span])).find((p) => p.candidates.length === 1);
  const zhPlace =
    lang === 'zh'
      ? rest.match(/在([^\s，,。]{2,12}?)(?:开会|见面|吃饭|碰头|喝咖啡|集合|开)/)?.[1]
      : undefined;
  const location = place ? nameOf(place.candidates[0]!, lang) : zhPlace;
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
  );
}
