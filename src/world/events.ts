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
    };

/** The name of a world event. */
export type WorldEventType = WorldEvent['type'];

/** A handler for one kind of world event. */
export type WorldEventHandler<T extends WorldEventType = WorldEventType> = (
  event: Extract<WorldEvent, { type: T }>,
  ctx: import('./tool.js').ToolContext,
) => void;
