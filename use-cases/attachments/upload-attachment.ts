import { and, eq } from 'drizzle-orm';
import { caseAttachments } from '../../db/schema/index.js';
import type { Principal } from '../auth/principal.js';
import { type AttachmentResponse, toAttachmentResponse } from './attachment-response.js';
import { caseForFiles, type FilesTarget, objectKeyFor, refuseIfReadOnly } from './case-for-files.js';
import { checkUploadedFile, type UploadedFile } from './check-uploaded-file.js';
import type { FileActor, FilesDependencies } from './files-dependencies.js';

export interface UploadAttachmentInput {
  file: UploadedFile;
  /** Staff only: let the referring court or procuratorate read it (their own uploads they always can). */
  shareWithReferrer?: boolean | undefined;
  purpose?: 'material' | 'signed_scan';
}

function actorOf(principal: Principal): FileActor {
  return principal.kind === 'staff'
    ? { kind: 'staff', id: principal.userId }
    : { kind: 'institution', id: principal.institutionId };
}

/**
 * Keeps a file with a case: checked (size, kind by content, claim against content), stored under a
 * key made of the case number and the content's SHA-256, then recorded. Safe to retry: the same
 * content sent to the same case again answers the attachment already recorded (`created: false`) and
 * stores nothing new. An archived case takes no files (409). Nothing is stored when a check refuses.
 * The upload is read (`readInput`) only once the case is known to be the caller's and open, so a
 * refused upload costs no more than its headers.
 */
export async function uploadAttachment(
  deps: FilesDependencies,
  principal: Principal,
  target: FilesTarget,
  readInput: () => Promise<UploadAttachmentInput>,
): Promise<{ attachment: AttachmentResponse; created: boolean }> {
  const found = await caseForFiles(deps, principal, target);
  refuseIfReadOnly(found);
  const input = await readInput();
  return storeAttachment(deps, found.caseNumber, actorOf(principal), {
    ...input,
    shareWithReferrer: principal.kind === 'staff' && input.shareWithReferrer === true,
  });
}

/** Check, store and record a file for a case the caller was already allowed to write to. */
export async function storeAttachment(
  deps: FilesDependencies,
  caseNumber: string,
  actor: FileActor,
  input: UploadAttachmentInput,
): Promise<{ attachment: AttachmentResponse; created: boolean }> {
  const checked = await checkUploadedFile(input.file, 'file', deps.maxBytes);
  const existing = await findBySha(deps, caseNumber, checked.sha256);
  if (existing) return { attachment: toAttachmentResponse(existing), created: false };

  const objectKey = objectKeyFor(caseNumber, 'attachments', checked.sha256);
  // Bytes first, then the record: a crash in between leaves an unreferenced object under a key the
  // retry writes again, never a record without its bytes.
  await deps.objectStore.put(objectKey, checked.bytes, checked.contentType);
  const [inserted] = await deps.db
    .insert(caseAttachments)
    .values({
      caseNumber,
      purpose: input.purpose ?? 'material',
      fileName: checked.fileName,
      contentType: checked.contentType,
      size: checked.bytes.byteLength,
      sha256: checked.sha256,
      objectKey,
      uploadedByKind: actor.kind,
      uploadedById: actor.id,
      sharedWithReferrer: input.shareWithReferrer === true,
    })
    .onConflictDoNothing()
    .returning();
  if (inserted) return { attachment: toAttachmentResponse(inserted), created: true };
  // A concurrent upload of the same file won the race: its record is the answer.
  const raced = await findBySha(deps, caseNumber, checked.sha256);
  if (!raced) throw new Error('an attachment vanished between its conflict and its read');
  return { attachment: toAttachmentResponse(raced), created: false };
}

async function findBySha(deps: FilesDependencies, caseNumber: string, sha256: string) {
  const [row] = await deps.db
    .select()
    .from(caseAttachments)
    .where(and(eq(caseAttachments.caseNumber, caseNumber), eq(caseAttachments.sha256, sha256)))
    .limit(1);
  return row;
}
