import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { units } from '../../db/schema/index.js';
import { chinaDateTimeText } from '../../domain/dates.js';
import { caseApi } from '../helpers/case-api.js';
import { eventually } from '../helpers/eventually.js';
import { pageSession, visibleText } from '../helpers/page-session.js';
import { createStaff, createUnit, type TestUser } from '../helpers/staff.js';
import { startTestSystem, type TestSystem } from '../helpers/test-system.js';

/**
 * A circuit mediation team (巡回调解小分队) rides out to a pasture dispute and mediates it on site: its
 * session form starts with 现场调解 ticked, an on-site session must name its place (in the API and on the
 * page), and the record says where it was held. A station's own mediator records sessions in a room.
 */
const dispute = {
  source: 'walk_in',
  summary: '两户牧民因草场界线发生争执',
  parties: [
    { kind: 'person', name: '巴特尔', role: 'applicant' },
    { kind: 'person', name: '其其格', role: 'respondent' },
  ],
  mediationConsent: { givenBy: ['巴特尔', '其其格'] },
};

describe('circuit mediation teams hold their sessions on site', () => {
  let system: TestSystem;
  let api: ReturnType<typeof caseApi>;
  let clerk: TestUser;
  let teamMediator: TestUser;
  let stationMediator: TestUser;

  beforeAll(async () => {
    system = await startTestSystem();
    api = caseApi(system);
    const db = system.database.db;
    const station = await createUnit(db, '陈巴尔虎旗调解站');
    const [team] = await db
      .insert(units)
      .values({
        code: `CT-${randomBytes(3).toString('hex')}`,
        name: '陈巴尔虎旗巡回调解小分队',
        kind: 'circuit_team',
        parentId: station.id,
      })
      .returning();
    [clerk, teamMediator, stationMediator] = await Promise.all([
      createStaff(db, 'clerk', station.id),
      createStaff(db, 'mediator', team!.id),
      createStaff(db, 'mediator', station.id),
    ]);
  });
  afterAll(async () => {
    await system?.stop();
  });

  async function acceptedBy(mediator: TestUser): Promise<string> {
    const { caseNumber } = await api.register(clerk.token, dispute);
    await api.transition(clerk.token, caseNumber, 'triage', { triageClass: 'simple', category: 'land' });
    await api.transition(clerk.token, caseNumber, 'assign', { mediatorId: mediator.id });
    await api.transition(mediator.token, caseNumber, 'accept');
    return caseNumber;
  }

  it('refuses an on-site session without its place over the API, and records one with it', async () => {
    const caseNumber = await acceptedBy(teamMediator);
    const session = { heldAt: new Date().toISOString(), summary: '双方到场，实地查看界桩位置', onSite: true };
    const refused = await api.transition(teamMediator.token, caseNumber, 'sessions', session, 400);
    expect(refused.errors).toEqual([expect.objectContaining({ field: 'location' })]);

    await api.transition(teamMediator.token, caseNumber, 'sessions', {
      ...session,
      location: '东乌珠尔苏木巴彦嘎查 3号草场界桩处',
    });
    const [row] = await eventually(async () => {
      const rows = await system.database.sql<{ on_site: boolean; location: string }[]>`
        select on_site, location from case_sessions where case_number = ${caseNumber}`;
      return rows.length > 0 ? rows : undefined;
    });
    expect(row).toEqual({ on_site: true, location: '东乌珠尔苏木巴彦嘎查 3号草场界桩处' });
    const events = await api.call(
      'GET',
      `/v1/cases/${caseNumber}/events`,
      teamMediator.token,
      undefined,
      200,
    );
    const recorded = (events.items as { type: string; payload: Record<string, unknown> }[]).find(
      (event) => event.type === 'session_recorded',
    );
    expect(recorded?.payload).toMatchObject({ onSite: true });
    await api.expectReadModelMatchesWorkflow(teamMediator.token, caseNumber);
  });

  it('starts the team’s session form with 现场调解 ticked, marks a missing place in Chinese and keeps what was typed', async () => {
    const caseNumber = await acceptedBy(teamMediator);
    const staff = pageSession(system, teamMediator);
    const page = await staff.get(`/dashboard/work/cases/${caseNumber}`);
    expect(page.html).toMatch(/<input type="checkbox" id="[^"]*onSite" name="onSite" value="yes" checked/);

    const heldAt = chinaDateTimeText(Date.now()).replace(' ', 'T');
    const summary = '双方同意以旧界桩为准，重新埋设';
    const missing = await staff.post(`/dashboard/work/cases/${caseNumber}/actions/recordSession`, {
      heldAt,
      onSite: 'yes',
      summary,
    });
    expect(missing.status).toBe(400);
    expect(visibleText(missing.html)).toContain('现场调解须写明地点');
    expect(missing.html).toContain(summary);

    const recorded = await staff.post(`/dashboard/work/cases/${caseNumber}/actions/recordSession`, {
      heldAt,
      onSite: 'yes',
      location: '巴彦嘎查牧民其其格家',
      summary,
    });
    expect(recorded.status).toBe(303);
    const after = await eventually(async () => {
      const text = visibleText((await staff.get(`/dashboard/work/cases/${caseNumber}`)).html);
      return text.includes('现场调解（巴彦嘎查牧民其其格家）') ? text : undefined;
    });
    expect(after).toContain(summary);
  });

  it('leaves 现场调解 unticked for a station’s own mediator, whose session is held in a room', async () => {
    const caseNumber = await acceptedBy(stationMediator);
    const page = await pageSession(system, stationMediator).get(`/dashboard/work/cases/${caseNumber}`);
    expect(page.html).toMatch(/name="onSite" value="yes"(?! checked)/);
    await api.transition(stationMediator.token, caseNumber, 'sessions', {
      heldAt: new Date().toISOString(),
      location: '调解站第一调解室',
      summary: '双方陈述意见',
    });
    const [row] = await eventually(async () => {
      const rows = await system.database.sql<{ on_site: boolean }[]>`
        select on_site from case_sessions where case_number = ${caseNumber}`;
      return rows.length > 0 ? rows : undefined;
    });
    expect(row!.on_site).toBe(false);
  });
});
