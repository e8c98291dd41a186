import type Database from 'better-sqlite3';
import { ErrandError } from '../../../errors.js';
import { localDate } from '../../clock.js';
import { formatFen } from '../../money.js';
import type { ToolContext } from '../../tool.js';

/** A wallet account row. */
export interface AccountRow {
  id: string;
  kind: 'person' | 'merchant';
  name_zh: string;
  name_en: string;
  balance: number;
  daily_limit: number | null;
}

/** A payment request row: what a merchant asks a person to pay, payable once. */
export interface RequestRow {
  id: string;
  merchant_id: string;
  payer_id: string;
  amount: number;
  reference: string;
  memo: string;
  status: 'open' | 'paid' | 'refunded' | 'cancelled';
  created_at: number;
  paid_at: number | null;
}

/** Reads an account or fails with NOT_FOUND. */
export function getAccount(db: Database.Database, id: string): AccountRow {
  const row = db.prepare('SELECT * FROM pay_accounts WHERE id = ?').get(id) as AccountRow | undefined;
  if (!row) throw new ErrandError('NOT_FOUND', `No wallet account "${id}".`);
  return row;
}

/** Reads a payment request or fails with NOT_FOUND. */
export function getRequest(db: Database.Database, id: string): RequestRow {
  const row = db.prepare('SELECT * FROM pay_requests WHERE id = ?').get(id) as RequestRow | undefined;
  if (!row) throw new ErrandError('NOT_FOUND', `No payment request "${id}".`);
  return row;
}

/** Creates a merchant's account once (other apps call this while seeding). */
export function ensureMerchantAccount(
  db: Database.Database,
  merchant: { id: string; name_zh: string; name_en: string },
): void {
  db.prepare("INSERT INTO pay_accounts VALUES (?, 'merchant', ?, ?, 0, NULL) ON CONFLICT(id) DO NOTHING").run(
    merchant.id,
    merchant.name_zh,
    merchant.name_en,
  );
}

/** A merchant asks a person to pay; other apps call this when an order is placed. */
export function createPaymentRequest(
  ctx: ToolContext,
  request: { merchantId: string; payerId: string; amount: number; reference: string; memo: string },
): RequestRow {
  getAccount(ctx.db, request.merchantId);
  getAccount(ctx.db, request.payerId);
  if (!Number.isInteger(request.amount) || request.amount <= 0) {
    throw new ErrandError(
      'INVALID_INPUT',
      `A payment request needs a positive amount in fen, got ${request.amount}.`,
    );
  }
  const id = ctx.nextId('preq');
  ctx.db
    .prepare("INSERT INTO pay_requests VALUES (?, ?, ?, ?, ?, ?, 'open', ?, NULL)")
    .run(id, request.merchantId, request.payerId, request.amount, request.reference, request.memo, ctx.now);
  return getRequest(ctx.db, id);
}

/** What a person has paid out today (local date), for the daily limit. */
export function spentToday(ctx: ToolContext, accountId: string): number {
  const rows = ctx.db
    .prepare(
      "SELECT amount, created_at FROM pay_transactions WHERE from_id = ? AND kind IN ('payment', 'transfer')",
    )
    .all(accountId) as { amount: number; created_at: number }[];
  const today = localDate(ctx.now);
  return rows.filter((r) => localDate(r.created_at) === today).reduce((sum, r) => sum + r.amount, 0);
}

/** Moves money between accounts, enforcing balance and daily limit; the only way money moves. */
export function moveMoney(
  ctx: ToolContext,
  move: {
    kind: 'payment' | 'transfer' | 'refund';
    fromId: string;
    toId: string;
    amount: number;
    requestId?: string;
    memo: string;
  },
): string {
  const from = getAccount(ctx.db, move.fromId);
  getAccount(ctx.db, move.toId);
  if (from.balance < move.amount) {
    throw new ErrandError(
      'INSUFFICIENT_FUNDS',
      `The balance of ${formatFen(from.balance)} is not enough to pay ${formatFen(move.amount)}.`,
      { balance: from.balance, needed: move.amount },
    );
  }
  if (move.kind !== 'refund' && from.daily_limit !== null) {
    const spent = spentToday(ctx, from.id);
    if (spent + move.amount > from.daily_limit) {
      throw new ErrandError(
        'LIMIT_EXCEEDED',
        `Paying ${formatFen(move.amount)} would pass the daily limit of ${formatFen(from.daily_limit)} (${formatFen(spent)} already paid today).`,
      );
    }
  }
  const id = ctx.nextId('txn');
  ctx.db.prepare('UPDATE pay_accounts SET balance = balance - ? WHERE id = ?').run(move.amount, move.fromId);
  ctx.db.prepare('UPDATE pay_accounts SET balance = balance + ? WHERE id = ?').run(move.amount, move.toId);
  ctx.db
    .prepare('INSERT INTO pay_transactions VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
    .run(id, move.kind, move.fromId, move.toId, move.amount, move.requestId ?? null, move.memo, ctx.now);
  return id;
}

/** Refunds a paid request in full; the merchant app calls this when an order is cancelled. */
export function refundRequest(ctx: ToolContext, requestId: string): void {
  const request = getRequest(ctx.db, requestId);
  if (request.status === 'open') {
    ctx.db.prepare("UPDATE pay_requests SET status = 'cancelled' WHERE id = ?").run(requestId);
    return;
  }
  if (request.status !== 'paid') {
    throw new ErrandError(
      'CONFLICT',
      `Payment request ${requestId} is ${request.status} and cannot be refunded.`,
    );
  }
  moveMoney(ctx, {
    kind: 'refund',
    fromId: request.merchant_id,
    toId: request.payer_id,
    amount: request.amount,
    requestId,
    memo: `Refund: ${request.memo}`,
  });
  ctx.db.prepare("UPDATE pay_requests SET status = 'refunded' WHERE id = ?").run(requestId);
  ctx.emit({ type: 'payment.refunded', requestId, reference: request.reference, amount: request.amount });
}
