import { type Client, WithStartWorkflowOperation } from '@temporalio/client';
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { allocateCaseNumber } from '../../db/queries/allocate-case-number.js';
import { cases, institutions, referrals, units } from '../../db/schema/index.js';
import { Refusal } from '../../domain/refusals.js';
import { requestHash } from '../../lib/request-hash.js';
import {
  awaitProjectionUpdate,
  type CaseRegistration,
  caseWorkflowId,
} from '../../workflows/case.messages.js';
import type { caseWorkflow } from '../../workflows/case.workflow.js';
import type { OutboundPolicy } from '../shared/callback-url.js';

export interface RegisterReferralDependencies {
  db: Database;
  temporal: Client;
  taskQueue: string;
  caseNumberPrefix: string;
  /** Where callbacks may go (ALLOW_HTTP_CALLBACKS, CALLBACK_ALLOWED_HOSTS); https to public hosts if not given. */
  outbound?: OutboundPolicy | undefined;
}

/** The same referral sent twice hashes the same. */
function referralHash(body: unknown): string {
  return requestHash(body);
}

async function findReferral(db: Database, institutionId: string, reference: string) {
  const [row] = await db
    .select()
    .from(referrals)
    .where(and(eq(referrals.institutionId, institutionId), eq(referrals.reference, reference)))
    .limit(1);
  return row;
}

function sameOrConflict(existing: { caseNumber: string; requestHash: string }, hash: string) {
  if (existing.requestHash !== hash) {
    throw new Refusal('reference_conflict', {
      detail: 'reference: this institution already referred a different dispute under this reference',
      errors: [{ field: 'reference', reason: 'already used for a different referral' }],
      caseNumber: existing.caseNumber,
    });
  }
  return { created: false as const, caseNumber: existing.caseNumber };
}

/** The unit that receives court referrals: the centre (the root of the unit tree). */
async function receivingUnit(db: Database): Promise<string> {
  const [centre] = await db
    .select({ id: units.id })
    .from(units)
    .where(and(eq(units.kind, 'centre'), isNull(units.parentId)))
    .orderBy(asc(units.createdAt))
    .limit(1);
  if (!centre) {
    throw new Refusal('not_configured', { detail: 'The centre has no unit to receive referrals.' });
  }
  return centre.id;
}

/**
 * Make sure the case's workflow runs and has written the case: idempotent, so whoever finds the
 * referral row (the first request, a duplicate, a retry after a crash) may call it. A case that has
 * already been projected needs nothing; a closed workflow is never started again.
 */
async function ensureCaseStarted(
  deps: RegisterReferralDependencies,
  registration: CaseRegistration,
): Promise<void> {
  const [projected] = await deps.db
    .select({ caseNumber: cases.caseNumber })
    .from(cases)
    .where(eq(cases.caseNumber, registration.caseNumber))
    .limit(1);
  if (projected) return;
  await deps.temporal.workflow.executeUpdateWithStart(awaitProjectionUpdate, {
    args: [1],
    startWorkflowOperation: new WithStartWorkflowOperation<typeof caseWorkflow>('caseWorkflow', {
      workflowId: caseWorkflowId(registration.caseNumber),
      taskQueue: deps.taskQueue,
      args: [registration],
      workflowIdConflictPolicy: 'USE_EXISTING',
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
    }),
  });
}

interface StoredReferral {
  caseNumber: string;
  requestHash: string;
  body: unknown;
}

/** A referral found under the same reference: the same content answers with its case, another is a conflict. */
async function answerExisting(deps: RegisterReferralDependencies, existing: StoredReferral, hash: string) {
  const found = sameOrConflict(existing, hash);
  // The first request is normally starting the case right now: wait for it (a Temporal workflow takes
  // only a few Updates at once), and start it ourselves only if it does not appear (its request died).
  if (!(await caseAppears(deps.db, found.caseNumber, 5_000))) {
    await ensureCaseStarted(deps, (existing.body as { registration: CaseRegistration }).registration);
  }
  return found;
}

async function caseAppears(db: Database, caseNumber: string, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (let wait = 20; ; wait = Math.min(wait * 2, 250)) {
    const [row] = await db
      .select({ caseNumber: cases.caseNumber })
      .from(cases)
      .where(eq(cases.caseNumber, caseNumber))
      .limit(1);
    if (row) return true;
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, wait));
  }
}

/** A concurrent duplicate inserted the referral first: this transaction (and its number) is rolled back. */
class LostTheInsert extends Error {}

interface ReferralRequest {
  kind: 'court' | 'prosecution' | 'police';
  reference: string;
  /** The validated request body: stored, and hashed to tell a repeat from a conflict. */
  body: object;
  /** The case's registration, once it has a number and a receiving unit. */
  build(caseNumber: string, receivedAt: Date, institutionName: string, unitId: string): CaseRegistration;
}

/**
 * Register an institution's referral exactly once per (institution, reference). The referral row
 * (unique by institution and reference) is written first and holds the whole registration; the case's
 * workflow is started after it, idempotently. A repeat with the same body finds the same case; a
 * different body under the same reference is a conflict. Concurrent duplicates lose the insert and
 * wait for the same case.
 */
export async function registerInstitutionReferral(
  deps: RegisterReferralDependencies,
  institutionId: string,
  request: ReferralRequest,
): Promise<{ created: boolean; caseNumber: string }> {
  const hash = referralHash(request.body);
  const existing = await findReferral(deps.db, institutionId, request.reference);
  if (existing) return answerExisting(deps, existing, hash);

  const [institution] = await deps.db
    .select()
    .from(institutions)
    .where(eq(institutions.id, institutionId))
    .limit(1);
  const unitId = await receivingUnit(deps.db);
  const now = new Date();
  // The number is drawn and the referral inserted in one transaction: a concurrent duplicate that
  // loses the insert rolls its number back (the counter row is locked until then), so it leaves no gap.
  const registration = await deps.db
    .transaction(async (tx) => {
      const caseNumber = await allocateCaseNumber(tx, deps.caseNumberPrefix, now);
      const built = request.build(caseNumber, now, institution!.name, unitId);
      const inserted = await tx
        .insert(referrals)
        .values({
          institutionId,
          reference: request.reference,
          kind: request.kind,
          caseNumber,
          requestHash: hash,
          body: { request: request.body, registration: built },
          createdAt: now,
        })
        .onConflictDoNothing()
        .returning({ caseNumber: referrals.caseNumber });
      if (inserted.length === 0) throw new LostTheInsert();
      return built;
    })
    .catch((error: unknown) => {
      if (error instanceof LostTheInsert) return undefined;
      throw error;
    });
  if (!registration) {
    const winner = await findReferral(deps.db, institutionId, request.reference);
    return answerExisting(deps, winner!, hash);
  }
  const { caseNumber } = registration;
  await ensureCaseStarted(deps, registration);
  return { created: true, caseNumber };
}
