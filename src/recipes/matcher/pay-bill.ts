/** Reads the payment of an open bill: "交电费", "pay my phone bill". Only a bill the request names. */
import { bareNumbers, readAmounts } from './amounts.js';
import { type ClauseInput, type ClauseOutcome, nameOf, step, unsure, which, yuan } from './outcome.js';
import { blank, findMentions, groupBySpan, t } from './text.js';

const KINDS_ZH = /(水费|燃气费|煤气费|网费|宽带费|物业费|电费|话费)/;
const KINDS_EN = /\b(water|gas|internet|broadband|property|electricity|electric|power|phone|mobile)\b/i;

/** Reads which open bill to pay. */
export function readBillPayment(input: ClauseInput): ClauseOutcome {
  const { cat, lang, folded } = input;
  const said = groupBySpan(
    findMentions(
      folded,
      input.lex.bills.map((e) => ({ item: e.item, name: e.name })),
    ),
  );
  const bills = [...new Set(said.flatMap((g) => g.items))];
  const describe = (b: (typeof cat.bills)[number]) => `${nameOf(b, lang)} ${yuan(b.amountFen)}`;
  // An amount said must be what is owed: "交话费，60块" for a ¥53 bill is not that bill.
  const withUnit = readAmounts(folded);
  const bare = bareNumbers(blank(folded, [...said.map((g) => g.span), ...withUnit.map((a) => a.span)])).map(
    (b) => ({ fen: Math.round(b.value * 100), span: b.span }),
  );
  // A bare number is an amount only when it is what is owed ("交电费，219.34"); a month is not.
  const amounts = [...withUnit, ...bare.filter((b) => !/^\s*月/.test(folded.slice(b.span.end)))];
  const total = bills.reduce((sum, b) => sum + b.amountFen, 0);
  const wrong = amounts.find((a) => a.fen !== total && !bills.some((b) => b.amountFen === a.fen));
  if (bills.length > 0 && wrong) {
    return unsure(t(lang, `缴纳${bills.map(describe).join('、')}`, `Pay ${bills.map(describe).join(', ')}`), [
      t(
        lang,
        `账单是${yuan(total)}，你说的是${yuan(wrong.fen)}：要交哪一笔？`,
        `The bill is ${yuan(total)} but you said ${yuan(wrong.fen)}: which bill do you mean?`,
      ),
    ]);
  }
  // The month a bill is for, said apart from its name ("11月的电费", "my November electricity bill").
  const months = [
    ...folded.matchAll(
      /(\d{1,2}|十一|十二|十|[一二三四五六七八九])\s*月份?的?|\b(?:January|February|March|April|May|June|July|August|September|October|November|December)(?:'s)?\b/gi,
    ),
  ]
    .filter((m) =>
      bills.some((b) =>
        b.names.some((n) =>
          n.toLowerCase().startsWith(
            m[0]
              .replace(/份?的?$|'s$/, '')
              .toLowerCase()
              .replace(/\s+/g, ''),
          ),
        ),
      ),
    )
    .map((m) => ({ start: m.index, end: m.index + m[0].length }));
  const used = [...said.map((g) => g.span), ...amounts.map((a) => a.span), ...months];
  const about = bills.flatMap((b) => b.names);
  if (bills.length === 1) {
    const bill = bills[0]!;
    return step(
      { recipe: 'pay_bill', params: { request_id: bill.id } },
      0.93,
      t(
        lang,
        `缴纳${nameOf(bill, lang)}，${yuan(bill.amountFen)}`,
        `Pay ${nameOf(bill, lang)}: ${yuan(bill.amountFen)}`,
      ),
      used,
      about,
    );
  }
  if (bills.length > 1) {
    // Each bill named by words of its own ("电费和话费") is asked for; one word for two bills is not.
    if (said.every((g) => new Set(g.items).size === 1)) {
      return step(
        bills.map((b) => ({ recipe: 'pay_bill' as const, params: { request_id: b.id } })),
        0.9,
        t(lang, `缴纳${bills.map(describe).join('、')}`, `Pay ${bills.map(describe).join(', ')}`),
        used,
        about,
      );
    }
    return unsure(t(lang, '要交费', 'Pay a bill'), [
      t(
        lang,
        `交哪一笔？${which(bills.map(describe), lang)}`,
        `Which bill? ${which(bills.map(describe), lang)}`,
      ),
    ]);
  }
  const kind = folded.match(KINDS_ZH)?.[1] ?? folded.match(KINDS_EN)?.[1];
  if (kind) {
    return unsure(t(lang, `要交${kind}`, `Pay the ${kind} bill`), [
      t(lang, `没有待缴的${kind}账单`, `There is no open ${kind} bill`),
    ]);
  }
  if (cat.bills.length === 0)
    return unsure(t(lang, '要交费', 'Pay a bill'), [t(lang, '没有待缴的账单', 'There are no open bills')]);
  return unsure(t(lang, '要交费', 'Pay a bill'), [
    t(
      lang,
      `交哪一笔？${which(cat.bills.map(describe), lang)}`,
      `Which bill? ${which(cat.bills.map(describe), lang)}`,
    ),
  ]);
}
