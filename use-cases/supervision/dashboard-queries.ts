import { and, asc, count, eq, inArray, isNull, type SQL } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { cases, supervisionOrders, units, users } from '../../db/schema/index.js';
import type { SupervisionScope } from './scope.js';

/** A mediator as a reassignment picker lists them. */
export interface Mediator {
  id: string;
  displayName: string;
  unitName: string | null;
}

function unitCondition(
  scope: SupervisionScope,
  column: typeof users.unitId | typeof cases.unitId,
): SQL | undefined {
  if (scope === 'all') return undefined;
  return scope.length > 0 ? inArray(column, [...scope]) : eq(column, '00000000-0000-0000-0000-000000000000');
}

/** Active mediators of the units a supervisor watches: who a late case may be reassigned to. */
export async function listMediators(db: Database, scope: SupervisionScope): Promise<Mediator[]> {
  return db
    .select({ id: users.id, displayName: users.displayName, unitName: units.name })
    .from(users)
    .leftJoin(units, eq(units.id, users.unitId))
    .where(and(eq(users.role, 'mediator'), eq(users.active, true), unitCondition(scope, users.unitId)))
    .orderBy(asc(users.displayName))
    .limit(500);
}

/** Supervision orders (督办) still waiting for the assignee's explanation, in the scope. */
export async function countOpenOrders(db: Database, scope: SupervisionScope): Promise<number> {
  const [row] = await db
    .select({ value: count() })
    .from(supervisionOrders)
    .innerJoin(cases, eq(cases.caseNumber, supervisionOrders.caseNumber))
    .where(and(isNull(supervisionOrders.explainedAt), unitCondition(scope, cases.unitId)));
  return row?.value ?? 0;
}
