import { and, eq } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { mediatorProfiles, users } from '../../db/schema/index.js';
import { Refusal, refuseField } from '../../domain/refusals.js';
import type { DisputeCategory, MediationLanguage, MediatorQualification } from '../../domain/vocabulary.js';

export interface MediatorProfileInput {
  qualifications: MediatorQualification[];
  specialties: DisputeCategory[];
  languages: MediationLanguage[];
  introduction: string;
}

/** An admin writes a mediator's directory profile; writing the same profile again changes nothing. */
export async function setMediatorProfile(
  db: Database,
  userId: string,
  input: MediatorProfileInput,
): Promise<MediatorProfileInput & { userId: string }> {
  const [user] = await db
    .select({ role: users.role })
    .from(users)
    .where(and(eq(users.id, userId)))
    .limit(1);
  if (!user) throw new Refusal('not_found', { detail: `No user ${userId}.` });
  if (user.role !== 'mediator')
    refuseField('not_a_mediator', 'userId', 'only mediators have a directory profile');
  const values = {
    qualifications: [...new Set(input.qualifications)],
    specialties: [...new Set(input.specialties)],
    languages: [...new Set(input.languages)],
    introduction: input.introduction,
  };
  await db
    .insert(mediatorProfiles)
    .values({ userId, ...values })
    .onConflictDoUpdate({ target: mediatorProfiles.userId, set: { ...values, updatedAt: new Date() } });
  return { userId, ...values };
}
