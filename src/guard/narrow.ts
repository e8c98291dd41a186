import { type Mandate, type MandateInput, mandateSchema } from './mandate.js';

const RECIPIENTS_FROM_NARROWEST: Mandate['recipients'][] = ['list', 'named', 'contacts'];

function lower(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return Math.min(a, b);
}

function earlier(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return Date.parse(a) <= Date.parse(b) ? a : b;
}

/**
 * The mandate that allows only what both allow: a standing mandate (the person's, for every errand
 * someone else starts) and the one asked for an errand. Whoever asks can narrow the person's mandate,
 * never widen it: the lower budget and caps, the apps both name, the stricter recipients, the ids both
 * allow, every approval either asks for, the earlier end. What the asker leaves out stays the person's.
 * The asked mandate is checked strictly, so a misspelt limit is refused rather than dropped.
 */
export function narrowMandate(standing: Mandate, asked: MandateInput = {}): Mandate {
  const parsed = mandateSchema.parse(asked);
  const apps =
    asked.apps === undefined || asked.apps === null
      ? standing.apps
      : standing.apps === null
        ? parsed.apps
        : (parsed.apps ?? []).filter((a) => standing.apps!.includes(a));
  const recipients =
    RECIPIENTS_FROM_NARROWEST[
      Math.min(
        RECIPIENTS_FROM_NARROWEST.indexOf(standing.recipients),
        RECIPIENTS_FROM_NARROWEST.indexOf(parsed.recipients),
      )
    ]!;
  return {
    currency: 'CNY',
    budgetFen: lower(standing.budgetFen, parsed.budgetFen),
    perPaymentCapFen: lower(standing.perPaymentCapFen, parsed.perPaymentCapFen),
    apps,
    recipients: asked.recipients === undefined ? standing.recipients : recipients,
    allow:
      asked.allow === undefined ? standing.allow : parsed.allow.filter((id) => standing.allow.includes(id)),
    approval: {
      paymentsAboveFen: lower(standing.approval.paymentsAboveFen, parsed.approval.paymentsAboveFen),
      newRecipient: standing.approval.newRecipient || asked.approval?.newRecipient === true,
      irreversible: standing.approval.irreversible || asked.approval?.irreversible === true,
      unknownEffect: standing.approval.unknownEffect || asked.approval?.unknownEffect === true,
    },
    expiresAt: earlier(standing.expiresAt, parsed.expiresAt),
  };
}
