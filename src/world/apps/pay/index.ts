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
  untrusted: [],
});
