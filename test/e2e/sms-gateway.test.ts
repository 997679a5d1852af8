import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifySignature } from '../../lib/signature.js';
import { relaySmsOutboxEvery } from '../../system/sms-gateway.js';
import { eventually } from '../helpers/eventually.js';
import { testOutboundPolicy } from '../helpers/outbound.js';
import { startReceiver } from '../helpers/receiver.js';
import { createStaff, createUnit } from '../helpers/staff.js';
import { startTestSystem, type TestSystem, testCallbackSigningKey } from '../helpers/test-system.js';

/**
 * The production SMS gateway: with an SMS provider configured, each message of the outbox is a signed,
 * retried delivery to the provider's endpoint (the machinery of court callbacks), marked sent when the
 * provider answers 2xx. A real HTTP server on loopback plays the provider.
 */
describe('SMS gateway to the operator’s provider', () => {
  const secret = 'test-sms-provider-secret-0123456789abcdef';
  const logged: string[] = [];
  let provider: Awaited<ReturnType<typeof startReceiver>>;
  let system: TestSystem;
  let stopRelay: () => void;

  // The worker's own log (the Temporal runtime's logger writes to the console) is read too.
  const writes = { stdout: process.stdout.write, stderr: process.stderr.write };
  function capture(stream: NodeJS.WriteStream, original: typeof process.stdout.write) {
    stream.write = ((chunk: unknown, ...rest: unknown[]) => {
      logged.push(String(chunk));
      return (original as (...args: unknown[]) => boolean).call(stream, chunk, ...rest);
    }) as typeof process.stdout.write;
  }

  beforeAll(async () => {
    capture(process.stdout, writes.stdout);
    capture(process.stderr, writes.stderr);
    // The provider is down for the first attempt, then takes the message.
    provider = await startReceiver((_request, index) => (index === 0 ? 500 : 200));
    const logger = pino({ level: 'debug' }, { write: (line: string) => void logged.push(line) });
    system = await startTestSystem({
      logger,
      deliveries: {
        callbackSigningKey: testCallbackSigningKey,
        outbound: testOutboundPolicy,
        sms: { url: provider.url, secret },
      },
    });
    const unit = await createUnit(system.database.db);
    await createStaff(system.database.db, 'clerk', unit.id);
    stopRelay = relaySmsOutboxEvery(
      { db: system.database.db, temporal: system.temporal, taskQueue: system.taskQueue, logger },
      200,
    );
  });
  afterAll(async () => {
    process.stdout.write = writes.stdout;
    process.stderr.write = writes.stderr;
    stopRelay?.();
    await system?.stop();
    await provider?.close();
  });

  it('delivers the sign-in code signed, retries after a 500, marks it sent, and the code signs in', async () => {
    const asked = await fetch(`${system.baseUrl}/my/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ phone: '139 0013 9000' }).toString(),
      redirect: 'manual',
    });
    expect(asked.status).toBe(303);
    const challenge = asked.headers
      .getSetCookie()
      .find((line) => line.startsWith('fst_citizen_challenge='))!
      .split(';')[0]!;

    const sent = await eventually(async () => {
      const [row] = await system.database.sql<{ id: string; sent_at: Date | null; delivery_id: string }[]>`
        select id, sent_at, delivery_id from sms_outbox where phone = '13900139000'`;
      return row?.sent_at ? row : undefined;
    });
    expect(sent.delivery_id).toBe(`sms-${sent.id}`);
    expect(provider.received.map((request) => request.answeredWith)).toEqual([500, 200]);

    const [first, second] = provider.received;
    for (const request of [first!, second!]) {
      expect(request.headers['x-feisutong-delivery']).toBe(`sms-${sent.id}`);
      expect(request.headers['x-feisutong-event']).toBe('sms');
      const timestamp = Number(request.headers['x-feisutong-timestamp']);
      const signature = String(request.headers['x-feisutong-signature']);
      expect(verifySignature(secret, timestamp, request.body, signature)).toBe(true);
      expect(verifySignature('another-secret-0123456789abcdef0123', timestamp, request.body, signature)).toBe(
        false,
      );
    }
    const payload = JSON.parse(second!.body) as { params: { code: string } };
    expect(payload).toEqual({
      deliveryId: `sms-${sent.id}`,
      kind: 'sms',
      templateId: 'FST_SIGN_IN_CODE',
      phone: '13900139000',
      params: { code: expect.stringMatching(/^\d{6}$/), minutes: '5' },
    });

    const [delivery] = await system.database.sql`
      select target, status, attempts, body from deliveries where id = ${`sms-${sent.id}`}`;
    // The delivery record (and the workflow's history) carries no phone and no code.
    expect(delivery).toEqual({
      target: 'sms',
      status: 'delivered',
      attempts: 2,
      body: { templateId: 'FST_SIGN_IN_CODE' },
    });
    const attempts = await system.database.sql`
      select attempt, status_code from delivery_attempts where delivery_id = ${`sms-${sent.id}`} order by attempt`;
    expect(attempts).toEqual([
      { attempt: 1, status_code: 500 },
      { attempt: 2, status_code: 200 },
    ]);

    // The code the provider received signs the citizen in.
    const signedIn = await fetch(`${system.baseUrl}/my/login/code`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: challenge },
      body: new URLSearchParams({ code: payload.params.code }).toString(),
      redirect: 'manual',
    });
    expect([signedIn.status, signedIn.headers.get('location')]).toEqual([303, '/my']);

    // Handed on once: a later relay round starts no second delivery.
    await eventually(async () => {
      const [row] = await system.database.sql<{ count: number }[]>`
        select count(*)::int as count from sms_outbox where delivery_id is null`;
      return row!.count === 0 ? true : undefined;
    });
    expect(provider.received).toHaveLength(2);
    const everything = logged.join('\n');
    // The worker logged the failed first attempt (so the logs are read), without the phone.
    expect(everything).toContain(`delivery sms-${sent.id} failed: receiver answered 500`);
    expect(everything).not.toContain('13900139000');
    expect(everything).not.toContain('139 0013 9000');
  });
});
