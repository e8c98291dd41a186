/** The guard: decides every action before it runs, outside the model. */
export type { ActionView, Answer, Approver, Guard, Question, Verdict } from './types.js';
export { allowAll, unattended } from './defaults.js';
