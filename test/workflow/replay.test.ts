import { readdir, readFile } from 'node:fs/promises';
import { Worker } from '@temporalio/worker';
import { describe, expect, inject, it } from 'vitest';

const folder = new URL('../fixtures/histories/', import.meta.url);

/**
 * Histories of real runs (recorded with `npm run fixtures:record`) replayed against today's workflow
 * code: a change that would break running cases fails here. Change running logic with patched().
 */
describe('saved case histories replay against the current workflow code', async () => {
  const files = (await readdir(folder)).filter((file) => file.endsWith('.json')).sort();

  it('has fixtures for the representative paths', () => {
    expect(files).toEqual([
      'accept-refused-without-consent-then-recorded.json',
      'assigned-again-recorded-nothing.json',
      'assignment-refused-by-read-model-then-assigned.json',
      'calendar-change-recomputed.json',
      'calendar-fan-out.json',
      'complex-conference-held-then-settled.json',
      'complex-conference-waived-then-settled.json',
      'continued-as-new.json',
      'court-delegated-confirmed.json',
      'green-channel-flagged-triaged-extended-settled.json',
      'hand-off-arbitration-returned-to-mediation-then-settled.json',
      'hand-off-confirmation-withdrawn-then-confirmed.json',
      'hand-off-declined-returned-to-mediation-then-failed.json',
      'hand-off-filing-closed-transferred-for-filing.json',
      'hand-off-legal-aid-overdue-assigned-arbitration-declined.json',
      'notification-webhook-assigned.json',
      'notification-webhook-delivery.json',
      'overdue-failed-archived.json',
      'police-two-rounds-failed.json',
      'prosecution-instalments-decided.json',
      'rejected-at-intake.json',
      'session-reminder-booking-cancelled.json',
      'settle-rolled-back-then-settled.json',
      'settled-and-archived.json',
      'supervision-order-answered-then-overdue.json',
      'unperformed-instalment-decided-archived.json',
    ]);
  });

  it.each(files)('replays %s without nondeterminism', async (file) => {
    const history = JSON.parse(await readFile(new URL(file, folder), 'utf8'));
    expect(history.events.length).toBeGreaterThan(5);
    await Worker.runReplayHistory(
      { workflowBundle: { codePath: inject('workflowBundlePath') }, replayName: file },
      history,
      `replay-${file}`,
    );
  });
});
