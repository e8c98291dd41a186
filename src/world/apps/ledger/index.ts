import { defineApp } from '../../app.js';
import { LEDGER_SCHEMA, seedLedger } from './seed.js';
import { onPurchaseDelivered } from './supplier-invoices.js';
import { ledgerTools } from './tools.js';

/** The company's books: expense claims and approvals, invoices both ways, budgets by cost centre, exports. */
export const ledgerApp = defineApp({
  name: 'ledger',
  title: { zh: '记账', en: 'Ledger' },
  schema: LEDGER_SCHEMA,
  seed: seedLedger,
  tools: ledgerTools,
  // A purchase order delivered in full brings its supplier's invoice.
  on: { 'purchase.delivered': onPurchaseDelivered },
  untrusted: [
    { table: 'ledger_invoices', column: 'memo', label: 'invoice memo' },
    { table: 'ledger_expenses', column: 'description', label: 'expense description' },
  ],
  examples: {
    file_expense: [
      (db) => ({
        receipt_ref: 'food:ord_liming_thursday',
        cost_centre_id: 'cc_supply',
        category: 'client_meal',
        description: '和客户吃饭',
        amount_fen: (
          db.prepare("SELECT total FROM food_orders WHERE id = 'ord_liming_thursday'").get() as {
            total: number;
          }
        ).total,
      }),
    ],
    approve_expense: [{ expense_id: 'exp_seed_1', employee_id: 'p_liuyang', amount_fen: 8600 }],
    reject_expense: [{ expense_id: 'exp_seed_3', reason: '聚餐超标' }],
    pay_invoice: [{ invoice_id: 'inv_df_1202', vendor_id: 'sup_dongfang', amount_fen: 300_000 }],
    send_reminder: [
      { invoice_id: 'inv_r_gy_1', to: 'p_gaoyuan', text: '高总您好，XH-2026-031 已到期，麻烦安排付款。' },
    ],
    export_expenses: [{ cost_centre_id: 'cc_supply', period: '2026-11' }],
  },
});
