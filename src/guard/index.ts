/** The guard: decides every action before it runs, outside the model. */
export type { ActionView, Answer, Approver, Guard, Question, Verdict } from './types.js';
export { allowAll, unattended } from './defaults.js';
export { detectInstructions } from './detect.js';
export { amountsIn, mentions, namedInRequest, type TrustedContext } from './grounding.js';
export { MandateGuard } from './guard.js';
export { SpendLedger } from './ledger.js';
export { describeMandate, type Mandate, type MandateInput, mandateSchema, parseYuan } from './mandate.js';
