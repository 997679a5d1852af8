import { eq } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { cases } from '../../db/schema/index.js';
import type { CaseView } from '../../workflows/case.messages.js';
import type { CaseResponse } from '../schemas/case-schemas.js';

export function toCaseResponse(view: CaseView, updatedAt: Date | string): CaseResponse {
  return {
    caseNumber: view.caseNumber,
    stage: view.stage,
    source: view.source,
    summary: view.summary,
    unitId: view.unitId,
    assigneeId: view.assigneeId,
    parties: view.parties,
    registeredAt: view.registeredAt,
    registeredBy: view.registeredBy,
    seq: view.seq,
    updatedAt: new Date(updatedAt).toISOString(),
    links: { self: `/v1/cases/${view.caseNumber}` },
  };
}

/** The case as the read model holds it, or undefined. */
export async function readCase(db: Database, caseNumber: string): Promise<CaseResponse | undefined> {
  const [row] = await db
    .select({ state: cases.state, updatedAt: cases.updatedAt })
    .from(cases)
    .where(eq(cases.caseNumber, caseNumber))
    .limit(1);
  return row ? toCaseResponse(row.state as CaseView, row.updatedAt) : undefined;
}
