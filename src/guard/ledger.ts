/** One payment the apps reported (a refund of this errand's own payment is negative). */
export interface LedgerEntry {
  app: string;
  tool: string;
  payee: string | null;
  amountFen: number;
}

/**
 * What one errand has actually paid, from the payment effects the apps report — never from what the
 * model says. The guard consults it before every payment.
 */
export class SpendLedger {
  readonly entries: LedgerEntry[] = [];
  /** True once an app made a payment without reporting what it paid: the budget can no longer be counted. */
  unverified = false;

  /** Total paid so far, in fen. */
  get spentFen(): number {
    return this.entries.reduce((sum, e) => sum + e.amountFen, 0);
  }

  record(entry: LedgerEntry): void {
    this.entries.push(entry);
  }
}
