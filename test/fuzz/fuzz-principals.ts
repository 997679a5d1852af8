import { randomBytes } from 'node:crypto';
import type { Audience } from '../../api/access.js';

/** Everyone the fuzzer plays, each with the credential it sends as `Authorization: Bearer …`. */
export type FuzzPrincipal = Audience | 'anonymous';

export interface FuzzWorld {
  credentials: Map<FuzzPrincipal, string | undefined>;
  /** Real identifiers, so that generated requests reach existing cases, referrals and accounts. */
  caseNumbers: string[];
  references: string[];
  ids: string[];
}

async function call<T = Record<string, unknown>>(
  baseUrl: string,
  method: string,
  path: string,
  credential: string | undefined,
  body?: unknown,
): Promise<T> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      ...(credential ? { authorization: `Bearer ${credential}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
  return JSON.parse(text) as T;
}

async function logIn(baseUrl: string, username: string, password: string): Promise<string> {
  const { accessToken } = await call<{ accessToken: string }>(baseUrl, 'POST', '/v1/auth/token', undefined, {
    username,
    password,
  });
  return accessToken;
}

/**
 * Through the admin API, as an operator would: a unit, one account per staff role, one institution of
 * each kind with an API key; then a little real data (a case in mediation, a court referral) so that
 * lists and reads answer with real shapes, not only empty pages and 404s.
 */
export async function preparePrincipals(
  baseUrl: string,
  admin: { username: string; password: string },
): Promise<FuzzWorld> {
  const credentials = new Map<FuzzPrincipal, string | undefined>([['anonymous', undefined]]);
  const adminToken = await logIn(baseUrl, admin.username, admin.password);
  credentials.set('admin', adminToken);
  const suffix = randomBytes(3).toString('hex');
  const unit = await call<{ id: string }>(baseUrl, 'POST', '/v1/admin/units', adminToken, {
    code: `FUZZ-${suffix}`,
    name: '模糊测试调解中心',
    kind: 'centre',
  });
  const ids = new Map<string, string>();
  for (const role of ['clerk', 'mediator', 'supervisor'] as const) {
    const username = `fuzz-${role}-${suffix}`;
    const password = randomBytes(18).toString('base64url');
    const user = await call<{ id: string }>(baseUrl, 'POST', '/v1/admin/users', adminToken, {
      username,
      displayName: `模糊测试${role}`,
      role,
      unitId: unit.id,
      password,
    });
    ids.set(role, user.id);
    credentials.set(role, await logIn(baseUrl, username, password));
  }
  const institutionIds: string[] = [];
  for (const kind of ['court', 'procuratorate', 'police'] as const) {
    const institution = await call<{ id: string }>(baseUrl, 'POST', '/v1/admin/institutions', adminToken, {
      code: `FUZZ-${kind}-${suffix}`,
      name: `模糊测试${kind}`,
      kind,
    });
    institutionIds.push(institution.id);
    const issued = await call<{ key: string }>(
      baseUrl,
      'POST',
      `/v1/admin/institutions/${institution.id}/api-keys`,
      adminToken,
      { label: 'fuzzing' },
    );
    credentials.set(kind, issued.key);
  }

  // Cases in intake, divert and resolve: the fuzzer's transitions meet each stage's rules.
  const clerk = credentials.get('clerk')!;
  const caseNumbers: string[] = [];
  for (const stage of ['intake', 'divert', 'resolve'] as const) {
    const registered = await call<{ caseNumber: string }>(baseUrl, 'POST', '/v1/cases', clerk, {
      source: 'walk_in',
      mediationConsent: { givenBy: ['张三'] },
      summary: '邻里纠纷：空调外机噪音扰民',
      parties: [
        {
          kind: 'person',
          name: '张三',
          role: 'applicant',
          phone: '13800001234',
          idNumber: '150702199001011234',
        },
        { kind: 'person', name: '李四', role: 'respondent' },
      ],
    });
    caseNumbers.push(registered.caseNumber);
    if (stage === 'intake') continue;
    const path = `/v1/cases/${registered.caseNumber}`;
    await call(baseUrl, 'POST', `${path}/triage`, clerk, { triageClass: 'simple', category: 'neighbour' });
    await call(baseUrl, 'POST', `${path}/assign`, clerk, { mediatorId: ids.get('mediator') });
    if (stage === 'resolve') await call(baseUrl, 'POST', `${path}/accept`, credentials.get('mediator'), {});
  }
  const reference = `(2026)内0702民诉前调${suffix}号`;
  const referral = await call<{ caseNumber: string }>(
    baseUrl,
    'POST',
    '/v1/court/referrals',
    credentials.get('court'),
    {
      type: 'delegated',
      reference,
      referralDate: new Date().toISOString().slice(0, 10),
      parties: [
        { kind: 'person', name: '郑伟', role: 'applicant' },
        { kind: 'person', name: '吴军', role: 'respondent' },
      ],
      claimsSummary: '民间借贷纠纷',
      claimAmountFen: 1_000_000,
      materials: ['起诉状'],
      contact: { name: '王法官' },
    },
  );
  caseNumbers.push(referral.caseNumber);
  return {
    credentials,
    caseNumbers,
    references: [reference],
    ids: [...ids.values(), ...institutionIds],
  };
}
