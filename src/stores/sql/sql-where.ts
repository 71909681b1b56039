import { type RawBuilder, sql } from 'kysely';

/**
 * `col1 = v1 and col2 = v2 ...` for the columns whose value is defined; filters use it for
 * their lists and deletes. The caller checks that at least one value is defined.
 */
export function whereEquals(pairs: Record<string, string | undefined>): RawBuilder<unknown> {
  const conditions = Object.entries(pairs)
    .filter(([, v]) => v !== undefined)
    .map(([c, v]) => sql`${sql.ref(c)} = ${v}`);
  return sql.join(conditions, sql` and `);
}
