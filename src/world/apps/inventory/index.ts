import { defineApp } from '../../app.js';
import { INVENTORY_SCHEMA, seedInventory } from './seed.js';
import { inventoryTools } from './tools.js';

/** The company's inventory: stock by warehouse, reorder points, suppliers, purchase orders and deliveries. */
export const inventoryApp = defineApp({
  name: 'inventory',
  title: { zh: '库存', en: 'Inventory' },
  schema: INVENTORY_SCHEMA,
  seed: seedInventory,
  tools: inventoryTools,
  untrusted: [{ table: 'inventory_suppliers', column: 'notes', label: 'supplier notes' }],
  examples: {
    create_purchase_order: [
      {
        supplier_id: 'sup_xinyuan',
        warehouse_id: 'wh_sh',
        lines: [{ sku: 'sku_sensor', quantity: 200 }],
        total_fen: 760_000,
      },
    ],
    receive_delivery: [{ po_id: 'po_seed_box' }],
    cancel_purchase_order: [{ po_id: 'po_seed_bulb' }],
    set_reorder_point: [{ warehouse_id: 'wh_sh', sku: 'sku_lamp', reorder_point: 80 }],
    transfer_stock: [{ sku: 'sku_lamp', from_warehouse_id: 'wh_sz', to_warehouse_id: 'wh_sh', quantity: 30 }],
  },
});
