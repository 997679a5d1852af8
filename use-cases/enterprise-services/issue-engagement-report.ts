import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { engagementFindings, enterpriseEngagements, units } from '../../db/schema/index.js';
import { renderHealthCheckReport } from '../../documents/health-check-report.js';
import { chinaDateOf } from '../../domain/dates.js';
import { refuse } from '../../domain/refusals.js';
import type { StaffPrincipal } from '../auth/principal.js';
import type { ObjectStore } from '../shared/object-store.js';
import { engagementAsItIs, loadEngagementToWorkOn, requireEngagementStage } from './engagement-access.js';
import { type Engagement, toEngagement } from './engagement-response.js';

/**
 * Issue the 法治体检 report: a .docx generated from the visit and its findings, kept in the object
 * store (its SHA-256 on the engagement). An engagement with no findings is closed at once; otherwise
 * it stays open until each finding is followed up to its end. Issuing again (a retry) answers the
 * engagement as it is.
 */
export async function issueEngagementReport(
  deps: { db: Database; objectStore: ObjectStore },
  principal: StaffPrincipal,
  id: string,
): Promise<Engagement> {
  const { db } = deps;
  const { engagement, enterprise } = await loadEngagementToWorkOn(db, principal, id);
  if (engagement.reportedAt) return engagementAsItIs(db, principal, id);
  requireEngagementStage(engagement, ['visited'], '出具体检报告');
  const findings = await db.select().from(engagementFindings).where(eq(engagementFindings.engagementId, id));
  const view = toEngagement(engagement, enterprise, findings, { masked: true });
  const [unit] = await db.select({ name: units.name }).from(units).where(eq(units.id, engagement.unitId));
  const now = new Date();
  const bytes = await renderHealthCheckReport({
    enterpriseName: view.enterprise.name,
    creditCode: view.enterprise.creditCode,
    entityClassZh: view.enterprise.entityClassZh,
    originZh: view.originZh,
    campaign: view.campaign,
    visitedOn: view.visit!.visitedOn,
    team: view.visit!.team,
    mattersZh: view.visit!.mattersZh,
    findings: view.findings,
    issuedOn: chinaDateOf(now.getTime()),
    centreName: unit?.name ?? '',
  });
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const objectKey = `enterprises/${enterprise.id}/engagements/${id}/report/${sha256}.docx`;
  await deps.objectStore.put(
    objectKey,
    bytes,
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  );
  const closes = findings.length === 0;
  const [updated] = await db
    .update(enterpriseEngagements)
    .set({
      reportObjectKey: objectKey,
      reportSha256: sha256,
      reportedAt: now,
      stage: closes ? 'closed' : 'reported',
      ...(closes ? { closedAt: now } : {}),
    })
    .where(and(eq(enterpriseEngagements.id, id), eq(enterpriseEngagements.stage, 'visited')))
    .returning({ id: enterpriseEngagements.id });
  // Another request issued it meanwhile: its report stands (the bytes here were never referenced).
  if (!updated) return engagementAsItIs(db, principal, id);
  return engagementAsItIs(db, principal, id);
}

/** The report's bytes, for the engagement's unit. */
export async function downloadEngagementReport(
  deps: { db: Database; objectStore: ObjectStore },
  principal: StaffPrincipal,
  id: string,
): Promise<{ fileName: string; bytes: Uint8Array }> {
  const { engagement, enterprise } = await loadEngagementToWorkOn(deps.db, principal, id);
  if (!engagement.reportObjectKey) {
    refuse('engagement_stage', {
      detail: 'no report has been issued yet',
      reasonZh: '尚未出具体检报告',
      currentStage: engagement.stage,
    });
  }
  const bytes = await deps.objectStore.get(engagement.reportObjectKey);
  if (!bytes) throw new Error(`report object ${engagement.reportObjectKey} is missing`);
  return { fileName: `企业法治体检报告-${enterprise.name}.docx`, bytes };
}
