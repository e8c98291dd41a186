/** Reads the payment of an open bill: "交电费", "pay my phone bill". Only a bill the request names. */
import { type ClauseInput, type ClauseOutcome, nameOf, step, unsure, which, yuan } from './outcome.js';
import { findMentions, groupBySpan, t } from './text.js';

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
    );
  }
  if (bills.length > 1) {
    // Each bill named by words of its own ("电费和话费") is asked for; one word for two bills is not.
    if (said.every((g) => new Set(g.items).size === 1)) {
      return step(
        bills.map((b) => ({ recipe: 'pay_bill' as const, params: { request_id: b.id } })),
        0.9,
        t(lang, `缴纳${bills.map(describe).join('、')}`, `Pay ${bills.map(describe).join(', ')}`),
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
