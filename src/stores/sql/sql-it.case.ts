import { it } from 'node:test';
import type { Stores } from '../types.js';
import { createSqlStores } from './create-sql-stores.js';
import type { SqlDialectName } from './dialect.js';
import { openSqlDatabase, type SqlDatabase, type SqlStoreOptions } from './open-database.js';
import { type ThrowawayDatabase, throwawayDatabase } from './test-databases.case.js';

/** Registers one test on a fresh throwaway database, skipped when the engine is unavailable. */
export function sqlIt(type: SqlDialectName, title: string, fn: (options: SqlStoreOptions) => Promise<void>): void {
  it(title, async (t) => {
    const database: ThrowawayDatabase | undefined = await throwawayDatabase(type);
    if (!database) {
      t.skip(`${type} unavailable`);
      return;
    }
    try {
      await fn(database.options);
    } finally {
      await database.drop();
    }
  });
}

/** Opens `options` without checking the schema, runs `fn`, and closes. */
export async function inspect<T>(options: SqlStoreOptions, fn: (database: SqlDatabase) => Promise<T>): Promise<T> {
  const database = await openSqlDatabase(options);
  try {
    return await fn(database);
  } finally {
    await database.close();
  }
}

/** Each store opened by `fn` is closed afterwards, even when an assertion fails. */
export async function withStores(fn: (open: (o: SqlStoreOptions) => Promise<Stores>) => Promise<void>): Promise<void> {
  const opened: Stores[] = [];
  try {
    await fn(async (o) => {
      const s = await createSqlStores(o);
      opened.push(s);
      return s;
    });
  } finally {
    await Promise.all(opened.map((s) => s.close()));
  }
}
