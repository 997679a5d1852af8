import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cases, parties } from '../../db/schema/index.js';
import { caseRow, partyRows } from '../../read-model/case-rows.js';
import type { CaseView } from '../../workflows/case.messages.js';
import { allText, readDocx } from '../helpers/docx-reader.js';
import { createStaff, createUnit, type TestUser } from '../helpers/staff.js';
import { startTestSystem, type TestSystem } from '../helpers/test-system.js';
import { settledCase } from '../unit/documents/case-fixtures.js';

/**
 * Staff generate a case's documents over HTTP and find them in the case file: the first generation is
 * version 1, generating again from an unchanged case answers that version (a retry keeps nothing new),
 * a change to the case makes version 2 and keeps version 1; what the case lacks, an archived case and a
 * mediator of another case are refused. The .docx is read back with python-docx.
 */
describe('generating a case document into the case file', () => {
  let system: TestSystem;
  let mediator: TestUser;
  let otherMediator: TestUser;
  let view: CaseView;
  const archivedNumber = 'HLBE-2026-000777';

  async function writeCase(caseView: CaseView) {
    const row = caseRow({ ...caseView, registeredBy: { kind: 'system', id: 'intake' } }, new Date());
    await system.database.db
      .insert(cases)
      .values(row)
      .onConflictDoUpdate({ target: cases.caseNumber, set: row });
    await system.database.db.delete(parties).where(eq(parties.caseNumber, caseView.caseNumber));
    await system.database.db.insert(parties).values(partyRows(caseView.caseNumber, caseView.parties));
  }
  const generate = (credential: string, caseNumber: string, body: unknown) =>
    system.request('POST', `/v1/cases/${caseNumber}/documents`, { credential, body });

  beforeAll(async () => {
    system = await startTestSystem();
    const unit = await createUnit(system.database.db);
    [mediator, otherMediator] = await Promise.all([
      createStaff(system.database.db, 'mediator', unit.id),
      createStaff(system.database.db, 'mediator', unit.id),
    ]);
    view = { ...settledCase(), unitId: unit.id, assigneeId: mediator.id };
    await writeCase(view);
    await writeCase({ ...view, caseNumber: archivedNumber, stage: 'archived' });
  });
  afterAll(async () => {
    await system?.stop();
  });

  it('keeps the agreement as version 1, answers it again for a retry, and makes version 2 after a change', async () => {
    const first = await generate(mediator.token, view.caseNumber, { kind: 'mediation_agreement' });
    expect(first.status).toBe(201);
    const v1 = (await first.json()) as { id: string; version: number; kind: string; fileName: string };
    expect(v1).toMatchObject({ version: 1, kind: 'mediation-agreement' });
    expect(v1.fileName).toMatch(/人民调解协议书/);

    const retried = await generate(mediator.token, view.caseNumber, { kind: 'mediation_agreement' });
    expect(retried.status).toBe(200);
    expect(await retried.json()).toMatchObject({ id: v1.id, version: 1 });

    const download = await system.request('GET', `/v1/cases/${view.caseNumber}/documents/${v1.id}`, {
      credential: mediator.token,
    });
    expect(download.status).toBe(200);
    const text = allText(readDocx(new Uint8Array(await download.arrayBuffer())));
    expect(text).toContain('人民调解协议书');
    expect(text).toContain('张三自愿放弃利息请求');

    // The parties agree to change a term: the next generation is version 2, version 1 stays.
    const outcome = view.outcome!;
    await writeCase({
      ...view,
      outcome: {
        ...outcome,
        details: {
          ...outcome.details,
          terms: '一、李四确认尚欠张三借款人民币50000元。\n二、利息按年利率百分之三计算。',
        },
      },
    });
    const changed = await generate(mediator.token, view.caseNumber, { kind: 'mediation_agreement' });
    expect(changed.status).toBe(201);
    const v2 = (await changed.json()) as { id: string; version: number };
    expect(v2.version).toBe(2);

    const list = await system.request('GET', `/v1/cases/${view.caseNumber}/documents`, {
      credential: mediator.token,
    });
    const { items } = (await list.json()) as { items: { id: string; version: number }[] };
    expect(items.map((item) => [item.id, item.version])).toEqual([
      [v1.id, 1],
      [v2.id, 2],
    ]);
    const latest = await system.request('GET', `/v1/cases/${view.caseNumber}/documents/${v2.id}`, {
      credential: mediator.token,
    });
    expect(allText(readDocx(new Uint8Array(await latest.arrayBuffer())))).toContain('年利率百分之三');
  });

  it('refuses a kind it does not know naming the field, another mediator with 404, and an archived case with 409', async () => {
    const unknown = await generate(mediator.token, view.caseNumber, { kind: 'verdict' });
    expect(unknown.status).toBe(400);
    expect(unknown.headers.get('content-type')).toContain('application/problem+json');
    expect(JSON.stringify(await unknown.json())).toContain('kind');

    const stranger = await generate(otherMediator.token, view.caseNumber, { kind: 'mediation_agreement' });
    expect(stranger.status).toBe(404);

    const archived = await generate(mediator.token, archivedNumber, { kind: 'mediation_agreement' });
    expect(archived.status).toBe(409);
    expect(await archived.json()).toMatchObject({ code: 'case_closed', currentStage: 'archived' });
  });

  it('refuses a document the case has nothing for yet, with the stage it is in', async () => {
    const response = await generate(mediator.token, view.caseNumber, { kind: 'failure_record' });
    expect(response.status).toBe(409);
    expect(await response.json()).toMatchObject({ code: 'document_not_available', currentStage: 'dispose' });
  });
});
