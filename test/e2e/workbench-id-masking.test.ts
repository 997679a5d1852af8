import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseApi } from '../helpers/case-api.js';
import { pageSession, visibleText } from '../helpers/page-session.js';
import { createStaff, createUnit, type TestUser } from '../helpers/staff.js';
import { startTestSystem, type TestSystem } from '../helpers/test-system.js';

const fullId = '150702199001011233';
const maskedId = '150702********1233';

/**
 * ID numbers on the workbench: masked in every list and in search results for every role; in full on
 * the case page only for the assigned mediator, supervisors, and clerks while the case is at intake.
 */
describe('ID numbers on the workbench are masked where they are not needed', () => {
  let system: TestSystem;
  let clerk: TestUser;
  let mediator: TestUser;
  let otherMediator: TestUser;
  let supervisor: TestUser;
  let admin: TestUser;
  let caseNumber: string;
  const casePage = () => `/dashboard/work/cases/${caseNumber}`;

  beforeAll(async () => {
    system = await startTestSystem();
    const db = system.database.db;
    const unit = await createUnit(db, '脱敏测试中心');
    [clerk, mediator, otherMediator, supervisor, admin] = await Promise.all([
      createStaff(db, 'clerk', unit.id),
      createStaff(db, 'mediator', unit.id),
      createStaff(db, 'mediator', unit.id),
      createStaff(db, 'supervisor', unit.id),
      createStaff(db, 'admin', unit.id),
    ]);
    const registered = await caseApi(system).register(clerk.token, {
      source: 'walk_in',
      summary: '借款到期未还，双方对利息有争议',
      parties: [
        { kind: 'person', name: '孟晓', role: 'applicant', idType: 'resident_id', idNumber: fullId },
        { kind: 'person', name: '赵刚', role: 'respondent' },
      ],
    });
    caseNumber = registered.caseNumber;
  });
  afterAll(() => system?.stop());

  it('shows the clerk the full number on the case page at intake, and nowhere in a list or a search', async () => {
    const pages = pageSession(system, clerk);
    expect((await pages.get(casePage())).html).toContain(fullId);
    const list = await pages.get('/dashboard/work');
    expect(visibleText(list.html)).toContain(`孟晓（${maskedId}）`);
    expect(list.html).not.toContain(fullId);
    const found = await pages.post('/dashboard/work/search', { number: fullId });
    expect(visibleText(found.html)).toContain(caseNumber);
    expect(visibleText(found.html)).toContain(maskedId);
    // The search form keeps what was typed; the results table itself holds only the masked number.
    expect(found.html.split(fullId).length - 1).toBeLessThanOrEqual(1);
    expect(found.html).not.toMatch(new RegExp(`<td>[^<]*${fullId}`));
  });

  it('masks it for the clerk once the case left intake; the assigned mediator and supervisors see it', async () => {
    const api = caseApi(system);
    await api.transition(clerk.token, caseNumber, 'triage', { triageClass: 'simple', category: 'neighbour' });
    await api.transition(clerk.token, caseNumber, 'assign', { mediatorId: mediator.id });
    const clerkPage = await pageSession(system, clerk).get(casePage());
    expect(clerkPage.html).not.toContain(fullId);
    expect(visibleText(clerkPage.html)).toContain(maskedId);
    expect((await pageSession(system, admin).get(casePage())).html).not.toContain(fullId);
    const mediatorPage = await pageSession(system, mediator).get(casePage());
    expect(mediatorPage.html).toContain(fullId);
    // The deadline's explanation names the centre's own rule in Chinese, not the policy's English note.
    expect(visibleText(mediatorPage.html)).toContain('中心规定（非法律规定）');
    expect(mediatorPage.html).not.toContain('not law');
    expect((await pageSession(system, supervisor).get(casePage())).html).toContain(fullId);
    expect((await pageSession(system, otherMediator).get(casePage())).status).toBe(404);
  });

  it('keeps every list page free of the full number, for every role', async () => {
    for (const user of [clerk, mediator, supervisor, admin]) {
      const list = await pageSession(system, user).get('/dashboard/work');
      expect(list.status, user.role).toBe(200);
      expect(list.html, user.role).not.toContain(fullId);
    }
    const mine = await pageSession(system, mediator).get('/dashboard/work?view=mine');
    expect(visibleText(mine.html)).toContain(maskedId);
    expect(mine.html).not.toContain(fullId);
  });
});
