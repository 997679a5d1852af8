import { createHmac, randomInt, randomUUID } from 'node:crypto';
import type { Database } from '../../db/client.js';
import { citizenSignInCodes } from '../../db/schema/index.js';
import { admitPublicAction } from './public-rate-limit.js';
import { queueSms, smsTemplates } from './sms-outbox.js';

export const signInCodeMinutes = 5;
export const signInCodeTries = 5;

/** Sends per phone and per client address (the staff login's address limit is 20 per 15 minutes). */
export const signInCodeLimits = {
  perPhoneMinute: 1,
  perPhoneHour: 5,
  perAddressHour: 30,
};

/** HMAC of a code under the server's secret, bound to its challenge: a leaked table reveals no codes. */
export function signInCodeHash(secret: string, challengeId: string, code: string): string {
  return createHmac('sha256', secret).update(`citizen-sign-in:${challengeId}:${code}`).digest('base64url');
}

/**
 * Send a one-time code of 6 digits to a mobile number (already checked by the caller): a new
 * challenge whose hash only is kept, valid 5 minutes, and the text message in the outbox. The answer is
 * the same whether or not the phone belongs to any case. Limited per phone and per client address.
 */
export async function requestSignInCode(
  deps: { db: Database; secret: string },
  input: { phone: string; clientAddress: string },
): Promise<{ challengeId: string } | { retryAfterSeconds: number }> {
  const retryAfterSeconds = await admitPublicAction(deps.db, [
    {
      kind: 'sms-phone-minute',
      value: input.phone,
      limit: signInCodeLimits.perPhoneMinute,
      windowSeconds: 60,
    },
    { kind: 'sms-phone-hour', value: input.phone, limit: signInCodeLimits.perPhoneHour, windowSeconds: 3600 },
    {
      kind: 'sms-address',
      value: input.clientAddress,
      limit: signInCodeLimits.perAddressHour,
      windowSeconds: 3600,
    },
  ]);
  if (retryAfterSeconds > 0) return { retryAfterSeconds };
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const challengeId = randomUUID();
  await deps.db.transaction(async (tx) => {
    await tx.insert(citizenSignInCodes).values({
      id: challengeId,
      phone: input.phone,
      codeHash: signInCodeHash(deps.secret, challengeId, code),
      expiresAt: new Date(Date.now() + signInCodeMinutes * 60_000),
    });
    await queueSms(tx, smsTemplates.signInCode, input.phone, { code, minutes: String(signInCodeMinutes) });
  });
  return { challengeId };
}
