import { createHash } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { eq } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { onlineApplications } from '../../db/schema/index.js';
import { refuse, refuseField } from '../../domain/refusals.js';
import { type DisputeCategory, disputeCategoryLabelsZh } from '../../domain/vocabulary.js';
import { requestHash } from '../../lib/request-hash.js';
import { registerCaseFromChannel } from '../cases/register-case.js';
import type { CitizenPrincipal } from './citizen-session.js';
import { listPublicUnits, unitExists, unitOfActiveMediator } from './public-directory.js';
import { admitPublicAction } from './public-rate-limit.js';
import { queueSms, smsTemplates } from './sms-outbox.js';

/** An application for mediation (申请调解) as the citizen filled it in, already read field by field. */
export interface MediationApplication {
  /** The form's one-time token: a double submit opens one case. */
  formToken: string;
  applicantName: string;
  category: DisputeCategory;
  facts: string;
  request: string;
  claimAmountFen?: number | undefined;
  respondent: { kind: 'person' | 'organisation'; name: string; phone?: string | undefined };
  /** The unit applied to (preferred station); the chosen mediator's, or the centre, if not given. */
  unitId?: string | undefined;
  /** The mediator chosen from the 调解超市: a preference the clerk sees, not an assignment. */
  preferredMediatorId?: string | undefined;
}

/** Who registers an online application in the case's history (its events' actor). */
export const publicChannelActorId = 'public-channel';

export const applicationLimits = { perPhoneHour: 5, perAddressHour: 60 };

interface ApplyDependencies {
  db: Database;
  temporal: Client;
  taskQueue: string;
  caseNumberPrefix: string;
}

/** Whose keys these are in idempotency_keys: a citizen's, by a digest of the phone (not the phone). */
const ownerOf = (citizen: CitizenPrincipal) =>
  `citizen:${createHash('sha256').update(citizen.phone).digest('base64url').slice(0, 32)}`;

async function unitFor(db: Database, application: MediationApplication): Promise<string> {
  if (application.preferredMediatorId) {
    const mediatorUnit = await unitOfActiveMediator(db, application.preferredMediatorId);
    if (mediatorUnit === undefined)
      refuseField('validation_failed', 'preferredMediatorId', 'no active mediator has this id', {
        reasonZh: '所选调解员不在调解超市中，请重新选择',
      });
    if (!application.unitId && mediatorUnit) return mediatorUnit;
  }
  if (application.unitId) {
    if (!(await unitExists(db, application.unitId)))
      refuseField('unknown_unit', 'unitId', 'no unit has this id', { reasonZh: '请选择调解机构' });
    return application.unitId;
  }
  const [centre] = await listPublicUnits(db);
  if (!centre) refuse('service_unavailable', { detail: 'No unit is set up to receive applications.' });
  return centre.id;
}

/**
 * A citizen applies for mediation online: the dispute is registered through the same registration as
 * the window's (source 网上申请, stage 接案, in the clerks' queue), with the applicant's verified phone
 * and consent to mediate, by the public channel as actor. Keyed by the form token, so a double submit
 * or a retry after a lost answer opens one case. Limited per phone and per client address.
 */
export async function applyForMediation(
  deps: ApplyDependencies,
  citizen: CitizenPrincipal,
  application: MediationApplication,
  clientAddress: string,
): Promise<{ caseNumber: string; repeated: boolean }> {
  const body = { ...application };
  const idempotency = {
    owner: ownerOf(citizen),
    key: application.formToken,
    requestHash: requestHash({ operation: 'applyForMediation', body }),
  };
  const [earlier] = await deps.db
    .select({ caseNumber: onlineApplications.caseNumber, phone: onlineApplications.phone })
    .from(onlineApplications)
    .where(eq(onlineApplications.formToken, application.formToken))
    .limit(1);
  if (earlier?.caseNumber && earlier.phone === citizen.phone)
    return { caseNumber: earlier.caseNumber, repeated: true };

  const retryAfterSeconds = await admitPublicAction(deps.db, [
    { kind: 'apply-phone', value: citizen.phone, limit: applicationLimits.perPhoneHour, windowSeconds: 3600 },
    {
      kind: 'apply-address',
      value: clientAddress,
      limit: applicationLimits.perAddressHour,
      windowSeconds: 3600,
    },
  ]);
  if (retryAfterSeconds > 0)
    refuse('too_many_requests', {
      detail: `Too many applications; retry after ${retryAfterSeconds} s.`,
      reasonZh: `提交申请过于频繁，请 ${Math.ceil(retryAfterSeconds / 60)} 分钟后再试`,
    });

  const unitId = await unitFor(deps.db, application);
  const summary = [
    `纠纷类型：${disputeCategoryLabelsZh[application.category]}`,
    application.facts,
    `请求事项：${application.request}`,
  ].join('\n');
  const answer = await registerCaseFromChannel(
    deps,
    { kind: 'system', id: publicChannelActorId },
    {
      source: 'online',
      summary,
      unitId,
      parties: [
        { kind: 'person', name: application.applicantName, role: 'applicant', phone: citizen.phone },
        {
          kind: application.respondent.kind,
          name: application.respondent.name,
          role: 'respondent',
          ...(application.respondent.phone ? { phone: application.respondent.phone } : {}),
        },
      ],
      ...(application.claimAmountFen !== undefined ? { claimAmountFen: application.claimAmountFen } : {}),
      mediationConsent: { givenBy: [application.applicantName] },
    },
    idempotency,
  );
  const { caseNumber } = answer.body;
  const inserted = await deps.db
    .insert(onlineApplications)
    .values({
      formToken: application.formToken,
      phone: citizen.phone,
      caseNumber,
      preferredMediatorId: application.preferredMediatorId ?? null,
    })
    .onConflictDoNothing()
    .returning({ token: onlineApplications.formToken });
  if (inserted.length > 0)
    await queueSms(deps.db, smsTemplates.applicationReceived, citizen.phone, { caseNumber });
  return { caseNumber, repeated: answer.replayed || inserted.length === 0 };
}
