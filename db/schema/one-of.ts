import { sql } from 'drizzle-orm';

/** `column in ('a', 'b', …)` for a CHECK constraint: the database refuses what the domain does not know. */
export function oneOf(column: unknown, values: readonly string[]) {
  return sql`${column} in (${sql.raw(values.map((value) => `'${value}'`).join(', '))})`;
}
