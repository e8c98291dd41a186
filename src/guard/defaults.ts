import type { Approver, Guard } from './types.js';

/** A guard that allows everything: for tests of the loop itself and for the runtime benchmark. */
export const allowAll: Guard = {
  check: () => ({ decision: 'allow', reason: 'no mandate checks configured' }),
};

/**
 * The approver for runs nobody watches: approvals follow the policy — `deny` declines them all,
 * `auto` approves only what is inside the mandate (a payment above the approval threshold), never
 * what is outside it (a payee or recipient found only in app text); questions get a standing answer.
 */
export function unattended(policy: 'deny' | 'auto' = 'deny'): Approver {
  return {
    ask: async (question) => {
      if (question.kind === 'confirm')
        return {
          text: 'Nobody is here to confirm, so nothing runs.',
          approved: false,
          by: `policy:${policy}`,
        };
      if (question.kind === 'approval') {
        if (policy === 'auto' && question.withinMandate)
          return {
            text: 'Approved by the unattended policy (allow within mandate).',
            approved: true,
            by: 'policy:auto',
          };
        return {
          text:
            policy === 'auto'
              ? 'This is outside what the person allowed, and nobody is here to approve it, so it is declined.'
              : 'Nobody is here to approve this, so it is declined.',
          approved: false,
          by: `policy:${policy}`,
        };
      }
      return {
        text: 'Nobody is available to answer. Decide within the mandate using what the person already said, or stop with finish(outcome: "blocked") and say what you need.',
        by: `policy:${policy}`,
      };
    },
  };
}
