import { and, asc, count, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm';
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

/** The window's backlog in the scope: what no mediator holds yet, and court referrals not yet signed for. */
export interface IntakeBacklog {
  /** Cases registered or triaged with no mediator assigned (接案、分流 without an assignee). */
  unassigned: number;
  /** Court referrals (诉调对接) whose materials the centre has not signed for (签收): their clock waits. */
  awaitingSignature: number;
}

export async function countIntakeBacklog(db: Database, scope: SupervisionScope): Promise<IntakeBacklog> {
  const [row] = await db
    .select({
      unassigned: sql<number>`count(*) filter (where ${cases.stage} in ('intake', 'divert') and ${cases.assigneeId} is null)::int`,
      awaitingSignature: sql<number>`count(*) filter (where ${cases.referralKind} = 'court'
        and ${cases.stage} in ('intake', 'divert', 'resolve')
        and (${cases.state} -> 'court' ->> 'signedAt') is null)::int`,
    })
    .from(cases)
    .where(and(eq(cases.origin, 'workflow'), unitCondition(scope, cases.unitId)));
  return { unassigned: row?.unassigned ?? 0, awaitingSignature: row?.awaitingSignature ?? 0 };
}
