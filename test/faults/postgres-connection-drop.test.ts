import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDatabase, type DatabaseConnection } from '../../db/client.js';
import { eventually } from '../helpers/eventually.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.js';

/**
 * A transaction's connection dies under it (PostgreSQL restarted, a backend terminated, a network
 * drop): postgres.js 3.4.9 as published then writes the ROLLBACK to the closed socket from a timer
 * and the process exits (porsager/postgres#1154), or the connection is wedged for good. Patched by
 * system/patch-dependencies.ts (`npm run setup`); were the patch lost, this file's process would die.
 */
describe('a transaction whose connection is terminated under it', () => {
  let database: TestDatabase;
  let pool: DatabaseConnection;
  let admin: postgres.Sql;

  beforeAll(async () => {
    database = await createTestDatabase();
    // The pool exactly as the API and the worker make it, small so that every connection is reused.
    pool = connectDatabase(database.url, { max: 2 });
    admin = postgres(database.url, { max: 1, onnotice: () => {} });
  });
  afterAll(async () => {
    await pool?.close();
    await admin?.end();
    await database?.drop();
  });

  it('fails that transaction and nothing else: no crash, the pool keeps answering, and it closes', async () => {
    for (let round = 0; round < 10; round += 1) {
      const transaction = pool.db
        .transaction(async (tx) => {
          await tx.execute(sql`select 1`);
          await tx.execute(sql`select pg_sleep(5) /* fault-test-victim */`);
        })
        .then(
          () => 'committed',
          () => 'rejected',
        );
      // Wait until the victim's statement is running (not a fixed time: a loaded machine is slow to send it).
      const [terminated] = await eventually(async () => {
        const result = await admin`
          select count(*)::int as n from (
            select pg_terminate_backend(pid) from pg_stat_activity
            where query like '%pg_sleep(5) /* fault-test-victim%' and state = 'active' and pid <> pg_backend_pid()
          ) t`;
        return result[0]!.n > 0 ? result : undefined;
      });
      expect(terminated!.n).toBe(1);
      expect(await transaction).toBe('rejected');
      // The very next queries on the same pool answer at once, with their own results.
      const started = Date.now();
      const rows = await Promise.all([1, 2, 3].map((n) => pool.sql<{ n: number }[]>`select ${n}::int as n`));
      expect(rows.map(([row]) => row!.n)).toEqual([1, 2, 3]);
      // A dead connection kept in the pool would hang them until a TCP time-out; this bound catches a
      // hang, not slowness.
      expect(Date.now() - started).toBeLessThan(10_000);
    }
    const closing = Date.now();
    await pool.close();
    expect(Date.now() - closing).toBeLessThan(10_000);
  });
});
