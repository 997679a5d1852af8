import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Audience } from '../../api/access.js';
import { institutionKinds, staffRoles } from '../../domain/vocabulary.js';
import { csrfTokenFor, sessionCookie } from '../../pages/shared/session.js';
import { createAppWithoutTemporal } from '../helpers/app-without-temporal.js';
import { signInCitizen } from '../helpers/citizen-client.js';
import { createInstitution, createStaff, createUnit, testTokenSecret } from '../helpers/staff.js';
import { startTestSystem, type TestSystem } from '../helpers/test-system.js';

/**
 * Who may call what, read from the route table itself: the OpenAPI document the running API publishes
 * (each secured operation's `x-access`) and Hono's own list of registered routes. A route added without
 * an access rule, or outside the document, fails here before it ships.
 */

/** Operations anyone may call. Everything else must carry `x-access`. */
const publicOperations = new Set(['GET /healthz', 'GET /openapi.json', 'GET /docs', 'POST /v1/auth/token']);
/** The dashboard's pages outside the login (they are HTML, not in the OpenAPI document). */
const publicDashboardRoutes = new Set([
  'GET /dashboard/login',
  'POST /dashboard/login',
  'POST /dashboard/logout',
]);

/** The public channel's pages outside the sign-in (HTML for citizens, not in the OpenAPI document). */
const publicChannelOpenRoutes = new Set([
  'GET /my/login',
  'POST /my/login',
  'GET /my/login/code',
  'POST /my/login/code',
  'POST /my/text-size',
]);

/** A value for each path parameter that names nothing that exists (unless its schema gives an example). */
const placeholderByName: Record<string, () => string> = {
  caseNumber: () => 'HLBE-2026-999999',
  reference: () => '(2026)不存在001号',
  keyId: () => 'abcdefghijkl',
  key: () => 'no-such-notification',
  year: () => '2026',
  id: () => randomUUID(),
};

interface OpenApiParameter {
  name: string;
  in: string;
  example?: unknown;
  schema?: { format?: string; example?: unknown };
}
interface OpenApiOperation {
  'x-access'?: Audience[];
  security?: unknown[];
  parameters?: OpenApiParameter[];
  requestBody?: { content: Record<string, unknown> };
}
interface Operation {
  method: string;
  path: string;
  label: string;
  spec: OpenApiOperation;
}

function operationsOf(document: { paths: Record<string, Record<string, OpenApiOperation>> }): Operation[] {
  return Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, spec]) => ({
      method: method.toUpperCase(),
      path,
      label: `${method.toUpperCase()} ${path}`,
      spec,
    })),
  );
}

function concretePath(operation: Operation): string {
  return operation.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const parameter = operation.spec.parameters?.find((p) => p.in === 'path' && p.name === name);
    const example = parameter?.schema?.example ?? parameter?.example;
    const value =
      example !== undefined
        ? String(example)
        : parameter?.schema?.format === 'uuid'
          ? randomUUID()
          : placeholderByName[name]?.();
    if (value === undefined)
      throw new Error(`${operation.label}: add a placeholder for path parameter {${name}} to this test`);
    return encodeURIComponent(value);
  });
}

/** The smallest request the operation accepts the shape of: `{}` for JSON, an empty file otherwise. */
function minimalBody(operation: Operation): { contentType: string; body: string } | undefined {
  const types = Object.keys(operation.spec.requestBody?.content ?? {});
  if (types.length === 0) return undefined;
  const contentType = types.includes('application/json') ? 'application/json' : types[0]!;
  return { contentType, body: contentType === 'application/json' ? '{}' : '' };
}

/**
 * The supervision pages are for supervisors and admins; the workbench (/dashboard/work) for every office
 * role, but intake for those at the window (clerks, supervisors, admins), not mediators; the grid page
 * (/dashboard/grid) for grid workers only.
 */
function mayUsePage(path: string, role: string): boolean {
  // The grid worker's phone page (网格员排查) is theirs alone, and they reach nothing else.
  if (path.startsWith('/dashboard/grid')) return role === 'grid_worker';
  if (role === 'grid_worker') return false;
  if (role === 'supervisor' || role === 'admin') return true;
  if (path.startsWith('/dashboard/work/register')) return role === 'clerk';
  return path === '/dashboard/work' || path.startsWith('/dashboard/work/');
}

type Caller = Audience | 'anonymous';
const callers: Caller[] = [...staffRoles, ...institutionKinds, 'anonymous'];

describe('authorisation matrix, generated from the route table', () => {
  let system: TestSystem;
  let operations: Operation[];
  const credentials = new Map<Caller, string | undefined>([['anonymous', undefined]]);

  beforeAll(async () => {
    system = await startTestSystem();
    const db = system.database.db;
    const unit = await createUnit(db, '矩阵测试中心');
    for (const role of staffRoles) credentials.set(role, (await createStaff(db, role, unit.id)).token);
    for (const kind of institutionKinds)
      credentials.set(kind, (await createInstitution(db, kind, `矩阵测试${kind}`)).apiKey);
    const response = await fetch(`${system.baseUrl}/openapi.json`);
    expect(response.status).toBe(200);
    operations = operationsOf((await response.json()) as Parameters<typeof operationsOf>[0]);
  });
  afterAll(() => system?.stop());

  it('gives every operation an access rule, unless it is on the short public list', () => {
    const known = new Set<string>([...staffRoles, ...institutionKinds]);
    const unruled = operations
      .filter((operation) => !publicOperations.has(operation.label))
      .filter((operation) => {
        const access = operation.spec['x-access'];
        return !Array.isArray(access) || access.length === 0 || access.some((a) => !known.has(a));
      })
      .map((operation) => operation.label);
    expect(unruled).toEqual([]);
    // A public operation must not claim to need credentials, and a secured one must say it does.
    for (const operation of operations) {
      if (publicOperations.has(operation.label))
        expect(operation.spec['x-access'], operation.label).toBeUndefined();
      else expect(operation.spec.security, operation.label).toEqual([{ bearerAuth: [] }]);
    }
    expect(operations.length).toBeGreaterThan(50);
  });

  it('documents every route the app registers (nothing under /v1 hides from the document)', () => {
    const app = createAppWithoutTemporal();
    const documented = new Set(operations.map((operation) => operation.label));
    const registered = app.routes
      .filter((route) => route.method !== 'ALL')
      .map((route) => `${route.method} ${route.path.replace(/:(\w+)/g, '{$1}')}`);
    const undocumented = registered.filter(
      (label) =>
        !documented.has(label) &&
        !publicOperations.has(label) &&
        !((label.includes(' /dashboard') || label.includes(' /my')) && !label.includes('/v1')),
    );
    expect([...new Set(undocumented)]).toEqual([]);
  });

  it('answers every secured operation × every caller with 401, 403 or a pass to the handler', async () => {
    const results: string[] = [];
    const wrong: string[] = [];
    for (const operation of operations) {
      const access = operation.spec['x-access'];
      if (!access) continue;
      for (const caller of callers) {
        const credential = credentials.get(caller);
        const minimal = minimalBody(operation);
        const headers: Record<string, string> = {};
        if (credential) headers.authorization = `Bearer ${credential}`;
        if (minimal) headers['content-type'] = minimal.contentType;
        const response = await fetch(`${system.baseUrl}${concretePath(operation)}`, {
          method: operation.method,
          headers,
          ...(minimal ? { body: minimal.body } : {}),
        });
        await response.arrayBuffer();
        const expected = caller === 'anonymous' ? '401' : access.includes(caller) ? 'passes' : '403';
        const got = response.status;
        const ok = expected === 'passes' ? got !== 401 && got !== 403 && got < 500 : got === Number(expected);
        const contentType = response.headers.get('content-type') ?? '';
        if (!ok) wrong.push(`${operation.label} as ${caller}: expected ${expected}, got ${got}`);
        else if (got >= 400 && !contentType.startsWith('application/problem+json'))
          wrong.push(`${operation.label} as ${caller}: ${got} answered as ${contentType}`);
        results.push(`${operation.label} ${caller} ${got}`);
      }
    }
    expect(wrong).toEqual([]);
    // every staff role, every institution kind (partner bodies too) and an anonymous caller
    expect(results.length).toBe(operations.filter((o) => o.spec['x-access']).length * callers.length);
  });

  it('lets every partner body (联动) answer its hand-offs, and no referral route take their keys', () => {
    const partners = institutionKinds.filter((kind) => !['court', 'procuratorate', 'police'].includes(kind));
    expect(partners).toEqual(
      expect.arrayContaining(['legal_aid_centre', 'labour_arbitration', 'notary_office', 'petitions_bureau']),
    );
    const accessOf = (label: string) =>
      operations.find((operation) => operation.label === label)?.spec['x-access'];
    for (const label of [
      'GET /v1/hand-offs',
      'GET /v1/hand-offs/{handOffId}',
      'POST /v1/hand-offs/{handOffId}/acknowledgement',
      'POST /v1/hand-offs/{handOffId}/result',
    ])
      expect(accessOf(label), label).toEqual([...institutionKinds]);
    const referralRoutes = operations.filter((operation) =>
      /^(GET|POST) \/v1\/(court|prosecution|police)\//.test(operation.label),
    );
    expect(referralRoutes.length).toBeGreaterThan(3);
    for (const operation of referralRoutes)
      expect(
        operation.spec['x-access']?.some((a) => partners.includes(a as never)),
        operation.label,
      ).toBe(false);
  });

  it('keeps the supervision pages behind a supervisor or admin session, and the workbench behind any staff session', async () => {
    const db = system.database.db;
    const unit = await createUnit(db, '矩阵测试中心二');
    const sessions = new Map<string, string | undefined>([['none', undefined]]);
    for (const role of staffRoles) sessions.set(role, (await createStaff(db, role, unit.id)).token);
    const app = createAppWithoutTemporal();
    const pages = [
      ...new Set(
        app.routes
          .filter((route) => route.method !== 'ALL' && route.path.startsWith('/dashboard'))
          .map((route) => `${route.method} ${route.path}`),
      ),
    ].filter((label) => !publicDashboardRoutes.has(label));
    expect(pages.length).toBeGreaterThan(3);
    const wrong: string[] = [];
    for (const label of pages) {
      const [method, pattern] = label.split(' ') as [string, string];
      const path = pattern.replace(/:caseNumber/g, 'HLBE-2026-999999').replace(/:(\w+)/g, 'x');
      for (const [who, token] of sessions) {
        const headers: Record<string, string> = {};
        let body: string | undefined;
        if (token) headers.cookie = `${sessionCookie}=${token}`;
        if (method === 'POST') {
          headers['content-type'] = 'application/x-www-form-urlencoded';
          body = token ? `_csrf=${csrfTokenFor(token, testTokenSecret)}` : '';
        }
        const response = await fetch(`${system.baseUrl}${path}`, {
          method,
          headers,
          redirect: 'manual',
          ...(body === undefined ? {} : { body }),
        });
        await response.arrayBuffer();
        const got = response.status;
        const expected =
          who === 'none'
            ? method === 'GET'
              ? got === 303 && (response.headers.get('location') ?? '').startsWith('/dashboard/login')
              : got === 401
            : mayUsePage(pattern, who)
              ? got !== 401 && got !== 403 && got < 500
              : got === 403;
        if (!expected) wrong.push(`${label} as ${who}: ${got}`);
      }
    }
    expect(wrong).toEqual([]);
  });
  it('never lets a citizen’s session (the public channel’s /my) reach a staff or institution route', async () => {
    const citizen = await signInCitizen(system, '13600002222', '127.0.0.1');
    const token = citizen.cookie.slice(citizen.cookie.indexOf('=') + 1);
    const staffSession = await createStaff(system.database.db, 'clerk', null);
    const wrong: string[] = [];
    for (const operation of operations) {
      if (!operation.spec['x-access']) continue;
      const minimal = minimalBody(operation);
      for (const headers of [{ cookie: citizen.cookie }, { authorization: `Bearer ${token}` }] as Record<
        string,
        string
      >[]) {
        const response = await fetch(`${system.baseUrl}${concretePath(operation)}`, {
          method: operation.method,
          headers: { ...headers, ...(minimal ? { 'content-type': minimal.contentType } : {}) },
          ...(minimal ? { body: minimal.body } : {}),
        });
        await response.arrayBuffer();
        if (response.status !== 401)
          wrong.push(`${operation.label} with a citizen session: ${response.status}`);
      }
    }
    const app = createAppWithoutTemporal();
    const pages = [
      ...new Set(
        app.routes
          .filter((route) => route.method !== 'ALL' && route.path.startsWith('/dashboard'))
          .map((route) => `${route.method} ${route.path}`),
      ),
    ].filter((label) => !publicDashboardRoutes.has(label));
    for (const label of pages) {
      const [method, pattern] = label.split(' ') as [string, string];
      const path = pattern.replace(/:caseNumber/g, 'HLBE-2026-999999').replace(/:(\w+)/g, 'x');
      // The cookie is scoped to /my; sent anyway (as a forged request would), it counts for nothing.
      const response = await fetch(`${system.baseUrl}${path}`, {
        method,
        headers: { cookie: `${citizen.cookie}; fst_dashboard=${token}` },
        redirect: 'manual',
      });
      await response.arrayBuffer();
      const refused =
        method === 'GET'
          ? response.status === 303 && (response.headers.get('location') ?? '').startsWith('/dashboard/login')
          : response.status === 401;
      if (!refused) wrong.push(`${label} with a citizen session: ${response.status}`);
    }
    // Every page of /my but the sign-in wants a citizen session: without one, a GET goes to the
    // sign-in and anything else is refused.
    const myPages = [
      ...new Set(
        app.routes
          .filter((route) => route.method !== 'ALL' && route.path.startsWith('/my'))
          .map((route) => `${route.method} ${route.path}`),
      ),
    ].filter((label) => !publicChannelOpenRoutes.has(label));
    expect(myPages.length).toBeGreaterThan(5);
    for (const label of myPages) {
      const [method, pattern] = label.split(' ') as [string, string];
      const path = pattern.replace(/:caseNumber/g, 'HLBE-2026-999999').replace(/:(\w+)/g, 'x');
      const response = await fetch(`${system.baseUrl}${path}`, {
        method,
        headers: { cookie: `${sessionCookie}=${staffSession.token}` },
        redirect: 'manual',
      });
      await response.arrayBuffer();
      const refused =
        method === 'GET'
          ? response.status === 303 && response.headers.get('location') === '/my/login'
          : response.status === 401;
      if (!refused) wrong.push(`${label} without a citizen session: ${response.status}`);
    }
    // And the other way: a staff session is no citizen session.
    const myPage = await fetch(`${system.baseUrl}/my`, {
      headers: { cookie: `${sessionCookie}=${staffSession.token}; fst_citizen=${staffSession.token}` },
      redirect: 'manual',
    });
    expect([myPage.status, myPage.headers.get('location')]).toEqual([303, '/my/login']);
    expect(wrong).toEqual([]);
    expect(pages.length).toBeGreaterThan(3);
  });
});
