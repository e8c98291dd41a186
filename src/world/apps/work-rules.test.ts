import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { World } from '../index.js';

/** The rules the work apps enforce whatever the caller says: what a real company system would refuse. */
let liming: World;
let sam: World;
let key = 0;
const call = (w: World, app: string, tool: string, input: Record<string, unknown>) =>
  w.call(app, tool, { ...input, idempotency_key: `k${key++}` });
const code = (r: ReturnType<World['call']>) => (r.ok ? 'ok' : r.error.code);

beforeEach(() => {
  liming = World.open({ seed: 1, persona: 'liming' });
  sam = World.open({ seed: 1, persona: 'sam' });
});
afterEach(() => {
  liming.close();
  sam.close();
});

describe('ledger', () => {
  it('never lets a cost centre spend past its budget, and only its owner approves', () => {
    expect(
      code(
        call(sam, 'ledger', 'approve_expense', {
          expense_id: 'exp_seed_4',
          employee_id: 'p_lisa',
          amount_fen: 240_000,
        }),
      ),
    ).toBe('LIMIT_EXCEEDED');
    expect(
      code(
        call(liming, 'ledger', 'approve_expense', {
          expense_id: 'exp_seed_5',
          employee_id: 'p_kevin',
          amount_fen: 120_000,
        }),
      ),
    ).toBe('FORBIDDEN');
    expect(
      code(
        call(sam, 'ledger', 'approve_expense', {
          expense_id: 'exp_seed_5',
          employee_id: 'p_kevin',
          amount_fen: 120_000,
        }),
      ),
    ).toBe('ok');
    const eng = sam.db
      .prepare("SELECT budget - spent AS left FROM ledger_cost_centres WHERE id = 'cc_eng'")
      .get() as { left: number };
    expect(eng.left).toBe(80_000);
  });

  it('takes the person’s own paid order as a receipt, for its total, once', () => {
    const file = (ref: string, amount: number) =>
      call(sam, 'ledger', 'file_expense', {
        receipt_ref: ref,
        cost_centre_id: 'cc_eng',
        category: 'client_meal',
        description: 'lunch',
        amount_fen: amount,
      });
    expect(code(file('food:ord_liming_friday', 3800))).toBe('NOT_FOUND');
    expect(code(file('food:ord_sam_friday', 9999))).toBe('AMOUNT_MISMATCH');
    expect(code(file('food:ord_sam_friday', 10_300))).toBe('ok');
    expect(code(file('food:ord_sam_friday', 10_300))).toBe('CONFLICT');
  });

  it('pays an invoice once, to its vendor, for its amount', () => {
    const pay = (vendor: string, amount: number) =>
      call(sam, 'ledger', 'pay_invoice', { invoice_id: 'inv_ch_11', vendor_id: vendor, amount_fen: amount });
    expect(code(pay('v_other', 360_000))).toBe('AMOUNT_MISMATCH');
    expect(code(pay('v_cloudhost', 360_000))).toBe('ok');
    expect(code(pay('v_cloudhost', 360_000))).toBe('ALREADY_PAID');
  });
});

describe('inventory', () => {
  const order = (supplier: string, total: number, needBy?: string) =>
    call(liming, 'inventory', 'create_purchase_order', {
      supplier_id: supplier,
      warehouse_id: 'wh_sh',
      lines: [{ sku: 'sku_sensor', quantity: 200 }],
      total_fen: total,
      ...(needBy ? { need_by: needBy } : {}),
    });

  it('prices an order itself, and refuses a supplier who cannot deliver by the date asked', () => {
    expect(code(order('sup_xinyuan', 700_000))).toBe('AMOUNT_MISMATCH');
    expect(code(order('sup_huaxin', 640_000, '2026-12-04'))).toBe('CONFLICT');
    const ok = order('sup_xinyuan', 760_000, '2026-12-04');
    expect(ok.ok && (ok.data as { purchase_order: { due: string } }).purchase_order.due).toBe('2026-12-03');
  });

  it('books a delivery into stock once, and never moves more stock than there is', () => {
    expect(code(call(liming, 'inventory', 'receive_delivery', { po_id: 'po_seed_box' }))).toBe('ok');
    expect(code(call(liming, 'inventory', 'receive_delivery', { po_id: 'po_seed_box' }))).toBe('CONFLICT');
    const move = call(liming, 'inventory', 'transfer_stock', {
      sku: 'sku_hub',
      from_warehouse_id: 'wh_sz',
      to_warehouse_id: 'wh_sh',
      quantity: 21,
    });
    expect(code(move)).toBe('OUT_OF_STOCK');
  });
});

describe('tracker', () => {
  it('merges only a green, approved pull request, and closes the issue it fixes', () => {
    expect(code(call(sam, 'tracker', 'merge_pr', { pr_id: 'pr_202' }))).toBe('CONFLICT');
    expect(code(call(sam, 'tracker', 'merge_pr', { pr_id: 'pr_201' }))).toBe('CONFLICT');
    expect(code(call(sam, 'tracker', 'merge_pr', { pr_id: 'pr_205' }))).toBe('ok');
    const issue = sam.db.prepare("SELECT status FROM tracker_issues WHERE id = 'iss_109'").get() as {
      status: string;
    };
    expect(issue.status).toBe('closed');
  });

  it('never asks an author to review their own work, nor someone outside the company', () => {
    expect(
      code(call(sam, 'tracker', 'request_review', { pr_id: 'pr_201', reviewer_ids: ['p_luolin'] })),
    ).toBe('CONFLICT');
    expect(
      code(call(sam, 'tracker', 'request_review', { pr_id: 'pr_201', reviewer_ids: ['p_rachel'] })),
    ).toBe('FORBIDDEN');
  });
});

describe('mail', () => {
  it('replies only to people in the thread, and sends only to colleagues and contacts', () => {
    expect(code(call(liming, 'mail', 'reply', { message_id: 'ml_li_01', to: ['p_sunli'], body: 'x' }))).toBe(
      'CONFLICT',
    );
    expect(code(call(liming, 'mail', 'send_mail', { to: ['p_stranger_cs'], subject: 's', body: 'b' }))).toBe(
      'FORBIDDEN',
    );
    expect(code(liming.call('mail', 'read_thread', { thread_id: 'th_sam_01' }))).toBe('NOT_FOUND');
    const fwd = call(liming, 'mail', 'forward', { message_id: 'ml_li_03', to: ['p_sunli'], note: '请看' });
    expect(fwd.ok && (fwd.data as { message: { attachments: unknown[] } }).message.attachments).toHaveLength(
      1,
    );
  });
});

describe('the work apps, linked', () => {
  const invoicesFor = (w: World, po: string) =>
    w.db.prepare('SELECT * FROM ledger_invoices WHERE po_id = ?').all(po) as Record<string, unknown>[];
  const notices = (w: World, owner: string) =>
    w.db
      .prepare(
        'SELECT subject, body, from_address, folder, read FROM mail_messages WHERE owner_id = ? AND from_id IS NULL AND from_address LIKE ?',
      )
      .all(owner, '%@xinghe.example') as {
      subject: string;
      body: string;
      from_address: string;
      folder: string;
      read: number;
    }[];

  it('books the supplier’s invoice in the ledger once a purchase order has arrived in full, and only then', () => {
    const bulbs = () =>
      liming.db
        .prepare("SELECT on_hand FROM inventory_stock WHERE warehouse_id = 'wh_sh' AND sku = 'sku_bulb'")
        .get();
    expect(
      code(
        call(liming, 'inventory', 'receive_delivery', {
          po_id: 'po_seed_bulb',
          lines: [{ sku: 'sku_bulb', quantity: 100 }],
        }),
      ),
    ).toBe('ok');
    expect(bulbs()).toEqual({ on_hand: 250 });
    expect(invoicesFor(liming, 'po_seed_bulb')).toEqual([]);
    expect(code(call(liming, 'inventory', 'receive_delivery', { po_id: 'po_seed_bulb' }))).toBe('ok');
    expect(bulbs()).toEqual({ on_hand: 450 });
    expect(invoicesFor(liming, 'po_seed_bulb')).toMatchObject([
      {
        direction: 'payable',
        party_id: 'sup_brightway',
        amount: 750_000,
        cost_centre_id: 'cc_supply',
        status: 'open',
        issued_on: '2026-11-30',
        due_on: '2026-12-14',
      },
    ]);
    const id = invoicesFor(liming, 'po_seed_bulb')[0]!.id;
    expect(
      code(
        call(liming, 'ledger', 'pay_invoice', {
          invoice_id: id,
          vendor_id: 'sup_brightway',
          amount_fen: 750_000,
        }),
      ),
    ).toBe('ok');
  });

  it('does not bill twice an order the supplier invoiced with the goods, nor one that was cancelled', () => {
    const before = (liming.db.prepare('SELECT COUNT(*) AS n FROM ledger_invoices').get() as { n: number }).n;
    expect(code(call(liming, 'inventory', 'receive_delivery', { po_id: 'po_seed_box' }))).toBe('ok');
    expect(invoicesFor(liming, 'po_seed_box').map((i) => i.id)).toEqual(['inv_df_1202']);
    expect(code(call(sam, 'inventory', 'cancel_purchase_order', { po_id: 'po_seed_bulb' }))).toBe('ok');
    expect((liming.db.prepare('SELECT COUNT(*) AS n FROM ledger_invoices').get() as { n: number }).n).toBe(
      before,
    );
  });

  it('mails each colleague asked to review a pull request, from the tracker', () => {
    expect(
      code(call(sam, 'tracker', 'request_review', { pr_id: 'pr_203', reviewer_ids: ['p_emily', 'p_kevin'] })),
    ).toBe('ok');
    for (const who of ['p_emily', 'p_kevin'])
      expect(notices(sam, who)).toMatchObject([
        {
          from_address: 'tracker@xinghe.example',
          folder: 'inbox',
          read: 0,
          subject: expect.stringContaining('#203'),
        },
      ]);
    expect(notices(sam, 'p_lisa')).toEqual([]);
  });

  it('mails the employee when their claim is approved or rejected, with the reason', () => {
    expect(
      code(
        call(liming, 'ledger', 'approve_expense', {
          expense_id: 'exp_seed_1',
          employee_id: 'p_liuyang',
          amount_fen: 8_600,
        }),
      ),
    ).toBe('ok');
    expect(
      code(call(liming, 'ledger', 'reject_expense', { expense_id: 'exp_seed_3', reason: '超过人均标准' })),
    ).toBe('ok');
    const mail = notices(liming, 'p_liuyang');
    expect(mail.map((m) => m.from_address)).toEqual(['ledger@xinghe.example', 'ledger@xinghe.example']);
    expect(mail[0]!.subject).toContain('exp_seed_1');
    expect(mail[1]!.subject).toContain('exp_seed_3');
    expect(mail[1]!.body).toContain('超过人均标准');
  });

  it('shows a pull request’s review comments with it', () => {
    const r = sam.call('tracker', 'get_pr', { pr_id: 'pr_205' });
    expect(r.ok && (r.data as { comments: { author_id: string }[] }).comments).toMatchObject([
      { author_id: 'p_kevin' },
    ]);
  });
});
