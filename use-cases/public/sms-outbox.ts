import { type Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { eq, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { smsOutbox } from '../../db/schema/index.js';
import { sessionReminderTemplate } from '../../domain/session-rooms.js';
import type { deliveryWorkflow } from '../../workflows/delivery.workflow.js';

type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];

/**
 * The text messages the public channel sends, by template id (the id the operator registers with its
 * SMS provider) and the template's parameters. The README (SMS payload) documents them for the
 * provider's IT; the texts here are what the templates say.
 */
export const smsTemplates = {
  /** 【飞速通】您的登录验证码为{code}，{minutes}分钟内有效。如非本人操作，请忽略。 */
  signInCode: 'FST_SIGN_IN_CODE',
  /** 【飞速通】您的调解申请已提交，案件编号{caseNumber}。 */
  applicationReceived: 'FST_APPLICATION_RECEIVED',
  /** 【飞速通】调解员回复了您在案件{caseNumber}中的留言，请登录查看。 */
  messageReply: 'FST_MESSAGE_REPLY',
  /** 【飞速通】您在案件{caseNumber}中预约的调解（{time}）已取消，原因请登录查看，可重新预约。 */
  bookingCancelled: 'FST_BOOKING_CANCELLED',
  /** 【飞速通】提醒：您在案件{caseNumber}中预约的调解将于{time}在{room}进行，请准时参加。 */
  sessionReminder: sessionReminderTemplate,
} as const;

export type SmsTemplateId = (typeof smsTemplates)[keyof typeof smsTemplates];

/**
 * Queue a text message in the outbox (sms_outbox). The gateway that hands it to the provider reads the
 * outbox; on the embedded default nothing sends it, `npm start` prints it and tests read it.
 */
export async function queueSms(
  db: Database | Transaction,
  templateId: SmsTemplateId,
  phone: string,
  params: Record<string, string>,
): Promise<void> {
  await db.insert(smsOutbox).values({ templateId, phone, params });
}

export interface OutboxMessage {
  id: string;
  templateId: string;
  phone: string;
  params: Record<string, string>;
}

/**
 * Take the oldest unsent messages and mark them sent, for a gateway that delivers them (on the
 * embedded default, the console of `npm start`). Rows another taker holds are skipped, so several
 * copies never send one message twice.
 */
export async function takeUnsentSms(db: Database, limit = 50): Promise<OutboxMessage[]> {
  const rows = await db.execute<{
    id: string;
    template_id: string;
    phone: string;
    params: Record<string, string>;
  }>(sql`
    update ${smsOutbox} set sent_at = now()
    where id in (select id from ${smsOutbox} where sent_at is null order by created_at limit ${limit} for update skip locked)
    returning id, template_id, phone, params`);
  return [...rows].map((row) => ({
    id: row.id,
    templateId: row.template_id,
    phone: row.phone,
    params: row.params,
  }));
}

/** How soon a failed SMS is tried again: a sign-in code is worth something for five minutes only. */
export const smsDeliveryRetry = { initialRetryInterval: '1 second', maximumRetryInterval: '1 minute' };

/**
 * The production gateway (SMS_PROVIDER_URL): hand each unsent message of the outbox to a signed,
 * retried delivery of its own (the delivery workflow court callbacks use; delivery id `sms-<row id>`),
 * which marks the row sent when the provider answers 2xx. Rows another relay holds are skipped; a row
 * whose delivery started but was not yet noted is started again and Temporal refuses the duplicate,
 * so each message goes out once. Returns how many messages were handed on.
 */
export async function relaySmsOutbox(
  deps: { db: Database; temporal: Client; taskQueue: string },
  limit = 50,
): Promise<number> {
  return deps.db.transaction(async (tx) => {
    const rows = await tx.execute<{ id: string; template_id: string; created_at: string }>(sql`
      select id, template_id, created_at from ${smsOutbox}
      where sent_at is null and delivery_id is null
      order by created_at limit ${limit} for update skip locked`);
    for (const row of rows) {
      const deliveryId = `sms-${row.id}`;
      const request: Parameters<typeof deliveryWorkflow>[0] = {
        deliveryId,
        kind: 'sms',
        caseNumber: null,
        target: { kind: 'sms', outboxId: row.id },
        body: { templateId: row.template_id },
        createdAt: new Date(row.created_at).toISOString(),
      };
      try {
        await deps.temporal.workflow.start<typeof deliveryWorkflow>('deliveryWorkflow', {
          workflowId: `delivery-${deliveryId}`,
          taskQueue: deps.taskQueue,
          args: [request, smsDeliveryRetry],
          workflowIdReusePolicy: 'REJECT_DUPLICATE',
        });
      } catch (error) {
        if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
      }
      await tx.update(smsOutbox).set({ deliveryId }).where(eq(smsOutbox.id, row.id));
    }
    return rows.length;
  });
}
