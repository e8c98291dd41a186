/** What reading one clause gives, and the small helpers every recipe reader shares. */
import { formatFen } from '../../world/money.js';
import { lexiconOf, type Lexicon, type Recipient } from './lexicon.js';
import { fold, type Lang, type Span, t } from './text.js';
import type { Catalogue, MatchedStep, Named } from './types.js';

/** One clause read: a recipe step, or what is missing. */
export type ClauseOutcome =
  | {
      type: 'steps';
      steps: MatchedStep[];
      confidence: number;
      understood: string;
      /**
       * The stretches of the clause the reader read (names, amounts, counts, places...). When given,
       * every other word must be one that carries nothing to act on, or the clause is not run.
       */
      used?: Span[];
      /** The names of what the steps act on: a word of one of them ("想吃面" of 牛肉拉面) is read too. */
      about?: string[];
    }
  | { type: 'unsure'; confidence: number; understood: string; missing: string[] };

/** Everything a recipe reader gets: the clause (original and folded), its language and the world. */
export interface ClauseInput {
  /** The clause as the person wrote it. */
  text: string;
  /** The same, folded to ASCII where full-width (same offsets). */
  folded: string;
  lang: Lang;
  cat: Catalogue;
  lex: Lexicon;
  /** The person an earlier part of the request was about, for "他 / 她 / him / her". */
  previous?: Recipient;
  /** What an earlier part of the request does, as news to pass on ("let the group know"). */
  news?: string;
}

/** A clause input for a piece of a request. */
export function clauseInput(
  text: string,
  lang: Lang,
  cat: Catalogue,
  previous?: Recipient,
  news?: string,
): ClauseInput {
  return {
    text,
    folded: fold(text),
    lang,
    cat,
    lex: lexiconOf(cat),
    ...(previous ? { previous } : {}),
    ...(news ? { news } : {}),
  };
}

/** One step, or several of one kind ("交电费和话费"), read with this confidence. */
export function step(
  s: MatchedStep | MatchedStep[],
  confidence: number,
  understood: string,
  used?: Span[],
  about?: string[],
): ClauseOutcome {
  const steps = Array.isArray(s) ? s : [s];
  return {
    type: 'steps',
    steps,
    confidence: Math.max(0, Math.min(1, confidence)),
    understood,
    ...(used ? { used } : {}),
    ...(about ? { about } : {}),
  };
}

/** A clause that cannot run as it is: what was understood and what is missing. */
export function unsure(understood: string, missing: string[], confidence = 0.3): ClauseOutcome {
  return { type: 'unsure', confidence, understood, missing };
}

/** The name a person reads for a catalogue item: its Chinese name (first) or English name (second). */
export function nameOf(item: Named, lang: Lang): string {
  return lang === 'zh' ? item.names[0]! : (item.names[1] ?? item.names[0]!);
}

/** A contact or group as the person knows them: "妈妈（刘秀英）", "Emily". */
export function recipientName(r: Recipient, lang: Lang): string {
  if (r.kind === 'group') return r.group.names[0]!;
  const [zh, en, nickname] = r.contact.names;
  if (lang === 'en') return nickname && !/[\u3400-\u9fff]/.test(nickname) ? nickname : en!;
  return nickname && nickname !== zh ? `${nickname}（${zh}）` : zh!;
}

/** A contact or group by the one name the person uses: "陈经理", "Priya". */
export function shortName(r: Recipient, lang: Lang): string {
  if (r.kind === 'group') return r.group.names[0]!;
  const [zh, en, nickname] = r.contact.names;
  if (lang === 'en') return nickname && !/[\u3400-\u9fff]/.test(nickname) ? nickname : en!;
  return nickname || zh!;
}

/** The recipient a finished step went to, so a later "她" / "him" can mean the same person. */
export function recipientOfStep(s: MatchedStep, cat: Catalogue): Recipient | undefined {
  const id =
    s.recipe === 'transfer' || s.recipe === 'send_message'
      ? s.params.to
      : s.recipe === 'schedule_event' && s.params.attendee_ids.length === 1
        ? s.params.attendee_ids[0]
        : s.recipe === 'answer_invitation'
          ? cat.events.find((e) => e.id === s.params.event_id)?.organizerId
          : undefined;
  const contact = cat.contacts.find((c) => c.id === id);
  if (contact) return { kind: 'contact', contact };
  const group = cat.groups.find((g) => g.id === id);
  return group ? { kind: 'group', group } : undefined;
}

const WEEKDAY_EN = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const WEEKDAY_ZH = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];

/**
 * What a finished step did, said as news for the people it concerns: "Team Lunch moves to Friday
 * 12:30." Only for steps whose news is plain from the step itself.
 */
export function newsOfStep(s: MatchedStep, cat: Catalogue, lang: Lang): string | undefined {
  if (s.recipe !== 'move_event' && s.recipe !== 'cancel_event') return undefined;
  const event = cat.events.find((e) => e.id === s.params.event_id);
  if (!event) return undefined;
  const title = nameOf(event, lang);
  if (s.recipe === 'cancel_event')
    return t(
      lang,
      `${title}（${event.start.replace('T', ' ')}）取消了。`,
      `${title} on ${event.start.slice(0, 10)} is cancelled.`,
    );
  const at = s.params.start;
  const day = new Date(`${at.slice(0, 10)}T00:00:00Z`).getUTCDay();
  return t(
    lang,
    `${title}改到${WEEKDAY_ZH[day]}（${at.slice(5, 10)}）${at.slice(11)}了。`,
    `${title} moves to ${WEEKDAY_EN[day]} (${at.slice(0, 10)}) at ${at.slice(11)}.`,
  );
}

/** The id of a contact or group. */
export function recipientId(r: Recipient): string {
  return r.kind === 'group' ? r.group.id : r.contact.id;
}

/** Money as a person reads it. */
export function yuan(fen: number): string {
  return formatFen(fen);
}

/** A list joined the way the language joins it. */
export function listOf(items: string[], lang: Lang): string {
  return items.join(lang === 'zh' ? '、' : ', ');
}

/** "A 还是 B？" / "A or B?" */
export function which(options: string[], lang: Lang): string {
  return lang === 'zh' ? `${options.join(' 还是 ')}？` : `${options.join(' or ')}?`;
}

/** The sentence for a clause the matcher does not understand at all. */
export function notUnderstood(lang: Lang): ClauseOutcome {
  return {
    type: 'unsure',
    confidence: 0,
    understood: '',
    missing: [
      t(
        lang,
        '没听懂要做什么：我能点外卖、网购、转账、交费、发消息、约日程、查路线和找地方。',
        'I did not understand what to do: I can order food, buy things, send money, pay bills, send messages, schedule events, find routes and find places.',
      ),
    ],
  };
}
