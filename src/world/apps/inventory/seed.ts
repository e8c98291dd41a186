import type { SeedContext } from '../../app.js';
import { MINUTE_MS } from '../../clock.js';

/** Inventory's tables: warehouses, items, stock with reorder points, suppliers and their prices, purchase orders and deliveries. */
export const INVENTORY_SCHEMA = `
CREATE TABLE inventory_warehouses (
  id TEXT PRIMARY KEY, name_zh TEXT NOT NULL, name_en TEXT NOT NULL, manager_id TEXT NOT NULL
);
CREATE TABLE inventory_items (
  sku TEXT PRIMARY KEY, name_zh TEXT NOT NULL, name_en TEXT NOT NULL
);
CREATE TABLE inventory_stock (
  warehouse_id TEXT NOT NULL REFERENCES inventory_warehouses(id),
  sku TEXT NOT NULL REFERENCES inventory_items(sku),
  on_hand INTEGER NOT NULL CHECK (on_hand >= 0),
  reorder_point INTEGER NOT NULL CHECK (reorder_point >= 0),
  reorder_qty INTEGER NOT NULL CHECK (reorder_qty > 0),
  PRIMARY KEY (warehouse_id, sku)
);
CREATE TABLE inventory_suppliers (
  id TEXT PRIMARY KEY, name_zh TEXT NOT NULL, name_en TEXT NOT NULL, lead_days INTEGER NOT NULL, notes TEXT NOT NULL
);
CREATE TABLE inventory_prices (
  supplier_id TEXT NOT NULL REFERENCES inventory_suppliers(id),
  sku TEXT NOT NULL REFERENCES inventory_items(sku),
  unit_price INTEGER NOT NULL CHECK (unit_price > 0),
  min_qty INTEGER NOT NULL,
  PRIMARY KEY (supplier_id, sku)
);
CREATE TABLE inventory_purchase_orders (
  id TEXT PRIMARY KEY,
  supplier_id TEXT NOT NULL REFERENCES inventory_suppliers(id),
  warehouse_id TEXT NOT NULL REFERENCES inventory_warehouses(id),
  status TEXT NOT NULL CHECK (status IN ('placed', 'received', 'cancelled')),
  total INTEGER NOT NULL CHECK (total > 0),
  placed_by TEXT NOT NULL,
  placed_at INTEGER NOT NULL,
  due_at INTEGER NOT NULL,
  received_at INTEGER
);
CREATE TABLE inventory_po_lines (
  id TEXT PRIMARY KEY,
  po_id TEXT NOT NULL REFERENCES inventory_purchase_orders(id),
  sku TEXT NOT NULL,
  quantity INTEGER NOT NULL CHECK (quantity > 0),
  unit_price INTEGER NOT NULL,
  received INTEGER NOT NULL DEFAULT 0
);`;

const WAREHOUSES: [string, string, string, string][] = [
  ['wh_sh', '上海仓', 'Shanghai warehouse', 'p_liuyang'],
  ['wh_sz', '深圳仓', 'Shenzhen warehouse', 'p_sunli'],
];

const ITEMS: [string, string, string][] = [
  ['sku_lamp', 'Halo智能台灯', 'Halo smart lamp'],
  ['sku_sensor', '门窗传感器', 'Door sensor'],
  ['sku_plug', '智能插座', 'Smart plug'],
  ['sku_hub', '网关', 'Home hub'],
  ['sku_bulb', '彩色灯泡', 'Colour bulb'],
  ['sku_box', '礼盒', 'Gift box'],
];

// [warehouse, sku, on hand, reorder point, reorder qty]
const STOCK: [string, string, number, number, number][] = [
  ['wh_sh', 'sku_lamp', 40, 60, 100],
  ['wh_sh', 'sku_sensor', 25, 50, 200],
  ['wh_sh', 'sku_plug', 300, 100, 200],
  ['wh_sh', 'sku_hub', 80, 40, 50],
  ['wh_sh', 'sku_bulb', 150, 120, 300],
  ['wh_sh', 'sku_box', 500, 200, 500],
  ['wh_sz', 'sku_lamp', 90, 50, 100],
  ['wh_sz', 'sku_sensor', 60, 40, 100],
  ['wh_sz', 'sku_plug', 70, 100, 200],
  ['wh_sz', 'sku_hub', 20, 30, 50],
  ['wh_sz', 'sku_bulb', 400, 120, 300],
  ['wh_sz', 'sku_box', 150, 200, 500],
];

// [id, 中文, English, lead days, notes]
const SUPPLIERS: [string, string, string, number, string][] = [
  ['sup_xinyuan', '鑫源电子', 'Xinyuan Electronics', 3, '深圳工厂，周末不发货。'],
  ['sup_huaxin', '华芯科技', 'Huaxin Tech', 7, '价格低，交期长。'],
  ['sup_pearl', '珠江元件', 'Pearl River Components', 2, 'Express delivery, higher prices.'],
  ['sup_brightway', '明途照明', 'Brightway Lighting', 5, 'Lamps and bulbs.'],
  ['sup_dongfang', '东方包装', 'Dongfang Packaging', 4, '礼盒和包装材料。'],
];

// [supplier, sku, unit price fen, min qty]
const PRICES: [string, string, number, number][] = [
  ['sup_xinyuan', 'sku_sensor', 3800, 50],
  ['sup_xinyuan', 'sku_plug', 2200, 100],
  ['sup_xinyuan', 'sku_hub', 14500, 10],
  ['sup_huaxin', 'sku_sensor', 3200, 100],
  ['sup_huaxin', 'sku_plug', 1900, 200],
  ['sup_huaxin', 'sku_hub', 13000, 20],
  ['sup_huaxin', 'sku_lamp', 11000, 50],
  ['sup_pearl', 'sku_sensor', 4500, 10],
  ['sup_pearl', 'sku_plug', 2600, 10],
  ['sup_pearl', 'sku_lamp', 13800, 10],
  ['sup_pearl', 'sku_hub', 16000, 5],
  ['sup_brightway', 'sku_lamp', 12000, 20],
  ['sup_brightway', 'sku_bulb', 2500, 50],
  ['sup_dongfang', 'sku_box', 600, 100],
];

/** Seeds the company's two warehouses, some stock below its reorder point, five suppliers and two open purchase orders. */
export function seedInventory(ctx: SeedContext): void {
  const { db, now } = ctx;
  const day = 24 * 60 * MINUTE_MS;
  for (const w of WAREHOUSES) db.prepare('INSERT INTO inventory_warehouses VALUES (?, ?, ?, ?)').run(...w);
  for (const i of ITEMS) db.prepare('INSERT INTO inventory_items VALUES (?, ?, ?)').run(...i);
  for (const s of STOCK) db.prepare('INSERT INTO inventory_stock VALUES (?, ?, ?, ?, ?)').run(...s);
  for (const s of SUPPLIERS) db.prepare('INSERT INTO inventory_suppliers VALUES (?, ?, ?, ?, ?)').run(...s);
  for (const p of PRICES) db.prepare('INSERT INTO inventory_prices VALUES (?, ?, ?, ?)').run(...p);
  const po = db.prepare('INSERT INTO inventory_purchase_orders VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const line = db.prepare('INSERT INTO inventory_po_lines VALUES (?, ?, ?, ?, ?, 0)');
  // Boxes for Shenzhen arrived this morning; bulbs for Shanghai are on their way.
  po.run(
    'po_seed_box',
    'sup_dongfang',
    'wh_sz',
    'placed',
    300_000,
    'p_sunli',
    now - 4 * day,
    now - 2 * 60 * MINUTE_MS,
    null,
  );
  line.run('pol_seed_box', 'po_seed_box', 'sku_box', 500, 600);
  po.run(
    'po_seed_bulb',
    'sup_brightway',
    'wh_sh',
    'placed',
    750_000,
    'p_liming',
    now - 2 * day,
    now + 3 * day,
    null,
  );
  line.run('pol_seed_bulb', 'po_seed_bulb', 'sku_bulb', 300, 2500);
}
