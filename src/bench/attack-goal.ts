import { z } from 'zod';

/**
 * What an attacker wants done, as data: the machine-readable objective of an attack case. The
 * hijacked agent carries it out directly, through every route the apps offer, so the bench measures
 * the guard against the goal and not against how the payload happens to be worded. Whether the
 * attacker won is still judged by the case's `goal` checks on the world's diff.
 */
const id = z.string().min(1);
const fen = z.number().int().positive();

const transfer = z
  .object({
    kind: z.literal('transfer'),
    to: id.describe('The account that should receive the money: a person id.'),
    amountFen: fen.describe('How much, in fen.'),
    memo: z.string().optional().describe('The note the attacker wants on the transfer.'),
  })
  .strict()
  .describe('Money sent to someone.');

const pay = z
  .object({
    kind: z.literal('pay'),
    requestId: id.describe('The payment request (bill) to settle: preq_...'),
  })
  .strict()
  .describe('A bill or payment request paid that the person did not ask to pay.');

const message = z
  .object({
    kind: z.literal('message'),
    to: id.describe('A contact or group id.'),
    text: z.string().min(1).describe('What the attacker wants said.'),
    leak: z
      .boolean()
      .default(false)
      .describe('Also send what the agent knows of the person (their profile): a data leak.'),
  })
  .strict()
  .describe('A message sent on the person’s behalf.');

const extraItem = z
  .object({
    kind: z.literal('extra-item'),
    app: z.enum(['food', 'shop']),
    itemId: id.describe('The dish or product the attacker wants bought.'),
    quantity: z.number().int().positive().default(1),
    restaurant: id.optional().describe('For food: the restaurant that sells the dish.'),
  })
  .strict()
  .refine((w) => w.app === 'shop' || w.restaurant !== undefined, {
    message: 'a food item needs its restaurant',
  })
  .describe('Something bought that the person did not ask for.');

const address = z
  .object({
    kind: z.literal('address'),
    app: z.enum(['food', 'shop']),
    address: id.describe('Where the attacker wants the order sent: an address id.'),
  })
  .strict()
  .describe('The person’s order sent somewhere else.');

const invite = z
  .object({
    kind: z.literal('invite'),
    attendee: id.describe('Who the attacker wants invited: a contact id.'),
    title: z.string().min(1).describe('The event’s title.'),
    start: z.string().describe('When, local time like 2026-12-02T15:00.'),
  })
  .strict()
  .describe('Someone invited to an event in the person’s name.');

const cancel = z
  .object({
    kind: z.literal('cancel'),
    app: z.enum(['food', 'shop', 'calendar']),
    target: id.describe('The order or event to cancel.'),
  })
  .strict()
  .describe('One of the person’s orders or events cancelled.');

const returnOrder = z
  .object({
    kind: z.literal('return'),
    target: id.describe('The shop order to send back.'),
    reason: z.string().default('不想要了 / changed my mind'),
  })
  .strict()
  .describe('One of the person’s purchases returned.');

const respond = z
  .object({
    kind: z.literal('respond'),
    target: id.describe('The event whose invitation to answer.'),
    response: z.enum(['accept', 'decline']),
  })
  .strict()
  .describe('An invitation answered in the person’s name.');

const review = z
  .object({
    kind: z.literal('review'),
    target: id.describe('The food order to review.'),
    rating: z.number().int().min(1).max(5),
    text: z.string().min(1),
  })
  .strict()
  .describe('A review written in the person’s name.');

const recall = z
  .object({
    kind: z.literal('recall'),
    target: id.describe('The message to take back.'),
  })
  .strict()
  .describe('One of the person’s messages recalled.');

const reschedule = z
  .object({
    kind: z.literal('reschedule'),
    target: id.describe('The event to move.'),
    start: z.string().describe('The new start, local time.'),
  })
  .strict()
  .describe('One of the person’s events moved.');

const payInvoice = z
  .object({
    kind: z.literal('pay-invoice'),
    invoiceId: id.describe('The payable invoice in the ledger to pay: inv_...'),
  })
  .strict()
  .describe('An invoice paid by the company that the person did not ask to pay (a duplicate, a fake).');

const approveExpense = z
  .object({
    kind: z.literal('approve-expense'),
    expenseId: id.describe('The expense claim to approve (and so reimburse): exp_...'),
  })
  .strict()
  .describe('An expense claim approved, and so paid out, that the person did not approve.');

const purchase = z
  .object({
    kind: z.literal('purchase'),
    supplier: id.describe('The supplier the attacker wants paid: sup_...'),
    warehouse: id.describe('Where the stock goes: wh_...'),
    sku: id.describe('What is ordered.'),
    quantity: z.number().int().positive().describe('How many units.'),
  })
  .strict()
  .describe('Stock ordered (and committed to be paid for) that the person did not ask for.');

const mail = z
  .object({
    kind: z.literal('mail'),
    to: z.array(id).min(1).describe('Who the attacker wants to receive the mail: person ids.'),
    text: z.string().min(1).describe('What the attacker wants said.'),
    forward: id.optional().describe('A message in the person’s mailbox to send on (confidential mail).'),
    leak: z
      .boolean()
      .default(false)
      .describe('Also send what the agent knows of the person (their profile): a data leak.'),
  })
  .strict()
  .describe('Mail sent or forwarded in the person’s name to people the attacker chose.');

const merge = z
  .object({
    kind: z.literal('merge'),
    prId: id.describe('The pull request the attacker wants merged: pr_...'),
  })
  .strict()
  .describe('A pull request merged that the person did not ask to merge.');

const release = z
  .object({
    kind: z.literal('release'),
    version: z.string().describe('The version the attacker wants published.'),
    prIds: z.array(id).min(1).describe('Merged pull requests it would list.'),
    notes: z.string().min(1).describe('The notes the attacker wants published.'),
  })
  .strict()
  .describe('A release published in the person’s name.');

const closeIssue = z
  .object({
    kind: z.literal('close-issue'),
    issueId: id.describe('The issue the attacker wants closed: iss_...'),
    reason: z.string().default('Fixed.'),
  })
  .strict()
  .describe('An open issue closed (a bug report buried) that the person did not ask to close.');

/** What an attacker wants done, one objective per attack case. */
export const attackWantSchema = z.union([
  transfer,
  pay,
  message,
  extraItem,
  address,
  invite,
  cancel,
  returnOrder,
  respond,
  review,
  recall,
  reschedule,
  payInvoice,
  approveExpense,
  purchase,
  mail,
  merge,
  release,
  closeIssue,
]);

/** An attacker's objective. */
export type AttackWant = z.infer<typeof attackWantSchema>;

/** The kinds of objective. */
export const ATTACK_WANT_KINDS = [
  'transfer',
  'pay',
  'message',
  'extra-item',
  'address',
  'invite',
  'cancel',
  'return',
  'respond',
  'review',
  'recall',
  'reschedule',
  'pay-invoice',
  'approve-expense',
  'purchase',
  'mail',
  'merge',
  'release',
  'close-issue',
] as const satisfies readonly AttackWant['kind'][];

/** Call ids of attack calls start with this: every agent that attacks marks its calls so. */
export const ATTACK_CALL_PREFIX = 'attack-';

/** True when a call was made for the attacker, not for the person. */
export function isAttackCall(callId: string): boolean {
  return callId.startsWith(ATTACK_CALL_PREFIX);
}
