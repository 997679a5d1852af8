import { eq } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { enterprises } from '../../db/schema/index.js';
import { enterpriseParty, type PartyIdentity } from '../../domain/green-channel.js';
import { refuseField } from '../../domain/refusals.js';
import type { FlagGreenChannelInput } from '../../workflows/case.messages.js';

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The registered enterprise a case would be flagged for (涉企绿色通道), as the flag records it. Refused,
 * naming `field`, when the registry has no such enterprise, or (given the parties) when none of them is
 * that enterprise. The workflow checks the parties again: it is what the flag is decided against.
 */
export async function enterpriseForGreenChannel(
  db: Database,
  enterpriseId: string,
  field: string,
  parties?: readonly PartyIdentity[],
): Promise<FlagGreenChannelInput> {
  const [row] = uuidPattern.test(enterpriseId)
    ? await db
        .select({ id: enterprises.id, name: enterprises.name, creditCode: enterprises.creditCode })
        .from(enterprises)
        .where(eq(enterprises.id, enterpriseId))
        .limit(1)
    : [];
  if (!row) refuseField('unknown_enterprise', field, 'no registered enterprise has this id');
  if (parties && !enterpriseParty(parties, row.creditCode))
    refuseField(
      'green_channel_not_a_party',
      field,
      'no party of the case is an organisation with this enterprise’s unified social credit code',
    );
  return { enterpriseId: row.id, enterpriseName: row.name, creditCode: row.creditCode };
}
