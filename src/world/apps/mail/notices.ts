import type { WorldEventHandler } from '../../events.js';
import type { ToolContext } from '../../tool.js';
import { COMPANY } from '../../company.js';

/** The addresses the company's systems send their notices from. */
export const NOTICE_SENDERS = {
  tracker: `tracker@${COMPANY.domain}`,
  ledger: `ledger@${COMPANY.domain}`,
} as const;

/** Puts a notice from one of the company's systems in one person's inbox, as a new unread thread. */
function deliver(
  ctx: ToolContext,
  to: string,
  from: keyof typeof NOTICE_SENDERS,
  subject: string,
  body: string,
): void {
  const id = ctx.nextId('ml');
  ctx.db
    .prepare('INSERT INTO mail_messages VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
    .run(
      id,
      to,
      `th_${id}`,
      'inbox',
      null,
      NOTICE_SENDERS[from],
      JSON.stringify([to]),
      subject,
      body,
      ctx.now,
      0,
      null,
      null,
    );
}

const yuan = (fen: number) => `¥${(fen / 100).toFixed(2)}`;

/** The tracker mails each colleague asked to review a pull request. */
export const onReviewRequested: WorldEventHandler<'review.requested'> = (e, ctx) => {
  for (const reviewer of e.reviewers)
    deliver(
      ctx,
      reviewer,
      'tracker',
      `请审阅 PR #${e.number} / Review requested: #${e.number} ${e.title}`,
      `${e.by} 请你审阅 PR #${e.number}「${e.title}」（${e.prId}）。\n${e.by} asked you to review PR #${e.number} "${e.title}" (${e.prId}).`,
    );
};

/** The ledger mails the employee whose claim was approved or rejected. */
export const onExpenseDecided: WorldEventHandler<'expense.decided'> = (e, ctx) => {
  const approved = e.decision === 'approved';
  deliver(
    ctx,
    e.employeeId,
    'ledger',
    `报销${approved ? '已批准' : '被退回'} / Expense ${e.decision}: ${e.expenseId}`,
    [
      `你的报销 ${e.expenseId}（${e.description}，${yuan(e.amount)}）${approved ? `已由 ${e.by} 批准，款项会打到你的工资卡。` : `被 ${e.by} 退回。`}`,
      `Your claim ${e.expenseId} (${e.description}, ${yuan(e.amount)}) was ${e.decision} by ${e.by}.`,
      ...(e.note ? [`备注 / Note: ${e.note}`] : []),
    ].join('\n'),
  );
};
