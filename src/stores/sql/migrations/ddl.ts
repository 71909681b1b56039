import type { SqlDialectName } from '../dialect.js';

/** A portable column type; each engine renders it with its own name. */
export type ColumnType = `varchar(${number})` | 'text' | 'bigint' | 'int';

/** One column of a {@link TableSpec}; columns are NOT NULL unless `nullable`. */
export interface ColumnSpec {
  name: string;
  type: ColumnType;
  nullable?: boolean;
}

/** A secondary index of a {@link TableSpec}. */
export interface IndexSpec {
  name: string;
  columns: readonly string[];
  unique?: boolean;
}

/** A table as a migration declares it, rendered per engine by {@link createTableStatements}. */
export interface TableSpec {
  name: string;
  columns: readonly ColumnSpec[];
  primaryKey: readonly string[];
  indexes?: readonly IndexSpec[];
}

/** MySQL table options: InnoDB, full Unicode, and binary (case- and accent-sensitive) comparison of keys. */
const MYSQL_TABLE_OPTIONS = 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin';

/** Quotes an identifier for `dialect`. */
export function quoteIdent(dialect: SqlDialectName, name: string): string {
  return dialect === 'mysql' ? `\`${name.replaceAll('`', '``')}\`` : `"${name.replaceAll('"', '""')}"`;
}

/** Renders a string literal (only for constants the migrations themselves define). */
export function quoteLiteral(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

function columnType(dialect: SqlDialectName, type: ColumnType): string {
  if (dialect === 'sqlite') return type === 'bigint' || type === 'int' ? 'INTEGER' : 'TEXT';
  if (type === 'text') return dialect === 'mysql' ? 'MEDIUMTEXT' : 'TEXT';
  if (type === 'int') return dialect === 'mysql' ? 'INT' : 'INTEGER';
  return type.toUpperCase();
}

/**
 * `CREATE TABLE IF NOT EXISTS` plus its indexes, for one engine. MySQL gets the indexes inline,
 * because it has no `CREATE INDEX IF NOT EXISTS`; so on every engine each statement can be run
 * again after a failure part-way (MySQL commits DDL one statement at a time).
 */
export function createTableStatements(dialect: SqlDialectName, table: TableSpec): string[] {
  const q = (n: string) => quoteIdent(dialect, n);
  const list = (cols: readonly string[]) => cols.map(q).join(', ');
  const defs = table.columns.map((c) => `${q(c.name)} ${columnType(dialect, c.type)}${c.nullable ? '' : ' NOT NULL'}`);
  defs.push(`PRIMARY KEY (${list(table.primaryKey)})`);
  const indexes = table.indexes ?? [];
  if (dialect === 'mysql') {
    for (const ix of indexes) defs.push(`${ix.unique ? 'UNIQUE KEY' : 'KEY'} ${q(ix.name)} (${list(ix.columns)})`);
    return [`CREATE TABLE IF NOT EXISTS ${q(table.name)} (\n  ${defs.join(',\n  ')}\n) ${MYSQL_TABLE_OPTIONS}`];
  }
  return [
    `CREATE TABLE IF NOT EXISTS ${q(table.name)} (\n  ${defs.join(',\n  ')}\n)`,
    ...indexes.map(
      (ix) =>
        `CREATE ${ix.unique ? 'UNIQUE INDEX' : 'INDEX'} IF NOT EXISTS ${q(ix.name)} ON ${q(table.name)} (${list(ix.columns)})`,
    ),
  ];
}

/** `INSERT` that does nothing when the primary key exists, with literal values. */
export function insertIgnoreStatement(
  dialect: SqlDialectName,
  table: string,
  row: Record<string, string | number>,
): string {
  const cols = Object.keys(row).map((c) => quoteIdent(dialect, c));
  const values = Object.values(row).map((v) => (typeof v === 'number' ? String(v) : quoteLiteral(v)));
  const head = `INTO ${quoteIdent(dialect, table)} (${cols.join(', ')}) VALUES (${values.join(', ')})`;
  return dialect === 'mysql' ? `INSERT IGNORE ${head}` : `INSERT ${head} ON CONFLICT DO NOTHING`;
}
