import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifySignature } from '../../lib/signature.js';
import { type CaseWorkflowHarness, createCaseWorkflowHarness } from '../helpers/case-workflow-env.js';
import { startReceiver } from '../helpers/receiver.js';

const secret = 'notification-webhook-secret-0123456789abcdef';

describe('notifications also go to the centre’s webhook, signed and retried (time-skipping server)', () => {
  let h: CaseWorkflowHarness;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;

  beforeAll(async () => {
    // The webhook is down for its first two attempts, then takes the notice.
    receiver = await startReceiver((_request, index) => (index < 2 ? 500 : 204));
    h = await createCaseWorkflowHarness({ deliveries: { webhook: { url: receiver.url, secret } } });
  });
  afterAll(async () => {
    await h?.teardown();
    await receiver?.close();
  });

  it('delivers the assignment notice once it is taken, with one delivery id and a valid signature on every attempt', async () => {
    await h.run(async () => {
      const handle = await h.start('TS-2026-000301');
      await h.transition(handle, 'triage', h.clerk, { triageClass: 'simple', category: 'consumer' });
      const assigned = await h.transition(handle, 'assign', h.clerk, { mediatorId: h.mediator.id });
      const deliveryId = `notify-TS-2026-000301-${assigned.seq}`;
      const result = await h.env.client.workflow.getHandle(`delivery-${deliveryId}`).result();
      expect(result).toMatchObject({ delivered: true, attempts: 3, statusCode: 204 });
    });
    expect(receiver.received.map((r) => r.answeredWith)).toEqual([500, 500, 204]);
    const ids = new Set(receiver.received.map((r) => r.headers['x-feisutong-delivery']));
    expect(ids.size).toBe(1);
    for (const request of receiver.received) {
      const timestamp = Number(request.headers['x-feisutong-timestamp']);
      const signature = String(request.headers['x-feisutong-signature']);
      // Skipped time moves the server's clock, not ours: check the signature itself, not its age.
      expect(verifySignature(secret, timestamp, request.body, signature, { nowSeconds: timestamp })).toBe(
        true,
      );
      expect(
        verifySignature(`${secret}x`, timestamp, request.body, signature, { nowSeconds: timestamp }),
      ).toBe(false);
      expect(JSON.parse(request.body)).toMatchObject({
        kind: 'notification.assigned',
        caseNumber: 'TS-2026-000301',
      });
    }
    const [delivery] = await h.database.sql`select status, attempts, last_status_code from deliveries`;
    expect(delivery).toEqual({ status: 'delivered', attempts: 3, last_status_code: 204 });
    const attempts = await h.database
      .sql`select attempt, status_code from delivery_attempts order by attempt`;
    expect(attempts).toEqual([
      { attempt: 1, status_code: 500 },
      { attempt: 2, status_code: 500 },
      { attempt: 3, status_code: 204 },
    ]);
  });
});
