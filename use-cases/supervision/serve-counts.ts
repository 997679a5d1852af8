import type { Database } from '../../db/client.js';
import { SnapshotCache } from '../../lib/snapshot-cache.js';
import { countSupervisedDeadlines, type SupervisionCounts } from './count-deadlines.js';
import type { AtRiskThresholds, DeadlineFilter } from './deadline-conditions.js';
import type { SupervisionScope } from './scope.js';

/**
 * Counts as the dashboard and the API serve them. A count reads every live deadline in scope, so for a
 * province (hundreds of thousands) it takes a few hundred milliseconds. When a count finds at least
 * `largeCountDeadlines` deadlines overdue or at risk it is kept as a snapshot: served as it is for 15 s,
 * served while one background count replaces it until 60 s, counted afresh after that. `asOf` is when
 * the snapshot was counted; `fromSnapshot` says it was not counted for this request. Smaller scopes (a
 * station, a mediator, any test) are always counted live. The lists themselves are always live.
 */
export const countSnapshotPolicy = {
  largeCountDeadlines: 2_000,
  refreshAfterMs: 15_000,
  maxAgeMs: 60_000,
  maxEntries: 500,
};

export type ServedCounts = SupervisionCounts & { fromSnapshot: boolean };

const flagged = (counts: SupervisionCounts) => counts.totals.overdueDeadlines + counts.totals.atRiskDeadlines;

/** One snapshot store per database handle (an app, a test's app): keys never cross databases. */
const stores = new WeakMap<Database, SnapshotCache<SupervisionCounts>>();

function storeFor(db: Database): SnapshotCache<SupervisionCounts> {
  let store = stores.get(db);
  if (!store) {
    store = new SnapshotCache<SupervisionCounts>({
      ...countSnapshotPolicy,
      keep: (counts) => flagged(counts) >= countSnapshotPolicy.largeCountDeadlines,
    });
    stores.set(db, store);
  }
  return store;
}

/** The scope and every filter, in a fixed order: two supervisors share a snapshot only if both match. */
export function countsKey(
  scope: SupervisionScope,
  filter: DeadlineFilter & Partial<AtRiskThresholds>,
): string {
  const units = scope === 'all' ? 'all' : [...scope].sort();
  const filters = Object.entries(filter)
    .filter(([, value]) => value !== undefined)
    .sort(([a], [b]) => a.localeCompare(b));
  return JSON.stringify([units, filters]);
}

/** `logger` hears of a background recount that failed (the snapshot it was replacing is served on). */
export async function serveSupervisedDeadlineCounts(
  db: Database,
  scope: SupervisionScope,
  filter: DeadlineFilter & Partial<AtRiskThresholds>,
  logger: { error(fields: object, message: string): void },
): Promise<ServedCounts> {
  const served = await storeFor(db).get(
    countsKey(scope, filter),
    () => countSupervisedDeadlines(db, scope, filter),
    (error) => logger.error({ err: error }, 'background recount of supervision counts failed'),
  );
  return { ...served.value, fromSnapshot: served.fromSnapshot };
}

/** Background recounts still running for this database (tests wait for them before closing it). */
export function countSnapshotsSettled(db: Database): Promise<void> {
  return stores.get(db)?.settled() ?? Promise.resolve();
}
