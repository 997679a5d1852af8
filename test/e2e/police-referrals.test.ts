import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaDateOf } from '../../domain/dates.js';
import { caseApi } from '../helpers/case-api.js';
import { startReceiver } from '../helpers/receiver.js';
import { createInstitution, createStaff, createUnit, type TestUser } from '../helpers/staff.js';
import { startTestSystem, type TestSystem } from '../helpers/test-system.js';

describe('police docking (警调对接) over HTTP', () => {
  let system: TestSystem;
  let api: ReturnType<typeof caseApi>;
  let clerk: TestUser;
  let mediator: TestUser;
  let station: Awaited<ReturnType<typeof createInstitution>>;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;

  beforeAll(async () => {
    receiver = await startReceiver(() => 200);
    system = await startTestSystem();
    api = caseApi(system);
    const unit = await createUnit(system.database.db, '呼伦贝尔市非诉纠纷调处中心');
    [clerk, mediator] = await Promise.all([
      createStaff(system.database.db, 'clerk', unit.id),
      createStaff(system.database.db, 'mediator', unit.id),
    ]);
    station = await createInstitution(system.database.db, 'police', '海拉尔区公安分局正阳派出所');
  });
  afterAll(async () => {
    await system?.stop();
    await receiver?.close();
  });

  it('mediates a public-order case at most twice and reports the outcome to the police station', async () => {
    const today = chinaDateOf(Date.now());
    const body = {
      reference: '海公(正)调字〔2026〕88号',
      facts: '两名摊贩因占道经营发生推搡，造成轻微伤',
      incidentDate: today,
      referralDate: today,
      parties: [
        { kind: 'person', name: '冯磊', role: 'applicant' },
        { kind: 'person', name: '陈红', role: 'respondent' },
      ],
      officerContact: { name: '刘警官' },
      callbackUrl: receiver.url,
    };
    const created = await api.call('POST', '/v1/police/referrals', station.apiKey, body, 201);
    const caseNumber = created.caseNumber as string;
    await api.call('POST', '/v1/police/referrals', station.apiKey, body, 200);
    await api.transition(clerk.token, caseNumber, 'triage', { triageClass: 'simple', category: 'other' });
    await api.transition(clerk.token, caseNumber, 'assign', { mediatorId: mediator.id });
    await api.transition(mediator.token, caseNumber, 'accept');
    const session = { heldAt: new Date().toISOString(), summary: '第一次调解，双方分歧较大' };
    const first = await api.transition(mediator.token, caseNumber, 'sessions', session);
    expect((first.deadlines as { kind: string }[]).map((d) => d.kind)).toContain('police_second_round');
    await api.transition(mediator.token, caseNumber, 'sessions', { ...session, summary: '第二次调解' });
    const third = await api.transition(
      mediator.token,
      caseNumber,
      'sessions',
      { ...session, summary: '第三次' },
      422,
    );
    expect(third.code).toBe('rounds_exhausted');
    await api.transition(mediator.token, caseNumber, 'settle', {
      form: 'written',
      terms: '陈红赔偿医药费500元',
      amountFen: 50_000,
      performance: [],
    });
    const deadline = Date.now() + 10_000;
    while (
      !receiver.received.some((r) => r.headers['x-feisutong-event'] === 'police.outcome') &&
      Date.now() < deadline
    ) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const report = receiver.received.find((r) => r.headers['x-feisutong-event'] === 'police.outcome');
    expect(JSON.parse(report!.body)).toMatchObject({ result: 'settled_written', reference: body.reference });
    const status = await api.call(
      'GET',
      `/v1/police/referrals/${encodeURIComponent(body.reference)}`,
      station.apiKey,
      undefined,
      200,
    );
    expect(status).toMatchObject({ stage: 'link', sessions: 2, outcome: { result: 'settled_written' } });
  });
});
