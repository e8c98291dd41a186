/**
 * Reads a cancellation: one of the person's own events, or an order not yet too far along, decided
 * by what the request names. When it names neither plainly, it asks.
 */
import { titleScore } from './answer-invitation.js';
import { ownEventsNamed, readEventCancel } from './change-event.js';
import { ORDER_WORDS, ordersNamed, readOrderCancel } from './change-order.js';
import { type ClauseInput, type ClauseOutcome, unsure } from './outcome.js';
import { t } from './text.js';

/** Reads "Cancel my gym session on Wednesday", "围巾那单帮我取消掉". */
export function readCancel(input: ClauseInput): ClauseOutcome {
  const { cat, lang, folded } = input;
  const own = ownEventsNamed(input, folded);
  const orders = ordersNamed(input);
  if (own.named && orders.length > 0 && !ORDER_WORDS.test(folded)) {
    return unsure(t(lang, '要取消', 'Cancel something'), [
      t(lang, '取消日程还是订单？', 'Cancel the event or an order?'),
    ]);
  }
  // "Cancel the lunch order" asks about an order even when no order has what it names.
  if (orders.length > 0 || ORDER_WORDS.test(folded)) return readOrderCancel(input, orders);
  if (own.named) return readEventCancel(input, own.fits);
  const others = cat.events.filter(
    (e) => e.organizerId !== cat.persona.personId && titleScore(e, folded) > 0,
  );
  if (others.length > 0) {
    return unsure(t(lang, '要取消日程', 'Cancel an event'), [
      t(
        lang,
        '这个日程不是你发起的，不能取消；要拒绝邀请吗？',
        'That event is not yours to cancel: decline the invitation instead?',
      ),
    ]);
  }
  return unsure(t(lang, '要取消', 'Cancel something'), [
    t(lang, '取消哪个日程或订单？', 'Cancel which event or order?'),
  ]);
}
