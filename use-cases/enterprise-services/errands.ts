import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { enterpriseErrands, enterprises } from '../../db/schema/index.js';
import { chinaDateOf } from '../../domain/dates.js';
import { refuse, refuseField } from '../../domain/refusals.js';
import type { StaffPrincipal } from '../auth/principal.js';
import { answerOnce, type IdempotentRequest } from '../cases/idempotency-keys.js';
import { workingUnitsOf } from '../shared/working-units.js';
import { scopeIncludes } from '../supervision/scope.js';

export interface RecordErrandInput {
  enterpriseId: string;
  matter: string;
  dueOn: string;
}

type ErrandRow = typeof enterpriseErrands.$inferSelect;

export interface Errand {
  id: string;
  enterpriseId: string;
  enterpriseName: string;
  unitId: string;
  matter: string;
  dueOn: string;
  status: 'open' | 'done';
  statusZh: string;
  /** Open past its day (China time). */
  overdue: boolean;
  doneAt: string | null;
  outcome: string | null;
}

function toErrand(row: ErrandRow, enterpriseName: string): Errand {
  const status = row.status as Errand['status'];
  return {
    id: row.id,
    enterpriseId: row.enterpriseId,
    enterpriseName,
    unitId: row.unitId,
    matter: row.matter,
    dueOn: row.dueOn,
    status,
    statusZh: status === 'done' ? '已办结' : '办理中',
    overdue: status === 'open' && row.dueOn < chinaDateOf(Date.now()),
    doneAt: row.doneAt?.toISOString() ?? null,
    outcome: row.outcome,
  };
}

/** 帮办代办: the window takes on an errand for an enterprise its unit looks after, with a deadline. */
export function recordErrand(
  db: Database,
  principal: StaffPrincipal,
  input: RecordErrandInput,
  idempotency: IdempotentRequest | undefined,
): Promise<{ body: Errand; replayed: boolean }> {
  return answerOnce(db, idempotency, 201, async () => {
    if (input.dueOn < chinaDateOf(Date.now())) {
      refuseField('validation_failed', 'dueOn', 'is before today', { reasonZh: '办理期限早于今天' });
    }
    const [enterprise] = await db.select().from(enterprises).where(eq(enterprises.id, input.enterpriseId));
    if (!enterprise) refuseField('unknown_reference', 'enterpriseId', 'no enterprise has this id');
    if (!scopeIncludes(await workingUnitsOf(db, principal), enterprise.unitId)) {
      refuse('unit_outside_scope', {
        detail: 'the enterprise is looked after by a unit you do not work for',
      });
    }
    const [row] = await db
      .insert(enterpriseErrands)
      .values({ ...input, unitId: enterprise.unitId, recordedById: principal.userId })
      .returning();
    return toErrand(row!, enterprise.name);
  });
}

/** The errand is done, with what came of it; done again (a retry) answers it as it is. */
export async function completeErrand(
  db: Database,
  principal: StaffPrincipal,
  id: string,
  outcome: string,
): Promise<Errand> {
  const [found] = await db
    .select({ errand: enterpriseErrands, name: enterprises.name })
    .from(enterpriseErrands)
    .innerJoin(enterprises, eq(enterprises.id, enterpriseErrands.enterpriseId))
    .where(eq(enterpriseErrands.id, id));
  if (!found) refuse('not_found', { detail: `No errand ${id}.` });
  if (!scopeIncludes(await workingUnitsOf(db, principal), found.errand.unitId)) {
    refuse('unit_outside_scope', { detail: 'the errand belongs to a unit you do not work for' });
  }
  if (found.errand.status === 'done') {
    if (found.errand.outcome === outcome) return toErrand(found.errand, found.name);
    refuse('errand_done', { detail: 'the errand is done already', currentStatus: 'done' });
  }
  const [row] = await db
    .update(enterpriseErrands)
    .set({ status: 'done', doneAt: new Date(), outcome })
    .where(and(eq(enterpriseErrands.id, id), eq(enterpriseErrands.status, 'open')))
    .returning();
  if (!row) return completeErrand(db, principal, id, outcome);
  return toErrand(row, found.name);
}

/** The open errands of the caller's units, the most urgent first. */
export async function listOpenErrands(db: Database, principal: StaffPrincipal): Promise<Errand[]> {
  const scope = await workingUnitsOf(db, principal);
  const rows = await db
    .select({ errand: enterpriseErrands, name: enterprises.name })
    .from(enterpriseErrands)
    .innerJoin(enterprises, eq(enterprises.id, enterpriseErrands.enterpriseId))
    .where(
      and(
        eq(enterpriseErrands.status, 'open'),
        scope === 'all'
          ? undefined
          : inArray(
              enterpriseErrands.unitId,
              scope.length ? scope : ['00000000-0000-0000-0000-000000000000'],
            ),
      ),
    )
    .orderBy(asc(enterpriseErrands.dueOn))
    .limit(500);
  return rows.map((row) => toErrand(row.errand, row.name));
}
