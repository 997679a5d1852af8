import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { deliveries, deliveryAttempts, institutions, smsOutbox } from '../../db/schema/index.js';
import { postOutbound } from '../../lib/outbound-post.js';
import { allowingHost, type OutboundPolicy, strictOutboundPolicy } from '../../lib/outbound-url.js';
import { institutionCallbackSecret, signBody } from '../../lib/signature.js';
import { filesForReferrer } from './referrer-files.js';

export interface DeliverySettings {
  /** The centre's notification webhook (NOTIFY_WEBHOOK_URL / NOTIFY_WEBHOOK_SECRET), if configured. */
  webhook?: { url: string; secret: string } | undefined;
  /** Key from which each institution's callback secret is derived (CALLBACK_SIGNING_KEY). */
  callbackSigningKey?: string | undefined;
  /** The operator's SMS provider (SMS_PROVIDER_URL / SMS_PROVIDER_SECRET), if configured. */
  sms?: { url: string; secret: string } | undefined;
  /** Where deliveries may go (lib/outbound-url.ts); https to public addresses when not given. */
  outbound?: OutboundPolicy | undefined;
}

export interface DeliveryRequest {
  deliveryId: string;
  kind: string;
  caseNumber: string | null;
  /** An institution's own callback URL, or the URL given with the referral (which wins). */
  target:
    | { kind: 'webhook' }
    | { kind: 'institution'; institutionId: string; url?: string | null }
    /** A message of the SMS outbox: the phone and parameters are read at each attempt, never carried. */
    | { kind: 'sms'; outboxId: string };
  body: Record<string, unknown>;
  createdAt: string;
}

/** Record the delivery before the first attempt; a retried call changes nothing. */
export async function recordDelivery(db: Database, request: DeliveryRequest): Promise<void> {
  await db
    .insert(deliveries)
    .values({
      id: request.deliveryId,
      kind: request.kind,
      caseNumber: request.caseNumber,
      target: request.target.kind,
      institutionId: request.target.kind === 'institution' ? request.target.institutionId : null,
      body: request.body,
      status: 'pending',
      createdAt: new Date(request.createdAt),
    })
    .onConflictDoNothing();
}

async function destination(db: Database, settings: DeliverySettings, request: DeliveryRequest) {
  const policy = settings.outbound ?? strictOutboundPolicy;
  if (request.target.kind === 'webhook') {
    if (!settings.webhook) return undefined;
    // The operator configured the webhook beside the policy: its host is theirs to choose.
    return { ...settings.webhook, policy: allowingHost(policy, new URL(settings.webhook.url).hostname) };
  }
  if (request.target.kind === 'sms') {
    if (!settings.sms)
      throw ApplicationFailure.retryable(
        'SMS_PROVIDER_URL is not configured on this worker',
        'not_configured',
      );
    // Like the webhook, the provider's endpoint is the operator's own choice.
    return { ...settings.sms, policy: allowingHost(policy, new URL(settings.sms.url).hostname) };
  }
  const [institution] = await db
    .select({ url: institutions.callbackUrl })
    .from(institutions)
    .where(eq(institutions.id, request.target.institutionId));
  const url = request.target.url ?? institution?.url;
  if (!url) return undefined;
  if (!settings.callbackSigningKey) {
    throw ApplicationFailure.retryable(
      'CALLBACK_SIGNING_KEY is not configured; cannot sign the callback',
      'not_configured',
    );
  }
  return {
    url,
    secret: institutionCallbackSecret(settings.callbackSigningKey, request.target.institutionId),
    policy,
  };
}

/** What the SMS provider receives beside the delivery id (README: SMS payload). */
async function smsPayload(db: Database, outboxId: string) {
  const [message] = await db
    .select({ templateId: smsOutbox.templateId, phone: smsOutbox.phone, params: smsOutbox.params })
    .from(smsOutbox)
    .where(eq(smsOutbox.id, outboxId));
  if (!message) throw ApplicationFailure.nonRetryable(`SMS ${outboxId} is not in the outbox`, 'not_found');
  return message;
}

/**
 * One attempt: a signed POST to an address the outbound policy allows, resolved once and pinned for
 * the connection, redirects not followed. Anything but a 2xx throws, and Temporal retries the activity
 * with exponential backoff until the receiver takes it; every attempt is logged for the operators
 * (status code, error). Returns how it ended.
 */
export async function attemptDelivery(
  db: Database,
  settings: DeliverySettings,
  request: DeliveryRequest,
): Promise<{ delivered: boolean; attempts: number; statusCode: number | null }> {
  const attempt = Context.current().info.attempt;
  const target = await destination(db, settings, request);
  if (!target) {
    // No callback URL: the receiver pulls the outcome from our API instead.
    await db.update(deliveries).set({ status: 'pull' }).where(eq(deliveries.id, request.deliveryId));
    return { delivered: false, attempts: 0, statusCode: null };
  }
  // An outcome lists the files shared with the referrer as the case holds them when it is sent.
  const files = await filesForReferrer(db, request);
  const sentBody = files ? { ...request.body, files } : request.body;
  const body = JSON.stringify({
    deliveryId: request.deliveryId,
    kind: request.kind,
    ...sentBody,
    ...(request.target.kind === 'sms' ? await smsPayload(db, request.target.outboxId) : {}),
  });
  const timestamp = Math.floor(Date.now() / 1000);
  const started = Date.now();
  let statusCode: number | null = null;
  let error: string | null = null;
  try {
    statusCode = await postOutbound(target.url, target.policy, {
      headers: {
        'content-type': 'application/json',
        'user-agent': 'feisutong-delivery/1',
        'x-feisutong-delivery': request.deliveryId,
        'x-feisutong-event': request.kind,
        'x-feisutong-timestamp': String(timestamp),
        'x-feisutong-signature': signBody(target.secret, timestamp, body),
      },
      body,
      timeoutMs: 15_000,
    });
    if (statusCode < 200 || statusCode > 299) error = `receiver answered ${statusCode}`;
  } catch (caught) {
    error = caught instanceof Error ? caught.message : String(caught);
  }
  const delivered = error === null;
  await db.transaction(async (tx) => {
    await tx
      .insert(deliveryAttempts)
      .values({
        deliveryId: request.deliveryId,
        attempt,
        at: new Date(started),
        url: target.url,
        statusCode,
        error,
        durationMs: Date.now() - started,
      })
      .onConflictDoNothing();
    await tx
      .update(deliveries)
      .set({
        attempts: sql`greatest(${deliveries.attempts}, ${attempt})`,
        lastStatusCode: statusCode,
        lastError: error,
        ...(files ? { body: sentBody } : {}),
        ...(delivered ? { status: 'delivered' as const, deliveredAt: new Date() } : {}),
      })
      .where(eq(deliveries.id, request.deliveryId));
    if (delivered && request.target.kind === 'sms')
      await tx
        .update(smsOutbox)
        .set({ sentAt: new Date() })
        .where(and(eq(smsOutbox.id, request.target.outboxId), isNull(smsOutbox.sentAt)));
  });
  if (!delivered)
    throw ApplicationFailure.retryable(`delivery ${request.deliveryId} failed: ${error}`, 'delivery_failed');
  return { delivered, attempts: attempt, statusCode };
}
