import { z } from 'zod';

/**
 * Intents: what the person asked for, taken from their request alone — never from app data — before
 * anything runs. Each is a typed allowance the guard matches every write against: a transfer of this
 * amount to this person once, an order of these dishes to this address within this budget, a message
 * to these people. Whoever derives them (the offline reader, a planner model that sees only the
 * request and the person's world, a task file, the person confirming) fills in this one schema.
 */

const base = {
  id: z.string().min(1).describe('A short id for this intent, unique in its set: i1, i2 ...'),
  said: z.string().default('').describe('The words of the request this intent comes from.'),
};

const fen = z.number().int().nonnegative();

/** Send money to one person, once. */
export const transferIntentSchema = z
  .object({
    ...base,
    kind: z.literal('transfer'),
    to: z.string().min(1).describe('Who gets the money: a contact id from the person’s world (p_...).'),
    amountFen: fen
      .positive()
      .optional()
      .describe('How much, in fen (1 yuan = 100 fen); leave out when the request does not say.'),
  })
  .strict();

/** Pay one bill the person has, once: the biller's open payment request. */
export const billIntentSchema = z
  .object({
    ...base,
    kind: z.literal('pay_bill'),
    payee: z
      .string()
      .min(1)
      .describe('Who sent the bill: a biller id from the person’s world, e.g. m_power.'),
    requestId: z.string().optional().describe('The payment request, when already known.'),
    amountFen: fen.optional().describe('The amount the request says to pay, if it says one.'),
  })
  .strict();

/** One thing to buy in an order: by name as the person said it (and by id once known), how many. */
export const wantedItemSchema = z
  .object({
    names: z.array(z.string().min(1)).default([]).describe('What the person called it: 宫保鸡丁, a latte.'),
    ids: z.array(z.string()).optional().describe('Dish or product ids it may be, when already known.'),
    quantity: z.number().int().positive().optional().describe('How many, when the request says.'),
  })
  .strict();

/** Order food for delivery, or buy in the shop, once: what, from where, to where, within what. */
export const orderIntentSchema = z
  .object({
    ...base,
    kind: z.literal('order'),
    app: z.enum(['food', 'shop']).describe('food delivery or the shop.'),
    merchant: z.string().optional().describe('The restaurant id, when already known.'),
    merchantName: z.string().optional().describe('The restaurant as the person named it.'),
    items: z
      .array(wantedItemSchema)
      .default([])
      .describe('What to buy; empty when the request leaves the choice open ("order me lunch").'),
    fromCart: z
      .boolean()
      .optional()
      .describe('True when the person asks to order what is already in their cart ("把购物车里的下单").'),
    address: z
      .string()
      .optional()
      .describe('Where it goes: one of the person’s saved address ids in that app (addr_... or saddr_...).'),
    budgetFen: fen.optional().describe('The most this order may cost, in fen, when the request says.'),
    notes: z
      .string()
      .optional()
      .describe('Wishes about the order the person said that are not items: 不辣, vegetarian, no onions.'),
  })
  .strict();

/** Send a message to these people or groups (each once). */
export const messageIntentSchema = z
  .object({
    ...base,
    kind: z.literal('message'),
    to: z.array(z.string().min(1)).min(1).describe('Contact or group ids from the person’s world.'),
  })
  .strict();

/** Put an event in the calendar with these people invited, once. */
export const eventIntentSchema = z
  .object({
    ...base,
    kind: z.literal('event'),
    attendees: z.array(z.string().min(1)).default([]).describe('Contact ids to invite.'),
  })
  .strict();

/**
 * Restock one item from a supplier chosen by a rule the guard checks against the inventory app's own
 * prices and lead times — the cheapest unit price among suppliers who deliver by `needBy` — rather
 * than a supplier the person named: "from the cheapest supplier who can deliver by 5 December".
 */
export const restockIntentSchema = z
  .object({
    ...base,
    kind: z.literal('restock'),
    sku: z.string().min(1).describe('The item to order: an inventory SKU id (sku_...).'),
    warehouse: z
      .string()
      .optional()
      .describe('Where it goes: a warehouse id (wh_...), when the person said.'),
    needBy: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .describe('The latest delivery date the person gave (YYYY-MM-DD).'),
    supplier: z
      .literal('cheapest_in_time')
      .default('cheapest_in_time')
      .describe('How the supplier is chosen: the cheapest unit price among those who deliver by needBy.'),
  })
  .strict();

/** The kinds of change to something that already exists. */
export const CHANGE_KINDS = [
  'reschedule',
  'cancel',
  'respond',
  'return',
  'review',
  'recall',
  'update',
] as const;

/** Change one existing thing the person described: move or cancel an event, cancel or return an order... */
export const changeIntentSchema = z
  .object({
    ...base,
    kind: z.enum(CHANGE_KINDS),
    app: z
      .enum(['food', 'shop', 'calendar', 'chat', 'mail', 'ledger', 'inventory', 'tracker'])
      .optional()
      .describe('The app that holds it, when the request makes it clear.'),
    target: z
      .string()
      .optional()
      .describe('Its id, when already known (an event, an order, a message, an issue, a purchase order).'),
    about: z.string().default('').describe('How the person described it: 周五的周会, my last shop order.'),
    response: z.enum(['accept', 'decline']).optional().describe('For respond: accept or decline.'),
    action: z
      .string()
      .optional()
      .describe(
        'For update: the operation the person asked for, as the app names its tool (comment, assign_issue, merge_pr ...); one that cannot be undone, such as merge_pr, is allowed only when named here.',
      ),
  })
  .strict();

/** One thing the person asked for. */
export const intentSchema = z.union([
  transferIntentSchema,
  billIntentSchema,
  orderIntentSchema,
  messageIntentSchema,
  eventIntentSchema,
  restockIntentSchema,
  changeIntentSchema,
]);

/** Where a set of intents came from. */
export const INTENT_SOURCES = ['reader', 'planner', 'task', 'person'] as const;

/** What the person asked for in one errand, and where that reading came from. */
export const intentSetSchema = z
  .object({
    intents: z.array(intentSchema).describe('Every write the request asks for; none for a question.'),
    budgetFen: fen
      .nullable()
      .default(null)
      .describe('A limit on the whole errand that the request states, in fen; null when none.'),
    understood: z.string().default('').describe('What errand understood, in the person’s language.'),
    source: z.enum(INTENT_SOURCES).describe('Who read the request.'),
  })
  .strict();

/** One intent. */
export type Intent = z.infer<typeof intentSchema>;
/** The intents of an errand. */
export type IntentSet = z.infer<typeof intentSetSchema>;
/** The input form of an intent set (defaults may be left out). */
export type IntentSetInput = z.input<typeof intentSetSchema>;
/** A thing to buy. */
export type WantedItem = z.infer<typeof wantedItemSchema>;
/** A change to something that exists. */
export type ChangeIntent = z.infer<typeof changeIntentSchema>;
/** An intent of a kind. */
export type IntentOf<K extends Intent['kind']> = Extract<Intent, { kind: K }>;

/** The parties an intent names (who is paid, messaged or invited), for checking and for showing. */
export function partiesOf(intent: Intent): string[] {
  switch (intent.kind) {
    case 'transfer':
      return [intent.to];
    case 'pay_bill':
      return [intent.payee];
    case 'message':
      return intent.to;
    case 'event':
      return intent.attendees;
    default:
      return [];
  }
}
