import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { apiKeys, institutions } from '../../db/schema/index.js';
import { Refusal } from '../../domain/refusals.js';
import { generateApiKey } from '../auth/api-keys.js';

type ApiKeyRow = typeof apiKeys.$inferSelect;

/** A key as listed: its public id and dates, never the secret or its hash. */
function toApiKeyResponse(row: ApiKeyRow) {
  return {
    keyId: row.keyId,
    institutionId: row.institutionId,
    label: row.label,
    createdAt: row.createdAt.toISOString(),
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}

async function assertInstitutionExists(db: Database, institutionId: string): Promise<void> {
  const [found] = await db
    .select({ id: institutions.id })
    .from(institutions)
    .where(eq(institutions.id, institutionId));
  if (!found) throw new Refusal('not_found', { detail: `No institution ${institutionId}.` });
}

/** A new key for an institution. The whole key is returned this once; only a hash of it is kept. */
export async function issueApiKey(db: Database, institutionId: string, label: string | undefined) {
  await assertInstitutionExists(db, institutionId);
  const generated = generateApiKey();
  const [row] = await db
    .insert(apiKeys)
    .values({
      institutionId,
      keyId: generated.keyId,
      secretHash: generated.secretHash,
      label: label ?? null,
    })
    .returning();
  return { ...toApiKeyResponse(row!), key: generated.key };
}

export async function listApiKeys(db: Database, institutionId: string) {
  await assertInstitutionExists(db, institutionId);
  const rows = await db
    .select()
    .from(apiKeys)
    .where(eq(apiKeys.institutionId, institutionId))
    .orderBy(asc(apiKeys.createdAt));
  return rows.map(toApiKeyResponse);
}

/**
 * Revoke a key: every request with it is refused from now on (authentication reads revokedAt on each
 * request). Revoking twice keeps the first revocation time.
 */
export async function revokeApiKey(db: Database, institutionId: string, keyId: string) {
  const match = and(eq(apiKeys.institutionId, institutionId), eq(apiKeys.keyId, keyId));
  const [revoked] = await db
    .update(apiKeys)
    .set({ revokedAt: new Date() })
    .where(and(match, isNull(apiKeys.revokedAt)))
    .returning();
  if (revoked) return toApiKeyResponse(revoked);
  const [existing] = await db.select().from(apiKeys).where(match);
  if (!existing)
    throw new Refusal('not_found', { detail: `Institution ${institutionId} has no API key ${keyId}.` });
  return toApiKeyResponse(existing);
}
