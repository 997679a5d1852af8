import { and, eq } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { users } from '../../db/schema/index.js';
import { isBeforeDayOf, isFutureInstant } from '../../domain/date-plausibility.js';
import { refuseField } from '../../domain/refusals.js';
import type { TransitionName } from '../../domain/transition-table.js';
import type { AssignInput, SettleInput, TransitionInputs } from '../../workflows/case.messages.js';
import type { Principal } from '../auth/principal.js';
import { requireSignedAgreement } from './check-signed-agreement.js';
import type { CaseUpdateOptions } from './send-case-update.js';
import { assertUnitWithinReach } from './unit-reference.js';

/** The centre's own rules for transitions, from its configuration. */
export interface TransitionRules {
  /** A written settlement needs the agreement's signed scan first (SETTLE_REQUIRES_SIGNED_AGREEMENT). */
  settleRequiresSignedAgreement?: boolean | undefined;
}

/**
 * An agreement is signed neither before the case came in nor later than now (clock skew allowed); where
 * the centre requires it, a written agreement's signed scan is in the case file first.
 */
function checkSettlement(
  db: Database,
  input: SettleInput,
  rules: TransitionRules,
): CaseUpdateOptions['check'] {
  const { signedAt } = input;
  const needsScan = rules.settleRequiresSignedAgreement === true && input.form === 'written';
  if (signedAt === undefined && !needsScan) return undefined;
  if (signedAt !== undefined && isFutureInstant(signedAt, Date.now())) {
    refuseField('date_in_future', 'signedAt', 'is later than now', { reasonZh: '协议签订时间晚于当前时间' });
  }
  return async (found) => {
    // Only where settling is possible at all: elsewhere the workflow answers with the illegal transition.
    const settleable = found.stage === 'divert' || found.stage === 'resolve';
    if (needsScan && settleable) {
      await requireSignedAgreement(db, { caseNumber: found.view.caseNumber, stage: found.stage });
    }
    if (signedAt !== undefined && isBeforeDayOf(signedAt, found.view.registeredAt)) {
      refuseField('date_before_receipt', 'signedAt', 'is before the day the case was received', {
        reasonZh: '协议签订日期早于案件受理之日',
      });
    }
  };
}

/**
 * What a transition's input must satisfy beyond its schema and the workflow's rules: checked in the
 * use case because it needs the clock or PostgreSQL. Input-only checks refuse at once; checks against
 * the case come back as the `check` of sendCaseUpdate.
 */
export function transitionInputCheck<T extends TransitionName>(
  db: Database,
  principal: Principal,
  transition: T,
  input: TransitionInputs[T],
  rules: TransitionRules = {},
): CaseUpdateOptions['check'] {
  if (transition === 'settle') return checkSettlement(db, input as SettleInput, rules);
  if (transition === 'assign') return checkAssignment(db, principal, input as AssignInput);
  return undefined;
}

/**
 * The mediator must be an active mediator and the unit, if one is named, a unit within the caller's
 * reach: the workflow stores what it is given, and a reference the read model cannot hold would leave
 * the case unable to record anything.
 */
function checkAssignment(db: Database, principal: Principal, input: AssignInput): CaseUpdateOptions['check'] {
  return async (_found, reach) => {
    await assertMediator(db, input.mediatorId);
    if (input.unitId !== undefined)
      await assertUnitWithinReach(db, principal, input.unitId, reach.supervised);
  };
}

async function assertMediator(db: Database, mediatorId: string): Promise<void> {
  const [mediator] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.id, mediatorId), eq(users.role, 'mediator'), eq(users.active, true)))
    .limit(1);
  if (!mediator) refuseField('not_a_mediator', 'mediatorId', 'no active mediator has this id');
}
