import { defineApp } from '../../app.js';
import { PAY_SCHEMA } from './schema.js';
import { seedPay } from './seed.js';
import { payTools } from './tools.js';

export { createPaymentRequest, ensureMerchantAccount, getRequest, refundRequest } from './service.js';

/** The wallet: balances, payment requests from merchants, transfers to contacts, refunds, a daily limit. */
export const payApp = defineApp({
  name: 'pay',
  title: { zh: '钱包', en: 'Wallet' },
  schema: PAY_SCHEMA,
  seed: seedPay,
  tools: payTools,
  untrusted: [{ table: 'pay_transactions', column: 'memo', label: 'transfer note' }],
  examples: {
    get_payment_request: [{ request_id: 'preq_power_liming' }],
    pay_request: [
      (db) => {
        const r = db
          .prepare("SELECT amount, merchant_id FROM pay_requests WHERE id = 'preq_power_liming'")
          .get() as {
          amount: number;
          merchant_id: string;
        };
        return { request_id: 'preq_power_liming', amount_fen: r.amount, payee_account_id: r.merchant_id };
      },
    ],
    transfer: [{ to_account_id: 'p_wangfang', amount_fen: 1200, memo: '午饭钱' }],
  },
});
