/** Things one app tells the others, handled synchronously inside the same transaction. */
export type WorldEvent =
  | {
      type: 'payment.paid';
      requestId: string;
      /** The merchant's own reference, e.g. `food:ord_0001`. */
      reference: string;
      amount: number;
    }
  | {
      type: 'payment.refunded';
      requestId: string;
      reference: string;
      amount: number;
    }
  | {
      /** A purchase order arrived in full: the supplier's invoice follows. */
      type: 'purchase.delivered';
      poId: string;
      supplierId: string;
      supplierZh: string;
      supplierEn: string;
      warehouseId: string;
      amount: number;
      lines: { sku: string; name_zh: string; name_en: string; quantity: number }[];
    }
  | {
      /** Someone was asked to review a pull request: the tracker mails them. */
      type: 'review.requested';
      prId: string;
      number: number;
      title: string;
      reviewers: string[];
      by: string;
    }
  | {
      /** An expense claim was approved or rejected: the ledger mails the employee. */
      type: 'expense.decided';
      expenseId: string;
      employeeId: string;
      decision: 'approved' | 'rejected';
      amount: number;
      description: string;
      note: string;
      by: string;
    };

/** The name of a world event. */
export type WorldEventType = WorldEvent['type'];

/** A handler for one kind of world event. */
export type WorldEventHandler<T extends WorldEventType = WorldEventType> = (
  event: Extract<WorldEvent, { type: T }>,
  ctx: import('./tool.js').ToolContext,
) => void;
