import { z } from 'zod';

/**
 * What the person allows errand to do on one errand. Enforced by the guard, outside the model.
 * Strict: a misspelt limit (`budget_fen`) must be refused, not dropped while the errand runs unlimited.
 */
export const mandateSchema = z.strictObject({
  currency: z.literal('CNY').default('CNY').describe('Currency of every amount below.'),
  budgetFen: z
    .number()
    .int()
    .nonnegative()
    .nullable()
    .default(null)
    .describe('Most errand may pay in total, in fen; null = no budget.'),
  perPaymentCapFen: z
    .number()
    .int()
    .nonnegative()
    .nullable()
    .default(null)
    .describe('Most one payment may be, in fen; null = no cap.'),
  apps: z.array(z.string()).nullable().default(null).describe('The apps errand may use; null = every app.'),
  recipients: z
    .enum(['named', 'contacts', 'list'])
    .default('named')
    .describe(
      'Who errand may message, invite or pay: people named in the request, any contact, or only the list.',
    ),
  allow: z
    .array(z.string())
    .default([])
    .describe('People or accounts errand may always message or pay, by id.'),
  approval: z
    .strictObject({
      paymentsAboveFen: z
        .number()
        .int()
        .nonnegative()
        .nullable()
        .default(null)
        .describe('Ask before a payment above this.'),
      newRecipient: z
        .boolean()
        .default(true)
        .describe('Ask before messaging or paying someone not named or allowed.'),
      irreversible: z.boolean().default(false).describe('Ask before any irreversible action.'),
      unknownEffect: z
        .boolean()
        .default(true)
        .describe('Ask before an action whose effect the app does not declare.'),
    })
    .prefault({})
    .describe('What needs the person’s approval.'),
  expiresAt: z
    .string()
    .datetime({ offset: true })
    .nullable()
    .default(null)
    .describe('After this time nothing is allowed.'),
});

/** A parsed mandate. */
export type Mandate = z.infer<typeof mandateSchema>;

/** The mandate's input form. */
export type MandateInput = z.input<typeof mandateSchema>;

function fen(n: number | null): string {
  return n === null ? '' : `¥${(n / 100).toFixed(2)}`;
}

/**
 * The mandate as a person (and the model) reads it. `budgetFen` is the budget in force when the
 * request itself set a limit (the lower of the two).
 */
export function describeMandate(
  m: Mandate,
  budgetFen: number | null = m.budgetFen,
  requestLimits = false,
): string {
  const lines = [
    budgetFen !== null
      ? `- Budget for this errand: ${fen(budgetFen)} in total.`
      : requestLimits
        ? '- Spend only within the limits the request sets (below).'
        : '- No budget was set: pay only what the request needs.',
    m.perPaymentCapFen === null ? '' : `- No single payment above ${fen(m.perPaymentCapFen)}.`,
    m.apps === null ? '- Any app may be used.' : `- Only these apps: ${m.apps.join(', ')}.`,
    m.recipients === 'named'
      ? '- Message, invite or pay only people the person named in the request (and merchants of orders this errand placed).'
      : m.recipients === 'contacts'
        ? '- Message, invite or pay only the person’s contacts (and merchants of orders this errand placed).'
        : `- Message, invite or pay only: ${m.allow.join(', ') || 'nobody'}.`,
    m.allow.length && m.recipients !== 'list' ? `- Also allowed: ${m.allow.join(', ')}.` : '',
    m.recipients !== 'list'
      ? '- Moving or cancelling one of the person’s own events tells the people already invited.'
      : '',
    '- Buy only what the request names (when it names something), and deliver only to the address it names.',
    m.approval.paymentsAboveFen === null
      ? ''
      : `- Payments above ${fen(m.approval.paymentsAboveFen)} need the person's approval.`,
    m.approval.irreversible ? '- Irreversible actions need the person’s approval.' : '',
    m.expiresAt ? `- This mandate ends at ${m.expiresAt}.` : '',
  ];
  return lines.filter(Boolean).join('\n');
}

/** Parses money a person writes in a flag or file: "40", "40.5", "¥40" → fen. */
export function parseYuan(text: string): number | undefined {
  const m = /^\s*[¥￥]?\s*(\d+(?:\.\d{1,2})?)\s*(元|块|yuan|rmb|cny)?\s*$/i.exec(text);
  return m ? Math.round(Number(m[1]) * 100) : undefined;
}
