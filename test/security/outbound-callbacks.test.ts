import { randomBytes } from 'node:crypto';
import type { LookupAddress } from 'node:dns';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MockActivityEnvironment } from '@temporalio/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  attemptDelivery,
  type DeliveryRequest,
  recordDelivery,
} from '../../activities/deliveries/deliver.js';
import { deliveries, deliveryAttempts } from '../../db/schema/index.js';
import { OutboundRefused, postOutbound } from '../../lib/outbound-post.js';
import { type OutboundPolicy, strictOutboundPolicy } from '../../lib/outbound-url.js';
import { deliveryProgressOf } from '../../use-cases/referrals/delivery-progress.js';
import { createAppWithoutTemporal } from '../helpers/app-without-temporal.js';
import { startReceiver } from '../helpers/receiver.js';
import { createInstitution, createStaff } from '../helpers/staff.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.js';

const demo: OutboundPolicy = { allowHttp: true, allowedHosts: [] };
const post = { headers: { 'content-type': 'application/json' }, body: '{"kind":"probe"}', timeoutMs: 5000 };

/** A resolver of the test's own: names that exist nowhere, resolving where the test says. */
const resolvingTo =
  (addresses: string[]) =>
  (_hostname: string, _options: unknown, callback: (e: null, a: LookupAddress[]) => void) =>
    callback(
      null,
      addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })),
    );

/** A small real server that answers every request with a redirect to `location`. */
async function startRedirector(location: string) {
  let hits = 0;
  const server: Server = createServer((req, res) => {
    hits++;
    req.resume();
    res.writeHead(307, { location }).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/callback`,
    hits: () => hits,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('outbound requests go only where the policy allows, to the address that was checked', () => {
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let redirector: Awaited<ReturnType<typeof startRedirector>>;
  beforeAll(async () => {
    receiver = await startReceiver(() => 200);
    redirector = await startRedirector(receiver.url);
  });
  afterAll(async () => {
    await receiver?.close();
    await redirector?.close();
  });

  it('refuses a loopback receiver unless an admin allow-lists it', async () => {
    await expect(postOutbound(receiver.url, demo, post)).rejects.toBeInstanceOf(OutboundRefused);
    const decimal = receiver.url.replace('127.0.0.1', '2130706433');
    await expect(postOutbound(decimal, demo, post)).rejects.toThrow(/127\.0\.0\.1 is a loopback/);
    await expect(postOutbound(receiver.url, strictOutboundPolicy, post)).rejects.toThrow(/https/);
    expect(receiver.received).toHaveLength(0);
    const allowed = { allowHttp: true, allowedHosts: ['127.0.0.1'] };
    expect(await postOutbound(receiver.url, allowed, post)).toBe(200);
    expect(receiver.received).toHaveLength(1);
  });

  it('checks what a name resolves to, and connects to exactly that address', async () => {
    const port = new URL(receiver.url).port;
    const named = `http://court-callback.example:${port}/callback`;
    const before = receiver.received.length;
    // A name that resolves to loopback (or has one loopback address among public ones) is refused.
    await expect(postOutbound(named, demo, { ...post, resolve: resolvingTo(['127.0.0.1']) })).rejects.toThrow(
      /court-callback\.example resolves to 127\.0\.0\.1/,
    );
    await expect(
      postOutbound(named, demo, { ...post, resolve: resolvingTo(['203.0.113.9', '127.0.0.1']) }),
    ).rejects.toBeInstanceOf(OutboundRefused);
    expect(receiver.received.length).toBe(before);
    // Allow-listed by name: the connection goes to the address the one lookup gave (the name exists
    // nowhere else), so the receiver on loopback takes it.
    const byName = { allowHttp: true, allowedHosts: ['court-callback.example'] };
    expect(await postOutbound(named, byName, { ...post, resolve: resolvingTo(['127.0.0.1']) })).toBe(200);
    expect(receiver.received.length).toBe(before + 1);
    expect(receiver.received.at(-1)!.headers.host).toBe(`court-callback.example:${port}`);
  });

  it('does not follow redirects: a 307 is an answer that is not 2xx, and the body goes nowhere else', async () => {
    const before = receiver.received.length;
    const allowed = { allowHttp: true, allowedHosts: ['127.0.0.1'] };
    expect(await postOutbound(redirector.url, allowed, post)).toBe(307);
    expect(redirector.hits()).toBe(1);
    expect(receiver.received.length).toBe(before);
  });
});

describe('deliveries and what the institution is told about them', () => {
  let database: TestDatabase;
  let court: Awaited<ReturnType<typeof createInstitution>>;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let redirector: Awaited<ReturnType<typeof startRedirector>>;

  beforeAll(async () => {
    database = await createTestDatabase();
    court = await createInstitution(database.db, 'court', '回调测试法院');
    receiver = await startReceiver(() => 200);
    redirector = await startRedirector(receiver.url);
  });
  afterAll(async () => {
    await receiver?.close();
    await redirector?.close();
    await database?.drop();
  });

  const request = (url: string): DeliveryRequest => ({
    deliveryId: `probe-${randomBytes(4).toString('hex')}`,
    kind: 'court.outcome',
    caseNumber: null,
    target: { kind: 'institution', institutionId: court.id, url },
    body: { result: 'settled_written' },
    createdAt: new Date().toISOString(),
  });

  async function attempt(delivery: DeliveryRequest, outbound: OutboundPolicy) {
    await recordDelivery(database.db, delivery);
    const settings = { callbackSigningKey: 'outbound-test-signing-key-0123456789abcdef', outbound };
    return new MockActivityEnvironment()
      .run(() => attemptDelivery(database.db, settings, delivery))
      .then(
        () => 'delivered',
        (error: Error) => error.message,
      );
  }

  it('refuses to deliver to a forbidden address, logs why for the operators, and sends nothing', async () => {
    const delivery = request(receiver.url.replace('127.0.0.1', '169.254.169.254'));
    expect(await attempt(delivery, demo)).toMatch(/failed: refused by the outbound policy/);
    expect(await attempt(request(receiver.url), demo)).toMatch(/loopback/);
    expect(receiver.received).toHaveLength(0);
    const [row] =
      await database.sql`select status, last_error from deliveries where id = ${delivery.deliveryId}`;
    expect(row).toMatchObject({ status: 'pending', last_error: expect.stringMatching(/169\.254\.169\.254/) });
  });

  it('does not follow a receiver’s redirect with the signed body', async () => {
    const delivery = request(redirector.url);
    const allowed = { allowHttp: true, allowedHosts: ['127.0.0.1'] };
    expect(await attempt(delivery, allowed)).toMatch(/receiver answered 307/);
    expect(redirector.hits()).toBe(1);
    expect(receiver.received).toHaveLength(0);
    expect(await attempt(request(receiver.url), allowed)).toBe('delivered');
    expect(receiver.received).toHaveLength(1);
  });

  it('tells the institution "failing since …", never the receiver’s status code', async () => {
    const caseNumber = `CB-${randomBytes(3).toString('hex')}`;
    const id = `progress-${caseNumber}`;
    const error = 'receiver answered 401';
    await database.db.insert(deliveries).values({
      id,
      kind: 'court.outcome',
      caseNumber,
      target: 'institution',
      institutionId: court.id,
      body: {},
      status: 'pending',
      attempts: 2,
      lastStatusCode: 401,
      lastError: 'receiver answered 401',
      createdAt: new Date('2026-11-20T01:00:00Z'),
    });
    await database.db.insert(deliveryAttempts).values([
      {
        deliveryId: id,
        attempt: 1,
        at: new Date('2026-11-20T01:00:01Z'),
        statusCode: 401,
        error,
        durationMs: 3,
      },
      {
        deliveryId: id,
        attempt: 2,
        at: new Date('2026-11-20T01:00:11Z'),
        statusCode: 401,
        error,
        durationMs: 3,
      },
    ]);
    const rows = await database.db.select().from(deliveries).where(eq(deliveries.id, id));
    const [progress] = await deliveryProgressOf(database.db, rows);
    expect(progress).toEqual({
      id,
      kind: 'court.outcome',
      status: 'failing',
      attempts: 2,
      deliveredAt: null,
      firstFailedAt: '2026-11-20T01:00:01.000Z',
      lastAttemptAt: '2026-11-20T01:00:11.000Z',
    });
    expect(JSON.stringify(progress)).not.toMatch(/401/);
  });

  it('refuses a referral or an institution whose callback URL is forbidden, 422 naming callbackUrl', async () => {
    const app = createAppWithoutTemporal(database, { settings: { outbound: strictOutboundPolicy } });
    const admin = await createStaff(database.db, 'admin', null);
    const referral = (callbackUrl: string) => ({
      type: 'delegated',
      reference: `(2026)内0702民诉前调${randomBytes(2).toString('hex')}号`,
      referralDate: '2026-11-20',
      parties: [
        { kind: 'person', name: '甲', role: 'applicant' },
        { kind: 'person', name: '乙', role: 'respondent' },
      ],
      claimsSummary: '买卖合同纠纷',
      claimAmountFen: 100_000,
      materials: [],
      contact: { name: '王法官' },
      callbackUrl,
    });
    const send = (path: string, credential: string, body: unknown) =>
      app.request(path, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${credential}` },
        body: JSON.stringify(body),
      });
    for (const callbackUrl of [
      'http://2130706433/callback',
      'https://127.0.0.1/callback',
      'https://[::1]/callback',
      'https://169.254.169.254/latest/meta-data/',
      'https://10.0.0.8/callback',
      'https://localhost/callback',
      'http://court.example.cn/callback', // plain http outside the embedded demo
    ]) {
      const response = await send('/v1/court/referrals', court.apiKey, referral(callbackUrl));
      expect(response.status, callbackUrl).toBe(422);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
      const problem = (await response.json()) as { code: string; errors: { field: string }[] };
      expect(problem.code).toBe('callback_url_forbidden');
      expect(problem.errors.map((error) => error.field)).toEqual(['callbackUrl']);
    }
    const institution = await send('/v1/admin/institutions', admin.token, {
      code: 'SSRF-COURT',
      name: '回调地址测试法院',
      kind: 'court',
      callbackUrl: 'https://100.100.100.200/latest/meta-data/',
    });
    expect(institution.status).toBe(422);
    expect(((await institution.json()) as { errors: { field: string }[] }).errors[0]!.field).toBe(
      'callbackUrl',
    );
  });
});
