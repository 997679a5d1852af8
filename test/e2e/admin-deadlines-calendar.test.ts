import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { addDays, chinaDateOf, daysBetween } from '../../domain/dates.js';
import { caseWorkflowId } from '../../workflows/case.messages.js';
import { createStaff, createUnit, type TestUser } from '../helpers/staff.js';
import { startTestSystem, type TestSystem } from '../helpers/test-system.js';

interface Problem {
  code: string;
  errors?: { field: string; reason: string }[];
  problems?: string[];
}

interface Policy {
  id: string;
  key: string;
  effectiveFrom: string;
  effectiveTo: string | null;
  period: { unit: string; length: number };
  updatedBy: string | null;
}

interface CalendarYear {
  year: number;
  confirmed: boolean;
  inPackage: boolean;
  loaded: { by: string | null; at: string } | null;
  days: { date: string; kind: string; working: boolean; name?: string; source: string }[];
  overrides: { date: string; kind: string; name: string | null }[];
  signalling?: {
    workflowId: string;
    done: boolean;
    candidates: number;
    signalled: number;
    skipped: number;
    failed: string[];
  };
}

const complexEra = (effectiveFrom: string, length: number) => ({
  key: 'stage.complex',
  effectiveFrom,
  startEvent: 'triaged',
  direction: 'after',
  period: { unit: 'calendar_days', length },
  reminders: { daysBefore: [2], fractions: [0.8] },
  extension: { maxDays: 15, requiresConsent: false },
  rule: `A complex dispute is resolved within ${length} days of triage.`,
  ruleZh: `复杂纠纷自分级次日起${length}日内化解。`,
  source: 'centre policy (not law)',
});

describe('an admin keeps deadline policies and the holiday calendar, and running cases follow', () => {
  let system: TestSystem;
  let admin: TestUser;
  let supervisor: TestUser;
  let clerk: TestUser;
  const today = chinaDateOf(Date.now());
  const nextYear = Number(today.slice(0, 4)) + 1;

  async function expectStatus<T = Record<string, unknown>>(
    status: number,
    method: string,
    path: string,
    options: { credential?: string; body?: unknown } = {},
  ): Promise<T> {
    const response = await system.request(method, path, options);
    const text = await response.text();
    if (response.status !== status) {
      throw new Error(`${method} ${path} answered ${response.status}, expected ${status}: ${text}`);
    }
    if (status >= 400) expect(response.headers.get('content-type')).toBe('application/problem+json');
    return (text ? JSON.parse(text) : undefined) as T;
  }

  async function registerCase(summary: string): Promise<string> {
    const registered = await expectStatus<{ caseNumber: string }>(201, 'POST', '/v1/cases', {
      credential: clerk.token,
      body: {
        source: 'walk_in',
        summary,
        parties: [
          { kind: 'person', name: '周建国', role: 'applicant' },
          { kind: 'organisation', name: '某物业公司', role: 'respondent' },
        ],
      },
    });
    return registered.caseNumber;
  }

  beforeAll(async () => {
    system = await startTestSystem();
    const unit = await createUnit(system.database.db);
    admin = await createStaff(system.database.db, 'admin', null);
    supervisor = await createStaff(system.database.db, 'supervisor', unit.id);
    clerk = await createStaff(system.database.db, 'clerk', unit.id);
  });
  afterAll(() => system?.stop());

  it('lists the seeded policies to a supervisor and filters them by key', async () => {
    const all = await expectStatus<{ items: Policy[] }>(200, 'GET', '/v1/admin/deadline-policies', {
      credential: supervisor.token,
    });
    expect(all.items.map((p) => p.id)).toContain('court.entrusted.ordinary@2025-01-01');
    const complex = await expectStatus<{ items: Policy[] }>(
      200,
      'GET',
      '/v1/admin/deadline-policies?key=stage.complex',
      { credential: supervisor.token },
    );
    expect(complex.items.map((p) => p.id)).toEqual(['stage.complex@2020-01-01']);
    await expectStatus(403, 'POST', '/v1/admin/deadline-policies', {
      credential: supervisor.token,
      body: complexEra('2030-01-01', 40),
    });
    await expectStatus(403, 'GET', '/v1/admin/deadline-policies', { credential: clerk.token });
  });

  it('refuses an unusable policy with 422 listing the problems, and stores nothing', async () => {
    const invalid = await expectStatus<Problem>(422, 'POST', '/v1/admin/deadline-policies', {
      credential: admin.token,
      body: {
        ...complexEra('2030-01-01', 0),
        effectiveTo: '2029-12-31',
        reminders: { daysBefore: [2], fractions: [1.5] },
      },
    });
    expect(invalid.code).toBe('invalid_policy');
    expect(invalid.problems).toEqual([
      'effectiveTo is before effectiveFrom',
      'period length must be a positive integer',
      'reminder fractions must lie strictly between 0 and 1',
    ]);
    expect(invalid.errors?.map((e) => e.field)).toEqual([
      'effectiveTo',
      'period.length',
      'reminders.fractions',
    ]);

    const wrongStart = await expectStatus<Problem>(422, 'POST', '/v1/admin/deadline-policies', {
      credential: admin.token,
      body: { ...complexEra('2030-01-01', 40), startEvent: 'settled' },
    });
    expect(wrongStart.errors?.map((e) => e.field)).toEqual(['startEvent']);

    const malformed = await expectStatus<Problem>(400, 'POST', '/v1/admin/deadline-policies', {
      credential: admin.token,
      body: { ...complexEra('2030-02-30', 40) },
    });
    expect(malformed.errors?.map((e) => e.field)).toEqual(['effectiveFrom']);
    const rows = await system.database
      .sql`select count(*)::int as n from deadline_policies where key = 'stage.complex'`;
    expect(rows[0]!.n).toBe(1);
  });

  it('adds a new era, refuses a second era starting the same day (409), and closes an era only without a gap', async () => {
    const created = await expectStatus<Policy>(201, 'POST', '/v1/admin/deadline-policies', {
      credential: admin.token,
      body: complexEra('2031-01-01', 40),
    });
    expect(created).toMatchObject({ id: 'stage.complex@2031-01-01', effectiveTo: null, updatedBy: admin.id });

    const overlapping = await expectStatus<Problem>(409, 'POST', '/v1/admin/deadline-policies', {
      credential: admin.token,
      body: complexEra('2031-01-01', 45),
    });
    expect(overlapping.code).toBe('already_exists');
    expect(overlapping.errors?.map((e) => e.field)).toEqual(['effectiveFrom']);

    // Closing the old era the day before the new one starts leaves no gap; a day earlier would.
    const gap = await expectStatus<Problem>(
      409,
      'PATCH',
      '/v1/admin/deadline-policies/stage.complex@2020-01-01',
      {
        credential: admin.token,
        body: { effectiveTo: '2030-12-30' },
      },
    );
    expect(gap.code).toBe('policy_gap');
    const backwards = await expectStatus<Problem>(
      422,
      'PATCH',
      '/v1/admin/deadline-policies/stage.complex@2031-01-01',
      { credential: admin.token, body: { effectiveTo: '2030-06-01' } },
    );
    expect(backwards.errors?.map((e) => e.field)).toEqual(['effectiveTo']);
    const closed = await expectStatus<Policy>(
      200,
      'PATCH',
      '/v1/admin/deadline-policies/stage.complex@2020-01-01',
      {
        credential: admin.token,
        body: { effectiveTo: '2030-12-31' },
      },
    );
    expect(closed.effectiveTo).toBe('2030-12-31');
    const [stored] = await system.database
      .sql`select effective_to::text, definition->>'effectiveTo' as definition_to from deadline_policies where id = 'stage.complex@2020-01-01'`;
    expect(stored).toEqual({ effective_to: '2030-12-31', definition_to: '2030-12-31' });

    // Reopen it, so the later story runs under the policies as seeded plus its own era.
    await expectStatus(200, 'PATCH', '/v1/admin/deadline-policies/stage.complex@2020-01-01', {
      credential: admin.token,
      body: { effectiveTo: null },
    });
    await expectStatus(404, 'PATCH', '/v1/admin/deadline-policies/stage.complex@1999-01-01', {
      credential: admin.token,
      body: { effectiveTo: null },
    });
  });

  it('shows a packaged year as confirmed and an unannounced one as not, with the days the law fixes', async () => {
    const packaged = await expectStatus<CalendarYear>(200, 'GET', '/v1/admin/calendar/2026', {
      credential: supervisor.token,
    });
    expect(packaged).toMatchObject({ year: 2026, confirmed: true, inPackage: true, loaded: null });
    expect(packaged.days.find((day) => day.date === '2026-01-01')).toMatchObject({
      kind: 'holiday',
      working: false,
      source: 'package',
    });
    expect(packaged.days.some((day) => day.kind === 'make_up_workday')).toBe(true);

    const unannounced = await expectStatus<CalendarYear>(200, 'GET', `/v1/admin/calendar/${nextYear}`, {
      credential: admin.token,
    });
    expect(unannounced).toMatchObject({ confirmed: false, inPackage: false, loaded: null });
    // 全国年节及纪念日放假办法 art 2: holidays in every year, before any notice; no 调休 is known yet.
    expect(unannounced.days.find((day) => day.date === `${nextYear}-01-01`)).toEqual({
      date: `${nextYear}-01-01`,
      kind: 'holiday',
      working: false,
      name: '元旦',
      source: 'statute',
    });
    expect(unannounced.days.filter((day) => day.name === '国庆节').map((day) => day.date)).toEqual([
      `${nextYear}-10-01`,
      `${nextYear}-10-02`,
      `${nextYear}-10-03`,
    ]);
    expect(unannounced.days.every((day) => day.source === 'statute' && !day.working)).toBe(true);
  });

  it('refuses a calendar with a date outside the year, naming it, and loads nothing', async () => {
    const refused = await expectStatus<Problem>(400, 'PUT', `/v1/admin/calendar/${nextYear}`, {
      credential: admin.token,
      body: {
        days: [
          { date: `${nextYear}-01-01`, kind: 'holiday', name: '元旦' },
          { date: `${nextYear + 1}-01-01`, kind: 'holiday', name: '元旦' },
          { date: `${nextYear}-01-01`, kind: 'holiday' },
        ],
      },
    });
    expect(refused.errors?.map((e) => e.field)).toEqual(['days[1].date', 'days[2].date']);
    await expectStatus(403, 'PUT', `/v1/admin/calendar/${nextYear}`, {
      credential: supervisor.token,
      body: { days: [] },
    });
    const years = await system.database.sql`select count(*)::int as n from calendar_years`;
    expect(years[0]!.n).toBe(0);
  });

  it('a case triaged under a longer era runs into next year; loading that year recomputes its deadline', async () => {
    // A new era of complex-case deadlines from yesterday, long enough to end on 15 January next year.
    const era = complexEra(addDays(today, -1), daysBetween(today, `${nextYear}-01-15`));
    await expectStatus(201, 'POST', '/v1/admin/deadline-policies', { credential: admin.token, body: era });

    const caseNumber = await registerCase('小区电梯长期停运，业主与物业公司就维修费用分摊发生纠纷');
    const triaged = await expectStatus<{
      deadlines: {
        kind: string;
        explanation: { policyId: string; dueDate: string; unconfirmedYears: number[] };
      }[];
    }>(200, 'POST', `/v1/cases/${caseNumber}/triage`, {
      credential: clerk.token,
      body: { triageClass: 'complex', category: 'property_management' },
    });
    const stage = triaged.deadlines.find((deadline) => deadline.kind === 'stage')!.explanation;
    expect(stage.policyId).toBe(`stage.complex@${era.effectiveFrom}`);
    expect(stage.unconfirmedYears).toEqual([nextYear]);
    const dueBefore = stage.dueDate;
    expect(dueBefore.startsWith(`${nextYear}-01-`)).toBe(true);

    // A second case whose workflow has ended, with a live deadline row left in the read model, and
    // rows that must not be picked: a met deadline, and one waiting for another year.
    const ended = await registerCase('已结束工作流的案件');
    await system.temporal.workflow.getHandle(caseWorkflowId(ended)).terminate('test: workflow completed');
    const other = await registerCase('不涉及该年度的案件');
    const insertDeadline = (number: string, kind: string, status: string, years: number[]) =>
      system.database
        .sql`insert into case_deadlines (case_number, kind, status, started_at, due_at, source, explanation, updated_at)
        values (${number}, ${kind}, ${status}, now(), now() + interval '60 days',
                (select source from cases where case_number = ${number}),
                ${JSON.stringify({ unconfirmedYears: years })}::jsonb, now())`;
    await insertDeadline(ended, 'stage', 'open', [nextYear]);
    await insertDeadline(other, 'stage', 'met', [nextYear]);
    await insertDeadline(other, 'follow_up', 'open', [nextYear + 1]);

    await vi.waitFor(
      async () => {
        const rows = await system.database.sql`select case_number from case_deadlines
          where status in ('open', 'overdue') and explanation->'unconfirmedYears' @> to_jsonb(${nextYear}::int)
          order by case_number`;
        expect(rows.map((row) => row.case_number)).toEqual([caseNumber, ended].sort());
      },
      { timeout: 10_000, interval: 100 },
    );

    // The State Council's notice for next year, as an admin types it in; the due day becomes a holiday.
    const loaded = await expectStatus<CalendarYear>(200, 'PUT', `/v1/admin/calendar/${nextYear}`, {
      credential: admin.token,
      body: {
        days: [
          { date: `${nextYear}-01-01`, kind: 'holiday', name: '元旦' },
          { date: dueBefore, kind: 'holiday', name: '测试假日' },
          { date: `${nextYear}-02-20`, kind: 'workday', name: '春节' },
        ],
      },
    });
    // Told through a durable fan-out workflow, which finishes well within the answer's patience here.
    expect(loaded.signalling).toMatchObject({
      done: true,
      candidates: 2,
      signalled: 1,
      skipped: 1,
      failed: [],
    });
    expect(loaded).toMatchObject({ year: nextYear, confirmed: true, inPackage: false });
    expect(loaded.loaded?.by).toBe(admin.id);
    expect(loaded.overrides.map((day) => day.date)).toEqual(
      [`${nextYear}-01-01`, dueBefore, `${nextYear}-02-20`].sort(),
    );
    expect(loaded.days.find((day) => day.date === dueBefore)).toMatchObject({
      kind: 'holiday',
      name: '测试假日',
      source: 'override',
    });

    // The workflow recomputed the deadline itself and recorded it as an event.
    const recomputed = await vi.waitFor(
      async () => {
        const events = await expectStatus<{ items: { type: string; payload: Record<string, unknown> }[] }>(
          200,
          'GET',
          `/v1/cases/${caseNumber}/events`,
          { credential: admin.token },
        );
        const event = events.items.find((item) => item.type === 'deadline_recomputed');
        expect(event).toBeDefined();
        return event!;
      },
      { timeout: 20_000, interval: 200 },
    );
    expect(recomputed.payload).toMatchObject({ kind: 'stage', before: dueBefore, years: [nextYear] });
    expect(String(recomputed.payload.after) > dueBefore).toBe(true);

    const readBack = await expectStatus<CalendarYear>(200, 'GET', `/v1/admin/calendar/${nextYear}`, {
      credential: supervisor.token,
    });
    expect(readBack).toMatchObject({ confirmed: true, overrides: loaded.overrides });

    // Correcting the year (now confirmed) replaces its overrides: the test holiday is gone, so the running
    // case's deadline, which runs through the year, is recomputed back to its first due day.
    const again = await expectStatus<CalendarYear>(200, 'PUT', `/v1/admin/calendar/${nextYear}`, {
      credential: admin.token,
      body: { days: [{ date: `${nextYear}-01-01`, kind: 'holiday', name: '元旦' }] },
    });
    expect(again.overrides.map((day) => day.date)).toEqual([`${nextYear}-01-01`]);
    expect(again.signalling).toMatchObject({ done: true, skipped: 1, failed: [] });
    expect(again.signalling!.signalled).toBeGreaterThanOrEqual(1);
    const corrected = await vi.waitFor(
      async () => {
        const events = await expectStatus<{ items: { type: string; payload: Record<string, unknown> }[] }>(
          200,
          'GET',
          `/v1/cases/${caseNumber}/events`,
          { credential: admin.token },
        );
        const event = events.items.find(
          (item) => item.type === 'deadline_recomputed' && item.payload.corrected,
        );
        expect(event).toBeDefined();
        return event!;
      },
      { timeout: 20_000, interval: 200 },
    );
    expect(corrected.payload).toMatchObject({ kind: 'stage', after: dueBefore, years: [nextYear] });
    const stored = await system.database
      .sql`select count(*)::int as n from calendar_overrides where date between ${`${nextYear}-01-01`} and ${`${nextYear}-12-31`}`;
    expect(stored[0]!.n).toBe(1);
  });
});
