import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseSessions, cases, parties, users } from '../../db/schema/index.js';
import { Refusal } from '../../domain/refusals.js';
import { caseRow, partyRows } from '../../read-model/case-rows.js';
import type { StaffPrincipal } from '../../use-cases/auth/principal.js';
import { renderCaseDocument } from '../../use-cases/documents/render-case-document.js';
import type { CaseView } from '../../workflows/case.messages.js';
import { allText, readDocx } from '../helpers/docx-reader.js';
import { createStaff, createUnit } from '../helpers/staff.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.js';
import { centre, failedCourtCase, sessions, settledCase } from '../unit/documents/case-fixtures.js';

/**
 * A mediator generates the documents of a case from the read model (its view, its sessions, the
 * mediator's name); whoever may not see the case gets 404, and a document the case has nothing for
 * yet is refused with the stage the case is in. Real PostgreSQL; no workflow needed, the case row is
 * written as the projection writes it.
 */
describe('renderCaseDocument', () => {
  let database: TestDatabase;
  let assigned: StaffPrincipal;
  let otherMediator: StaffPrincipal;
  let clerk: StaffPrincipal;

  async function storeCase(view: CaseView) {
    // Registered by the window; no account is needed for that here.
    const registered: CaseView = { ...view, registeredBy: { kind: 'system', id: 'intake' } };
    await database.db.insert(cases).values(caseRow(registered, new Date()));
    await database.db.insert(parties).values(partyRows(view.caseNumber, view.parties));
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    const unit = await createUnit(database.db);
    const mediator = await createStaff(database.db, 'mediator', unit.id);
    await database.db.update(users).set({ displayName: '刘调解' }).where(eq(users.id, mediator.id));
    const principal = (user: { id: string; role: StaffPrincipal['role'] }): StaffPrincipal => ({
      kind: 'staff',
      userId: user.id,
      role: user.role,
      unitId: unit.id,
    });
    assigned = principal(mediator);
    otherMediator = principal(await createStaff(database.db, 'mediator', unit.id));
    // The case was reassigned after its first session: that session keeps the mediator who held it.
    const earlier = await createStaff(database.db, 'mediator', unit.id);
    await database.db.update(users).set({ displayName: '王调解' }).where(eq(users.id, earlier.id));
    clerk = principal(await createStaff(database.db, 'clerk', unit.id));

    const settled = { ...settledCase(), unitId: unit.id, assigneeId: mediator.id };
    await storeCase(settled);
    // Recorded out of order: the documents number sessions by when they were held.
    await database.db.insert(caseSessions).values(
      [...sessions].reverse().map((session, index) => ({
        caseNumber: settled.caseNumber,
        seq: 3 + index,
        heldAt: new Date(session.heldAt),
        location: session.location,
        summary: session.summary,
        mediatorId: session.heldAt === sessions[0]!.heldAt ? earlier.id : mediator.id,
      })),
    );
    await storeCase({
      ...failedCourtCase(),
      referral: null,
      caseNumber: 'HLBE-2026-000124',
      stage: 'resolve',
      outcome: null,
      disposition: null,
      unitId: unit.id,
      assigneeId: mediator.id,
    });
  });
  afterAll(() => database?.drop());

  it('gives the assigned mediator the agreement as a .docx named for the case', async () => {
    const document = await renderCaseDocument(
      database.db,
      assigned,
      { caseNumber: 'HLBE-2026-000123', kind: 'mediation_agreement' },
      { centre },
    );
    expect(document.fileName).toBe('人民调解协议书-HLBE-2026-000123.docx');
    const text = allText(readDocx(document.bytes));
    expect(text).toContain('申请人：张三，男，1985年3月12日出生，公民身份号码150702198503121235');
    expect(text).toContain('协议金额共计人民币50000元（大写：人民币伍万元整）。');
  });

  it('numbers the sessions by when they were held, each with the mediator who held it', async () => {
    const first = await renderCaseDocument(
      database.db,
      clerk,
      { caseNumber: 'HLBE-2026-000123', kind: 'session_record', sessionNumber: 1 },
      { centre },
    );
    expect(first.fileName).toBe('调解笔录（第1次）-HLBE-2026-000123.docx');
    const text = allText(readDocx(first.bytes));
    expect(text).toContain('时间：2026年11月25日9时30分');
    expect(text).toContain('人民调解员：王调解');
    const latest = await renderCaseDocument(
      database.db,
      assigned,
      { caseNumber: 'HLBE-2026-000123', kind: 'session_record' },
      { centre },
    );
    expect(latest.fileName).toBe('调解笔录（第2次）-HLBE-2026-000123.docx');
    expect(allText(readDocx(latest.bytes))).toContain('人民调解员：刘调解');
  });

  it('answers 404 to a mediator the case is not assigned to, as reading the case does', async () => {
    const refusal = await renderCaseDocument(
      database.db,
      otherMediator,
      { caseNumber: 'HLBE-2026-000123', kind: 'mediation_agreement' },
      { centre },
    ).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(Refusal);
    expect(refusal).toMatchObject({ code: 'not_found', status: 404 });
  });

  it('refuses an agreement for a case still in mediation, with its stage', async () => {
    const refusal = await renderCaseDocument(
      database.db,
      assigned,
      { caseNumber: 'HLBE-2026-000124', kind: 'mediation_agreement' },
      { centre },
    ).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(Refusal);
    expect(refusal).toMatchObject({
      code: 'document_not_available',
      status: 409,
      reasonZh: '该案件尚未达成调解协议',
      details: { currentStage: 'resolve' },
    });
  });
});
