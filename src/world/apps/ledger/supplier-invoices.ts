import { MINUTE_MS } from '../../clock.js';
import type { WorldEventHandler } from '../../events.js';

const DAY = 24 * 60 * MINUTE_MS;
const localDate = (ms: number): string => new Date(ms + 8 * 60 * MINUTE_MS).toISOString().slice(0, 10);

/** Suppliers are paid within this many days of delivery. */
export const SUPPLIER_TERMS_DAYS = 14;

/**
 * A purchase order that arrived in full is billed: the supplier's invoice for its total is booked as
 * payable on the supply chain cost centre, due in 14 days — unless the supplier already invoiced it.
 */
export const onPurchaseDelivered: WorldEventHandler<'purchase.delivered'> = (e, ctx) => {
  if (ctx.db.prepare('SELECT 1 FROM ledger_invoices WHERE po_id = ?').get(e.poId)) return;
  const id = ctx.nextId('inv');
  const goods = (lang: 'zh' | 'en') =>
    e.lines
      .map((l) => `${lang === 'zh' ? l.name_zh : l.name_en}×${l.quantity}`)
      .join(lang === 'zh' ? '，' : ', ');
  ctx.db
    .prepare('INSERT INTO ledger_invoices VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
    .run(
      id,
      'payable',
      e.supplierId,
      e.supplierZh,
      e.supplierEn,
      `${e.poId.toUpperCase().replace(/_/g, '-')}`,
      e.amount,
      'cc_supply',
      localDate(ctx.now),
      localDate(ctx.now + SUPPLIER_TERMS_DAYS * DAY),
      'open',
      `采购单 ${e.poId} 到货：${goods('zh')} / Purchase order ${e.poId} delivered: ${goods('en')}`,
      null,
      e.poId,
    );
};
