import { sql } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { smsOutbox } from '../../db/schema/index.js';

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
