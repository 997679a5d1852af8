import { and, asc, eq, or, type SQL } from 'drizzle-orm';
import { caseAttachments } from '../../db/schema/index.js';
import type { Principal } from '../auth/principal.js';
import { type AttachmentResponse, toAttachmentResponse } from './attachment-response.js';
import { type CaseForFiles, caseForFiles, type FilesTarget } from './case-for-files.js';
import type { FilesDependencies } from './files-dependencies.js';

/** What an institution may read of a case it referred: its own uploads and what staff shared with it. */
export function readableBy(found: CaseForFiles): SQL | undefined {
  if (!found.institutionId) return undefined;
  return or(
    and(
      eq(caseAttachments.uploadedByKind, 'institution'),
      eq(caseAttachments.uploadedById, found.institutionId),
    ),
    eq(caseAttachments.sharedWithReferrer, true),
  );
}

/** A case's attachments in the order they arrived, as far as the caller may read them. Read-only. */
export async function listAttachments(
  deps: Pick<FilesDependencies, 'db' | 'temporal'>,
  principal: Principal,
  target: FilesTarget,
): Promise<{ caseNumber: string; items: AttachmentResponse[] }> {
  const found = await caseForFiles(deps, principal, target);
  const rows = await deps.db
    .select()
    .from(caseAttachments)
    .where(and(eq(caseAttachments.caseNumber, found.caseNumber), readableBy(found)))
    .orderBy(asc(caseAttachments.uploadedAt), asc(caseAttachments.id));
  return { caseNumber: found.caseNumber, items: rows.map(toAttachmentResponse) };
}
