import { and, eq } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { formSubmissions } from '../../db/schema/index.js';
import type { StaffPrincipal } from '../auth/principal.js';
import { type RegisterCaseInput, registerCase } from './register-case.js';

/** The case a form of this user already registered, if its token has been used. */
export async function caseOfSubmittedForm(
  db: Database,
  principal: StaffPrincipal,
  token: string,
): Promise<string | undefined> {
  const [earlier] = await db
    .select({ caseNumber: formSubmissions.caseNumber })
    .from(formSubmissions)
    .where(and(eq(formSubmissions.token, token), eq(formSubmissions.userId, principal.userId)))
    .limit(1);
  return earlier?.caseNumber ?? undefined;
}

type RegisterCaseDependencies = Parameters<typeof registerCase>[0] & { db: Database };

/**
 * Register a dispute from a form that carries a one-time token: the first submission claims the token
 * and registers the case; a repeated submission (a double click, a retry after a lost answer) answers
 * the same case, or 'pending' while the first is still under way. A failed registration gives the token
 * back so that the corrected form can be sent again.
 */
export async function registerCaseOnce(
  deps: RegisterCaseDependencies,
  principal: StaffPrincipal,
  token: string,
  input: RegisterCaseInput,
): Promise<{ caseNumber: string; repeated: boolean } | { pending: true }> {
  const claimed = await deps.db
    .insert(formSubmissions)
    .values({ token, userId: principal.userId })
    .onConflictDoNothing()
    .returning({ token: formSubmissions.token });
  if (claimed.length === 0) {
    const earlier = await caseOfSubmittedForm(deps.db, principal, token);
    return earlier ? { caseNumber: earlier, repeated: true } : { pending: true };
  }
  try {
    const {
      body: { caseNumber },
    } = await registerCase(deps, principal, input);
    await deps.db.update(formSubmissions).set({ caseNumber }).where(eq(formSubmissions.token, token));
    return { caseNumber, repeated: false };
  } catch (error) {
    await deps.db.delete(formSubmissions).where(eq(formSubmissions.token, token));
    throw error;
  }
}
