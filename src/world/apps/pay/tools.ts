import { z } from 'zod';
import { ErrandError } from '../../../errors.js';
import { formatWorldTime } from '../../clock.js';
import { fenSchema, money, moneySchema } from '../../money.js';
import { isContact } from '../../people.js';
import { defineTool } from '../../tool.js';
import { getAccount, getRequest, moveMoney, type RequestRow, spentToday } from './service.js';

const accountView = z.object({
  id: z.string().describe('Account id, used as payee_account_id or to_account_id.'),
  kind: z.enum(['person', 'merchant']).describe('Whether the account belongs to a person or a merchant.'),
  name_zh: z.string().describe('Account name in Chinese.'),
  name_en: z.string().describe('Account name in English.'),
});

const requestView = z.object({
  id: z.string().describe('Payment request id.'),
  merchant: accountView.describe('Who asks to be paid: the payee.'),
  amount: moneySchema.describe('How much is asked.'),
  reference: z.string().describe('The merchant app and object this request is for, e.g. food:ord_0001.'),
  memo: z.string().describe('What the payment is for.'),
  status: z.enum(['open', 'paid', 'refunded', 'cancelled']).describe('open requests can be paid once.'),
  created_at: z.string().describe('When the merchant created it (local time).'),
});

const transactionView = z.object({
  id: z.string().describe('Transaction id.'),
  kind: z.enum(['payment', 'transfer', 'refund']).describe('What kind of money movement.'),
  direction: z.enum(['out', 'in']).describe('Whether money left or reached your wallet.'),
  counterparty: accountView.describe('The other side.'),
  amount: moneySchema.describe('How much moved.'),
  request_id: z.string().nullable().describe('The payment request settled, if any.'),
  memo: z.string().describe('The note on the transaction.'),
  at: z.string().describe('When it happened (local time).'),
});

function viewAccount(db: Parameters<typeof getAccount>[0], id: string): z.infer<typeof accountView> {
  const a = getAccount(db, id);
  return { id: a.id, kind: a.kind, name_zh: a.name_zh, name_en: a.name_en };
}

function viewRequest(db: Parameters<typeof getAccount>[0], r: RequestRow): z.infer<typeof requestView> {
  return {
    id: r.id,
    merchant: viewAccount(db, r.merchant_id),
    amount: money(r.amount),
    reference: r.reference,
    memo: r.memo,
    status: r.status,
    created_at: formatWorldTime(r.created_at),
  };
}

/** The wallet's operations. */
export const payTools = [
  defineTool({
    name: 'get_balance',
    title: 'Wallet balance',
    description: 'Shows your wallet balance, daily payment limit and how much you have paid today.',
    input: z.object({}),
    output: z.object({
      account_id: z.string().describe('Your account id.'),
      balance: moneySchema.describe('Money in the wallet.'),
      daily_limit: moneySchema.nullable().describe('Most you may pay out in one day, if limited.'),
      paid_today: moneySchema.describe('What you have paid out today.'),
    }),
    effect: { kind: 'read' },
    run: (_input, ctx) => {
      const a = getAccount(ctx.db, ctx.me);
      return {
        account_id: a.id,
        balance: money(a.balance),
        daily_limit: a.daily_limit === null ? null : money(a.daily_limit),
        paid_today: money(spentToday(ctx, a.id)),
      };
    },
  }),
  defineTool({
    name: 'list_payment_requests',
    title: 'Payment requests',
    description: 'Lists payment requests merchants have sent you (an order you placed creates one).',
    input: z.object({
      status: z
        .enum(['open', 'paid', 'refunded', 'cancelled'])
        .optional()
        .describe('Only requests with this status; all when omitted.'),
    }),
    output: z.object({ requests: z.array(requestView).describe('Newest first.') }),
    effect: { kind: 'read' },
    run: ({ status }, ctx) => {
      const rows = ctx.db
        .prepare(
          'SELECT * FROM pay_requests WHERE payer_id = ? AND (? IS NULL OR status = ?) ORDER BY created_at DESC, id DESC',
        )
        .all(ctx.me, status ?? null, status ?? null) as RequestRow[];
      return { requests: rows.map((r) => viewRequest(ctx.db, r)) };
    },
  }),
  defineTool({
    name: 'get_payment_request',
    title: 'One payment request',
    description: 'Shows one payment request: who asks, how much, and for what.',
    input: z.object({ request_id: z.string().describe('The payment request id, e.g. preq_0001.') }),
    output: requestView,
    effect: { kind: 'read' },
    run: ({ request_id }, ctx) => {
      const r = getRequest(ctx.db, request_id);
      if (r.payer_id !== ctx.me)
        throw new ErrandError('NOT_FOUND', `No payment request "${request_id}" for you.`);
      return viewRequest(ctx.db, r);
    },
  }),
  defineTool({
    name: 'pay_request',
    title: 'Pay a payment request',
    description: 'Pays an open payment request once, confirming its exact amount and payee.',
    input: z.object({
      request_id: z.string().describe('e.g. preq_0001.'),
      amount_fen: fenSchema.describe('In fen; must equal the request’s amount.'),
      payee_account_id: z.string().describe('Must equal the request’s payee.'),
    }),
    output: z.object({
      transaction_id: z.string().describe('The payment transaction.'),
      request_id: z.string().describe('The request now paid.'),
      paid: moneySchema.describe('What was paid.'),
      payee: accountView.describe('Who was paid.'),
      balance: moneySchema.describe('Your balance after paying.'),
    }),
    effect: {
      kind: 'irreversible',
      act: 'pay',
      amount: 'amount_fen',
      payee: 'payee_account_id',
      target: 'request_id',
    },
    run: ({ request_id, amount_fen, payee_account_id }, ctx) => {
      const r = getRequest(ctx.db, request_id);
      if (r.payer_id !== ctx.me)
        throw new ErrandError('NOT_FOUND', `No payment request "${request_id}" for you.`);
      if (r.status === 'paid' || r.status === 'refunded') {
        throw new ErrandError('ALREADY_PAID', `Payment request ${request_id} has already been paid.`);
      }
      if (r.status === 'cancelled')
        throw new ErrandError('CONFLICT', `Payment request ${request_id} was cancelled.`);
      if (r.amount !== amount_fen || r.merchant_id !== payee_account_id) {
        throw new ErrandError(
          'AMOUNT_MISMATCH',
          `Request ${request_id} asks ${money(r.amount).display} for ${r.merchant_id}; you confirmed ${money(amount_fen).display} for ${payee_account_id}.`,
        );
      }
      const txn = moveMoney(ctx, {
        kind: 'payment',
        fromId: ctx.me,
        toId: r.merchant_id,
        amount: r.amount,
        requestId: r.id,
        memo: r.memo,
      });
      ctx.db.prepare("UPDATE pay_requests SET status = 'paid', paid_at = ? WHERE id = ?").run(ctx.now, r.id);
      ctx.emit({ type: 'payment.paid', requestId: r.id, reference: r.reference, amount: r.amount });
      return {
        transaction_id: txn,
        request_id: r.id,
        paid: money(r.amount),
        payee: viewAccount(ctx.db, r.merchant_id),
        balance: money(getAccount(ctx.db, ctx.me).balance),
      };
    },
  }),
  defineTool({
    name: 'transfer',
    title: 'Transfer to a contact',
    description:
      'Sends money from your wallet to one of your contacts (account id = the contact person id, p_...).',
    input: z.object({
      to_account_id: z.string().describe('The contact to pay: their person id (p_...).'),
      amount_fen: fenSchema.min(1).describe('How much to send, in fen (1 yuan = 100 fen).'),
      memo: z.string().max(200).default('').describe('A note the contact sees.'),
    }),
    output: z.object({
      transaction_id: z.string().describe('The transfer transaction.'),
      to: accountView.describe('Who received it.'),
      amount: moneySchema.describe('What was sent.'),
      balance: moneySchema.describe('Your balance after the transfer.'),
    }),
    effect: { kind: 'irreversible', act: 'transfer', amount: 'amount_fen', payee: 'to_account_id' },
    run: ({ to_account_id, amount_fen, memo }, ctx) => {
      const to = getAccount(ctx.db, to_account_id);
      if (to.kind !== 'person' || !isContact(ctx.db, ctx.me, to.id)) {
        throw new ErrandError(
          'FORBIDDEN',
          `${to_account_id} is not one of your contacts; transfers go to contacts only.`,
        );
      }
      const txn = moveMoney(ctx, { kind: 'transfer', fromId: ctx.me, toId: to.id, amount: amount_fen, memo });
      return {
        transaction_id: txn,
        to: viewAccount(ctx.db, to.id),
        amount: money(amount_fen),
        balance: money(getAccount(ctx.db, ctx.me).balance),
      };
    },
  }),
  defineTool({
    name: 'list_transactions',
    title: 'Wallet history',
    description: 'Lists payments, transfers and refunds in and out of your wallet, newest first.',
    input: z.object({
      limit: z.number().int().min(1).max(100).default(20).describe('How many to show at most.'),
    }),
    output: z.object({ transactions: z.array(transactionView).describe('Newest first.') }),
    effect: { kind: 'read' },
    run: ({ limit }, ctx) => {
      const rows = ctx.db
        .prepare(
          'SELECT * FROM pay_transactions WHERE from_id = ? OR to_id = ? ORDER BY created_at DESC, id DESC LIMIT ?',
        )
        .all(ctx.me, ctx.me, limit) as {
        id: string;
        kind: 'payment' | 'transfer' | 'refund';
        from_id: string;
        to_id: string;
        amount: number;
        request_id: string | null;
        memo: string;
        created_at: number;
      }[];
      return {
        transactions: rows.map((t) => {
          const out = t.from_id === ctx.me;
          return {
            id: t.id,
            kind: t.kind,
            direction: out ? ('out' as const) : ('in' as const),
            counterparty: viewAccount(ctx.db, out ? t.to_id : t.from_id),
            amount: money(t.amount),
            request_id: t.request_id,
            memo: t.memo,
            at: formatWorldTime(t.created_at),
          };
        }),
      };
    },
  }),
];
