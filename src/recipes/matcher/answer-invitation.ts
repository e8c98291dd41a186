/**
 * Reads an answer to an invitation: which event someone else invited the person to (by title words,
 * who sent it and the day), and accept or decline. It answers only when exactly one invitation fits.
 */
import { type ClauseInput, type ClauseOutcome, recipientId, step, unsure, which } from './outcome.js';
import { peopleIn } from './people.js';
import { type Lang, t } from './text.js';
import { readDay } from './times.js';
import type { Catalogue } from './types.js';

type CalendarEvent = Catalogue['events'][number];

const DECLINE = /拒绝|拒掉|回绝|推掉|去不了|不去了|\bdecline\b|\bcan'?t make\b|\bcannot make\b/i;
const ACCEPT = /接受|答应|我去|\baccept\b/i;
/** Title words too plain to tell one event from another. */
const PLAIN = new Set(['the', 'and', 'with', 'meeting', 'event', 'invite', 'invitation', '邀请', '会议']);

/** How much of an event's title the text says (0 for none): the longest shared run of Chinese, or English words. */
export function titleScore(e: CalendarEvent, text: string): number {
  const lower = text.toLowerCase();
  let best = 0;
  for (const name of e.names) {
    const words = name.toLowerCase().match(/[a-z0-9]{3,}/g) ?? [];
    const en = words.filter((w) => !PLAIN.has(w) && new RegExp(`\\b${w}`).test(lower)).length;
    best = Math.max(best, en);
    const zh = name.replace(/[^\u3400-\u9fff]/g, '');
    for (let len = zh.length; len >= 2 && len / 2 > best; len--) {
      for (let i = 0; i + len <= zh.length; i++) {
        const part = zh.slice(i, i + len);
        if (!PLAIN.has(part) && text.includes(part)) {
          best = Math.max(best, len / 2);
          break;
        }
      }
    }
  }
  return best;
}

/** An event as a person reads it: its title and when. */
export function describeEvent(e: CalendarEvent, lang: Lang): string {
  return t(
    lang,
    `「${e.names[0]}」（${e.start.replace('T', ' ')}）`,
    `"${e.names[0]}" (${e.start.replace('T', ' ')})`,
  );
}

/** Reads "接受王芳的需求评审邀请", "decline Kevin's hackathon planning on Friday". */
export function readInvitationAnswer(input: ClauseInput): ClauseOutcome {
  const { cat, lang, folded } = input;
  const declines = DECLINE.test(folded);
  const accepts = ACCEPT.test(folded.replace(DECLINE, ' '));
  const understood = t(lang, '要回复日程邀请', 'Answer an invitation');
  if (declines === accepts) {
    return unsure(understood, [t(lang, '接受还是拒绝？', 'Accept or decline?')]);
  }
  const response = declines ? 'decline' : 'accept';
  let fits = cat.events.filter((e) => e.myResponse !== 'organizer');
  const scored = fits.map((e) => ({ e, score: titleScore(e, folded) }));
  const top = Math.max(0, ...scored.map((s) => s.score));
  if (top > 0) fits = scored.filter((s) => s.score === top).map((s) => s.e);
  const senders = peopleIn(input).flatMap((p) => p.candidates.map(recipientId));
  if (senders.length) fits = fits.filter((e) => senders.includes(e.organizerId));
  const day = readDay(folded, cat.now);
  if (day) fits = fits.filter((e) => e.start.startsWith(day));
  if (top === 0 || fits.length !== 1) {
    const options = fits.slice(0, 6).map((e) => describeEvent(e, lang));
    return unsure(understood, [
      fits.length
        ? t(lang, `是哪个邀请？${which(options, lang)}`, `Which invitation? ${which(options, lang)}`)
        : t(lang, '日历里没有对得上的邀请', 'No invitation in the calendar fits'),
    ]);
  }
  const event = fits[0]!;
  return step(
    { recipe: 'answer_invitation', params: { event_id: event.id, response } },
    senders.length || day ? 0.92 : 0.85,
    t(
      lang,
      `${response === 'accept' ? '接受' : '拒绝'}邀请${describeEvent(event, lang)}`,
      `${response === 'accept' ? 'Accept' : 'Decline'} the invitation ${describeEvent(event, lang)}`,
    ),
  );
}
