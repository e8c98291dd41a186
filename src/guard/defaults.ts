import type { Approver, Guard, Question } from './types.js';

/** True when a question is put in Chinese, so that an answer given for the person is said in Chinese too. */
export function askedInChinese(question: Question): boolean {
  if (question.kind === 'approval' && question.lang) return question.lang === 'zh';
  const text = question.kind === 'approval' ? (question.text ?? question.reason) : question.text;
  return /[\u3400-\u9fff]/.test(text);
}

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
    unattended: true,
    ask: async (question) => {
      // Said in the person's language: the question is already in it.
      const zh = askedInChinese(question);
      if (question.kind === 'confirm')
        return {
          text: zh ? '没有人在这里确认，所以什么都不做' : 'Nobody is here to confirm, so nothing runs.',
          approved: false,
          by: `policy:${policy}`,
        };
      if (question.kind === 'approval') {
        if (policy === 'auto' && question.withinMandate)
          return {
            text: zh
              ? '按无人值守规则批准（在授权之内）'
              : 'Approved by the unattended policy (allow within mandate).',
            approved: true,
            by: 'policy:auto',
          };
        return {
          text:
            policy === 'auto'
              ? zh
                ? '这超出了你允许的范围，也没有人可以批准，所以没有执行'
                : 'This is outside what the person allowed, and nobody is here to approve it, so it is declined.'
              : zh
                ? '没有人可以批准，所以没有执行'
                : 'Nobody is here to approve this, so it is declined.',
          approved: false,
          by: `policy:${policy}`,
        };
      }
      return {
        text: zh
          ? '没有人回答你的问题：这个差事没有人在看。请按本人已经说过的话在授权之内决定，或者用 finish(outcome: "blocked") 停下，说明还需要什么。'
          : 'No one answered your question: nobody is watching this errand. Decide within the mandate using what the person already said, or stop with finish(outcome: "blocked") and say what you need.',
        by: `policy:${policy}`,
      };
    },
  };
}
