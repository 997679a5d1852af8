import type { Database } from '../../db/client.js';
import { institutions } from '../../db/schema/index.js';
import { assertCallbackUrlAllowed, type OutboundPolicy } from '../shared/callback-url.js';
import { adminProblems } from './admin-refusals.js';

type InstitutionRow = typeof institutions.$inferSelect;

interface CreateInstitutionInput {
  code: string;
  name: string;
  kind: InstitutionRow['kind'];
  callbackUrl?: string | undefined;
}

export function toInstitutionResponse(row: InstitutionRow) {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    kind: row.kind,
    callbackUrl: row.callbackUrl,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** A court, procuratorate or police station that will call the API with its own keys. */
export async function createInstitution(
  db: Database,
  input: CreateInstitutionInput,
  outbound?: OutboundPolicy | undefined,
) {
  assertCallbackUrlAllowed(outbound, input.callbackUrl);
  const [created] = await db
    .insert(institutions)
    .values({ code: input.code, name: input.name, kind: input.kind, callbackUrl: input.callbackUrl ?? null })
    .onConflictDoNothing({ target: institutions.code })
    .returning();
  if (!created) {
    throw adminProblems.alreadyExists('code', `code: an institution ${input.code} already exists.`);
  }
  return toInstitutionResponse(created);
}
