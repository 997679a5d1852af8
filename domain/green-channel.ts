import type { DeadlinePolicyKey } from './deadline-policy.js';
import { normaliseIdNumber } from './names.js';
import type { TriageClass } from './vocabulary.js';

/**
 * 涉企绿色通道 (green channel for enterprises): a dispute one of whose parties is a registered enterprise
 * may be flagged; it then comes first in the queues and runs on the shorter handling periods of
 * domain/green-channel-deadline-policies.ts (centre policy, not law).
 */

/** A party as the rule reads it: an organisation named by its 统一社会信用代码. */
export interface PartyIdentity {
  kind: 'person' | 'organisation';
  name: string;
  idType?: string | undefined;
  idNumber?: string | undefined;
}

/**
 * The party of the case that is the enterprise with `creditCode`: an organisation whose ID number is
 * that 统一社会信用代码 (compared without spaces, in capitals); undefined when none is.
 */
export function enterpriseParty<P extends PartyIdentity>(
  parties: readonly P[],
  creditCode: string,
): P | undefined {
  const wanted = normaliseIdNumber(creditCode);
  return parties.find(
    (party) =>
      party.kind === 'organisation' &&
      party.idNumber !== undefined &&
      (party.idType === undefined || party.idType === 'unified_social_credit_code') &&
      normaliseIdNumber(party.idNumber) === wanted,
  );
}

/** The handling-period policy of a triage class: the green channel's shorter one when flagged. */
export function stagePolicyKey(triageClass: TriageClass, greenChannel: boolean): DeadlinePolicyKey {
  return greenChannel ? `stage.${triageClass}.green` : `stage.${triageClass}`;
}

/** The badge staff read on lists and the case page. */
export const greenChannelLabelZh = '绿色通道';
