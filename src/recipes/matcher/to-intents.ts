/**
 * What the offline reader understood, as the guard's intents: each recipe it matched becomes the
 * allowance that recipe needs — an order of these dishes to this address within this budget, a
 * transfer of this amount to this person, a message to these people. Reads (routes, places) need none.
 */
import type { Intent, IntentSet } from '../../guard/index.js';
import { readAmounts } from './amounts.js';
import type { Catalogue, MatchedStep } from './types.js';

function namesOf(list: { id: string; names: string[] }[], id: string): string[] {
  return list.find((x) => x.id === id)?.names.slice(0, 2) ?? [];
}

function intentOf(step: MatchedStep, cat: Catalogue, id: string, stateds: number[]): Intent | undefined {
  switch (step.recipe) {
    case 'order_food': {
      const p = step.params;
      return {
        id,
        said: '',
        kind: 'order',
        app: 'food',
        merchant: p.restaurant_id,
        merchantName: namesOf(cat.restaurants, p.restaurant_id)[0],
        items: p.items.map((i) => ({
          ids: [i.dish_id],
          names: namesOf(cat.dishes, i.dish_id),
          quantity: i.quantity,
        })),
        address: p.address_id,
        ...(p.budget_fen !== undefined ? { budgetFen: p.budget_fen } : {}),
      };
    }
    case 'buy_product': {
      const p = step.params;
      return {
        id,
        said: '',
        kind: 'order',
        app: 'shop',
        items: [{ ids: [p.product_id], names: namesOf(cat.products, p.product_id), quantity: p.quantity }],
        address: p.address_id,
        ...(p.budget_fen !== undefined ? { budgetFen: p.budget_fen } : {}),
      };
    }
    case 'transfer':
      return { id, said: '', kind: 'transfer', to: step.params.to, amountFen: step.params.amount_fen };
    case 'pay_bill': {
      const bill = cat.bills.find((b) => b.id === step.params.request_id);
      // An amount the request states for the bill is part of what was asked (the reader checked it fits).
      const stated = bill && stateds.includes(bill.amountFen) ? { amountFen: bill.amountFen } : {};
      return {
        id,
        said: '',
        kind: 'pay_bill',
        payee: bill?.payee ?? '',
        requestId: step.params.request_id,
        ...stated,
      };
    }
    case 'send_message':
      return { id, said: '', kind: 'message', to: [step.params.to] };
    case 'schedule_event':
      return { id, said: '', kind: 'event', attendees: step.params.attendee_ids };
    case 'answer_invitation':
      return {
        id,
        said: '',
        kind: 'respond',
        app: 'calendar',
        target: step.params.event_id,
        about: namesOf(cat.events, step.params.event_id)[0] ?? '',
        response: step.params.response,
      };
    case 'move_event':
    case 'cancel_event':
      return {
        id,
        said: '',
        kind: step.recipe === 'move_event' ? 'reschedule' : 'cancel',
        app: 'calendar',
        target: step.params.event_id,
        about: namesOf(cat.events, step.params.event_id)[0] ?? '',
      };
    case 'cancel_food_order':
    case 'cancel_shop_order':
      return {
        id,
        said: '',
        kind: 'cancel',
        app: step.recipe === 'cancel_food_order' ? 'food' : 'shop',
        target: step.params.order_id,
        about:
          namesOf(
            step.recipe === 'cancel_food_order' ? cat.foodOrders : cat.shopOrders,
            step.params.order_id,
          )[0] ?? '',
      };
    case 'return_order':
      return {
        id,
        said: '',
        kind: 'return',
        app: 'shop',
        target: step.params.order_id,
        about: namesOf(cat.shopOrders, step.params.order_id)[0] ?? '',
      };
    case 'find_route':
    case 'find_place':
      return undefined;
  }
}

/** The intents of the reader's matched steps, with what it understood in the person's words. */
export function intentsOfSteps(
  steps: MatchedStep[],
  cat: Catalogue,
  understood: string,
  request = '',
): IntentSet {
  const stateds = readAmounts(request).map((a) => a.fen);
  const intents: Intent[] = [];
  for (const step of steps) {
    const intent = intentOf(step, cat, `i${intents.length + 1}`, stateds);
    if (intent) intents.push(intent);
  }
  return { intents, budgetFen: null, understood, source: 'reader' };
}
