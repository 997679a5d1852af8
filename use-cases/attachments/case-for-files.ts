import type { Client } from '@temporalio/client';
import { and, eq } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { referrals } from '../../db/schema/index.js';
import { Refusal } from '../../domain/refusals.js';
import type { Stage } from '../../domain/stages.js';
import type { InstitutionPrincipal, Principal } from '../auth/principal.js';
import { findVisibleCase, loadCase } from '../cases/read-case.js';

/** Which case's files: staff name the case number, a court or procuratorate its own reference. */
export type FilesTarget = { caseNumber: string } | { reference: string };

export interface CaseForFiles {
  caseNumber: string;
  stage: Stage;
  /** Archived (or imported from a ledger): its files are read-only. */
  readOnly: boolean;
  /** The institution reading or writing (its own uploads and those shared with it), if one is. */
  institutionId: string | undefined;
}

const referralKindOf = { court: 'court', procuratorate: 'prosecution', police: 'police' } as const;

async function institutionCase(
  db: Database,
  principal: InstitutionPrincipal,
  reference: string,
  temporal: Client | undefined,
) {
  // Only the bodies that refer cases have referrals; a partner body's files travel with its hand-off.
  const referralKind = referralKindOf[principal.institutionKind as keyof typeof referralKindOf];
  if (!referralKind) throw new Refusal('not_found', { detail: `No referral ${reference} from you.` });
  const [row] = await db
    .select({ caseNumber: referrals.caseNumber })
    .from(referrals)
    .where(
      and(
        eq(referrals.institutionId, principal.institutionId),
        eq(referrals.reference, reference),
        eq(referrals.kind, referralKind),
      ),
    )
    .limit(1);
  // Another institution's reference finds nothing, as the referral routes answer.
  const found = row && (await loadCase(db, row.caseNumber, temporal));
  if (!row || !found) throw new Refusal('not_found', { detail: `No referral ${reference} from you.` });
  return { caseNumber: row.caseNumber, found };
}

/**
 * The case whose files are asked for, if the caller may touch it: staff as they may see the case
 * (admins and clerks all, supervisors their units, mediators their own cases), an institution only the
 * cases it referred. Anyone else gets 404, which does not confirm the case exists.
 */
export async function caseForFiles(
  deps: { db: Database; temporal?: Client | undefined },
  principal: Principal,
  target: FilesTarget,
): Promise<CaseForFiles> {
  if (principal.kind === 'institution') {
    if (!('reference' in target)) throw new Refusal('not_found');
    const { caseNumber, found } = await institutionCase(deps.db, principal, target.reference, deps.temporal);
    return {
      caseNumber,
      stage: found.stage,
      readOnly: found.stage === 'archived' || found.origin === 'import',
      institutionId: principal.institutionId,
    };
  }
  if (!('caseNumber' in target)) throw new Refusal('not_found');
  const { found } = await findVisibleCase(deps.db, principal, target.caseNumber, deps.temporal);
  return {
    caseNumber: target.caseNumber,
    stage: found.stage,
    readOnly: found.stage === 'archived' || found.origin === 'import',
    institutionId: undefined,
  };
}

/** An archived case's files are kept as they are: nothing added (409 with the current stage). */
export function refuseIfReadOnly(found: CaseForFiles): void {
  if (found.readOnly) {
    throw new Refusal('case_closed', {
      detail: 'The case is archived; its files are read-only.',
      reasonZh: '案件已归档，卷宗只能查阅，不能再上传文件',
      currentStage: found.stage,
    });
  }
}

/** Object keys carry the case number (no personal data) and the content's hash. */
export function objectKeyFor(caseNumber: string, folder: 'attachments' | 'documents', name: string) {
  return `cases/${caseNumber.toLowerCase()}/${folder}/${name}`;
}
