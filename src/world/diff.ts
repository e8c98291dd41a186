import type Database from 'better-sqlite3';

/** A row as plain column values. */
export type Row = Record<string, unknown>;

/** What changed in one table between two states. */
export interface TableDiff {
  app: string;
  table: string;
  added: Row[];
  removed: Row[];
  changed: { key: string; before: Row; after: Row; columns: string[] }[];
}

/** What changed in the world between two states, by app and table; only tables with changes appear. */
export interface WorldDiff {
  empty: boolean;
  tables: TableDiff[];
}

/** Bookkeeping tables that are not app state: never part of a diff. */
const INTERNAL_TABLES = new Set(['world_meta', 'world_counters', 'world_idempotency']);

function tablesOf(db: Database.Database): string[] {
  const rows = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .all() as { name: string }[];
  return rows.map((r) => r.name).filter((n) => !INTERNAL_TABLES.has(n));
}

function primaryKey(db: Database.Database, table: string): string[] {
  const cols = db.prepare(`PRAGMA table_info("${table}")`).all() as { name: string; pk: number }[];
  const pk = cols.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk);
  if (pk.length === 0) throw new Error(`Table ${table} has no primary key; every world table needs one.`);
  return pk.map((c) => c.name);
}

function rowsByKey(db: Database.Database, table: string, pk: string[]): Map<string, Row> {
  const map = new Map<string, Row>();
  if (!db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(table)) return map;
  for (const row of db.prepare(`SELECT * FROM "${table}"`).all() as Row[]) {
    map.set(pk.map((k) => String(row[k])).join('|'), row);
  }
  return map;
}

/** Compares two databases of the same world, table by table, by primary key. */
export function diffDatabases(before: Database.Database, after: Database.Database): WorldDiff {
  const names = [...new Set([...tablesOf(before), ...tablesOf(after)])].sort();
  const tables: TableDiff[] = [];
  for (const table of names) {
    const pk = primaryKey(tablesOf(after).includes(table) ? after : before, table);
    const a = rowsByKey(before, table, pk);
    const b = rowsByKey(after, table, pk);
    const diff: TableDiff = {
      app: table.split('_')[0] ?? table,
      table,
      added: [],
      removed: [],
      changed: [],
    };
    for (const [key, row] of b) {
      const old = a.get(key);
      if (!old) {
        diff.added.push(row);
        continue;
      }
      const columns = Object.keys(row).filter((c) => row[c] !== old[c]);
      if (columns.length > 0) diff.changed.push({ key, before: old, after: row, columns });
    }
    for (const [key, row] of a) if (!b.has(key)) diff.removed.push(row);
    if (diff.added.length || diff.removed.length || diff.changed.length) tables.push(diff);
  }
  return { empty: tables.length === 0, tables };
}
