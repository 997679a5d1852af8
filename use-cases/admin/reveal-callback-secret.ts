import { eq } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { institutions } from '../../db/schema/index.js';
import { Refusal } from '../../domain/refusals.js';
import { institutionCallbackSecret } from '../../lib/signature.js';

/**
 * The secret an institution checks our callbacks with: derived from the centre's signing key, so
 * nothing secret is stored per institution. An admin hands it over a trusted channel.
 */
export async function revealCallbackSecret(
  db: Database,
  callbackSigningKey: string | undefined,
  institutionId: string,
) {
  const [institution] = await db
    .select({ id: institutions.id })
    .from(institutions)
    .where(eq(institutions.id, institutionId));
  if (!institution) throw new Refusal('not_found', { detail: 'No such institution.' });
  if (!callbackSigningKey) {
    throw new Refusal('not_configured', {
      detail: 'CALLBACK_SIGNING_KEY is not configured.',
      retryAfterSeconds: 3600,
    });
  }
  return {
    institutionId,
    algorithm: 'HMAC-SHA256' as const,
    secret: institutionCallbackSecret(callbackSigningKey, institutionId),
  };
}
