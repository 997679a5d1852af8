import { and, eq } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { caseDocuments } from '../../db/schema/index.js';
import { Refusal } from '../../domain/refusals.js';
import type { Stage } from '../../domain/stages.js';

/** The kind under which generated 人民调解协议书 versions are kept (generate-case-document storedKindOf). */
const agreementKind = 'mediation-agreement';

/**
 * Where the centre requires it (SETTLE_REQUIRES_SIGNED_AGREEMENT), a written settlement is recorded
 * only once some version of the case's 人民调解协议书 has its signed and sealed scan: the agreement
 * takes effect on signature and seal (人民调解法 art 29), and it is what goes back to a referring court.
 * Refused with 409, naming what is missing and the stage the case is in.
 */
export async function requireSignedAgreement(
  db: Database,
  found: { caseNumber: string; stage: Stage },
): Promise<void> {
  const versions = await db
    .select({ version: caseDocuments.version, signedScanId: caseDocuments.signedScanId })
    .from(caseDocuments)
    .where(and(eq(caseDocuments.caseNumber, found.caseNumber), eq(caseDocuments.kind, agreementKind)));
  if (versions.some((version) => version.signedScanId !== null)) return;
  const missing = versions.length === 0 ? 'mediation_agreement' : 'mediation_agreement_signed_scan';
  throw new Refusal('signed_agreement_required', {
    detail:
      versions.length === 0
        ? 'A written settlement needs the mediation agreement generated and its signed, sealed scan uploaded first.'
        : 'A written settlement needs the signed, sealed scan of the mediation agreement uploaded first.',
    reasonZh:
      versions.length === 0
        ? '尚未生成人民调解协议书：请先生成协议书，经当事人签字、调解委员会盖章后上传扫描件，再登记调解成功'
        : '尚未上传人民调解协议书的签字盖章扫描件：请上传后再登记调解成功',
    missing,
    currentStage: found.stage,
  });
}
