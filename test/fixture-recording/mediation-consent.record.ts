import { afterAll, beforeAll, expect, it } from 'vitest';
import { recordMediationConsentUpdate } from '../../workflows/case.messages.js';
import { type CaseWorkflowHarness, createCaseWorkflowHarness } from '../helpers/case-workflow-env.js';
import { saveHistory } from './recording-helpers.js';

let h: CaseWorkflowHarness;
beforeAll(async () => {
  h = await createCaseWorkflowHarness();
});
afterAll(() => h?.teardown());

it('records a hotline case whose acceptance waits for the parties’ consent, recorded later', async () => {
  await h.run(async () => {
    const handle = await h.start('FX-2026-000401', {}, { source: 'hotline', mediationConsent: undefined });
    await h.transition(handle, 'triage', h.clerk, { triageClass: 'simple', category: 'neighbour' });
    await h.transition(handle, 'assign', h.clerk, { mediatorId: h.mediator.id });
    await expect(h.transition(handle, 'accept', h.mediator, {})).rejects.toThrow();
    const recorded = await handle.executeUpdate(recordMediationConsentUpdate, {
      args: [{ givenBy: ['刘洋', '陈静'], actor: h.actor(h.clerk) }],
    });
    expect(recorded.mediationConsent).toMatchObject({ givenBy: ['刘洋', '陈静'], recordedBy: h.clerk.id });
    const accepted = await h.transition(handle, 'accept', h.mediator, {});
    expect(accepted.stage).toBe('resolve');
    await saveHistory(h, 'accept-refused-without-consent-then-recorded', handle.workflowId);
  });
});
