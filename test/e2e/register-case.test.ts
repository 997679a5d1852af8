import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseWorkflowId } from '../../workflows/case.messages.js';
import { createInstitution, createStaff, createUnit, type TestUser } from '../helpers/staff.js';
import { startTestSystem, type TestSystem } from '../helpers/test-system.js';

const dispute = {
  source: 'walk_in',
  summary: '楼上漏水导致楼下天花板受损，双方就赔偿金额协商不成',
  parties: [
    {
      kind: 'person',
      name: '王芳',
      role: 'applicant',
      idType: 'resident_id',
      idNumber: '150702199001011233',
    },
    { kind: 'person', name: '李强', role: 'respondent', phone: '13800001111' },
  ],
};

describe('a clerk registers a walk-in dispute over HTTP', () => {
  let system: TestSystem;
  let clerk: TestUser;
  let courtKey: string;

  beforeAll(async () => {
    system = await startTestSystem();
    const unit = await createUnit(system.database.db);
    clerk = await createStaff(system.database.db, 'clerk', unit.id);
    courtKey = (await createInstitution(system.database.db, 'court', '海拉尔区人民法院')).apiKey;
  });
  afterAll(() => system?.stop());

  it('logs in, registers the case, reads it back, and the case workflow is running in Temporal', async () => {
    const login = await system.request('POST', '/v1/auth/token', {
      body: { username: clerk.username, password: clerk.password },
    });
    expect(login.status).toBe(200);
    const { accessToken } = (await login.json()) as { accessToken: string };

    const registered = await system.request('POST', '/v1/cases', { credential: accessToken, body: dispute });
    expect(registered.status).toBe(201);
    const created = (await registered.json()) as { caseNumber: string; stage: string };
    expect(created.caseNumber).toMatch(new RegExp(`^${system.caseNumberPrefix}-\\d{4}-000001$`));
    expect(created.stage).toBe('intake');
    expect(registered.headers.get('location')).toBe(`/v1/cases/${created.caseNumber}`);

    const read = await system.request('GET', `/v1/cases/${created.caseNumber}`, { credential: accessToken });
    expect(read.status).toBe(200);
    const body = (await read.json()) as { summary: string; parties: unknown[]; registeredBy: { id: string } };
    expect(body.summary).toBe(dispute.summary);
    expect(body.parties).toHaveLength(2);
    expect(body.registeredBy.id).toBe(clerk.id);

    const description = await system.temporal.workflow
      .getHandle(caseWorkflowId(created.caseNumber))
      .describe();
    expect(description.status.name).toBe('RUNNING');
    expect(description.taskQueue).toBe(system.taskQueue);

    const events = await system.database
      .sql`select seq, type, actor_id from case_events where case_number = ${created.caseNumber}`;
    expect(events.map((e) => [e.seq, e.type, e.actor_id])).toEqual([[1, 'registered', clerk.id]]);
  });

  it('numbers concurrent registrations without gaps or repeats', async () => {
    const responses = await Promise.all(
      Array.from({ length: 8 }, () =>
        system.request('POST', '/v1/cases', { credential: clerk.token, body: dispute }),
      ),
    );
    const numbers = await Promise.all(
      responses.map(async (r) => ((await r.json()) as { caseNumber: string }).caseNumber),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(8).fill(201));
    expect(new Set(numbers).size).toBe(8);
  });

  it('answers 401 problem+json without a token or with a bad one', async () => {
    for (const credential of [undefined, 'not-a-token', `${clerk.token.slice(0, -2)}xx`]) {
      const response = await system.request('GET', '/v1/cases/TEST-2026-000001', {
        ...(credential ? { credential } : {}),
      });
      expect(response.status).toBe(401);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
      expect(response.headers.get('www-authenticate')).toContain('Bearer');
      expect(((await response.json()) as { code: string }).code).toBe('authentication_required');
    }
  });

  it('answers 403 to a court key on a staff route', async () => {
    const response = await system.request('POST', '/v1/cases', { credential: courtKey, body: dispute });
    expect(response.status).toBe(403);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    const count = await system.database.sql`select count(*)::int as n from cases where source = 'walk_in'`;
    expect(count[0]!.n).toBe(9);
  });

  it('answers 400 naming the field for a malformed body and registers nothing', async () => {
    const before = await system.database.sql`select count(*)::int as n from cases`;
    const response = await system.request('POST', '/v1/cases', {
      credential: clerk.token,
      body: { ...dispute, parties: [{ kind: 'person', role: 'applicant', name: '' }] },
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    const problem = (await response.json()) as { errors: { field: string; reason: string }[] };
    expect(problem.errors.map((e) => e.field)).toEqual(['parties[0].name']);
    const after = await system.database.sql`select count(*)::int as n from cases`;
    expect(after[0]!.n).toBe(before[0]!.n);
  });

  it('answers 404 problem+json for an unknown case and an unknown route', async () => {
    const unknownCase = await system.request('GET', '/v1/cases/TEST-2026-999999', {
      credential: clerk.token,
    });
    expect(unknownCase.status).toBe(404);
    const unknownRoute = await system.request('GET', '/v1/nothing-here', { credential: clerk.token });
    expect(unknownRoute.status).toBe(404);
    expect(unknownRoute.headers.get('content-type')).toBe('application/problem+json');
  });

  it('publishes an OpenAPI 3.1 document with every route’s access rule, and a docs page', async () => {
    const document = (await (await system.request('GET', '/openapi.json')).json()) as {
      openapi: string;
      paths: Record<string, Record<string, { 'x-access'?: string[] }>>;
    };
    expect(document.openapi).toBe('3.1.0');
    expect(document.paths['/v1/cases']?.post?.['x-access']).toEqual(['clerk', 'supervisor', 'admin']);
    expect(document.paths['/v1/cases/{caseNumber}']?.get).toBeDefined();
    const docs = await system.request('GET', '/docs');
    expect(docs.status).toBe(200);
    expect(await docs.text()).toContain('/v1/cases/{caseNumber}');
  });

  it('reports health of PostgreSQL and Temporal', async () => {
    const response = await system.request('GET', '/healthz');
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      checks: { database: { status: 'ok' }, temporal: { status: 'ok' } },
    });
  });
});
