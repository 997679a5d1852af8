import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaff, createUnit, type TestUser } from '../helpers/staff.js';
import { startTestSystem, type TestSystem } from '../helpers/test-system.js';

/** A hotline call about unpaid wages: the duty lawyer answers, the person wants mediation. */
const wagesCall = {
  channel: 'hotline',
  topic: 'labour_social_security',
  question: '在建筑工地干了三个月，包工头拖欠工资一万二千元，能不能找人调解？',
  facts: '2026年8月至10月在海拉尔区某工地务工，包工头孙某以工程款未结为由拖欠工资12000元。',
  answer: '可申请人民调解，也可向劳动保障监察投诉；建议保留考勤与转账记录。',
  parties: [
    {
      kind: 'person',
      name: '包宝音',
      role: 'applicant',
      idType: 'resident_id',
      idNumber: '15070219880303001X',
      phone: '13904700011',
    },
    { kind: 'person', name: '孙建军', role: 'respondent' },
  ],
};

interface ConsultationBody {
  id: string;
  unitId: string;
  channel: string;
  channelZh: string;
  topicZh: string;
  parties: { name: string; idNumber?: string; phone?: string }[];
  referral: string | null;
  caseNumber: string | null;
  links: { self: string; case: string | null };
}

interface Problem {
  status: number;
  code: string;
  errors?: { field: string; reason: string }[];
}

describe('the consultation ledger: a hotline question becomes a mediation case', () => {
  let system: TestSystem;
  let lawyer: TestUser; // 值班律师, a mediator of the centre
  let clerk: TestUser;
  let supervisor: TestUser;
  let otherClerk: TestUser;
  let otherSupervisor: TestUser;
  let admin: TestUser;
  let unitId: string;
  let otherUnitId: string;

  beforeAll(async () => {
    system = await startTestSystem();
    const db = system.database.db;
    const [unit, otherUnit] = await Promise.all([createUnit(db), createUnit(db, '另一调解中心')]);
    unitId = unit.id;
    otherUnitId = otherUnit.id;
    [lawyer, clerk, supervisor, otherClerk, otherSupervisor, admin] = await Promise.all([
      createStaff(db, 'mediator', unit.id),
      createStaff(db, 'clerk', unit.id),
      createStaff(db, 'supervisor', unit.id),
      createStaff(db, 'clerk', otherUnit.id),
      createStaff(db, 'supervisor', otherUnit.id),
      createStaff(db, 'admin', null),
    ]);
  });
  afterAll(() => system?.stop());

  async function call<T>(
    method: string,
    path: string,
    user: TestUser,
    expected: number,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<{ body: T; response: Response }> {
    const response = await system.request(method, path, {
      credential: user.token,
      ...(body === undefined ? {} : { body }),
      ...(headers ? { headers } : {}),
    });
    const json = (await response.json()) as T;
    if (response.status !== expected) {
      throw new Error(
        `${method} ${path} answered ${response.status}, expected ${expected}: ${JSON.stringify(json)}`,
      );
    }
    return { body: json, response };
  }

  async function refused(method: string, path: string, user: TestUser, status: number, body?: unknown) {
    const { body: problem, response } = await call<Problem>(method, path, user, status, body);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    return problem;
  }

  it('records a consultation, turns it into a case with its parties and facts, and a retry finds that case', async () => {
    const { body: recorded, response } = await call<ConsultationBody>(
      'POST',
      '/v1/consultations',
      lawyer,
      201,
      wagesCall,
    );
    expect(response.headers.get('location')).toBe(`/v1/consultations/${recorded.id}`);
    expect(recorded).toMatchObject({
      unitId,
      channel: 'hotline',
      channelZh: '热线电话',
      topicZh: '劳动与社会保障',
    });
    expect(recorded.parties[0]).toMatchObject({ idNumber: '15070219880303001X', phone: '13904700011' });

    // A duty lawyer may record and read, but registering a case is the window's.
    await refused('POST', `/v1/consultations/${recorded.id}/case`, lawyer, 403, {});

    const { body: created, response: createdResponse } = await call<Record<string, unknown>>(
      'POST',
      `/v1/consultations/${recorded.id}/case`,
      clerk,
      201,
      {},
    );
    const caseNumber = created.caseNumber as string;
    expect(caseNumber).toMatch(new RegExp(`^${system.caseNumberPrefix}-\\d{4}-\\d{6}$`));
    expect(createdResponse.headers.get('location')).toBe(`/v1/cases/${caseNumber}`);
    expect(created).toMatchObject({ stage: 'intake', source: 'hotline', unitId, summary: wagesCall.facts });

    // The case as anyone reads it afterwards: the parties carried over, in full for the clerk.
    const { body: read } = await call<{ parties: unknown[] }>('GET', `/v1/cases/${caseNumber}`, clerk, 200);
    expect(read.parties).toEqual(wagesCall.parties);

    const { body: linked } = await call<ConsultationBody>(
      'GET',
      `/v1/consultations/${recorded.id}`,
      clerk,
      200,
    );
    expect(linked).toMatchObject({
      caseNumber,
      referral: 'mediation',
      links: { case: `/v1/cases/${caseNumber}` },
    });

    // A retry (the answer was lost) and a double click answer the same case, never a second one.
    const retries = await Promise.all(
      [0, 1].map(() =>
        call<{ caseNumber: string }>('POST', `/v1/consultations/${recorded.id}/case`, clerk, 200, {}),
      ),
    );
    expect(retries.map((retry) => retry.body.caseNumber)).toEqual([caseNumber, caseNumber]);
    const [row] = await system.database.sql`
      select count(*)::int as n from cases where case_number like ${`${system.caseNumberPrefix}-%`}`;
    expect(row!.n).toBe(1);
  });

  it('registers one case when two clerks turn the same consultation into a case at once', async () => {
    const { body: recorded } = await call<ConsultationBody>('POST', '/v1/consultations', lawyer, 201, {
      ...wagesCall,
      channel: 'counter',
    });
    const answers = await Promise.all(
      [clerk, supervisor].map((user) =>
        system.request('POST', `/v1/consultations/${recorded.id}/case`, { credential: user.token, body: {} }),
      ),
    );
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 201]);
    const numbers = await Promise.all(
      answers.map(async (a) => ((await a.json()) as { caseNumber: string }).caseNumber),
    );
    expect(numbers[0]).toBe(numbers[1]);
    const { body: read } = await call<{ source: string }>('GET', `/v1/cases/${numbers[0]}`, clerk, 200);
    expect(read.source).toBe('walk_in');
  });

  it('counts a recording retried with the same Idempotency-Key once', async () => {
    const headers = { 'idempotency-key': 'call-2026-12-02-0001' };
    const first = await call<ConsultationBody>('POST', '/v1/consultations', lawyer, 201, wagesCall, headers);
    const again = await call<ConsultationBody>('POST', '/v1/consultations', lawyer, 200, wagesCall, headers);
    expect(again.body.id).toBe(first.body.id);
  });

  it('refuses a consultation without parties until they are sent, naming the field', async () => {
    const { parties: _none, ...anonymous } = wagesCall;
    const { body: recorded } = await call<ConsultationBody>(
      'POST',
      '/v1/consultations',
      lawyer,
      201,
      anonymous,
    );
    const problem = await refused('POST', `/v1/consultations/${recorded.id}/case`, clerk, 422, {});
    expect(problem.code).toBe('consultation_without_parties');
    expect(problem.errors?.map((error) => error.field)).toEqual(['parties']);
    const { body: stillOpen } = await call<ConsultationBody>(
      'GET',
      `/v1/consultations/${recorded.id}`,
      clerk,
      200,
    );
    expect(stillOpen.caseNumber).toBeNull();

    const { body: created } = await call<{ parties: unknown[] }>(
      'POST',
      `/v1/consultations/${recorded.id}/case`,
      clerk,
      201,
      { parties: wagesCall.parties },
    );
    expect(created.parties).toEqual(wagesCall.parties);
  });

  it('answers bad input with problem+json naming the field', async () => {
    const cases: [unknown, number, string, string][] = [
      [{ ...wagesCall, answer: undefined }, 400, 'validation_failed', 'answer'],
      [{ ...wagesCall, channel: 'fax' }, 400, 'validation_failed', 'channel'],
      [{ ...wagesCall, question: '   ' }, 400, 'validation_failed', 'question'],
      [
        { ...wagesCall, parties: [{ ...wagesCall.parties[0], phone: 'call me' }] },
        400,
        'validation_failed',
        'parties[0].phone',
      ],
      [{ ...wagesCall, surprise: true }, 400, 'validation_failed', 'body'],
      [{ ...wagesCall, unitId: otherUnitId }, 403, 'unit_outside_scope', 'unitId'],
    ];
    for (const [body, status, code, field] of cases) {
      const problem = await refused('POST', '/v1/consultations', clerk, status, body);
      expect(problem.code, field).toBe(code);
      expect(problem.errors?.map((error) => error.field) ?? [], field).toContain(field);
    }
    // An admin has no unit of their own: one must be named, and it must exist.
    const noUnit = await refused('POST', '/v1/consultations', admin, 422, wagesCall);
    expect([noUnit.code, noUnit.errors?.[0]?.field]).toEqual(['unit_required', 'unitId']);
    const unknown = await refused('POST', '/v1/consultations', admin, 422, {
      ...wagesCall,
      unitId: '00000000-0000-4000-8000-000000000000',
    });
    expect([unknown.code, unknown.errors?.[0]?.field]).toEqual(['unknown_unit', 'unitId']);

    // Not a cursor at all, and one of the right shape whose id PostgreSQL would refuse (never a 500).
    const forgedId = Buffer.from(JSON.stringify(['2026-12-02T00:00:00.000Z', 'not-a-uuid'])).toString(
      'base64url',
    );
    for (const cursor of ['bm90LWEtY3Vyc29y', forgedId]) {
      const badCursor = await refused('GET', `/v1/consultations?cursor=${cursor}`, clerk, 400);
      expect(badCursor.errors?.map((error) => error.field)).toEqual(['cursor']);
    }
    const badRange = await refused(
      'GET',
      '/v1/consultations/statistics?recordedFrom=2026-12-02&recordedTo=2026-12-01',
      supervisor,
      400,
    );
    expect(badRange.errors?.map((error) => error.field)).toEqual(['recordedTo']);
  });

  it('keeps consultations within their unit: another unit cannot read, list, count or convert them', async () => {
    const { body: recorded } = await call<ConsultationBody>('POST', '/v1/consultations', lawyer, 201, {
      ...wagesCall,
      question: '邻居在公共走廊堆放杂物，物业不管怎么办？',
      topic: 'neighbour',
    });
    for (const outsider of [otherClerk, otherSupervisor]) {
      const problem = await refused('GET', `/v1/consultations/${recorded.id}`, outsider, 404);
      expect(problem.code).toBe('not_found');
      await refused('POST', `/v1/consultations/${recorded.id}/case`, outsider, 404, {});
      const { body: list } = await call<{ items: ConsultationBody[] }>(
        'GET',
        '/v1/consultations',
        outsider,
        200,
      );
      expect(list.items.map((item) => item.id)).not.toContain(recorded.id);
    }
    const forbidden = await refused(
      'GET',
      `/v1/consultations/statistics?unitId=${unitId}`,
      otherSupervisor,
      403,
    );
    expect(forbidden.code).toBe('forbidden_unit');
    const { body: theirs } = await call<{ total: { consultations: number } }>(
      'GET',
      '/v1/consultations/statistics',
      otherSupervisor,
      200,
    );
    expect(theirs.total.consultations).toBe(0);
    // Within the unit everyone who works there reads it.
    for (const insider of [lawyer, clerk, supervisor, admin]) {
      await call('GET', `/v1/consultations/${recorded.id}`, insider, 200);
    }
  });

  it('lists by search and page with numbers masked, and counts by topic and channel as the ledger holds them', async () => {
    const { body: first } = await call<{ items: ConsultationBody[]; nextCursor: string | null }>(
      'GET',
      `/v1/consultations?q=${encodeURIComponent('包宝音')}&limit=2`,
      clerk,
      200,
    );
    expect(first.items).toHaveLength(2);
    expect(first.items[0]!.parties[0]).toMatchObject({
      idNumber: '150702********001X',
      phone: '139****0011',
    });
    const seen = first.items.map((item) => item.id);
    let cursor = first.nextCursor;
    while (cursor) {
      const { body: page } = await call<{ items: ConsultationBody[]; nextCursor: string | null }>(
        'GET',
        `/v1/consultations?q=${encodeURIComponent('包宝音')}&limit=2&cursor=${cursor}`,
        clerk,
        200,
      );
      seen.push(...page.items.map((item) => item.id));
      cursor = page.nextCursor;
    }
    const expected = await system.database.sql`
      select id from consultations where unit_id = ${unitId} and parties @> ${JSON.stringify([{ name: '包宝音' }])}::jsonb
      order by recorded_at desc, id desc`;
    expect(seen).toEqual(expected.map((row) => row.id));
    expect(new Set(seen).size).toBe(seen.length);

    const { body: counted } = await call<{ items: ConsultationBody[] }>(
      'GET',
      '/v1/consultations?converted=true&channel=hotline',
      clerk,
      200,
    );
    expect(counted.items.every((item) => item.caseNumber !== null && item.channel === 'hotline')).toBe(true);

    // The report, against a count made here from the table itself.
    const { body: report } = await call<{
      total: { consultations: number; becameCases: number };
      byTopic: { topic: string; topicZh: string; consultations: number; becameCases: number }[];
      byChannel: { channel: string; consultations: number; becameCases: number }[];
    }>('GET', '/v1/consultations/statistics', supervisor, 200);
    const rows = await system.database.sql`
      select topic, channel, case_number from consultations where unit_id = ${unitId}`;
    const tally = (keep: (row: (typeof rows)[number]) => boolean) => ({
      consultations: rows.filter(keep).length,
      becameCases: rows.filter((row) => keep(row) && row.case_number !== null).length,
    });
    expect(report.total).toEqual(tally(() => true));
    expect(report.total.consultations).toBeGreaterThanOrEqual(5);
    expect(report.total.becameCases).toBe(3);
    const labour = report.byTopic.find((line) => line.topic === 'labour_social_security')!;
    expect(labour).toMatchObject({
      topicZh: '劳动与社会保障',
      ...tally((row) => row.topic === 'labour_social_security'),
    });
    for (const line of report.byChannel) {
      expect(line, line.channel).toMatchObject(tally((row) => row.channel === line.channel));
    }
    expect(report.byTopic).toHaveLength(15);
  });
});
