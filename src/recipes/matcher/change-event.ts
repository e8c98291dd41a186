/**
 * Reads a change to one of the person's own events: move it ("Push my gym session tonight to 8pm",
 * "把周三的私教课改到晚上8点") or cancel it ("Cancel my gym session on Wednesday"). The event is found by
 * title words and day among the events the person organises; anything less than one fit is asked about.
 */
import { describeEvent, titleScore } from './answer-invitation.js';
import { type ClauseInput, type ClauseOutcome, step, unsure, which } from './outcome.js';
import { type Lang, type Span, t } from './text.js';
import { localIso, readDay, readTime } from './times.js';
import type { Catalogue } from './types.js';

type CalendarEvent = Catalogue['events'][number];

/** Where the new time begins: "to 8pm", "改到8点", "挪到周五". */
const TO_NEW_TIME =
  /(?:改到|挪到|推迟到|推到|延后到|延到|提前到|调到|换到|改成|移到)|\b(?:to|until|till)\b(?=[\s\S]*?\d|\s+(?:noon|tomorrow|mon|tue|wed|thu|fri|sat|sun))/i;
const SAID_PERIOD =
  /上午|下午|晚上|中午|早上|凌晨|傍晚|今晚|明晚|\b(?:am|pm|a\.m\.|p\.m\.|noon|tonight|evening|morning|afternoon)\b|\d(?:am|pm)/i;

/** The events the person organises whose title and day the text names: one, or several to ask about. */
export function ownEventsNamed(input: ClauseInput, text: string): { fits: CalendarEvent[]; named: boolean } {
  const { cat } = input;
  let fits = cat.events.filter((e) => e.organizerId === cat.persona.personId && e.start > localIso(cat.now));
  const scored = fits.map((e) => ({ e, score: titleScore(e, text) }));
  const top = Math.max(0, ...scored.map((s) => s.score));
  if (top === 0) return { fits: [], named: false };
  fits = scored.filter((s) => s.score === top).map((s) => s.e);
  const day = readDay(text, cat.now);
  if (day) fits = fits.filter((e) => e.start.startsWith(day));
  return { fits, named: true };
}

function whichEvent(fits: CalendarEvent[], lang: Lang): string {
  if (fits.length === 0)
    return t(lang, '日历里没有对得上的日程（只能改你自己发起的）', 'No event of yours in the calendar fits');
  const options = fits.slice(0, 6).map((e) => describeEvent(e, lang));
  return t(lang, `是哪个日程？${which(options, lang)}`, `Which event? ${which(options, lang)}`);
}

/** The new start: the clock said, on the day said or else the event's own day, am or pm nearest the event. */
function newStart(
  said: string,
  event: CalendarEvent,
  now: number,
  lang: Lang,
): { local: string; span?: Span } | { missing: string } {
  const reading = readTime(said, now);
  const local = reading.ok ? reading.local : reading.local;
  if (!local) {
    return {
      missing: t(lang, '改到什么时候？请说具体的几点', 'Move it to when? Say the day and time'),
    };
  }
  const day = readDay(said, now) ?? event.start.slice(0, 10);
  let hour = Number(local.slice(11, 13));
  const minute = local.slice(14, 16);
  if (!SAID_PERIOD.test(said) && hour >= 1 && hour < 12) {
    const was = Number(event.start.slice(11, 13));
    if (Math.abs(hour + 12 - was) < Math.abs(hour - was)) hour += 12;
  }
  const start = `${day}T${String(hour).padStart(2, '0')}:${minute}`;
  if (start <= localIso(now)) {
    return {
      missing: t(
        lang,
        `${start.replace('T', ' ')}已经过去了，改到什么时候？`,
        `${start.replace('T', ' ')} has passed: when instead?`,
      ),
    };
  }
  return { local: start, ...(reading.span ? { span: reading.span } : {}) };
}

/** Reads "Push my gym session tonight to 8pm", "Move Friday's team lunch to 12:30". */
export function readReschedule(input: ClauseInput): ClauseOutcome {
  const { cat, lang, folded } = input;
  const understood = t(lang, '要改日程时间', 'Move an event');
  const cut = TO_NEW_TIME.exec(folded);
  if (!cut) return unsure(understood, [t(lang, '改到什么时候？', 'Move it to when?')]);
  const which = folded.slice(0, cut.index);
  const said = folded.slice(cut.index + cut[0].length);
  const { fits, named } = ownEventsNamed(input, which);
  if (!named || fits.length !== 1) return unsure(understood, [whichEvent(fits, lang)]);
  const event = fits[0]!;
  const start = newStart(said, event, cat.now, lang);
  if ('missing' in start) return unsure(understood, [start.missing]);
  if (start.local === event.start) {
    return unsure(understood, [t(lang, '它本来就在这个时间', 'It is already at that time')]);
  }
  const from = cut.index + cut[0].length;
  return step(
    { recipe: 'move_event', params: { event_id: event.id, start: start.local } },
    readDay(which, cat.now) ? 0.9 : 0.85,
    t(
      lang,
      `把${describeEvent(event, lang)}改到${start.local.replace('T', ' ')}`,
      `Move ${describeEvent(event, lang)} to ${start.local.replace('T', ' ')}`,
    ),
    // The event is found by its words before the verb; after it, every word must be the new time.
    [
      { start: 0, end: from },
      ...(start.span ? [{ start: from + start.span.start, end: from + start.span.end }] : []),
    ],
  );
}

/** Reads "Cancel my gym session on Wednesday", "取消周三的私教课". */
export function readEventCancel(input: ClauseInput, fits: CalendarEvent[]): ClauseOutcome {
  const { cat, lang } = input;
  const understood = t(lang, '要取消日程', 'Cancel an event');
  if (fits.length !== 1) return unsure(understood, [whichEvent(fits, lang)]);
  const event = fits[0]!;
  return step(
    { recipe: 'cancel_event', params: { event_id: event.id } },
    readDay(input.folded, cat.now) ? 0.9 : 0.85,
    t(lang, `取消${describeEvent(event, lang)}`, `Cancel ${describeEvent(event, lang)}`),
  );
}
