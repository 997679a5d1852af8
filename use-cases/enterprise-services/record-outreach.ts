import { eq } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { enterpriseLawSessions, enterprises, manualHandouts } from '../../db/schema/index.js';
import { isFutureDate } from '../../domain/date-plausibility.js';
import { refuseField } from '../../domain/refusals.js';
import type { StaffPrincipal } from '../auth/principal.js';
import { answerOnce, type IdempotentRequest } from '../cases/idempotency-keys.js';
import { unitToRecordFor, workingUnitsOf } from '../shared/working-units.js';

export interface RecordLawSessionInput {
  heldOn: string;
  audience: string;
  topic: string;
  attendance: number;
  enterpriseId?: string | undefined;
  unitId?: string | undefined;
}

export interface RecordManualHandoutInput {
  handedOutOn: string;
  title: string;
  copies: number;
  enterpriseId?: string | undefined;
  unitId?: string | undefined;
}

async function checkEnterprise(db: Database, enterpriseId: string | undefined): Promise<void> {
  if (!enterpriseId) return;
  const [found] = await db
    .select({ id: enterprises.id })
    .from(enterprises)
    .where(eq(enterprises.id, enterpriseId));
  if (!found) refuseField('unknown_reference', 'enterpriseId', 'no enterprise has this id');
}

function notInFuture(field: string, date: string): void {
  if (isFutureDate(date, Date.now())) {
    refuseField('date_in_future', field, 'is later than today', { reasonZh: '日期晚于今天' });
  }
}

/** A 普法 session held for enterprises (at one, or open to a park or chamber): for the year's figures. */
export function recordLawSession(
  db: Database,
  principal: StaffPrincipal,
  input: RecordLawSessionInput,
  idempotency: IdempotentRequest | undefined,
) {
  return answerOnce(db, idempotency, 201, async () => {
    notInFuture('heldOn', input.heldOn);
    const unitId = unitToRecordFor(principal, await workingUnitsOf(db, principal), input.unitId);
    await checkEnterprise(db, input.enterpriseId);
    const [row] = await db
      .insert(enterpriseLawSessions)
      .values({
        unitId,
        enterpriseId: input.enterpriseId ?? null,
        heldOn: input.heldOn,
        audience: input.audience,
        topic: input.topic,
        attendance: input.attendance,
        recordedById: principal.userId,
      })
      .returning();
    const { recordedAt, ...rest } = row!;
    return { ...rest, recordedAt: recordedAt.toISOString() };
  });
}

/** Legal manuals handed out (发放法律手册): how many copies of which, on what day. */
export function recordManualHandout(
  db: Database,
  principal: StaffPrincipal,
  input: RecordManualHandoutInput,
  idempotency: IdempotentRequest | undefined,
) {
  return answerOnce(db, idempotency, 201, async () => {
    notInFuture('handedOutOn', input.handedOutOn);
    const unitId = unitToRecordFor(principal, await workingUnitsOf(db, principal), input.unitId);
    await checkEnterprise(db, input.enterpriseId);
    const [row] = await db
      .insert(manualHandouts)
      .values({
        unitId,
        enterpriseId: input.enterpriseId ?? null,
        handedOutOn: input.handedOutOn,
        title: input.title,
        copies: input.copies,
        recordedById: principal.userId,
      })
      .returning();
    const { recordedAt, ...rest } = row!;
    return { ...rest, recordedAt: recordedAt.toISOString() };
  });
}
