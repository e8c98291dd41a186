/**
 * Reads a transfer to a contact: who and how much, and the note if one is given. Money sent cannot be
 * taken back, so anyone who could be two people, or sounds like another contact, is asked about.
 */
import { bareNumbers, readAmounts } from './amounts.js';
import {
  type ClauseInput,
  type ClauseOutcome,
  recipientId,
  recipientName,
  step,
  unsure,
  which,
  yuan,
} from './outcome.js';
import { describeContact, peopleIn, soundAlikes, unknownNameAt } from './people.js';
import { readTime } from './times.js';
import { blank, type Lang, type Span, t } from './text.js';

const MEMO = [
  /(?:备注|留言|附言|写上|注明)[:：]?\s*[「“"]?([^」”"，,。]+)/,
  /(?:作为|当作|当做|算是)([^，,。]+)/,
  // What the money is for: "让她买点好吃的", "聚会AA的钱", "房租".
  /(?:让(?:她|他|ta|TA)|给(?:她|他)|用来|拿去)\s*([^，,。]+)/,
  /([^\s，,。；;转给的个发打汇][^\s，,。；;转给发]{0,11}?的?(?:钱|费|费用|房租|租金|份子钱|生活费|红包))(?=\s*$|\s*[，,。；;])/,
  /\b(?:memo|note)[:\s]+["“]?([^"”,.]+)/i,
  /\bfor\s+(?!me\b|him\b|her\b|them\b)((?:the\s+|my\s+|our\s+|a\s+)?[a-z][a-z\s'-]{1,40}?)\s*[.!]?\s*$/i,
];

/** The note a transfer carries, and where the request says it. */
function memoOf(text: string): { memo: string; span: Span } | undefined {
  for (const re of MEMO) {
    const m = text.match(re);
    const memo = m?.[1]?.trim();
    if (m && memo) return { memo, span: { start: m.index!, end: m.index! + m[0].length } };
  }
  return undefined;
}

function whoNeeded(lang: Lang, name?: string): string {
  if (name)
    return t(
      lang,
      `通讯录里没有「${name}」，转给谁？`,
      `"${name}" is not in your contacts: send it to whom?`,
    );
  return t(lang, '转给谁？', 'Send it to whom?');
}

/** Reads a transfer of money to a contact. */
export function readTransfer(input: ClauseInput): ClauseOutcome {
  const { cat, lang, folded } = input;
  const people = peopleIn(input).filter((p) => p.candidates.every((c) => c.kind === 'contact'));
  const amounts = readAmounts(folded).filter((a) => !a.budget || a.withUnit);
  const clock = readTime(folded, cat.now);
  const taken = [
    ...people.map((p) => p.span),
    ...amounts.map((a) => a.span),
    ...(clock.span ? [clock.span] : []),
  ];
  const bare = amounts.length === 0 ? bareNumbers(blank(folded, taken)) : [];
  const values = [...new Set([...amounts.map((a) => a.fen), ...bare.map((b) => Math.round(b.value * 100))])];
  const amountText = values.length === 1 ? yuan(values[0]!) : undefined;
  const understood = (to?: string) =>
    t(
      lang,
      `转账${amountText ?? ''}${to ? `给${to}` : ''}`,
      `Send ${amountText ?? 'money'}${to ? ` to ${to}` : ''}`,
    );
  const distinctPeople = [
    ...new Set(
      people.map((p) => p.candidates.map((c) => (c.kind === 'contact' ? c.contact.id : '')).join('|')),
    ),
  ];
  if (people.length === 0) {
    const slot = folded.match(/给|转给|转账给|\bto\b|\bsend\b|\bpay\b|\bgive\b/i);
    const name = slot ? unknownNameAt(folded, slot.index! + slot[0].length, lang) : undefined;
    return unsure(understood(), [whoNeeded(lang, name)]);
  }
  if (distinctPeople.length > 1) {
    const names = people.map((p) => p.said);
    return unsure(understood(), [
      t(lang, `转给谁？${which(names, lang)}`, `Send it to whom? ${which(names, lang)}`),
    ]);
  }
  const mention = people[0]!;
  if (mention.candidates.length > 1) {
    const options = mention.candidates.map((c) => describeContact(c, lang));
    return unsure(understood(mention.said), [
      t(
        lang,
        `哪位${mention.said}？${which(options, lang)}`,
        `Which ${mention.said}? ${which(options, lang)}`,
      ),
    ]);
  }
  const to = mention.candidates[0]!;
  if (to.kind !== 'contact') return unsure(understood(), [whoNeeded(lang)]);
  const alike = soundAlikes(cat, to.contact.id);
  if (alike.length > 0) {
    const options = [to, ...alike.map((contact) => ({ kind: 'contact' as const, contact }))].map((c) =>
      describeContact(c, lang),
    );
    return unsure(understood(recipientName(to, lang)), [
      t(lang, `哪位？${which(options, lang)}`, `Which one? ${which(options, lang)}`),
    ]);
  }
  const toName = recipientName(to, lang);
  if (values.length === 0)
    return unsure(understood(toName), [
      t(lang, `转多少钱给${toName}？`, `How much should I send ${toName}?`),
    ]);
  if (values.length > 1) {
    return unsure(understood(toName), [
      t(lang, `转多少？${which(values.map(yuan), lang)}`, `How much? ${which(values.map(yuan), lang)}`),
    ]);
  }
  const amount = values[0]!;
  if (amount <= 0)
    return unsure(understood(toName), [t(lang, '转账金额要大于零', 'The amount must be more than zero')]);
  const note = memoOf(blank(folded, [...taken, ...bare.map((b) => b.span)]));
  const memo = note?.memo.replace(/\s+/g, ' ');
  const confidence = (amounts.length ? 0.94 : 0.86) - (mention.byName ? 0 : 0.04);
  return step(
    { recipe: 'transfer', params: { to: to.contact.id, amount_fen: amount, ...(memo ? { memo } : {}) } },
    confidence,
    t(
      lang,
      `转${yuan(amount)}给${toName}${memo ? `，备注「${memo}」` : ''}`,
      `Send ${yuan(amount)} to ${toName}${memo ? `, memo "${memo}"` : ''}`,
    ),
    [
      ...people.filter((p) => p.candidates.some((c) => recipientId(c) === to.contact.id)).map((p) => p.span),
      ...amounts.map((a) => a.span),
      ...bare.map((b) => b.span),
      ...(note ? [note.span] : []),
    ],
  );
}
