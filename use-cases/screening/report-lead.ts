import { and, eq } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { gridLeads } from '../../db/schema/index.js';
import { refuseField } from '../../domain/refusals.js';
import type { LeadRiskLevel } from '../../domain/screening-vocabulary.js';
import type { DisputeCategory } from '../../domain/vocabulary.js';
import type { StaffPrincipal } from '../auth/principal.js';
import { type GridLead, type LeadPerson, toGridLead } from './lead-response.js';

/** A lead as a grid worker reports it from the phone page or the API. */
export interface ReportLeadInput {
  place: string;
  people: LeadPerson[];
  category: DisputeCategory;
  riskLevel: LeadRiskLevel;
  description: string;
}

/**
 * A grid worker reports a lead (排查线索) found in their own grid: the lead belongs to the reporter's unit,
 * never one they name. With an idempotency key (the API's header, the phone form's hidden one-time key),
 * a resend after a lost answer on a weak signal finds the first report instead of counting it twice.
 */
export async function reportLead(
  db: Database,
  principal: StaffPrincipal,
  input: ReportLeadInput,
  idempotencyKey?: string,
): Promise<{ lead: GridLead; created: boolean }> {
  if (!principal.unitId) refuseField('unit_required', 'unitId', 'a grid worker must belong to a grid unit');
  const [inserted] = await db
    .insert(gridLeads)
    .values({
      unitId: principal.unitId,
      reportedById: principal.userId,
      idempotencyKey: idempotencyKey ?? null,
      place: input.place,
      people: input.people,
      category: input.category,
      riskLevel: input.riskLevel,
      description: input.description,
      // Millisecond precision, as list cursors carry it (PostgreSQL's now() has microseconds).
      reportedAt: new Date(),
    })
    .onConflictDoNothing({ target: [gridLeads.reportedById, gridLeads.idempotencyKey] })
    .returning();
  if (inserted) return { lead: toGridLead(inserted, { masked: false }), created: true };
  const [earlier] = await db
    .select()
    .from(gridLeads)
    .where(
      and(eq(gridLeads.reportedById, principal.userId), eq(gridLeads.idempotencyKey, idempotencyKey ?? '')),
    )
    .limit(1);
  if (!earlier) throw new Error('lead insert conflicted but no earlier report was found');
  return { lead: toGridLead(earlier, { masked: false }), created: false };
}
