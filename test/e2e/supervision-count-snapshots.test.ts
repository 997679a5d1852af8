import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseConnection } from '../../db/client.js';
import { serveHttp } from '../../system/http-server.js';
import { countSnapshotPolicy, countSnapshotsSettled } from '../../use-cases/supervision/serve-counts.js';
import { createAppWithoutTemporal } from '../helpers/app-without-temporal.js';
import { createStaff, createUnit, type TestUser } from '../helpers/staff.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.js';

interface Counts {
  asOf: string;
  fromSnapshot: boolean;
  totals: { overdueDeadlines: number; overdueCases: number; atRiskDeadlines: number; atRiskCases: number };
  byUnit: { unitId: string | null; overdueCases: number }[];
}

/** `n` cases in `unitId`, each with one deadline overdue by two days (straight into the read model). */
async function overdueCases(sql: DatabaseConnection['sql'], unitId: string, prefix: string, n: number) {
  await sql.unsafe(
    `insert into cases (case_number, workflow_id, source, stage, summary, unit_id, overdue, state, last_seq,
                        registered_at, updated_at)
     select $1 || g, 'case-' || $1 || g, 'walk_in', 'resolve', '相邻纠纷', $2::uuid, true, '{}'::jsonb, 1,
            now() - interval '20 days', now()
       from generate_series(1, $3::int) g`,
    [prefix, unitId, n],
  );
  await sql.unsafe(
    `insert into case_deadlines (case_number, kind, status, started_at, due_at, unit_id, source, explanation,
                                 updated_at)
     select $1 || g, 'stage', 'overdue', now() - interval '17 days', now() - interval '2 days', $2::uuid,
            'walk_in', '{}'::jsonb, now()
       from generate_series(1, $3::int) g`,
    [prefix, unitId, n],
  );
}

/**
 * Counts for a scope with thousands of deadlines overdue are served from a snapshot (at most 60 s old,
 * `asOf` and `fromSnapshot` say so); a small scope is counted live on every request. Real PostgreSQL,
 * the API on a loopback HTTP server.
 */
describe('supervision counts: snapshots for large scopes, live counts for small ones', () => {
  let database: TestDatabase;
  let url: string;
  let close: () => Promise<void>;
  let bigSupervisor: TestUser;
  let smallSupervisor: TestUser;
  let bigUnit: { id: string };
  let smallUnit: { id: string };
  const large = countSnapshotPolicy.largeCountDeadlines;

  beforeAll(async () => {
    database = await createTestDatabase();
    bigUnit = await createUnit(database.db, '大型调解中心');
    smallUnit = await createUnit(database.db, '小型调解中心');
    bigSupervisor = await createStaff(database.db, 'supervisor', bigUnit.id);
    smallSupervisor = await createStaff(database.db, 'supervisor', smallUnit.id);
    await overdueCases(database.sql, bigUnit.id, 'BIG-', large);
    await overdueCases(database.sql, smallUnit.id, 'SMALL-', 3);
    const server = await serveHttp(createAppWithoutTemporal(database), '127.0.0.1', 0);
    url = server.url;
    close = () => server.close();
  });

  afterAll(async () => {
    await close?.();
    if (database) await countSnapshotsSettled(database.db);
    await database?.drop();
  });

  const counts = async (user: TestUser, query = '') => {
    const response = await fetch(`${url}/v1/supervision/counts${query}`, {
      headers: { authorization: `Bearer ${user.token}` },
    });
    expect(response.status).toBe(200);
    return (await response.json()) as Counts;
  };

  it('counts a large scope once, then serves that snapshot with the time it was counted', async () => {
    const first = await counts(bigSupervisor);
    expect(first).toMatchObject({
      fromSnapshot: false,
      totals: { overdueDeadlines: large, overdueCases: large },
    });
    await overdueCases(database.sql, bigUnit.id, 'BIG-LATE-', 5);
    const second = await counts(bigSupervisor);
    expect(second).toMatchObject({ fromSnapshot: true, asOf: first.asOf, totals: first.totals });
    // Another filter is another snapshot: counted now, so it sees the five new cases.
    const filtered = await counts(bigSupervisor, '?kind=stage');
    expect(filtered).toMatchObject({ fromSnapshot: false, totals: { overdueCases: large + 5 } });
  });

  it('counts a small scope live on every request, so a new overdue case shows at once', async () => {
    expect(await counts(smallSupervisor)).toMatchObject({ fromSnapshot: false, totals: { overdueCases: 3 } });
    await overdueCases(database.sql, smallUnit.id, 'SMALL-LATE-', 1);
    expect(await counts(smallSupervisor)).toMatchObject({ fromSnapshot: false, totals: { overdueCases: 4 } });
  });

  it('never serves one scope the snapshot of another', async () => {
    await counts(bigSupervisor);
    const small = await counts(smallSupervisor);
    expect(small.byUnit.map((row) => row.unitId)).toEqual([smallUnit.id]);
  });
});
