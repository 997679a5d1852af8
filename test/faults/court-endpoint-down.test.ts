import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaDateOf } from '../../domain/dates.js';
import { institutionCallbackSecret, verifySignature } from '../../lib/signature.js';
import { signForMaterialsUpdate } from '../../workflows/referral.messages.js';
import { type CaseWorkflowHarness, createCaseWorkflowHarness } from '../helpers/case-workflow-env.js';
import { startClockedReceiver } from '../helpers/clocked-receiver.js';
import { createInstitution } from '../helpers/staff.js';

const signingKey = 'court-endpoint-down-signing-key-0123456789';
const hour = 60 * 60 * 1000;

describe('a court callback endpoint down for an hour (time-skipping server)', () => {
  let h: CaseWorkflowHarness;
  let receiver: Awaited<ReturnType<typeof startClockedReceiver>>;
  let court: Awaited<ReturnType<typeof createInstitution>>;
  let downUntil = Number.POSITIVE_INFINITY;

  beforeAll(async () => {
    h = await createCaseWorkflowHarness({ deliveries: { callbackSigningKey: signingKey } });
    // The court's endpoint answers 503 until the skipped clock passes `downUntil`, then 200.
    receiver = await startClockedReceiver(
      () => h.env.currentTimeMs(),
      (at) => (at < downUntil ? 503 : 200),
    );
    court = await createInstitution(h.database.db, 'court', '牙克石市人民法院');
  });
  afterAll(async () => {
    await h?.teardown();
    await receiver?.close();
  });

  it('keeps the case moving, retries the report under one delivery id, and delivers it once the court is back', async () => {
    await h.run(async () => {
      const startedAt = await h.env.currentTimeMs();
      downUntil = startedAt + hour;
      const receivedAt = new Date(startedAt).toISOString();
      const handle = await h.start(
        'CT-2026-000901',
        {},
        {
          source: 'court',
          registeredBy: { kind: 'institution', id: court.id, role: 'court' },
          registeredAt: receivedAt,
          referral: {
            kind: 'court',
            institutionId: court.id,
            institutionName: court.name,
            reference: '(2026)内0782民初0901号',
            type: 'entrusted',
            procedure: 'simple',
            referralDate: chinaDateOf(receivedAt),
            receivedAt,
            claimsSummary: '买卖合同纠纷',
            claimAmountFen: 2_000_000,
            materials: ['起诉状'],
            contact: { name: '王法官' },
            callbackUrl: receiver.url,
          },
        },
      );
      // 签收: the court must be told the centre accepted; its endpoint is down.
      const signed = await handle.executeUpdate(signForMaterialsUpdate, {
        args: [{ actor: h.actor(h.clerk) }],
      });
      const report = signed.court!.reports.find((r) => r.kind === 'court.accepted')!;

      // The case does not wait for the court's endpoint.
      await h.transition(handle, 'triage', h.clerk, { triageClass: 'general', category: 'contract' });
      await h.transition(handle, 'assign', h.clerk, { mediatorId: h.mediator.id });
      const accepted = await h.transition(handle, 'accept', h.mediator, {});
      expect(accepted.stage).toBe('resolve');

      // Waiting for the delivery lets the server skip through its retry backoff (10 s doubling to 1 h).
      const outcome = (await h.env.client.workflow.getHandle(`delivery-${report.deliveryId}`).result()) as {
        delivered: boolean;
        attempts: number;
        statusCode: number;
      };
      expect(outcome).toMatchObject({ delivered: true, statusCode: 200 });

      // Every attempt carried the same delivery id; all but the last found the endpoint down.
      const attempts = receiver.received.filter((r) => r.headers['x-feisutong-event'] === 'court.accepted');
      expect(attempts.length).toBe(outcome.attempts);
      expect(attempts.length).toBeGreaterThanOrEqual(5);
      expect(new Set(attempts.map((r) => r.headers['x-feisutong-delivery']))).toEqual(
        new Set([report.deliveryId]),
      );
      expect(attempts.slice(0, -1).filter((r) => !(r.answeredWith === 503 && r.at < downUntil))).toEqual([]);
      const delivered = attempts.at(-1)!;
      expect(delivered.answeredWith).toBe(200);
      // Delivered once the endpoint is back: at the first retry after the hour, not later than one
      // more maximum backoff (1 h).
      expect(delivered.at).toBeGreaterThanOrEqual(downUntil);
      expect(delivered.at - downUntil).toBeLessThanOrEqual(hour);
      const secret = institutionCallbackSecret(signingKey, court.id);
      const timestamp = Number(delivered.headers['x-feisutong-timestamp']);
      expect(
        verifySignature(
          secret,
          timestamp,
          delivered.body,
          String(delivered.headers['x-feisutong-signature']),
          {
            nowSeconds: timestamp,
          },
        ),
      ).toBe(true);
      expect(JSON.parse(delivered.body)).toMatchObject({
        deliveryId: report.deliveryId,
        kind: 'court.accepted',
        caseNumber: 'CT-2026-000901',
      });

      // One logical delivery, every attempt logged.
      const [row] = await h.database.sql<{ status: string; attempts: number; last_status_code: number }[]>`
        select status, attempts, last_status_code from deliveries where id = ${report.deliveryId}`;
      expect(row).toEqual({ status: 'delivered', attempts: attempts.length, last_status_code: 200 });
      const logged = await h.database.sql<{ attempt: number; status_code: number; error: string | null }[]>`
        select attempt, status_code, error from delivery_attempts
        where delivery_id = ${report.deliveryId} order by attempt`;
      expect(logged.map((a) => a.attempt)).toEqual(attempts.map((_, i) => i + 1));
      expect(logged.map((a) => a.status_code)).toEqual(attempts.map((a) => a.answeredWith));
      expect(logged.slice(0, -1).filter((a) => !(a.error === 'receiver answered 503'))).toEqual([]);
      expect(logged.at(-1)!.error).toBeNull();
      const others = await h.database.sql<{ n: number }[]>`
        select count(*)::int as n from deliveries where case_number = 'CT-2026-000901'`;
      expect(others[0]!.n).toBe(1);

      console.info(
        JSON.stringify({
          test: 'court endpoint down',
          attempts: attempts.length,
          deliveredMinutesAfterStart: Math.round((delivered.at - startedAt) / 60_000),
        }),
      );
    });
  });
});
