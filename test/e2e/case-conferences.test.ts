import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaDateOf } from '../../domain/dates.js';
import { caseApi } from '../helpers/case-api.js';
import { createStaff, createUnit, type TestUser } from '../helpers/staff.js';
import { startTestSystem, type TestSystem } from '../helpers/test-system.js';

/**
 * 研: a complex dispute must be studied at a case conference before it settles, unless a supervisor
 * waives it; the rule is the centre's own (conference.before_settlement) and an admin can turn it off,
 * which reaches cases triaged afterwards, not those already bound by it.
 */
const settlement = {
  form: 'oral',
  terms: '承包方于本月底前返还押金三万元，发包方放弃违约金主张',
  amountFen: 3_000_000,
  performance: [{ description: '返还押金', dueDate: '2026-12-31', amountFen: 3_000_000 }],
};
const conference = () => ({
  heldAt: new Date().toISOString(),
  participants: [
    { name: '王调解', role: 'mediator' },
    { name: '刘律师', role: 'lawyer', organisation: '内蒙古呼伦律师事务所' },
    { name: '张科长', role: 'partner_body', organisation: '海拉尔区住房和城乡建设局' },
  ],
  conclusions: '争议焦点为押金返还与违约金；双方均有和解意愿',
  plan: '先由住建部门核实工程量，再分别做双方工作，力争本周内达成口头协议',
});

describe('case conferences (研) before a complex case settles', () => {
  let system: TestSystem;
  let api: ReturnType<typeof caseApi>;
  let clerk: TestUser;
  let mediator: TestUser;
  let supervisor: TestUser;
  let admin: TestUser;

  beforeAll(async () => {
    system = await startTestSystem();
    api = caseApi(system);
    const db = system.database.db;
    const unit = await createUnit(db, '呼伦贝尔市非诉纠纷调处中心');
    [clerk, mediator, supervisor, admin] = await Promise.all([
      createStaff(db, 'clerk', unit.id),
      createStaff(db, 'mediator', unit.id),
      createStaff(db, 'supervisor', unit.id),
      createStaff(db, 'admin', null),
    ]);
  });
  afterAll(async () => {
    await system?.stop();
  });

  async function acceptedCase(triageClass: 'complex' | 'general'): Promise<string> {
    const { caseNumber } = await api.register(clerk.token, {
      source: 'walk_in',
      summary: '工程承包押金返还纠纷，涉及多户村民',
      parties: [
        { kind: 'person', name: '高建国', role: 'applicant', phone: '13800003333' },
        { kind: 'organisation', name: '呼伦贝尔市某建筑有限公司', role: 'respondent' },
      ],
      mediationConsent: { givenBy: ['高建国'] },
    });
    await api.transition(clerk.token, caseNumber, 'triage', { triageClass, category: 'contract' });
    await api.transition(clerk.token, caseNumber, 'assign', { mediatorId: mediator.id });
    await api.transition(mediator.token, caseNumber, 'accept');
    return caseNumber;
  }

  it('refuses to settle a complex case before its conference, and settles it after one', async () => {
    const caseNumber = await acceptedCase('complex');
    const read = await api.read(mediator.token, caseNumber);
    expect(read.conferenceRequirement).toEqual({
      policyId: 'conference.before_settlement@2020-01-01',
      waiver: null,
    });

    const refused = await api.transition(mediator.token, caseNumber, 'settle', settlement, 409);
    expect(refused).toMatchObject({ code: 'conference_required', currentStage: 'resolve' });
    expect(refused.reasonZh).toContain('研判会');
    expect((await api.read(mediator.token, caseNumber)).stage).toBe('resolve');

    // A conference needs at least two people and says which field is wrong.
    const lonely = await api.transition(
      mediator.token,
      caseNumber,
      'conferences',
      { ...conference(), participants: [{ name: '王调解', role: 'mediator' }] },
      400,
    );
    expect(JSON.stringify(lonely.errors)).toContain('participants');
    const future = new Date(Date.now() + 3_600_000).toISOString();
    const tooEarly = await api.transition(
      mediator.token,
      caseNumber,
      'conferences',
      { ...conference(), heldAt: future },
      422,
    );
    expect(tooEarly).toMatchObject({ code: 'date_in_future' });

    const conferred = await api.transition(mediator.token, caseNumber, 'conferences', conference());
    expect(conferred.conferences).toMatchObject([
      { n: 1, plan: conference().plan, recordedBy: mediator.id, participants: conference().participants },
    ]);
    // Nothing left to waive once the conference sat.
    const waiver = await api.transition(
      supervisor.token,
      caseNumber,
      'conference-waiver',
      { reason: '—' },
      422,
    );
    expect(waiver).toMatchObject({ code: 'conference_not_required' });

    const settled = await api.transition(mediator.token, caseNumber, 'settle', settlement);
    expect(settled).toMatchObject({ stage: 'link', disposition: 'settled_oral' });
    const events = await api.call('GET', `/v1/cases/${caseNumber}/events`, supervisor.token, undefined, 200);
    const types = (events.items as { type: string }[]).map((event) => event.type);
    expect(types).toEqual(expect.arrayContaining(['conference_held', 'settled']));
    expect(types.indexOf('conference_held')).toBeLessThan(types.indexOf('settled'));
    await api.expectReadModelMatchesWorkflow(supervisor.token, caseNumber);
  });

  it('lets a supervisor, and only a supervisor, waive the conference', async () => {
    const caseNumber = await acceptedCase('complex');
    const byMediator = await api.transition(
      mediator.token,
      caseNumber,
      'conference-waiver',
      { reason: '当事人急需款项' },
      403,
    );
    expect(byMediator).toMatchObject({ code: 'forbidden' });
    await api.transition(mediator.token, caseNumber, 'settle', settlement, 409);

    const waived = await api.transition(supervisor.token, caseNumber, 'conference-waiver', {
      reason: '案情已由法院查明，当事人急需款项',
    });
    expect(waived.conferenceRequirement).toMatchObject({
      waiver: { reason: '案情已由法院查明，当事人急需款项', by: supervisor.id },
    });
    const settled = await api.transition(mediator.token, caseNumber, 'settle', settlement);
    expect(settled.stage).toBe('link');
  });

  it('needs no conference for a general case, nor for a complex one once an admin turned the policy off', async () => {
    const general = await acceptedCase('general');
    expect((await api.read(mediator.token, general)).conferenceRequirement).toBeNull();
    await api.transition(mediator.token, general, 'settle', settlement);

    // Bound before the policy changes: stays bound.
    const boundBefore = await acceptedCase('complex');
    const policies = await api.call('GET', '/v1/admin/centre-policies', supervisor.token, undefined, 200);
    expect(policies.items).toMatchObject([
      { key: 'conference.before_settlement', enabled: true, source: 'centre policy (not law)' },
    ]);
    const today = chinaDateOf(Date.now());
    await api.call(
      'POST',
      '/v1/admin/centre-policies',
      supervisor.token,
      { key: 'conference.before_settlement', effectiveFrom: today, enabled: false },
      403,
    );
    const off = await api.call(
      'POST',
      '/v1/admin/centre-policies',
      admin.token,
      { key: 'conference.before_settlement', effectiveFrom: today, enabled: false },
      201,
    );
    expect(off).toMatchObject({ id: `conference.before_settlement@${today}`, enabled: false });
    const again = await api.call(
      'POST',
      '/v1/admin/centre-policies',
      admin.token,
      { key: 'conference.before_settlement', effectiveFrom: today, enabled: true },
      409,
    );
    expect(again).toMatchObject({ code: 'already_exists' });

    const complexAfter = await acceptedCase('complex');
    expect((await api.read(mediator.token, complexAfter)).conferenceRequirement).toBeNull();
    expect((await api.transition(mediator.token, complexAfter, 'settle', settlement)).stage).toBe('link');
    await api.transition(mediator.token, boundBefore, 'settle', settlement, 409);
  });
});
