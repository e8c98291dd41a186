/**
 * Who a request names: contacts by name, nickname or relation ("妈妈", "my sister"), and groups —
 * with the ones that cannot be told apart ("Zhang Wei" is two people; 张伟 sounds like 张薇).
 */
import type { Recipient } from './lexicon.js';
import { partiesIn } from '../../person/index.js';
import { withoutBrackets } from './names.js';
import { type ClauseInput, recipientName } from './outcome.js';
import type { Lang, Span } from './text.js';
import type { Catalogue } from './types.js';

/** One place in the text that names someone, and everyone it could mean. */
export interface PersonMention {
  span: Span;
  said: string;
  candidates: Recipient[];
  /** True when it was a name, false when only a relation word ("同事"). */
  byName: boolean;
}

/** Everyone the text names, in order: read by `person/`, as the guard reads them. */
export function peopleIn(input: ClauseInput, text = input.folded): PersonMention[] {
  return partiesIn(input.cat.person, text).map((m) => ({
    ...m,
    candidates: m.candidates.filter((c): c is Recipient => c.kind !== 'biller'),
  }));
}

/** The person named at a position (after "my " / "我的"), if one is. */
export function personAt(mentions: PersonMention[], text: string, at: number): PersonMention | undefined {
  const skip = text.slice(at).match(/^(?:\s|my\s+|the\s+|our\s+|我的|我们的|我们|我)*/i)![0].length;
  return mentions.find((m) => m.span.start === at + skip || m.span.start === at);
}

/** "他 / 她 / him / her" at a position, meaning the person an earlier part of the request named. */
export function pronounAt(
  text: string,
  at: number,
  previous: Recipient | undefined,
): PersonMention | undefined {
  if (!previous) return undefined;
  const m = text.slice(at).match(/^\s*(他们|她们|他|她|ta|TA|him|her|them)(?![A-Za-z])/);
  if (!m) return undefined;
  const start = at + m[0].length - m[1]!.length;
  return { span: { start, end: at + m[0].length }, said: m[1]!, candidates: [previous], byName: true };
}

/** Other contacts whose name sounds the same (the same romanised name): 张伟 and 张薇 are both "Zhang Wei". */
export function soundAlikes(cat: Catalogue, contactId: string): Catalogue['contacts'] {
  const romanised = (c: Catalogue['contacts'][number]) => withoutBrackets(c.names[1] ?? '').toLowerCase();
  const me = cat.contacts.find((c) => c.id === contactId);
  if (!me || !romanised(me)) return [];
  return cat.contacts.filter((c) => c.id !== contactId && romanised(c) === romanised(me));
}

/** A contact with how the person knows them, to tell candidates apart: "张薇（邻居）". */
export function describeContact(r: Recipient, lang: Lang): string {
  if (r.kind === 'group') return r.group.names[0]!;
  const name = recipientName(r, lang);
  return lang === 'zh' ? `${name}（${r.contact.relation}）` : `${name} (${r.contact.relation})`;
}

/** Reads a name-like word at a position that is not a contact: "李雷" in "给李雷转100", "Bob" in "tell Bob". */
export function unknownNameAt(text: string, at: number, lang: Lang): string | undefined {
  const rest = text.slice(at).replace(/^\s*(?:my\s+|我的)?/i, '');
  if (lang === 'zh') {
    const m = rest.match(
      /^([\u3400-\u9fff·A-Za-z]{1,6}?)(?=说|讲|发|转|打|汇|留言|一声|[：:，,\s]|明天|今天|后天|下周|周|星期|\d|[一二两三四五六七八九十百千]+[元块])/,
    );
    return m?.[1];
  }
  const m = rest.match(/^([A-Z][a-z]+(?:\s[A-Z][a-z]+)?)\b/);
  return m?.[1];
}
