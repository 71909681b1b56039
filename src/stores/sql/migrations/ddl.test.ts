import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createTableStatements, insertIgnoreStatement, type TableSpec } from './ddl.js';

const table: TableSpec = {
  name: 'things',
  columns: [
    { name: 'key', type: 'varchar(128)' },
    { name: 'data', type: 'text' },
    { name: 'expires_at', type: 'bigint', nullable: true },
  ],
  primaryKey: ['key'],
  indexes: [{ name: 'ix_things_expires_at', columns: ['expires_at'] }],
};

describe('createTableStatements', () => {
  it('renders PostgreSQL DDL with separate idempotent indexes', () => {
    assert.deepEqual(createTableStatements('postgres', table), [
      'CREATE TABLE IF NOT EXISTS "things" (\n  "key" VARCHAR(128) NOT NULL,\n  "data" TEXT NOT NULL,\n' +
        '  "expires_at" BIGINT,\n  PRIMARY KEY ("key")\n)',
      'CREATE INDEX IF NOT EXISTS "ix_things_expires_at" ON "things" ("expires_at")',
    ]);
  });

  it('renders MySQL DDL with inline indexes, MEDIUMTEXT and binary utf8mb4 collation', () => {
    assert.deepEqual(createTableStatements('mysql', table), [
      'CREATE TABLE IF NOT EXISTS `things` (\n  `key` VARCHAR(128) NOT NULL,\n  `data` MEDIUMTEXT NOT NULL,\n' +
        '  `expires_at` BIGINT,\n  PRIMARY KEY (`key`),\n  KEY `ix_things_expires_at` (`expires_at`)\n' +
        ') ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin',
    ]);
  });

  it('renders SQLite DDL with its storage classes', () => {
    assert.match(
      createTableStatements('sqlite', table)[0]!,
      /"key" TEXT NOT NULL,\n {2}"data" TEXT NOT NULL,\n {2}"expires_at" INTEGER,/,
    );
  });
});

describe('insertIgnoreStatement', () => {
  it('quotes literals and skips an existing row on every engine', () => {
    const row = { kind: "it's", n: 0 };
    assert.equal(insertIgnoreStatement('mysql', 't', row), "INSERT IGNORE INTO `t` (`kind`, `n`) VALUES ('it''s', 0)");
    assert.equal(
      insertIgnoreStatement('postgres', 't', row),
      `INSERT INTO "t" ("kind", "n") VALUES ('it''s', 0) ON CONFLICT DO NOTHING`,
    );
  });
});
