import { and, desc, eq, inArray, lt, or, type SQL, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { gridLeads } from '../../db/schema/index.js';
import type { LeadRiskLevel, LeadStatus } from '../../domain/screening-vocabulary.js';
import type { StaffPrincipal } from '../auth/principal.js';
import { decodeCursor, encodeCursor } from '../shared/cursor.js';
import { type SupervisionScope, scopeIncludes } from '../supervision/scope.js';
import { type GridLead, toGridLead } from './lead-response.js';
import { leadNotFound, leadUnitsOf } from './lead-scope.js';

export interface LeadListFilter {
  status?: LeadStatus | undefined;
  riskLevel?: LeadRiskLevel | undefined;
  limit: number;
  cursor?: string | undefined;
}

function scopeCondition(scope: SupervisionScope): SQL | undefined {
  if (scope === 'all') return undefined;
  return scope.length > 0 ? inArray(gridLeads.unitId, [...scope]) : sql`false`;
}

/** Leads newest first, within the caller's grids (lead-scope.ts); phone numbers masked. */
export async function listLeads(
  db: Database,
  principal: StaffPrincipal,
  filter: LeadListFilter,
): Promise<{ items: GridLead[]; nextCursor: string | null }> {
  const conditions: (SQL | undefined)[] = [scopeCondition(await leadUnitsOf(db, principal))];
  if (filter.status) conditions.push(eq(gridLeads.status, filter.status));
  if (filter.riskLevel) conditions.push(eq(gridLeads.riskLevel, filter.riskLevel));
  if (filter.cursor) {
    const [atText, id] = decodeCursor(filter.cursor, ['instant', 'uuid'] as const);
    const at = new Date(atText);
    conditions.push(
      or(lt(gridLeads.reportedAt, at), and(eq(gridLeads.reportedAt, at), lt(gridLeads.id, id))),
    );
  }
  const rows = await db
    .select()
    .from(gridLeads)
    .where(and(...conditions))
    .orderBy(desc(gridLeads.reportedAt), desc(gridLeads.id))
    .limit(filter.limit + 1);
  const page = rows.slice(0, filter.limit);
  const last = page.at(-1);
  return {
    items: page.map((row) => toGridLead(row, { masked: true })),
    nextCursor:
      rows.length > filter.limit && last ? encodeCursor([last.reportedAt.toISOString(), last.id]) : null,
  };
}

/** One lead, in full, for someone whose grids include its grid; anyone else gets 404. */
export async function readLead(db: Database, principal: StaffPrincipal, id: string): Promise<GridLead> {
  const [row] = await db.select().from(gridLeads).where(eq(gridLeads.id, id)).limit(1);
  if (!row || !scopeIncludes(await leadUnitsOf(db, principal), row.unitId)) throw leadNotFound();
  return toGridLead(row, { masked: false });
}
