import { ErrandError } from '../../../errors.js';
import { appScreens, type Row, type ScreenContext, type ScreenRoute } from '../../screens/kit.js';

const { page, money, esc, field, select, toolForm } = appScreens('inventory', [
  { path: '/inventory', zh: '库存', en: 'Stock' },
  { path: '/inventory/suppliers', zh: '供应商', en: 'Suppliers' },
  { path: '/inventory/orders', zh: '采购单', en: 'Orders' },
  { path: '/inventory/move', zh: '调拨', en: 'Move' },
]);

function stockRows(s: ScreenContext, input: Record<string, unknown> = {}): Row[] {
  return s.read<{ stock: Row[] }>('inventory', 'list_stock', input).stock;
}

/** The warehouses, as the stock list names them. */
function warehouses(rows: Row[]): string[] {
  return [...new Set(rows.map((r) => String(r.warehouse_id)))];
}

function stock(s: ScreenContext): string {
  const all = stockRows(s);
  const wh = s.q('warehouse');
  const low = s.q('low') === '1';
  const rows = stockRows(s, {
    ...(wh ? { warehouse_id: wh } : {}),
    ...(low ? { below_reorder_only: true } : {}),
  });
  const byWarehouse = warehouses(rows).map(
    (w) =>
      `<section aria-label="${esc(w)}"><h2>${esc(w)}</h2><ul class="list">${rows
        .filter((r) => r.warehouse_id === w)
        .map(
          (r) =>
            `<li class="card"><a href="${esc(s.href(`/inventory/s/${w}/${r.sku}`))}">${esc(s.name(r))}</a> <span class="muted">${esc(r.sku)}</span>
<div${r.below_reorder_point ? ' class="price"' : ''}>${s.t('在库', 'On hand')} ${esc(r.on_hand)} · ${s.t('在途', 'Incoming')} ${esc(r.incoming)} · ${s.t('补货点', 'Reorder point')} ${esc(r.reorder_point)} · ${s.t('补货量', 'Reorder qty')} ${esc(r.reorder_qty)}${r.below_reorder_point ? ` · ${s.t('低于补货点', 'Below reorder point')}` : ''}</div></li>`,
        )
        .join('')}</ul></section>`,
  );
  return page(
    s,
    s.t('各仓库存', 'Stock by warehouse'),
    `<form method="get" class="card" aria-label="${esc(s.t('筛选库存', 'Filter stock'))}">${select(
      s.t('仓库', 'Warehouse'),
      'warehouse',
      [['', s.t('全部仓库', 'All warehouses')], ...warehouses(all).map((w): [string, string] => [w, w])],
      wh,
    )}<label class="check"><input type="checkbox" name="low" value="1"${low ? ' checked' : ''}>${s.t('只看低于补货点', 'Below reorder point only')}</label><button>${s.t('筛选', 'Filter')}</button></form>
${byWarehouse.join('') || `<p class="muted">${s.t('没有符合的库存', 'Nothing matches')}</p>`}`,
  );
}

function stockLine(s: ScreenContext): string {
  const w = s.p('warehouse');
  const r = stockRows(s, { warehouse_id: w }).find((x) => x.sku === s.p('sku'));
  if (!r)
    throw new ErrandError(
      'NOT_FOUND',
      s.t(`${w} 没有 ${s.p('sku')}。`, `${w} does not stock ${s.p('sku')}.`),
    );
  return page(
    s,
    `${s.name(r)} · ${w}`,
    `<section class="card"><div>${s.t('在库', 'On hand')} ${esc(r.on_hand)} · ${s.t('在途', 'Incoming')} ${esc(r.incoming)}</div>
<a href="${esc(s.href(`/inventory/suppliers?sku=${r.sku}`))}">${esc(s.t(`谁卖${s.name(r)}`, `Who sells ${s.name(r)}`))}</a></section>
${toolForm(
  'inventory',
  'set_reorder_point',
  `<input type="hidden" name="warehouse_id" value="${esc(w)}"><input type="hidden" name="sku" value="${esc(r.sku)}">${field(s.t('补货点', 'Reorder point'), 'reorder_point', { type: 'number', data: 'int', value: String(r.reorder_point), required: true })}${field(s.t('补货量', 'Reorder quantity'), 'reorder_qty', { type: 'number', data: 'int', value: String(r.reorder_qty) })}<button>${s.t('保存补货设置', 'Save restock settings')}</button>`,
  { done: s.t('已保存', 'Saved'), cls: 'card' },
)}`,
    '/inventory',
  );
}

function suppliers(s: ScreenContext): string {
  const sku = s.q('sku');
  const items = stockRows(s);
  const list = s.read<{ suppliers: Row[] }>('inventory', 'list_suppliers', sku ? { sku } : {}).suppliers;
  const skuName = (id: string) => {
    const r = items.find((x) => x.sku === id);
    return r ? s.name(r) : id;
  };
  const skus = [...new Set(items.map((r) => String(r.sku)))];
  return page(
    s,
    s.t('供应商', 'Suppliers'),
    `<form method="get" class="card" aria-label="${esc(s.t('按商品找供应商', 'Suppliers by item'))}">${select(
      s.t('商品', 'Item'),
      'sku',
      [['', s.t('全部商品', 'All items')], ...skus.map((id): [string, string] => [id, skuName(id)])],
      sku,
    )}<button>${s.t('查看', 'Show')}</button></form>
<ul class="list">${list
      .map(
        (p) =>
          `<li class="card"><h2>${esc(s.name(p))}</h2><div class="muted">${esc(p.id)} · ${s.t('交期', 'Lead time')} ${esc(p.lead_days)} ${s.t('天', 'days')} · ${s.t('最早到货', 'Earliest delivery')} ${esc(p.earliest_delivery)}</div><p class="muted">${esc(p.notes)}</p>
<ul>${(p.prices as Row[]).map((x) => `<li>${esc(skuName(x.sku))}（${esc(x.sku)}）${money(x.unit_price)} · ${s.t('起订', 'min')} ${esc(x.min_qty)}</li>`).join('')}</ul>
<a class="button" href="${esc(s.href(`/inventory/order?supplier=${p.id}${sku ? `&sku=${sku}` : ''}`))}">${esc(s.t(`向${s.name(p)}下单`, `Order from ${s.name(p)}`))}</a></li>`,
      )
      .join('')}</ul>`,
  );
}

function orderForm(s: ScreenContext): string {
  const items = stockRows(s);
  const all = s.read<{ suppliers: Row[] }>('inventory', 'list_suppliers').suppliers;
  const chosen = all.find((p) => p.id === s.q('supplier'));
  const skuName = (id: string) => {
    const r = items.find((x) => x.sku === id);
    return r ? s.name(r) : id;
  };
  const sold: [string, string][] = [
    ['', s.t('选择商品', 'Choose an item')],
    ...((chosen?.prices ?? []) as Row[]).map((x): [string, string] => [
      x.sku,
      `${skuName(x.sku)} · ${x.unit_price.display} · ${s.t('起订', 'min')} ${x.min_qty}`,
    ]),
  ];
  const line = (i: number) =>
    `<fieldset><legend>${s.t(`第 ${i + 1} 行`, `Line ${i + 1}`)}</legend>${select(s.t(`商品 ${i + 1}`, `Item ${i + 1}`), `lines.${i}.sku`, sold, i === 0 ? s.q('sku') : undefined, i === 0 ? ' required' : '')}${field(s.t(`数量 ${i + 1}`, `Quantity ${i + 1}`), `lines.${i}.quantity`, { type: 'number', data: 'int', ...(i === 0 ? { required: true } : {}) })}</fieldset>`;
  return page(
    s,
    s.t('新建采购单', 'New purchase order'),
    `${chosen ? `<p class="card">${esc(s.name(chosen))} · ${s.t('最早到货', 'earliest delivery')} ${esc(chosen.earliest_delivery)}</p>` : ''}${toolForm(
      'inventory',
      'create_purchase_order',
      `${select(
        s.t('供应商', 'Supplier'),
        'supplier_id',
        [
          ['', s.t('选择供应商', 'Choose a supplier')],
          ...all.map((p): [string, string] => [p.id, s.name(p)]),
        ],
        chosen?.id,
        ' required data-reload="supplier"',
      )}${select(s.t('送到仓库', 'Deliver to warehouse'), 'warehouse_id', [['', s.t('选择仓库', 'Choose a warehouse')], ...warehouses(items).map((w): [string, string] => [w, w])], undefined, ' required')}
${line(0)}${line(1)}${field(s.t('确认总价（元）', 'Confirmed total (¥)'), 'total_fen', { type: 'number', data: 'yuan', required: true })}${field(s.t('最晚到货日期（可选）', 'Needed by (optional)'), 'need_by', { type: 'date' })}
<button>${s.t('下采购单', 'Place purchase order')}</button>`,
      {
        confirm: s.t(
          '向 {supplier_id} 下采购单，送到 {warehouse_id}，共 ¥{total_fen}？',
          'Order from {supplier_id} for {warehouse_id}, ¥{total_fen} in all?',
        ),
        done: s.t('采购单已下', 'Purchase order placed'),
        next: '/ui/inventory/orders/{purchase_order.id}',
        cls: 'card',
      },
    )}`,
    '/inventory/suppliers',
  );
}

const PO_STATUSES = ['all', 'placed', 'received', 'cancelled'] as const;

function poStatus(s: ScreenContext, status: string): string {
  const t: Record<string, [string, string]> = {
    all: ['全部', 'All'],
    placed: ['已下单', 'Placed'],
    received: ['已收货', 'Received'],
    cancelled: ['已取消', 'Cancelled'],
  };
  const pair = t[status];
  return pair ? s.t(pair[0], pair[1]) : status;
}

/** A supplier's name in the screen's language, by id (the app's own supplier list). */
function supplierNames(s: ScreenContext): (id: string) => string {
  const all = s.read<{ suppliers: Row[] }>('inventory', 'list_suppliers').suppliers;
  return (id) => {
    const p = all.find((x) => x.id === id);
    return p ? s.name(p) : id;
  };
}

function orders(s: ScreenContext): string {
  const status = PO_STATUSES.find((x) => x === s.q('status')) ?? 'all';
  const list = s.read<{ purchase_orders: Row[] }>('inventory', 'list_purchase_orders', {
    status,
  }).purchase_orders;
  const supplier = supplierNames(s);
  return page(
    s,
    s.t('采购单', 'Purchase orders'),
    `<form method="get" class="card" aria-label="${esc(s.t('筛选采购单', 'Filter purchase orders'))}">${select(
      s.t('状态', 'Status'),
      'status',
      PO_STATUSES.map((x): [string, string] => [x, poStatus(s, x)]),
      status,
    )}<button>${s.t('筛选', 'Filter')}</button></form>
<ul class="list">${
      list
        .map(
          (p) =>
            `<li class="card"><a href="${esc(s.href(`/inventory/orders/${p.id}`))}">${esc(p.id)}</a> <span class="price">${money(p.total)}</span><div class="muted">${esc(supplier(p.supplier_id))} → ${esc(p.warehouse_id)} · ${s.t('到货', 'Due')} ${esc(p.due)} · ${esc(poStatus(s, p.status))}</div></li>`,
        )
        .join('') || `<li class="muted">${s.t('没有采购单', 'No purchase orders')}</li>`
    }</ul>`,
  );
}

function order(s: ScreenContext): string {
  const p = s
    .read<{ purchase_orders: Row[] }>('inventory', 'list_purchase_orders', { status: 'all' })
    .purchase_orders.find((x) => x.id === s.p('id'));
  if (!p)
    throw new ErrandError('NOT_FOUND', s.t(`没有采购单 ${s.p('id')}。`, `No purchase order ${s.p('id')}.`));
  const lines = p.lines as Row[];
  const supplier = supplierNames(s)(p.supplier_id);
  const actions =
    p.status === 'placed'
      ? `${toolForm(
          'inventory',
          'receive_delivery',
          `<input type="hidden" name="po_id" value="${esc(p.id)}"><button>${s.t('全部收货', 'Receive everything')}</button>`,
          { done: s.t('已收货入库', 'Received') },
        )}${toolForm(
          'inventory',
          'receive_delivery',
          `<input type="hidden" name="po_id" value="${esc(p.id)}">${lines
            .map(
              (l, i) =>
                `<input type="hidden" name="lines.${i}.sku" value="${esc(l.sku)}">${field(s.t(`${l.sku} 到货数量`, `${l.sku} units arrived`), `lines.${i}.quantity`, { type: 'number', data: 'int', required: true })}`,
            )
            .join('')}<button class="secondary">${s.t('部分收货', 'Receive part')}</button>`,
          { done: s.t('已收货入库', 'Received'), cls: 'card', label: s.t('部分收货', 'Receive part') },
        )}${toolForm(
          'inventory',
          'cancel_purchase_order',
          `<input type="hidden" name="po_id" value="${esc(p.id)}"><button class="secondary">${s.t('取消采购单', 'Cancel purchase order')}</button>`,
          {
            confirm: s.t(`取消采购单 ${p.id}？`, `Cancel purchase order ${p.id}?`),
            done: s.t('采购单已取消', 'Purchase order cancelled'),
          },
        )}`
      : '';
  return page(
    s,
    `${s.t('采购单', 'Purchase order')} ${p.id}`,
    `<section class="card"><div>${esc(supplier)} → ${esc(p.warehouse_id)} · ${esc(poStatus(s, p.status))}</div><div class="price" style="font-size:24px">${money(p.total)}</div><div class="muted">${s.t('到货', 'Due')} ${esc(p.due)}</div>
<ul>${lines.map((l) => `<li>${esc(l.sku)} × ${esc(l.quantity)} @ ${money(l.unit_price)} · ${s.t('已到', 'received')} ${esc(l.received)}</li>`).join('')}</ul></section>${actions}`,
    '/inventory/orders',
  );
}

function move(s: ScreenContext): string {
  const items = stockRows(s);
  const whs: [string, string][] = warehouses(items).map((w) => [w, w]);
  const skus: [string, string][] = [
    ['', s.t('选择商品', 'Choose an item')],
    ...[...new Map(items.map((r) => [String(r.sku), s.name(r)])).entries()],
  ];
  return page(
    s,
    s.t('仓库调拨', 'Move stock'),
    toolForm(
      'inventory',
      'transfer_stock',
      `${select(s.t('商品', 'Item'), 'sku', skus, s.q('sku'), ' required')}${select(s.t('调出仓库', 'From warehouse'), 'from_warehouse_id', whs)}${select(s.t('调入仓库', 'To warehouse'), 'to_warehouse_id', whs, whs[1]?.[0])}
${field(s.t('数量', 'Units'), 'quantity', { type: 'number', data: 'int', required: true })}<button>${s.t('调拨', 'Move units')}</button>`,
      {
        confirm: s.t(
          '从 {from_warehouse_id} 调 {quantity} 个 {sku} 到 {to_warehouse_id}？',
          'Move {quantity} × {sku} from {from_warehouse_id} to {to_warehouse_id}?',
        ),
        done: s.t('已调拨', 'Moved'),
        next: '/ui/inventory',
        cls: 'card',
      },
    ),
  );
}

/** Inventory's screens: stock by warehouse, a stock line's restock settings, suppliers, purchase orders, moves. */
export const inventoryScreens: ScreenRoute[] = [
  ['/ui/inventory', stock],
  ['/ui/inventory/s/:warehouse/:sku', stockLine],
  ['/ui/inventory/suppliers', suppliers],
  ['/ui/inventory/order', orderForm],
  ['/ui/inventory/orders', orders],
  ['/ui/inventory/orders/:id', order],
  ['/ui/inventory/move', move],
];
