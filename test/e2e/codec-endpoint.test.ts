import type { Payload } from '@temporalio/common';
import { defaultPayloadConverter } from '@temporalio/common';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readEnvironment } from '../../config/env.js';
import { EncryptionCodec, formatPayloadKeys, newPayloadKey } from '../../lib/payload-encryption.js';
import { codecEndpointFrom } from '../../system/codec-endpoint.js';
import { serveHttp } from '../../system/http-server.js';
import { startCitizenSession } from '../../use-cases/public/citizen-session.js';
import { createAppWithoutTemporal } from '../helpers/app-without-temporal.js';
import { createInstitution, createStaff, createUnit, type TestUser } from '../helpers/staff.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.js';

const uiOrigin = 'http://localhost:8233';
const idNumber = '150702198805176629';
const phone = '13947001234';
// What a case workflow carries: the parties of a dispute, in clear before the codec.
const caseInput = {
  summary: '楼上漏水导致楼下天花板受损',
  parties: [
    { kind: 'person', name: '乌云其其格', role: 'applicant', idNumber },
    { kind: 'person', name: '李强', role: 'respondent', phone },
  ],
};

// Rotation: k2 encrypts from now on, k1 wrote the older histories and still decrypts them.
const olderKey = newPayloadKey('k1');
const currentKey = newPayloadKey('k2');
const retiredKey = newPayloadKey('k0');

/** Temporal's codec protocol carries payloads as proto3 JSON: every byte string in base64. */
const toJson = (payload: Payload) => ({
  metadata: Object.fromEntries(
    Object.entries(payload.metadata ?? {}).map(([name, value]) => [
      name,
      Buffer.from(value!).toString('base64'),
    ]),
  ),
  data: Buffer.from(payload.data ?? new Uint8Array()).toString('base64'),
});
const fromJson = (payload: { metadata: Record<string, string>; data: string }): Payload => ({
  metadata: Object.fromEntries(
    Object.entries(payload.metadata).map(([name, value]) => [
      name,
      new Uint8Array(Buffer.from(value, 'base64')),
    ]),
  ),
  data: new Uint8Array(Buffer.from(payload.data, 'base64')),
});
const metadataText = (payload: { metadata: Record<string, string> }, name: string) =>
  Buffer.from(payload.metadata[name] ?? '', 'base64').toString('utf8');

interface Problem {
  code: string;
  reasonZh: string;
  errors?: { field: string; reason: string }[];
}
const problemOf = async (response: Response) => (await response.json()) as Problem;

/** The case input as the worker's codec with only `key` wrote it into a history. */
async function encryptedWith(key: typeof olderKey, value: unknown = caseInput) {
  const [sealed] = await new EncryptionCodec([key]).encode([defaultPayloadConverter.toPayload(value)]);
  return toJson(sealed!);
}

describe('the Temporal UI reads payloads through the codec endpoint: off by default, admins only', () => {
  let database: TestDatabase;
  let admin: TestUser;
  let clerk: TestUser;
  let supervisor: TestUser;
  let courtKey: string;
  let partySession: string;
  let onUrl: string;
  let offUrl: string;
  const logged: string[] = [];
  const servers: { close(): Promise<void> }[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    const unit = await createUnit(database.db);
    admin = await createStaff(database.db, 'admin', unit.id);
    clerk = await createStaff(database.db, 'clerk', unit.id);
    supervisor = await createStaff(database.db, 'supervisor', unit.id);
    courtKey = (await createInstitution(database.db, 'court', '海拉尔区人民法院')).apiKey;
    partySession = (await startCitizenSession(database.db, phone)).token;

    // Configured as an operator would: the environment, through the same wiring bin/api.ts uses.
    const keys = [currentKey, olderKey];
    const onEnvironment = readEnvironment({
      CODEC_ENDPOINT: 'on',
      CODEC_CORS_ORIGIN: uiOrigin,
      CODEC_CORS_ALLOW_CREDENTIALS: 'true',
      PAYLOAD_ENCRYPTION_KEYS: formatPayloadKeys(keys),
    });
    const on = createAppWithoutTemporal(database, {
      codecEndpoint: codecEndpointFrom(onEnvironment, keys),
      logger: pino({ level: 'debug' }, { write: (line: string) => void logged.push(line) }),
    });
    const off = createAppWithoutTemporal(database, {
      codecEndpoint: codecEndpointFrom(readEnvironment({}), keys),
    });
    const [onServer, offServer] = await Promise.all([
      serveHttp(on, '127.0.0.1', 0),
      serveHttp(off, '127.0.0.1', 0),
    ]);
    servers.push(onServer, offServer);
    onUrl = onServer.url;
    offUrl = offServer.url;
  });

  afterAll(async () => {
    await Promise.all(servers.map((server) => server.close()));
    await database?.drop();
  });

  const post = (base: string, path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-namespace': 'default', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  const bearer = (credential: string) => ({ authorization: `Bearer ${credential}` });

  it('is off by default: /codec answers 404 like any unknown path, even to an admin', async () => {
    const payload = await encryptedWith(currentKey);
    for (const verb of ['decode', 'encode']) {
      const response = await post(offUrl, `/codec/${verb}`, { payloads: [payload] }, bearer(admin.token));
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
      expect((await problemOf(response)).code).toBe('not_found');
    }
    const preflight = await fetch(`${offUrl}/codec/decode`, {
      method: 'OPTIONS',
      headers: { origin: uiOrigin, 'access-control-request-method': 'POST' },
    });
    expect(preflight.status).toBe(404);
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('refuses a request without a staff token (401), and clerks, supervisors, parties and institutions', async () => {
    const body = { payloads: [await encryptedWith(currentKey)] };
    const none = await post(onUrl, '/codec/decode', body);
    expect(none.status).toBe(401);
    expect(none.headers.get('content-type')).toBe('application/problem+json');
    expect((await problemOf(none)).code).toBe('authentication_required');

    // A party's public-channel session is no staff token, whether sent as a bearer token or as its cookie.
    const party = await post(onUrl, '/codec/decode', body, bearer(partySession));
    expect(party.status).toBe(401);
    const partyCookie = await post(onUrl, '/codec/decode', body, { cookie: `fst_citizen=${partySession}` });
    expect(partyCookie.status).toBe(401);

    for (const credential of [clerk.token, supervisor.token, courtKey]) {
      for (const verb of ['decode', 'encode']) {
        const response = await post(onUrl, `/codec/${verb}`, body, bearer(credential));
        expect(response.status).toBe(403);
        expect(response.headers.get('content-type')).toBe('application/problem+json');
        expect((await problemOf(response)).code).toBe('forbidden');
      }
    }
  });

  it('decodes for an admin what the real codec encrypted, with the current key and with an older one', async () => {
    const older = await encryptedWith(olderKey, { ...caseInput, summary: '轮换前写入的历史' });
    const current = await encryptedWith(currentKey);
    const plain = toJson(defaultPayloadConverter.toPayload({ note: '加密之前写入的历史' }));
    expect(Buffer.from(current.data, 'base64').toString('latin1')).not.toContain(idNumber);

    const response = await post(
      onUrl,
      '/codec/decode',
      { payloads: [older, current, plain] },
      bearer(admin.token),
    );
    expect(response.status).toBe(200);
    const { payloads } = (await response.json()) as {
      payloads: { metadata: Record<string, string>; data: string }[];
    };
    expect(payloads.map((payload) => defaultPayloadConverter.fromPayload(fromJson(payload)))).toEqual([
      { ...caseInput, summary: '轮换前写入的历史' },
      caseInput,
      { note: '加密之前写入的历史' },
    ]);
    expect(metadataText(payloads[1]!, 'encoding')).toBe('json/plain');

    // The decode is audited (who, how many), and nothing of what was decoded reaches the log.
    const log = logged.join('\n');
    expect(log).toContain('workflow payloads decoded for the Temporal UI');
    expect(log).toContain(admin.id);
    for (const secret of [idNumber, phone, '乌云其其格', Buffer.from(idNumber).toString('base64')])
      expect(log).not.toContain(secret);
  });

  it('encodes for an admin with the current key (what the UI sends as a signal), which then decodes', async () => {
    const clear = toJson(defaultPayloadConverter.toPayload({ reason: '界面发出的信号' }));
    const response = await post(onUrl, '/codec/encode', { payloads: [clear] }, bearer(admin.token));
    expect(response.status).toBe(200);
    const [sealed] = (
      (await response.json()) as { payloads: { metadata: Record<string, string>; data: string }[] }
    ).payloads;
    expect(metadataText(sealed!, 'encoding')).toBe('binary/encrypted');
    expect(metadataText(sealed!, 'encryption-key-id')).toBe('k2');
    const [back] = await new EncryptionCodec([currentKey]).decode([fromJson(sealed!)]);
    expect(defaultPayloadConverter.fromPayload(back!)).toEqual({ reason: '界面发出的信号' });
  });

  it('answers a payload it cannot decrypt with 422 naming the payload and the key id, not a 500', async () => {
    const good = await encryptedWith(currentKey);
    const retired = await encryptedWith(retiredKey);
    const unknown = await post(onUrl, '/codec/decode', { payloads: [good, retired] }, bearer(admin.token));
    expect(unknown.status).toBe(422);
    expect(unknown.headers.get('content-type')).toBe('application/problem+json');
    const problem = await problemOf(unknown);
    expect(problem.code).toBe('payload_undecodable');
    expect(problem.errors).toEqual([{ field: 'payloads[1]', reason: expect.stringContaining('"k0"') }]);
    expect(problem.reasonZh).toBe('无法解密该数据：其密钥未配置，或数据已被改动');

    // Altered bytes under a configured key id fail GCM's check: the same refusal.
    const altered = Buffer.from(good.data, 'base64');
    altered[altered.length - 1]! ^= 1;
    const tampered = await post(
      onUrl,
      '/codec/decode',
      { payloads: [{ ...good, data: altered.toString('base64') }] },
      bearer(admin.token),
    );
    expect(tampered.status).toBe(422);
    expect((await problemOf(tampered)).errors?.[0]?.field).toBe('payloads[0]');
  });

  it('refuses a malformed body or another namespace with 400 problem+json naming the field', async () => {
    const cases: [unknown, string][] = [
      [{ payloads: [{ metadata: {}, data: 'not base64!' }] }, 'payloads[0].data'],
      [{ payloads: [{ metadata: { encoding: 'json.plain' }, data: '' }] }, 'payloads[0].metadata.encoding'],
      [{ payload: [] }, 'payloads'],
    ];
    for (const [body, field] of cases) {
      const response = await post(onUrl, '/codec/decode', body, bearer(admin.token));
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
      const problem = await problemOf(response);
      expect(problem.code).toBe('validation_failed');
      expect(problem.errors?.map((error) => error.field)).toContain(field);
    }
    const notJson = await post(onUrl, '/codec/decode', '{"payloads": [', bearer(admin.token));
    expect(notJson.status).toBe(400);
    expect(notJson.headers.get('content-type')).toBe('application/problem+json');

    const elsewhere = await post(
      onUrl,
      '/codec/decode',
      { payloads: [] },
      {
        ...bearer(admin.token),
        'x-namespace': 'someone-else',
      },
    );
    expect(elsewhere.status).toBe(400);
    expect((await problemOf(elsewhere)).errors?.[0]?.field).toBe('X-Namespace');
  });

  it('gives CORS headers to the configured Temporal UI origin only', async () => {
    const preflight = (origin: string) =>
      fetch(`${onUrl}/codec/decode`, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization,content-type,x-namespace',
        },
      });
    const fromUi = await preflight(uiOrigin);
    expect(fromUi.status).toBe(204);
    expect(fromUi.headers.get('access-control-allow-origin')).toBe(uiOrigin);
    expect(fromUi.headers.get('access-control-allow-credentials')).toBe('true');
    expect(fromUi.headers.get('access-control-allow-methods')).toContain('POST');
    const allowed = (fromUi.headers.get('access-control-allow-headers') ?? '').toLowerCase();
    for (const header of ['authorization', 'content-type', 'x-namespace']) expect(allowed).toContain(header);

    const fromElsewhere = await preflight('https://evil.example');
    expect(fromElsewhere.status).toBe(403);
    for (const header of ['origin', 'credentials', 'methods', 'headers'])
      expect(fromElsewhere.headers.get(`access-control-allow-${header}`)).toBeNull();

    // The actual requests: the UI's origin can read the answer (and a refusal), another origin cannot.
    const body = { payloads: [await encryptedWith(currentKey)] };
    const decoded = await post(onUrl, '/codec/decode', body, { ...bearer(admin.token), origin: uiOrigin });
    expect(decoded.status).toBe(200);
    expect(decoded.headers.get('access-control-allow-origin')).toBe(uiOrigin);
    const refused = await post(onUrl, '/codec/decode', body, { origin: uiOrigin });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('access-control-allow-origin')).toBe(uiOrigin);
    const other = await post(onUrl, '/codec/decode', body, {
      ...bearer(admin.token),
      origin: 'https://evil.example',
    });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    expect(other.headers.get('access-control-allow-credentials')).toBeNull();
  });
});
