import { readFile, stat } from 'node:fs/promises';
import type { Client } from '@temporalio/client';
import type { Logger } from 'pino';
import type { Environment } from '../config/env.js';
import type { Database } from '../db/client.js';
import { relaySmsOutbox } from '../use-cases/public/sms-outbox.js';
import { withoutQueryValues } from './safe-error.js';
import { StartupError } from './startup-error.js';

/**
 * The SMS provider the outbox is delivered to (SMS_PROVIDER_URL), with the secret that signs each
 * delivery: SMS_PROVIDER_SECRET, or SMS_PROVIDER_SECRET_FILE, which no other user may read (0600 or
 * stricter, as S3_CREDENTIALS_FILE). Undefined when no provider is configured (the console gateway).
 */
export async function smsProviderFrom(
  env: Environment,
): Promise<{ url: string; secret: string } | undefined> {
  if (!env.SMS_PROVIDER_URL) {
    if (env.SMS_PROVIDER_SECRET || env.SMS_PROVIDER_SECRET_FILE)
      throw new StartupError('SMS_PROVIDER_SECRET is set but SMS_PROVIDER_URL is not.');
    return undefined;
  }
  if (env.SMS_PROVIDER_SECRET) return { url: env.SMS_PROVIDER_URL, secret: env.SMS_PROVIDER_SECRET };
  const file = env.SMS_PROVIDER_SECRET_FILE;
  if (!file)
    throw new StartupError('SMS_PROVIDER_URL needs SMS_PROVIDER_SECRET or SMS_PROVIDER_SECRET_FILE.');
  const info = await stat(file);
  if ((info.mode & 0o077) !== 0)
    throw new StartupError(
      `SMS_PROVIDER_SECRET_FILE ${file} may be read by other users (mode ${(info.mode & 0o777).toString(8)}); chmod 600 it.`,
    );
  const secret = (await readFile(file, 'utf8')).trim();
  if (secret.length < 32)
    throw new StartupError(`SMS_PROVIDER_SECRET_FILE ${file} must hold a secret of at least 32 characters.`);
  return { url: env.SMS_PROVIDER_URL, secret };
}

/**
 * The production SMS gateway in an API process: every `intervalMs` the outbox's new messages are
 * handed to signed deliveries (use-cases/public/sms-outbox.ts relaySmsOutbox). Several API copies may
 * run it at once. Failures are logged without the query's values (phone numbers). Returns a stop.
 */
export function relaySmsOutboxEvery(
  deps: { db: Database; temporal: Client; taskQueue: string; logger: Logger },
  intervalMs = 1000,
): () => void {
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    relaySmsOutbox(deps)
      .catch((error: unknown) => deps.logger.warn({ err: withoutQueryValues(error) }, 'SMS relay failed'))
      .finally(() => {
        busy = false;
      });
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
