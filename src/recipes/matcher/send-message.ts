/**
 * Reads a chat message: who it goes to (the contact or group named right after the verb) and the
 * words to send (everything after that, in the person's own language).
 */
import {
  type ClauseInput,
  type ClauseOutcome,
  recipientId,
  recipientName,
  step,
  unsure,
  which,
} from './outcome.js';
import {
  describeContact,
  type PersonMention,
  peopleIn,
  personAt,
  pronounAt,
  soundAlikes,
  unknownNameAt,
} from './people.js';
import { type Lang, t } from './text.js';

interface Form {
  /** The verb before the recipient. */
  head: RegExp;
  /** What may stand between the recipient and the words. */
  link: RegExp;
  /** How the words are turned into a message ("remind Tom to call" → "Don't forget to call"). */
  shape?: (text: string) => string;
  sure: number;
}

const ZH_LINK =
  /^\s*[:：,，]?\s*(?:说一声|说一下|讲一声|说|讲|一声|一下)?\s*[:：,，]?\s*(?:说|讲)?\s*[:：]?\s*/;
const EN_LINK = /^(?:\s*[:,-]\s*|\s+that\s+|\s+saying\s+|\s+to say\s+|\s*)/i;

const FORMS: Form[] = [
  { head: /(?:告诉|告知|通知|转告|知会)\s*/g, link: ZH_LINK, sure: 0.93 },
  // A reply goes to the person's own conversation: "回复妈妈：…", "Reply to Priya: …".
  { head: /回复(?:一下)?\s*/g, link: /^\s*[:：,，]\s*(?:说一声|说|讲)?\s*[:：]?\s*/, sure: 0.92 },
  { head: /\breply\s+to\s+/gi, link: /^\s*[:,-]\s*|^\s+(?:saying|that)\s+/i, sure: 0.92 },
  {
    head: /提醒\s*/g,
    link: ZH_LINK,
    shape: (s) => (/^(?:记得|别忘|不要忘)/.test(s) ? s : `记得${s}`),
    sure: 0.85,
  },
  { head: /(?:问问|问一下|问下|问)\s*/g, link: ZH_LINK, sure: 0.85 },
  {
    head: /(?:跟|和|对|给|同|向)\s*/g,
    link: /^\s*(?:(?:说|讲)(?:一声|一下)?|发(?:个|条|一条)?(?:消息|信息|微信|短信)(?:说|讲|告诉(?:他|她|ta|TA)?)?|留言(?:说)?)\s*[:：,，]?\s*(?:说|讲)?\s*[:：]?\s*/,
    sure: 0.93,
  },
  { head: /发(?:个|条|一条)?(?:消息|信息|微信|短信)(?:给|到)\s*/g, link: ZH_LINK, sure: 0.93 },
  { head: /在\s*/g, link: /^\s*(?:群)?里?\s*(?:说|发|讲)(?:一下|一声)?\s*[:：,，]?\s*/, sure: 0.9 },
  { head: /\b(?:tell|notify|inform)\s+/gi, link: EN_LINK, sure: 0.93 },
  { head: /\b(?:message|text|ping)\s+/gi, link: EN_LINK, sure: 0.93 },
  { head: /\blet\s+/gi, link: /^\s+know\s*(?:that\s+|[:,-]\s*)?/i, sure: 0.93 },
  {
    head: /\bsend\s+/gi,
    link: /^\s+an?\s+(?:message|text|note|msg)\s*(?:saying\s+|that\s+|to say\s+|[:,-]\s*)?/i,
    sure: 0.92,
  },
  { head: /\bsend\s+(?:an?\s+)?(?:message|text|note|msg)\s+to\s+/gi, link: EN_LINK, sure: 0.92 },
  { head: /\b(?:say|write)\s+to\s+|\bpost\s+(?:in|to)\s+/gi, link: EN_LINK, sure: 0.9 },
  {
    head: /\bdrop\s+/gi,
    link: /^\s+an?\s+(?:line|message|note)\s*(?:saying\s+|that\s+|[:,-]\s*)?/i,
    sure: 0.88,
  },
  {
    head: /\bremind\s+(?!me\b)/gi,
    link: /^(?:\s+that\s+|\s*[:,-]\s*|\s*)/i,
    shape: (s) => (/^to\s+/i.test(s) ? `Don't forget to ${s.replace(/^to\s+/i, '')}` : s),
    sure: 0.85,
  },
  { head: /\bask\s+/gi, link: EN_LINK, shape: askDirectly, sure: 0.8 },
];

/** "ask Mike if he's free tonight" → "Are you free tonight?": the question put to them directly. */
function askDirectly(text: string): string {
  const q = (s: string) => `${s.charAt(0).toUpperCase()}${s.slice(1).replace(/[?.!]*$/, '')}?`;
  const be = text.match(/^(?:if|whether)\s+(?:he|she|they)(?:'s|'re|\s+is|\s+are)\s+(.+)$/i);
  if (be) return q(`are you ${be[1]}`);
  const modal = text.match(/^(?:if|whether)\s+(?:he|she|they)\s+(can|could|will|would|should)\s+(.+)$/i);
  if (modal) return q(`${modal[1]!.toLowerCase()} you ${modal[2]}`);
  const verb = text.match(/^(?:if|whether)\s+(?:he|she|they)\s+(wants?|needs?|likes?|has|have)\s+(.+)$/i);
  if (verb) return q(`do you ${verb[1]!.replace(/s$/, '').replace(/^ha$/, 'have')} ${verb[2]}`);
  return /^(?:if|whether)\s/i.test(text) ? q(text.replace(/^(?:if|whether)\s+/i, '')) : text;
}

const TRAILING = /[\s。.！!；;，,]+$/;

function cleanText(text: string): string {
  return text
    .replace(/^[\s:：,，"“「]+/, '')
    .replace(/["”」]+$/, '')
    .replace(TRAILING, '')
    .trim();
}

function missingRecipient(lang: Lang, name?: string): string {
  if (name)
    return t(
      lang,
      `通讯录里没有「${name}」，发给谁？`,
      `"${name}" is not in your contacts: who should get it?`,
    );
  return t(lang, '发给谁？', 'Who should get the message?');
}

/** Reads a message to send. */
export function readMessage(input: ClauseInput): ClauseOutcome {
  const { cat, lang, folded, text } = input;
  const people = peopleIn(input);
  let found: { form: Form; who: PersonMention; start: number } | undefined;
  let unknown: string | undefined;
  for (const form of FORMS) {
    for (const m of folded.matchAll(form.head)) {
      const at = m.index + m[0].length;
      const who = personAt(people, folded, at) ?? pronounAt(folded, at, input.previous);
      if (!who) {
        unknown ??= unknownNameAt(folded, at, lang);
        continue;
      }
      const link = folded.slice(who.span.end).match(form.link);
      if (!link) continue;
      if (!found || m.index < found.start) found = { form, who, start: m.index };
      break;
    }
  }
  if (!found) return unsure(t(lang, '要发消息', 'Send a message'), [missingRecipient(lang, unknown)]);
  const { form, who } = found;
  const linkLength = folded.slice(who.span.end).match(form.link)![0].length;
  const more = folded.slice(who.span.end).match(/^\s*(?:和|跟|、|and\s+|&\s*)/i);
  if (more && personAt(people, folded, who.span.end + more[0].length)) {
    return unsure(t(lang, '要发消息', 'Send a message'), [
      t(
        lang,
        '一次只能发给一个人或一个群，先发给谁？',
        'One message goes to one person or group: who first?',
      ),
    ]);
  }
  if (who.candidates.length > 1) {
    const options = who.candidates.map((c) => describeContact(c, lang));
    return unsure(t(lang, '要发消息', 'Send a message'), [
      t(lang, `发给哪位${who.said}？${which(options, lang)}`, `Which ${who.said}? ${which(options, lang)}`),
    ]);
  }
  const to = who.candidates[0]!;
  // "…and let the group know": what the earlier part did is the news to pass on.
  const words = cleanText(text.slice(who.span.end + linkLength)) || (input.news ?? '');
  const toName = recipientName(to, lang);
  if (!words)
    return unsure(t(lang, `给${toName}发消息`, `Message ${toName}`), [
      t(lang, `要跟${toName}说什么？`, `What should I tell ${toName}?`),
    ]);
  const message = form.shape ? form.shape(words) : words;
  let confidence = form.sure - (who.byName ? 0 : 0.05);
  if (to.kind === 'contact' && soundAlikes(cat, to.contact.id).length > 0) confidence -= 0.1;
  return step(
    { recipe: 'send_message', params: { to: recipientId(to), text: message } },
    confidence,
    t(lang, `告诉${toName}：“${message}”`, `Tell ${toName}: "${message}"`),
    // From the verb on, everything is the message; what stands before the verb must be read too.
    [{ start: found.start, end: folded.length }],
  );
}
