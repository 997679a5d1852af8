import type { Client } from '@temporalio/client';
import type postgres from 'postgres';
import { chinaDateOf } from '../../domain/dates.js';
import {
  type CaseRegistration,
  type CaseView,
  caseWorkflowId,
  getCaseQuery,
} from '../../workflows/case.messages.js';
import type { caseWorkflow } from '../../workflows/case.workflow.js';

const day = 24 * 60 * 60 * 1000;

/**
 * A court's referral (委托调解) received `daysAgo` days ago and never signed for: its 3-working-day
 * acceptance deadline (在线调解规则 art 15) is already due when the workflow starts, so the workflow
 * marks it overdue and reports that to the court at once. The honest way to have a deadline fall due
 * on the real-time dev server, where days cannot be skipped.
 */
export function overdueCourtReferral(options: {
  caseNumber: string;
  court: { id: string; name: string };
  unitId: string;
  callbackUrl: string;
  daysAgo?: number;
}): CaseRegistration {
  const receivedAt = new Date(Date.now() - (options.daysAgo ?? 35) * day).toISOString();
  return {
    caseNumber: options.caseNumber,
    source: 'court',
    summary: '民间借贷纠纷（法院委托调解）',
    unitId: options.unitId,
    parties: [
      { kind: 'person', name: '赵磊', role: 'applicant' },
      { kind: 'person', name: '钱敏', role: 'respondent' },
    ],
    registeredBy: { kind: 'institution', id: options.court.id, role: 'court' },
    registeredAt: receivedAt,
    referral: {
      kind: 'court',
      institutionId: options.court.id,
      institutionName: options.court.name,
      reference: `(2026)内0702民初${options.caseNumber.slice(-4)}号`,
      type: 'entrusted',
      procedure: 'ordinary',
      referralDate: chinaDateOf(receivedAt),
      receivedAt,
      claimsSummary: '借款本金50,000元及利息',
      claimAmountFen: 5_000_000,
      materials: ['起诉状', '借条复印件'],
      contact: { name: '李法官' },
      callbackUrl: options.callbackUrl,
    },
  };
}

/** What a court referral whose acceptance deadline was due records, in order. */
export const overdueReferralEvents = ['registered', 'deadline_overdue', 'reported_to_court'];

export function startCaseWorkflow(temporal: Client, taskQueue: string, registration: CaseRegistration) {
  return temporal.workflow.start<typeof caseWorkflow>('caseWorkflow', {
    workflowId: caseWorkflowId(registration.caseNumber),
    taskQueue,
    args: [registration, undefined, {}],
  });
}

export function queryCase(temporal: Client, caseNumber: string): Promise<CaseView> {
  return temporal.workflow.getHandle(caseWorkflowId(caseNumber)).query(getCaseQuery);
}

/** The event log as the read model holds it: case number → its events' (seq, type) in order. */
export async function eventLog(sql: postgres.Sql, caseNumbers: string[]) {
  const rows = await sql<{ case_number: string; seq: number; type: string; at: string | Date }[]>`
    select case_number, seq, type, at from case_events
    where case_number = any(${caseNumbers}) order by case_number, seq`;
  const log = new Map<string, { seq: number; type: string; at: Date }[]>();
  for (const caseNumber of caseNumbers) log.set(caseNumber, []);
  for (const row of rows)
    log.get(row.case_number)!.push({ seq: row.seq, type: row.type, at: new Date(row.at) });
  return log;
}

/** Poll `probe` until it returns true or the time runs out (then throw with `what`). */
export async function waitUntil(
  what: string,
  probe: () => Promise<boolean>,
  timeoutMs: number,
  everyMs = 250,
) {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      if (await probe()) return;
    } catch (error) {
      lastError = error;
    }
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
  throw new Error(
    `timed out after ${timeoutMs} ms waiting until ${what}${lastError ? `: ${String(lastError)}` : ''}`,
  );
}
