/**
 * The person's answer to one of errand's questions, read the way their request is read. The answer is
 * taken as more of the request: a name that picks one of two people ("同事那个", "Vivian"), an amount
 * ("200"), a date, or a further instruction ("yes, send it to the warehouse"). Only the person's words
 * are read: the question the model asked is never a source of who, what or how much.
 */
import { fold, partiesIn } from '../../person/index.js';
import { readAmounts } from './amounts.js';
import { withoutBrackets } from '../../person/index.js';
import { languageOf } from './text.js';
import type { Catalogue } from './types.js';

/** Answers that tell nothing: the person does not know, or leaves it to errand. */
const TELLS_NOTHING =
  /^(?:我?也?(?:不(?:知道|清楚|确定|记得|晓得)|没(?:想好|主意)|说不好|不好说|随便|都行|都可以)|i\s+(?:don'?t|do not)\s+know|(?:i'?m\s+)?not\s+sure|no\s+idea|dunno|i\s+(?:can'?t|cannot)\s+(?:say|remember)|whatever|either)(?![\p{L}])/iu;

/** A yes or a no with nothing after it: an approval is the guard's business, not a new allowance. */
const YES_NO =
  /^(?:是的?|对的?|好的?|行|可以|嗯|没错|不是?|不用|不要|别|yes|yeah|yep|yup|ok(?:ay)?|sure|right|correct|no|nope|don'?t)(?:[\s,，.。!！]+|$)/i;

/** The person's answer without the yes or no it starts with; empty when that is all it is. */
export function answerWords(answer: string): string {
  let text = answer.trim();
  for (let m = YES_NO.exec(text); m && m[0].length > 0; m = YES_NO.exec(text)) text = text.slice(m[0].length);
  return text.trim();
}

/** Whether an answer tells errand nothing it could act on ("不知道", "I don't know", "yes"). */
export function tellsNothing(answer: string): boolean {
  const words = answerWords(answer);
  return words.length === 0 || TELLS_NOTHING.test(fold(words).trim());
}

/** The person's world as the answer narrows it, and the names in the request the answer corrected. */
export interface Narrowed {
  catalogue: Catalogue;
  /** A name the request used for someone the answer set aside, and the name of whom the answer chose. */
  renames: { from: string[]; to: string }[];
}

/**
 * The person's world narrowed by the answer: when the answer picks one of several people who go by the
 * same name or sound alike ("which 张伟?" → "大学同学那个"), the others are set aside for this reading,
 * and a name of one set aside ("张伟" for the neighbour 张薇) now means the one chosen.
 */
export function narrowedByAnswer(cat: Catalogue, answer: string): Narrowed {
  const picked = new Set(
    partiesIn(cat.person, fold(answer)).flatMap((m) =>
      m.candidates.flatMap((c) => (c.kind === 'contact' ? [c.contact.id] : [])),
    ),
  );
  const key = (c: Catalogue['contacts'][number]) =>
    withoutBrackets(c.names[1] ?? c.names[0] ?? '').toLowerCase();
  const groups = new Map<string, Catalogue['contacts']>();
  for (const c of cat.contacts) groups.set(key(c), [...(groups.get(key(c)) ?? []), c]);
  const aside = new Set<string>();
  const renames: Narrowed['renames'] = [];
  for (const members of groups.values()) {
    const chosen = members.filter((c) => picked.has(c.id));
    if (members.length < 2 || chosen.length !== 1) continue;
    for (const c of members)
      if (c !== chosen[0]) {
        aside.add(c.id);
        renames.push({ from: c.names, to: chosen[0]!.names[0]! });
      }
  }
  if (aside.size === 0) return { catalogue: cat, renames };
  const contacts = cat.contacts.filter((c) => !aside.has(c.id));
  return { catalogue: { ...cat, contacts, person: { ...cat.person, contacts } }, renames };
}

/** The request with the names the answer corrected put right, as whole names. */
export function renamed(request: string, renames: Narrowed['renames']): string {
  let text = request;
  for (const { from, to } of renames)
    for (const name of [...from].sort((a, b) => b.length - a.length)) {
      const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      const whole = /[\u3400-\u9fff]/.test(name) ? escaped : `(?<![\\p{L}])${escaped}(?![\\p{L}])`;
      text = text.replace(new RegExp(whole, 'gu'), to);
    }
  return text;
}

/**
 * The request with the answer put in, as the reader should read it, best first: an amount alone goes
 * where the request left it out; anything else follows the request as more of what the person said.
 */
export function requestWithAnswer(request: string, answer: string): string[] {
  const words = answerWords(answer);
  const lang = languageOf(request);
  const base = request.trim().replace(/[。.!！?？\s]+$/, '');
  const out: string[] = [];
  const amounts = readAmounts(words);
  const bare = /^\s*(?:¥|rmb\s*|cny\s*)?(\d+(?:\.\d+)?)\s*(?:元|块钱?|yuan|rmb|kuai)?\s*[。.!！]?\s*$/i.exec(
    words,
  );
  const fen = amounts.length === 1 ? amounts[0]!.fen : bare ? Math.round(Number(bare[1]) * 100) : undefined;
  if (fen !== undefined && readAmounts(base).length === 0) {
    const yuan = (fen / 100).toString();
    const vague = /\b(?:(?:some|a (?:bit|little) of|a little|the)\s+)?money\b/i;
    if (lang === 'en' && vague.test(base)) out.push(base.replace(vague, `${yuan} yuan`));
    out.push(lang === 'zh' ? `${base}${yuan}元` : `${base} ${yuan} yuan`);
  }
  out.push(lang === 'zh' ? `${base}，${words}` : `${base}, and ${words}`);
  return out;
}
