import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, chinaDateOf } from '../../domain/dates.js';
import { institutionCallbackSecret, verifySignature } from '../../lib/signature.js';
import type { CaseView } from '../../workflows/case.messages.js';
import {
  type CourtReferral,
  endAppraisalUpdate,
  recordConfirmationApplicationUpdate,
  signForMaterialsUpdate,
  startAppraisalUpdate,
} from '../../workflows/referral.messages.js';
import { type CaseWorkflowHarness, createCaseWorkflowHarness } from '../helpers/case-workflow-env.js';
import { eventually } from '../helpers/eventually.js';
import { startReceiver } from '../helpers/receiver.js';
import { createInstitution } from '../helpers/staff.js';

const signingKey = 'court-deadline-test-signing-key-0123456789';
const day = 24 * 60 * 60 * 1000;

describe('court deadlines and reports (time-skipping server)', () => {
  let h: CaseWorkflowHarness;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let court: Awaited<ReturnType<typeof createInstitution>>;
  let failFirst = 0;

  beforeAll(async () => {
    // The court's endpoint refuses the first `failFirst` attempts of each story with 500.
    receiver = await startReceiver((_request, index) => (index < failFirst ? 500 : 200));
    h = await createCaseWorkflowHarness({ deliveries: { callbackSigningKey: signingKey } });
    court = await createInstitution(h.database.db, 'court', '海拉尔区人民法院');
  });
  afterAll(async () => {
    await h?.teardown();
    await receiver?.close();
  });

  function referral(
    overrides: Partial<CourtReferral>,
    receivedAt: string,
  ): Partial<Parameters<CaseWorkflowHarness['start']>[2]> {
    return {
      source: 'court',
      registeredBy: { kind: 'institution', id: court.id, role: 'court' },
      registeredAt: receivedAt,
      referral: {
        kind: 'court',
        institutionId: court.id,
        institutionName: court.name,
        reference: '(2026)内0702民初9001号',
        type: 'entrusted',
        procedure: 'ordinary',
        referralDate: chinaDateOf(receivedAt),
        receivedAt,
        claimsSummary: '民间借贷纠纷',
        claimAmountFen: 100_000_000, // 1,000,000 yuan
        materials: ['起诉状'],
        contact: { name: '李法官' },
        callbackUrl: receiver.url,
        ...overrides,
      },
    };
  }

  const reports = (caseNumber: string, kind: string) =>
    receiver.received.filter(
      (r) =>
        r.answeredWith === 200 &&
        r.headers['x-feisutong-event'] === kind &&
        JSON.parse(r.body).caseNumber === caseNumber,
    );

  async function sign(handle: Parameters<CaseWorkflowHarness['view']>[0]): Promise<CaseView> {
    return handle.executeUpdate(signForMaterialsUpdate, { args: [{ actor: h.actor(h.clerk) }] });
  }

  it('counts the 3 working days for 签收 across the National Day holiday, and tells the court when they pass', async () => {
    await h.run(async () => {
      // Received on Tuesday 29 September 2026: 30 Sept is the 1st working day, 1–7 October are holidays.
      const handle = await h.start('CT-2026-000001', {}, referral({}, '2026-09-29T02:00:00.000Z'));
      const view = await h.viewWhen(handle, (v) => (v.court?.reports.length ?? 0) > 0);
      const acceptance = view.deadlines.find((d) => d.kind === 'court_acceptance')!;
      expect(acceptance.explanation.dueDate).toBe('2026-10-09');
      expect(acceptance.explanation.skipped.filter((s) => s.why === 'holiday').map((s) => s.date)).toEqual([
        '2026-10-01',
        '2026-10-02',
        '2026-10-03',
        '2026-10-04',
        '2026-10-05',
        '2026-10-06',
        '2026-10-07',
      ]);
      // That was weeks ago: overdue at once, the supervisor is told, and so is the court.
      expect(acceptance.status).toBe('overdue');
      await h.env.client.workflow.getHandle(`delivery-${view.court!.reports[0]!.deliveryId}`).result();
      expect(reports('CT-2026-000001', 'court.acceptance_overdue')).toHaveLength(1);
    });
  });

  it.each([
    ['delegated', null, 'court.delegated', 30],
    ['entrusted', 'ordinary', 'court.entrusted.ordinary', 15],
    ['entrusted', 'simple', 'court.entrusted.simple', 7],
  ] as const)(
    'runs the %s (%s) period from 签收 and reports a failure automatically when it expires',
    async (type, procedure, policyKey, days) => {
      failFirst = 0;
      receiver.received.length = 0;
      const caseNumber = `CT-2026-00010${days}`;
      await h.run(async () => {
        const now = new Date(await h.env.currentTimeMs()).toISOString();
        const handle = await h.start(caseNumber, {}, referral({ type, procedure }, now));
        const signed = await sign(handle);
        const period = signed.deadlines.find((d) => d.kind === 'court_period')!;
        expect(period.explanation).toMatchObject({ policyKey, period: { length: days } });
        expect(Date.parse(period.explanation.unrolledDueDate) - Date.parse(chinaDateOf(now))).toBe(
          days * day,
        );

        await h.transition(handle, 'triage', h.clerk, { triageClass: 'general', category: 'lending' });
        await h.transition(handle, 'assign', h.clerk, { mediatorId: h.mediator.id });
        await h.transition(handle, 'accept', h.mediator, {});
        await h.skipUntil(period.explanation.dueAtEpochMilliseconds);
        const expired = await h.viewWhen(handle, (v) =>
          Boolean(v.court?.reports.some((r) => r.kind === 'court.outcome')),
        );
        expect(expired.stage).toBe('link');
        expect(expired.outcome).toMatchObject({
          disposition: 'failed',
          by: 'court-docking',
          details: { automatic: true },
        });
        const outcome = expired.court!.reports.find((r) => r.kind === 'court.outcome')!;
        await h.env.client.workflow.getHandle(`delivery-${outcome.deliveryId}`).result();
        const [report] = reports(caseNumber, 'court.outcome');
        expect(JSON.parse(report!.body)).toMatchObject({
          result: 'failed',
          failureReport: { automatic: true },
        });
      });
    },
  );

  it('extends the period only with both parties’ consent, and pauses it during an appraisal (鉴定)', async () => {
    await h.run(async () => {
      const now = new Date(await h.env.currentTimeMs()).toISOString();
      const handle = await h.start('CT-2026-000201', {}, referral({ reference: 'R-201' }, now));
      const signed = await sign(handle);
      const before = signed.deadlines.find((d) => d.kind === 'court_period')!.explanation;
      await h.transition(handle, 'triage', h.clerk, { triageClass: 'complex', category: 'lending' });
      await h.transition(handle, 'assign', h.clerk, { mediatorId: h.mediator.id });
      await h.transition(handle, 'accept', h.mediator, {});

      const noConsent = await h
        .transition(handle, 'requestExtension', h.mediator, {
          days: 10,
          reason: '等待鉴定',
          partiesConsent: false,
        })
        .catch((e: { cause?: { type?: string } }) => e.cause?.type);
      expect(noConsent).toBe('consent_required');
      await h.transition(handle, 'requestExtension', h.mediator, {
        days: 10,
        reason: '双方同意延期',
        partiesConsent: true,
      });
      const extended = await h.transition(handle, 'decideExtension', h.supervisor, { approve: true });
      const afterExtension = extended.deadlines.find((d) => d.kind === 'court_period')!.explanation;
      expect(Date.parse(afterExtension.unrolledDueDate) - Date.parse(before.unrolledDueDate)).toBe(10 * day);

      const paused = await handle.executeUpdate(startAppraisalUpdate, {
        args: [{ reason: '房屋质量鉴定', actor: h.actor(h.mediator) }],
      });
      expect(paused.deadlines.find((d) => d.kind === 'court_period')?.status).toBe('paused');
      // Past the old due date while paused: nothing falls due.
      await h.skipUntil(afterExtension.dueAtEpochMilliseconds, 2 * day);
      expect((await h.view(handle)).stage).toBe('resolve');
      const resumed = await handle.executeUpdate(endAppraisalUpdate, {
        args: [{ actor: h.actor(h.mediator) }],
      });
      const afterPause = resumed.deadlines.find((d) => d.kind === 'court_period')!;
      expect(afterPause.status).toBe('open');
      expect(afterPause.explanation.pausedDays.length).toBeGreaterThanOrEqual(20);
      expect(afterPause.explanation.dueAtEpochMilliseconds).toBeGreaterThan(Date.now());
    });
  });

  it('delivers the outcome to a court endpoint that is down at first: one delivery id, retried until taken, signed', async () => {
    failFirst = 3;
    receiver.received.length = 0;
    await h.run(async () => {
      const now = new Date(await h.env.currentTimeMs()).toISOString();
      const handle = await h.start(
        'CT-2026-000301',
        {},
        referral({ reference: 'R-301', type: 'delegated', procedure: null }, now),
      );
      await sign(handle);
      await h.transition(handle, 'triage', h.clerk, { triageClass: 'general', category: 'lending' });
      await h.transition(handle, 'assign', h.clerk, { mediatorId: h.mediator.id });
      await h.transition(handle, 'accept', h.mediator, {});
      const settled = await h.transition(handle, 'settle', h.mediator, {
        form: 'written',
        terms: '分期还款',
        amountFen: 90_000_000,
        performance: [],
      });
      for (const report of settled.court!.reports)
        await h.env.client.workflow.getHandle(`delivery-${report.deliveryId}`).result();
      const outcomeAttempts = receiver.received.filter(
        (r) => r.headers['x-feisutong-event'] === 'court.outcome',
      );
      expect(outcomeAttempts.length).toBeGreaterThanOrEqual(2);
      expect(new Set(outcomeAttempts.map((r) => r.headers['x-feisutong-delivery'])).size).toBe(1);
      expect(outcomeAttempts.at(-1)!.answeredWith).toBe(200);
      const secret = institutionCallbackSecret(signingKey, court.id);
      for (const attempt of receiver.received) {
        const timestamp = Number(attempt.headers['x-feisutong-timestamp']);
        expect(
          verifySignature(secret, timestamp, attempt.body, String(attempt.headers['x-feisutong-signature']), {
            nowSeconds: timestamp,
          }),
        ).toBe(true);
      }
      // 1,000,000 yuan claimed before filing (委派): the whole fee of 13,800 yuan is saved.
      expect(settled.court!.feeSavedFen).toBe(1_380_000);

      // The confirmation window: a reminder before it closes, then it closes without an application.
      const window = settled.deadlines.find((d) => d.kind === 'confirmation_window')!;
      expect(settled.linkPending).toBe('judicial_confirmation');
      await h.skipUntil(window.explanation.reminders[0]!.atEpochMilliseconds);
      const reminded = await eventually(async () => {
        const [row] = await h.database.sql`
          select count(*)::int as n from notifications where case_number = 'CT-2026-000301' and kind = 'deadline_reminder'`;
        return row!.n >= 1 ? row!.n : undefined;
      });
      expect(reminded).toBeGreaterThanOrEqual(1);
      await h.skipUntil(window.explanation.dueAtEpochMilliseconds);
      const closed = await h.viewWhen(handle, (v) => v.linkPending === null);
      expect(closed.linkPending).toBeNull();
      expect(closed.court!.confirmation!.windowClosedAt).not.toBeNull();
      expect(closed.deadlines.find((d) => d.kind === 'confirmation_window')?.status).toBe('cancelled');
      const late = await handle
        .executeUpdate(recordConfirmationApplicationUpdate, {
          args: [
            {
              appliedOn: addDays(chinaDateOf(Date.now()), 0),
              court: '海拉尔区人民法院',
              actor: h.actor(h.clerk),
            },
          ],
        })
        .catch((e: { cause?: { type?: string } }) => e.cause?.type);
      expect(late).toBe('window_closed');
    });
  });
});
