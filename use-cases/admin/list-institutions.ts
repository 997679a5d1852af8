import { asc, eq } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { institutions } from '../../db/schema/index.js';
import type { InstitutionKind } from '../../domain/vocabulary.js';
import { toInstitutionResponse } from './create-institution.js';

export async function listInstitutions(db: Database, filter: { kind?: InstitutionKind | undefined }) {
  const rows = await db
    .select()
    .from(institutions)
    .where(filter.kind ? eq(institutions.kind, filter.kind) : undefined)
    .orderBy(asc(institutions.code));
  return rows.map(toInstitutionResponse);
}
