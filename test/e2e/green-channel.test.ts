import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, chinaDateOf } from '../../domain/dates.js';
import { type CaseBody, caseApi } from '../helpers/case-api.js';
import { pageSession, visibleText } from '../helpers/page-session.js';
import { createStaff, createUnit, type TestUser } from '../helpers/staff.js';
import { startTestSystem, type TestSystem } from '../helpers/test-system.js';

/**
 * 涉企绿色通道: a dispute with a registered enterprise among its parties is flagged for the green
 * channel; it comes first in the queues with a 绿色通道 badge and, flagged before triage, runs on the
 * green channel's shorter handling period (centre policy, not law) instead of the ordinary one.
 */
const dairy = {
  name: '呼伦贝尔草原乳业有限公司',
  creditCode: '91110108551385082Q',
  entityClass: 'private_enterprise',
  industry: 'manufacturing',
  size: 'medium',
  contacts: [{ name: '张晓明', position: '法务负责人', phone: '13904701234' }],
};
const bakery = { ...dairy, name: '海拉尔区麦香食品有限公司', creditCode: '91350100M000100Y43' };

interface Deadline {
  kind: string;
  explanation: { policyKey: string; period: { length: number }; dueDate: string; source: string };
}
interface Problem {
  code: string;
  currentStage?: string;
  reasonZh?: string;
  errors?: { field: string }[];
}

describe('the green channel for enterprises (涉企绿色通道)', () => {
  let system: TestSystem;
  let api: ReturnType<typeof caseApi>;
  let clerk: TestUser;
  let mediator: TestUser;
  let supervisor: TestUser;
  let otherMediator: TestUser;
  let dairyId: string;
  let bakeryId: string;

  beforeAll(async () => {
    system = await startTestSystem();
    api = caseApi(system);
    const db = system.database.db;
    const [unit, station] = await Promise.all([
      createUnit(db, '呼伦贝尔市非诉纠纷调处中心'),
      createUnit(db, '劳动争议调解工作站'),
    ]);
    [clerk, mediator, supervisor, otherMediator] = await Promise.all([
      createStaff(db, 'clerk', unit.id),
      createStaff(db, 'mediator', unit.id),
      createStaff(db, 'supervisor', unit.id),
      createStaff(db, 'mediator', station.id),
    ]);
    dairyId = (await api.call('POST', '/v1/enterprises', clerk.token, dairy, 201)).id as string;
    bakeryId = (await api.call('POST', '/v1/enterprises', clerk.token, bakery, 201)).id as string;
  });
  afterAll(async () => {
    await system?.stop();
  });

  /** A supplier's claim against the dairy: the dairy is a party, as an organisation with its credit code. */
  const dairyDispute = (extra: Record<string, unknown> = {}) => ({
    source: 'walk_in',
    summary: '鲜奶供货款结算纠纷，供货方主张拖欠货款',
    parties: [
      { kind: 'person', name: '巴特尔', role: 'applicant', phone: '13800004444' },
      {
        kind: 'organisation',
        name: dairy.name,
        role: 'respondent',
        idType: 'unified_social_credit_code',
        idNumber: dairy.creditCode,
      },
    ],
    mediationConsent: { givenBy: ['巴特尔'] },
    ...extra,
  });
  const neighbours = {
    source: 'walk_in',
    summary: '相邻关系纠纷：楼上漏水致楼下受损',
    parties: [
      { kind: 'person', name: '刘洋', role: 'applicant' },
      { kind: 'person', name: '陈静', role: 'respondent' },
    ],
    mediationConsent: { givenBy: ['刘洋'] },
  };
  const stageDeadline = (view: CaseBody) =>
    (view.deadlines as Deadline[]).find((deadline) => deadline.kind === 'stage')!.explanation;

  it('flags a dispute with a registered enterprise, triages it on the shorter period and lists it first', async () => {
    const green = await api.register(clerk.token, dairyDispute());
    // Registered after it, an ordinary case would come first in a newest-first queue.
    const ordinary = await api.register(clerk.token, neighbours);
    expect(green.greenChannel ?? null).toBeNull();

    // Mediators do not flag cases: not their own unit's, nor another unit's.
    const byMediator = (await api.transition(
      mediator.token,
      green.caseNumber,
      'green-channel',
      { enterpriseId: dairyId },
      403,
    )) as unknown as Problem;
    expect(byMediator.code).toBe('forbidden');
    await api.transition(
      otherMediator.token,
      green.caseNumber,
      'green-channel',
      { enterpriseId: dairyId },
      403,
    );

    // A registered enterprise that is not a party is refused, the field named, in Chinese.
    const stranger = (await api.transition(
      clerk.token,
      green.caseNumber,
      'green-channel',
      { enterpriseId: bakeryId },
      422,
    )) as unknown as Problem;
    expect(stranger.code).toBe('green_channel_not_a_party');
    expect(stranger.errors?.map((error) => error.field)).toEqual(['enterpriseId']);
    expect(stranger.reasonZh).toContain('当事人');
    // So is a case with no enterprise among its parties.
    const noEnterprise = (await api.transition(
      clerk.token,
      ordinary.caseNumber,
      'green-channel',
      { enterpriseId: dairyId },
      422,
    )) as unknown as Problem;
    expect(noEnterprise.errors?.map((error) => error.field)).toEqual(['enterpriseId']);

    const flagged = await api.transition(clerk.token, green.caseNumber, 'green-channel', {
      enterpriseId: dairyId,
    });
    expect(flagged.greenChannel).toMatchObject({
      enterpriseId: dairyId,
      enterpriseName: dairy.name,
      creditCode: dairy.creditCode,
      flaggedBy: clerk.id,
    });
    // The same flag again (a retry) records nothing.
    const again = await api.transition(clerk.token, green.caseNumber, 'green-channel', {
      enterpriseId: dairyId,
    });
    expect(again.seq).toBe(flagged.seq);
    expect(again.greenChannel).toEqual(flagged.greenChannel);

    const triagedGreen = await api.transition(clerk.token, green.caseNumber, 'triage', {
      triageClass: 'general',
      category: 'contract',
    });
    const triagedOrdinary = await api.transition(clerk.token, ordinary.caseNumber, 'triage', {
      triageClass: 'general',
      category: 'neighbour',
    });
    const shorter = stageDeadline(triagedGreen);
    expect(shorter.policyKey).toBe('stage.general.green');
    expect(shorter.period.length).toBe(7);
    expect(shorter.source).toContain('centre policy (not law)');
    const ordinaryPeriod = stageDeadline(triagedOrdinary);
    expect(ordinaryPeriod.policyKey).toBe('stage.general');
    expect(ordinaryPeriod.period.length).toBe(15);
    // Calendar days from the day after triage (a due day on a holiday rolls over in both).
    expect(shorter.dueDate >= addDays(chinaDateOf(triagedGreen.registeredAt as string), 7)).toBe(true);
    expect(shorter.dueDate < ordinaryPeriod.dueDate).toBe(true);

    const events = await api.call('GET', `/v1/cases/${green.caseNumber}/events`, clerk.token, undefined, 200);
    const log = events.items as { type: string; payload: Record<string, unknown> }[];
    expect(log.map((event) => event.type)).toEqual(['registered', 'green_channel_flagged', 'triaged']);
    expect(log[2]!.payload).toMatchObject({ greenChannel: true });

    // The queue: the green channel case first, though registered earlier; page by page as well.
    const list = await api.call('GET', '/v1/cases?stage=divert', clerk.token, undefined, 200);
    const items = list.items as { caseNumber: string; greenChannel: boolean }[];
    expect(items.map((item) => item.caseNumber)).toEqual([green.caseNumber, ordinary.caseNumber]);
    expect(items.map((item) => item.greenChannel)).toEqual([true, false]);
    const first = await api.call('GET', '/v1/cases?stage=divert&limit=1', clerk.token, undefined, 200);
    const second = await api.call(
      'GET',
      `/v1/cases?stage=divert&limit=1&cursor=${first.nextCursor}`,
      clerk.token,
      undefined,
      200,
    );
    expect([first, second].map((page) => (page.items as { caseNumber: string }[])[0]?.caseNumber)).toEqual([
      green.caseNumber,
      ordinary.caseNumber,
    ]);
    const byDue = await api.call(
      'GET',
      '/v1/cases?stage=divert&order=nextDue&limit=1',
      clerk.token,
      undefined,
      200,
    );
    expect((byDue.items as { caseNumber: string }[])[0]?.caseNumber).toBe(green.caseNumber);

    // The clerk's queue page: first row, with its badge.
    const queue = visibleText((await pageSession(system, clerk).get('/dashboard/work?view=divert')).html);
    expect(queue).toContain('绿色通道');
    expect(queue.indexOf(green.caseNumber)).toBeLessThan(queue.indexOf(ordinary.caseNumber));
    const casePage = visibleText(
      (await pageSession(system, clerk).get(`/dashboard/work/cases/${green.caseNumber}`)).html,
    );
    expect(casePage).toContain(`涉企绿色通道：${dairy.name}`);
    // Its deadline reads as the centre's own rule, not the law's.
    expect(casePage).toContain('中心规定（非法律规定）；涉企绿色通道服务承诺');
    await api.expectReadModelMatchesWorkflow(supervisor.token, green.caseNumber);
  });

  it('flags a case at registration, and refuses the flag when no party is that enterprise', async () => {
    const notAParty = (await api.call(
      'POST',
      '/v1/cases',
      clerk.token,
      { ...neighbours, greenChannel: { enterpriseId: dairyId } },
      422,
    )) as unknown as Problem;
    expect(notAParty.code).toBe('green_channel_not_a_party');
    expect(notAParty.errors?.map((error) => error.field)).toEqual(['greenChannel.enterpriseId']);
    const unknown = (await api.call(
      'POST',
      '/v1/cases',
      clerk.token,
      dairyDispute({ greenChannel: { enterpriseId: '00000000-0000-4000-8000-000000000000' } }),
      422,
    )) as unknown as Problem;
    expect(unknown).toMatchObject({
      code: 'unknown_enterprise',
      errors: [{ field: 'greenChannel.enterpriseId' }],
    });

    const registered = await api.register(
      clerk.token,
      dairyDispute({ greenChannel: { enterpriseId: dairyId } }),
    );
    expect(registered.greenChannel).toMatchObject({ enterpriseId: dairyId, flaggedBy: clerk.id });
    const triaged = await api.transition(supervisor.token, registered.caseNumber, 'triage', {
      triageClass: 'complex',
      category: 'contract',
    });
    expect(stageDeadline(triaged)).toMatchObject({
      policyKey: 'stage.complex.green',
      period: { length: 15 },
    });
  });

  it('refuses the flag once the case has its outcome, naming the stage', async () => {
    const { caseNumber } = await api.register(clerk.token, dairyDispute());
    await api.transition(clerk.token, caseNumber, 'reject', { reason: '不属于人民调解受理范围' });
    const late = (await api.transition(
      clerk.token,
      caseNumber,
      'green-channel',
      { enterpriseId: dairyId },
      409,
    )) as unknown as Problem;
    expect(late).toMatchObject({ code: 'illegal_transition', currentStage: 'link' });
  });

  it('lets a clerk flag a triaged case from its page; its period stays as triage set it', async () => {
    const { caseNumber } = await api.register(clerk.token, dairyDispute());
    const triaged = await api.transition(clerk.token, caseNumber, 'triage', {
      triageClass: 'simple',
      category: 'contract',
    });
    const session = pageSession(system, clerk);
    const before = await session.get(`/dashboard/work/cases/${caseNumber}`);
    expect(visibleText(before.html)).toContain(`为 ${dairy.name} 列入绿色通道`);
    expect(before.html).not.toContain(bakeryId);
    const posted = await session.post(`/dashboard/work/cases/${caseNumber}/green-channel`, {
      enterpriseId: dairyId,
    });
    expect(posted.status).toBe(303);
    const after = visibleText((await session.get(posted.location!)).html);
    expect(after).toContain('已列入涉企绿色通道');
    expect(after).toContain(`涉企绿色通道：${dairy.name}（${dairy.creditCode}）`);
    expect(after).not.toContain(`为 ${dairy.name} 列入绿色通道`);
    const read = await api.read(clerk.token, caseNumber);
    expect(read.greenChannel).toMatchObject({ enterpriseId: dairyId, flaggedBy: clerk.id });
    // The shorter standard is chosen at triage: a case flagged later keeps the period it was given.
    expect(stageDeadline(read)).toEqual(stageDeadline(triaged));
    expect(stageDeadline(read).policyKey).toBe('stage.simple');
  });

  it('answers a keyed retry of the flag with the first answer', async () => {
    const { caseNumber } = await api.register(clerk.token, dairyDispute());
    const send = () =>
      system.request('POST', `/v1/cases/${caseNumber}/green-channel`, {
        credential: supervisor.token,
        body: { enterpriseId: dairyId },
        headers: { 'idempotency-key': `green-${caseNumber}` },
      });
    const first = await send();
    const retry = await send();
    expect([first.status, retry.status]).toEqual([200, 200]);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(((await retry.json()) as CaseBody).greenChannel).toEqual(
      ((await first.json()) as CaseBody).greenChannel,
    );
  });
});
