import type { Actor } from './case.messages.js';
import { startDelivery } from './case-notify.js';
import type { CaseEvent, CaseState } from './case-state.js';

interface ReportTarget {
  institutionId: string;
  reference: string;
  callbackUrl: string | null;
}

/**
 * Send a report to the referring institution as its own signed, retried delivery (build once, use for
 * courts, procuratorates and police stations), recorded as a `reported` event carrying the delivery id.
 */
export async function reportToInstitution(
  state: CaseState,
  target: ReportTarget,
  eventType: 'reported_to_court' | 'reported_to_procuratorate' | 'reported_to_police',
  kind: string,
  body: Record<string, unknown>,
  now: string,
  record: (report: { deliveryId: string; kind: string; at: string }) => void,
): Promise<CaseEvent> {
  const system: Actor = { kind: 'system', id: 'institution-docking' };
  const caseNumber = state.registration.caseNumber;
  const deliveryId = `${kind.split('.')[0]}-${caseNumber}-${state.seq + 1}`;
  const event = state.apply(eventType, system, now, { kind, deliveryId }, () =>
    record({ deliveryId, kind, at: now }),
  );
  await startDelivery({
    deliveryId,
    kind,
    caseNumber,
    target: { kind: 'institution', institutionId: target.institutionId, url: target.callbackUrl },
    body: { caseNumber, reference: target.reference, at: now, ...body },
    createdAt: now,
  });
  return event;
}
