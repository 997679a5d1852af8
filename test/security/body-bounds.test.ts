import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type ServerType, serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppWithoutTemporal } from '../helpers/app-without-temporal.js';
import { createInstitution, createStaff, createUnit, type TestUser } from '../helpers/staff.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.js';
import { requestFrom } from './http-from.js';

const MiB = 1024 * 1024;

interface Upload {
  status: number;
  contentType: string | undefined;
  body: string;
  sentBytes: number;
  elapsedMs: number;
  /** The highest RSS of this process while the upload ran, minus the RSS before it. */
  rssGrowthBytes: number;
}

/**
 * A chunked upload (no Content-Length) of up to `totalBytes`, written as fast as the server reads it
 * and stopped as soon as an answer arrives, while this process's RSS is sampled: the API runs in this
 * process, so whatever it buffers shows.
 */
function upload(
  url: string,
  headers: Record<string, string>,
  prefix: string,
  totalBytes: number,
): Promise<Upload> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 5);
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    let sentBytes = 0;
    let answered = false;
    const req = request(url, { method: 'POST', headers, agent: false }, (res) => {
      answered = true;
      const chunks: Buffer[] = [];
      res.on('data', (data: Buffer) => chunks.push(data));
      res.on('end', () => {
        clearInterval(sampler);
        peak = Math.max(peak, process.memoryUsage().rss);
        resolve({
          status: res.statusCode ?? 0,
          contentType: res.headers['content-type'],
          body: Buffer.concat(chunks).toString('utf8'),
          sentBytes,
          elapsedMs: Date.now() - started,
          rssGrowthBytes: peak - baseline,
        });
      });
    });
    req.on('error', (error: NodeJS.ErrnoException) => {
      // Once the server has answered it may close the connection on the rest of the body.
      if (answered && (error.code === 'EPIPE' || error.code === 'ECONNRESET')) return;
      clearInterval(sampler);
      reject(error);
    });
    req.write(prefix);
    sentBytes += prefix.length;
    const pump = () => {
      while (!answered && sentBytes < totalBytes) {
        sentBytes += chunk.length;
        if (!req.write(chunk)) {
          req.once('drain', pump);
          return;
        }
      }
      if (!answered) req.end();
    };
    pump();
  });
}

describe('request bodies are bounded before they are read, on every route', () => {
  let database: TestDatabase;
  let server: ServerType;
  let baseUrl: string;
  let admin: TestUser;
  let clerk: TestUser;
  let court: Awaited<ReturnType<typeof createInstitution>>;

  beforeAll(async () => {
    database = await createTestDatabase();
    const unit = await createUnit(database.db);
    [admin, clerk] = await Promise.all([
      createStaff(database.db, 'admin', null),
      createStaff(database.db, 'clerk', unit.id),
    ]);
    court = await createInstitution(database.db, 'court', '上传测试法院');
    // The API in this very process, on real loopback HTTP: its memory is this process's RSS.
    const app = createAppWithoutTemporal(database);
    server = await new Promise<ServerType>((resolve) => {
      const started = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(started));
    });
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    // Warm the code paths once, so the measured uploads do not count module loading.
    await upload(`${baseUrl}/v1/court/referrals`, jsonHeaders(court.apiKey), '{"a":"', 2 * MiB);
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => {
      server?.close(() => resolve());
      if (server && 'closeAllConnections' in server) server.closeAllConnections();
    });
    await database?.drop();
  });

  const jsonHeaders = (credential: string) => ({
    'content-type': 'application/json',
    authorization: `Bearer ${credential}`,
  });

  /** The non-admin refusals read at most 1 MiB; the admin's upload is read up to its 20 MiB. */
  const expectQuickBoundedRefusal = (answer: Upload, status: number, code: string, maxGrowthMiB = 24) => {
    expect(answer.status).toBe(status);
    expect(answer.contentType).toBe('application/problem+json');
    expect(JSON.parse(answer.body)).toMatchObject({ status, code });
    // Refused long before the 50 MB were sent, and without buffering them.
    expect(answer.sentBytes).toBeLessThan(40 * MiB);
    expect(answer.elapsedMs).toBeLessThan(15_000);
    expect(answer.rssGrowthBytes).toBeLessThan(maxGrowthMiB * MiB);
  };

  it('refuses 50 MB streamed to a court-key route with 413, reading at most 1 MiB', async () => {
    const answer = await upload(
      `${baseUrl}/v1/court/referrals`,
      jsonHeaders(court.apiKey),
      '{"reference":"',
      50 * 1000 * 1000,
    );
    expectQuickBoundedRefusal(answer, 413, 'payload_too_large');
  });

  it('refuses 50 MB streamed to the ledger import by a court key with 403, reading nothing', async () => {
    for (const contentType of ['application/json', 'text/csv']) {
      const answer = await upload(
        `${baseUrl}/v1/admin/import`,
        { ...jsonHeaders(court.apiKey), 'content-type': contentType },
        '{"rows":"',
        50 * 1000 * 1000,
      );
      expectQuickBoundedRefusal(answer, 403, 'forbidden');
    }
    // A clerk is no admin either.
    const clerkUpload = await upload(
      `${baseUrl}/v1/admin/import`,
      { ...jsonHeaders(clerk.token), 'content-type': 'text/csv' },
      '案件编号,',
      50 * 1000 * 1000,
    );
    expectQuickBoundedRefusal(clerkUpload, 403, 'forbidden');
  });

  it('refuses 50 MB streamed to the ledger import by an admin with 413 at its own 20 MiB', async () => {
    const answer = await upload(
      `${baseUrl}/v1/admin/import?dryRun=true`,
      { ...jsonHeaders(admin.token), 'content-type': 'text/csv' },
      '案件编号,',
      50 * 1000 * 1000,
    );
    expectQuickBoundedRefusal(answer, 413, 'payload_too_large', 56);
    expect(JSON.parse(answer.body).detail).toBe('The limit is 20 MiB.');
  });

  it('keeps the pages’ forms to 64 KiB, streamed or declared', async () => {
    const streamed = await upload(
      `${baseUrl}/dashboard/login`,
      { 'content-type': 'application/x-www-form-urlencoded' },
      'username=a&password=',
      50 * 1000 * 1000,
    );
    expect(streamed.status).toBe(413);
    expect(streamed.contentType).toMatch(/^text\/html/);
    expect(streamed.rssGrowthBytes).toBeLessThan(40 * MiB);
    const declared = await requestFrom(`${baseUrl}/dashboard/login`, {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `username=a&password=${'b'.repeat(65 * 1024)}`,
    });
    expect(declared.status).toBe(413);
  });
});

describe('JSON nested deeper than the API takes', () => {
  let database: TestDatabase;
  let app: ReturnType<typeof createAppWithoutTemporal>;
  let court: Awaited<ReturnType<typeof createInstitution>>;

  beforeAll(async () => {
    database = await createTestDatabase();
    court = await createInstitution(database.db, 'court', '嵌套测试法院');
    app = createAppWithoutTemporal(database);
  });
  afterAll(() => database?.drop());

  const deep = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`;

  it.each([
    ['the login route, without logging in', '/v1/auth/token', undefined],
    ['a court-key route', '/v1/court/referrals', 'court'],
  ])('answers 400 problem+json naming the body on %s', async (_where, path, who) => {
    for (const body of [
      deep(5000),
      `{"username":${deep(5000)},"password":"x"}`,
      `{"a":"[[[[ text is not nesting","b":${deep(70)}}`,
    ]) {
      const response = await app.request(path, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(who ? { authorization: `Bearer ${court.apiKey}` } : {}),
        },
        body,
      });
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
      const problem = (await response.json()) as { code: string; errors: { field: string }[] };
      expect(problem.code).toBe('validation_failed');
      expect(problem.errors.map((error) => error.field)).toEqual(['body']);
    }
  });

  it('answers a body of a type the route does not take with 415, not an error', async () => {
    const response = await app.request('/v1/auth/token', {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: 'username=a',
    });
    expect(response.status).toBe(415);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
  });

  it('still takes nesting a real client sends, brackets inside strings not counted', async () => {
    const response = await app.request('/v1/auth/token', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: `${'['.repeat(90)}`, password: '{{{{{{' }),
    });
    expect(response.status).not.toBe(400);
  });
});
