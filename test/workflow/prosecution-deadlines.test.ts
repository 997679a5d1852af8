import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, chinaDateOf } from '../../domain/dates.js';
import type { ProsecutionReferral } from '../../workflows/referral.messages.js';
import { type CaseWorkflowHarness, createCaseWorkflowHarness } from '../helpers/case-workflow-env.js';
import { startReceiver } from '../helpers/receiver.js';
import { createInstitution } from '../helpers/staff.js';

describe('prosecution deadlines (time-skipping server)', () => {
  let h: CaseWorkflowHarness;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let procuratorate: Awaited<ReturnType<typeof createInstitution>>;

  beforeAll(async () => {
    receiver = await startReceiver(() => 200);
    h = await createCaseWorkflowHarness({
      deliveries: { callbackSigningKey: 'prosecution-test-signing-key-0123456789' },
    });
    procuratorate = await createInstitution(h.database.db, 'procuratorate', '海拉尔区人民检察院');
  });
  afterAll(async () => {
    await h?.teardown();
    await receiver?.close();
  });

  async function start(caseNumber: string, reviewDueInDays: number) {
    const now = new Date(await h.env.currentTimeMs()).toISOString();
    const today = chinaDateOf(now);
    const referral: ProsecutionReferral = {
      kind: 'prosecution',
      institutionId: procuratorate.id,
      institutionName: procuratorate.name,
      reference: `检-${caseNumber}`,
      offence: '故意伤害',
      statuteArticle: '刑法第234条',
      facts: '邻里纠纷引发轻伤',
      prosecutorContact: { name: '孙检察官' },
      reviewStartedOn: today,
      reviewDueOn: addDays(today, reviewDueInDays),
      eligibility: {
        privateDispute: true,
        criminalLawChapter: 4,
        negligent: false,
        likelySentenceMonths: 12,
        intentionalCrimeWithinFiveYears: false,
      },
      performanceBeforeDecision: false,
      referralDate: today,
      receivedAt: now,
      callbackUrl: receiver.url,
    };
    return h.start(
      caseNumber,
      {},
      {
        source: 'procuratorate',
        registeredBy: { kind: 'institution', id: procuratorate.id, role: 'procuratorate' },
        registeredAt: now,
        referral,
      },
    );
  }

  it('ends mediation before the prosecutor must act, and returns the referral automatically when time runs out', async () => {
    await h.run(async () => {
      // The prosecutor's review ends in 12 days: 3 working days are left to the prosecutor, which comes
      // before the local 10 working days.
      const handle = await start('PR-2026-000001', 12);
      const view = await h.viewWhen(handle, (v) => v.deadlines.some((d) => d.kind === 'prosecution'));
      const deadline = view.deadlines.find((d) => d.kind === 'prosecution')!;
      const explanation = deadline.explanation as typeof deadline.explanation & {
        latestMediationDate: string;
        cap: { applied: boolean };
      };
      expect(explanation.cap?.applied).toBe(true);
      expect(explanation.dueDate).toBe(explanation.latestMediationDate);
      await h.transition(handle, 'triage', h.clerk, { triageClass: 'general', category: 'other' });
      await h.transition(handle, 'assign', h.clerk, { mediatorId: h.mediator.id });
      await h.transition(handle, 'accept', h.mediator, {});
      await h.skipUntil(explanation.dueAtEpochMilliseconds);
      const returned = await h.viewWhen(handle, (v) =>
        Boolean(v.prosecution?.reports.some((r) => r.kind === 'prosecution.not_concluded')),
      );
      expect(returned.outcome).toMatchObject({ disposition: 'failed', by: 'prosecution-docking' });
      const report = returned.prosecution!.reports.find((r) => r.kind === 'prosecution.not_concluded')!;
      await h.env.client.workflow.getHandle(`delivery-${report.deliveryId}`).result();
      expect(
        receiver.received.some((r) => r.headers['x-feisutong-event'] === 'prosecution.not_concluded'),
      ).toBe(true);
    });
  });

  it('marks a late instalment overdue and a paid one met; without performance first, the package goes at signing', async () => {
    await h.run(async () => {
      const handle = await start('PR-2026-000002', 30);
      await h.transition(handle, 'triage', h.clerk, { triageClass: 'general', category: 'other' });
      await h.transition(handle, 'assign', h.clerk, { mediatorId: h.mediator.id });
      await h.transition(handle, 'accept', h.mediator, {});
      const today = chinaDateOf(await h.env.currentTimeMs());
      const settled = await h.transition(handle, 'settle', h.mediator, {
        form: 'written',
        terms: '分两期赔偿',
        amountFen: 500_000,
        performance: [],
        prosecution: {
          compensationFen: 500_000,
          method: '现金',
          remorse: '当面道歉',
          forgiveness: true,
          leniencyRequested: true,
          forgivenessLetter: null,
          instalments: [
            { amountFen: 200_000, dueDate: addDays(today, 3) },
            { amountFen: 300_000, dueDate: addDays(today, 10) },
          ],
          guarantee: { kind: 'deposit', detail: '交纳保证金2000元' },
          victimConsentToInstalments: true,
        },
      });
      expect(settled.prosecution!.packageSentAt).not.toBeNull();
      const second = settled.deadlines.find((d) => d.kind === 'instalment-2')!;
      await h.skipUntil(second.explanation.dueAtEpochMilliseconds);
      const late = await h.viewWhen(
        handle,
        (v) => v.deadlines.find((d) => d.kind === 'instalment-2')?.status === 'overdue',
      );
      expect(late.deadlines.find((d) => d.kind === 'instalment-1')?.status).toBe('overdue');
      expect(late.deadlines.find((d) => d.kind === 'instalment-2')?.status).toBe('overdue');
      const paid = await handle.executeUpdate('recordPayment', {
        args: [
          {
            instalment: 1,
            paidOn: chinaDateOf(await h.env.currentTimeMs()),
            proof: '收据',
            actor: h.actor(h.mediator),
          },
        ],
      });
      expect((paid as typeof late).deadlines.find((d) => d.kind === 'instalment-1')?.status).toBe('met');
    });
  });
});
