import { and, desc, eq, ilike, lt, or, type SQL } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { enterprises } from '../../db/schema/index.js';
import type {
  EnterpriseIndustry,
  EnterpriseSize,
  MarketEntityClass,
} from '../../domain/enterprise-vocabulary.js';
import { Refusal } from '../../domain/refusals.js';
import type { StaffPrincipal } from '../auth/principal.js';
import { decodeCursor, encodeCursor } from '../shared/cursor.js';
import { workingUnitsOf } from '../shared/working-units.js';
import { scopeIncludes } from '../supervision/scope.js';
import { type Enterprise, toEnterprise } from './enterprise-response.js';

export interface EnterpriseListFilter {
  entityClass?: MarketEntityClass | undefined;
  industry?: EnterpriseIndustry | undefined;
  size?: EnterpriseSize | undefined;
  unitId?: string | undefined;
  /** Text in the name, or the start of the credit code. */
  q?: string | undefined;
  limit: number;
  cursor?: string | undefined;
}

/**
 * The registry, newest first. Every member of staff may look an enterprise up (a dispute involving it
 * can come in at any unit); contacts are always masked here.
 */
export async function listEnterprises(
  db: Database,
  filter: EnterpriseListFilter,
): Promise<{ items: Enterprise[]; nextCursor: string | null }> {
  const conditions: (SQL | undefined)[] = [];
  if (filter.entityClass) conditions.push(eq(enterprises.entityClass, filter.entityClass));
  if (filter.industry) conditions.push(eq(enterprises.industry, filter.industry));
  if (filter.size) conditions.push(eq(enterprises.size, filter.size));
  if (filter.unitId) conditions.push(eq(enterprises.unitId, filter.unitId));
  if (filter.q) {
    const escaped = filter.q.replace(/[\\%_]/g, (c) => `\\${c}`);
    conditions.push(
      or(ilike(enterprises.name, `%${escaped}%`), ilike(enterprises.creditCode, `${escaped.toUpperCase()}%`)),
    );
  }
  if (filter.cursor) {
    const [atText, id] = decodeCursor(filter.cursor, ['instant', 'uuid'] as const);
    const at = new Date(atText);
    conditions.push(
      or(lt(enterprises.registeredAt, at), and(eq(enterprises.registeredAt, at), lt(enterprises.id, id))),
    );
  }
  const rows = await db
    .select()
    .from(enterprises)
    .where(and(...conditions))
    .orderBy(desc(enterprises.registeredAt), desc(enterprises.id))
    .limit(filter.limit + 1);
  const page = rows.slice(0, filter.limit);
  const last = page.at(-1);
  return {
    items: page.map((row) => toEnterprise(row, { masked: true })),
    nextCursor:
      rows.length > filter.limit && last ? encodeCursor([last.registeredAt.toISOString(), last.id]) : null,
  };
}

/** One enterprise: contacts in full for those who work for its unit, masked for everyone else. */
export async function readEnterprise(
  db: Database,
  principal: StaffPrincipal,
  id: string,
): Promise<Enterprise> {
  const [row] = await db.select().from(enterprises).where(eq(enterprises.id, id)).limit(1);
  if (!row) throw new Refusal('not_found', { detail: 'No enterprise with this id.' });
  const works = scopeIncludes(await workingUnitsOf(db, principal), row.unitId);
  return toEnterprise(row, { masked: !works });
}
