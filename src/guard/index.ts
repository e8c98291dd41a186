/** The guard: decides every action before it runs, outside the model. */
export type { ActionView, Answer, Approver, Guard, Question, Verdict } from './types.js';
export type { HeldIntent } from './adopt.js';
export { allowAll, askedInChinese, unattended } from './defaults.js';
export { detectInstructions } from './detect.js';
export { createdIds, reportedAmount, type TrustedContext } from './grounding.js';
export { MandateGuard, type OwnOrder } from './guard.js';
export {
  CHANGE_KINDS,
  INTENT_SOURCES,
  type Intent,
  type IntentOf,
  type IntentSet,
  type IntentSetInput,
  intentSchema,
  intentSetSchema,
  partiesOf,
  type WantedItem,
} from './intents.js';
export { ItemNames, orderLines } from './items.js';
export { SpendLedger } from './ledger.js';
export { describeMandate, type Mandate, type MandateInput, mandateSchema, parseYuan } from './mandate.js';
export { narrowMandate } from './narrow.js';
export { offeredConnectors } from './offered.js';
export { describeAction, describeIntent, describeIntents, type Lang, langOf, say } from './words.js';
