import { eq } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { enterprises, units } from '../../db/schema/index.js';
import type {
  EnterpriseIndustry,
  EnterpriseSize,
  MarketEntityClass,
} from '../../domain/enterprise-vocabulary.js';
import { refuseField } from '../../domain/refusals.js';
import type { StaffPrincipal } from '../auth/principal.js';
import { unitToRecordFor, workingUnitsOf } from '../shared/working-units.js';
import { type Enterprise, type EnterpriseContact, toEnterprise } from './enterprise-response.js';

export interface RegisterEnterpriseInput {
  name: string;
  /** 统一社会信用代码, its check character already verified at the edge. */
  creditCode: string;
  entityClass: MarketEntityClass;
  industry: EnterpriseIndustry;
  size?: EnterpriseSize | undefined;
  address?: string | undefined;
  contacts: EnterpriseContact[];
  /** Unit that looks after the enterprise; defaults to the registering user's own. */
  unitId?: string | undefined;
}

/**
 * Add an enterprise to the registry. One row per credit code: registering the same enterprise again
 * (a retry, the same name and unit) answers the first registration; the code under another name or
 * unit is refused as already registered, with the existing one named so staff can open it.
 */
export async function registerEnterprise(
  db: Database,
  principal: StaffPrincipal,
  input: RegisterEnterpriseInput,
): Promise<{ enterprise: Enterprise; created: boolean }> {
  const unitId = unitToRecordFor(principal, await workingUnitsOf(db, principal), input.unitId);
  const [unit] = await db.select({ id: units.id }).from(units).where(eq(units.id, unitId)).limit(1);
  if (!unit) refuseField('unknown_unit', 'unitId', 'no unit has this id');
  const [inserted] = await db
    .insert(enterprises)
    .values({
      name: input.name,
      creditCode: input.creditCode,
      entityClass: input.entityClass,
      industry: input.industry,
      size: input.size ?? null,
      address: input.address ?? null,
      contacts: input.contacts,
      unitId,
      registeredById: principal.userId,
      registeredAt: new Date(),
    })
    .onConflictDoNothing({ target: enterprises.creditCode })
    .returning();
  if (inserted) return { enterprise: toEnterprise(inserted, { masked: false }), created: true };
  const [existing] = await db
    .select()
    .from(enterprises)
    .where(eq(enterprises.creditCode, input.creditCode))
    .limit(1);
  if (!existing) throw new Error('enterprise insert conflicted but no enterprise has the code');
  if (existing.name === input.name && existing.unitId === unitId) {
    return { enterprise: toEnterprise(existing, { masked: false }), created: false };
  }
  return refuseField('already_exists', 'creditCode', 'an enterprise with this code is registered', {
    existing: `/v1/enterprises/${existing.id}`,
  });
}
