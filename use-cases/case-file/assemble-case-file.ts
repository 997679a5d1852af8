import { asc, eq, inArray } from 'drizzle-orm';
import { strToU8, type Zippable, zipSync } from 'fflate';
import { caseAttachments, caseDocuments, institutions, users } from '../../db/schema/index.js';
import { stageLabelsZh } from '../../domain/stages.js';
import { caseForFiles } from '../attachments/case-for-files.js';
import { readVerified } from '../attachments/download-attachment.js';
import type { FilesDependencies } from '../attachments/files-dependencies.js';
import type { Principal } from '../auth/principal.js';
import { documentVersionsOf } from '../documents/list-document-versions.js';
import { type CaseFileEntry, renderCaseFileIndex } from './case-file-index.js';

export const caseFileIndexName = '00-目录.html';

/** Who stored a file, as the archive reads it: a person's or an institution's name. */
async function namesOf(deps: Pick<FilesDependencies, 'db'>, actors: { kind: string; id: string }[]) {
  const uuid = /^[0-9a-f-]{36}$/i;
  const staffIds = actors.filter((a) => a.kind === 'staff' && uuid.test(a.id)).map((a) => a.id);
  const institutionIds = actors.filter((a) => a.kind === 'institution' && uuid.test(a.id)).map((a) => a.id);
  const [people, bodies] = await Promise.all([
    staffIds.length
      ? deps.db
          .select({ id: users.id, name: users.displayName })
          .from(users)
          .where(inArray(users.id, staffIds))
      : [],
    institutionIds.length
      ? deps.db
          .select({ id: institutions.id, name: institutions.name })
          .from(institutions)
          .where(inArray(institutions.id, institutionIds))
      : [],
  ]);
  const names = new Map([...people, ...bodies].map((row) => [row.id, row.name]));
  return (actor: { kind: string; id: string }) =>
    names.get(actor.id) ?? (actor.kind === 'system' ? '系统生成' : '（未知）');
}

/** `007-调解协议书.docx`: its number first, so the zip lists in the index's order. */
const numbered = (number: number, name: string) => `${String(number).padStart(3, '0')}-${name}`;

/**
 * The case file (卷宗) as one zip for staff and the archive: the index page (目录) first, then every
 * version of every generated document in the order generated, then every attachment (materials and
 * signed scans) in the order received, each under its number. Every file's bytes are checked against
 * the SHA-256 recorded when it was stored. Built in memory: files are capped at upload, and a case
 * holds tens of them, not thousands.
 */
export async function assembleCaseFile(
  deps: Pick<FilesDependencies, 'db' | 'objectStore' | 'temporal'>,
  principal: Principal,
  caseNumber: string,
  now: Date = new Date(),
): Promise<{ caseNumber: string; zip: Uint8Array; entries: CaseFileEntry[] }> {
  const found = await caseForFiles(deps, principal, { caseNumber });
  const [documents, attachments] = await Promise.all([
    documentVersionsOf(deps.db, found.caseNumber),
    deps.db
      .select()
      .from(caseAttachments)
      .where(eq(caseAttachments.caseNumber, found.caseNumber))
      .orderBy(asc(caseAttachments.uploadedAt), asc(caseAttachments.id)),
  ]);
  const nameOf = await namesOf(deps, [
    ...documents.map((d) => d.generatedBy),
    ...attachments.map((a) => ({ kind: a.uploadedByKind, id: a.uploadedById })),
  ]);

  const files: Zippable = {};
  const entries: CaseFileEntry[] = [];
  const objectKeys = new Map<number, { key: string; sha256: string }>();
  const documentKeys = new Map(
    (
      await deps.db
        .select({ id: caseDocuments.id, key: caseDocuments.objectKey })
        .from(caseDocuments)
        .where(eq(caseDocuments.caseNumber, found.caseNumber))
    ).map((row) => [row.id, row.key]),
  );
  for (const document of documents) {
    const number = entries.length + 1;
    const stem = document.fileName.replace(/(\.[A-Za-z0-9]{1,8})$/, `-第${document.version}版$1`);
    entries.push({
      number,
      section: '文书',
      title: document.fileName,
      version: document.version,
      contentType: document.contentType,
      size: document.size,
      sha256: document.sha256,
      by: nameOf(document.generatedBy),
      at: new Date(document.generatedAt),
      path: numbered(number, stem),
    });
    objectKeys.set(number, { key: documentKeys.get(document.id)!, sha256: document.sha256 });
  }
  for (const attachment of attachments) {
    const number = entries.length + 1;
    entries.push({
      number,
      section: attachment.purpose === 'signed_scan' ? '签章扫描件' : '案件材料',
      title: attachment.fileName,
      version: null,
      contentType: attachment.contentType,
      size: attachment.size,
      sha256: attachment.sha256,
      by: nameOf({ kind: attachment.uploadedByKind, id: attachment.uploadedById }),
      at: attachment.uploadedAt,
      path: numbered(number, attachment.fileName),
    });
    objectKeys.set(number, { key: attachment.objectKey, sha256: attachment.sha256 });
  }

  files[caseFileIndexName] = strToU8(
    renderCaseFileIndex({
      caseNumber: found.caseNumber,
      stageLabel: stageLabelsZh[found.stage],
      assembledAt: now,
      entries,
    }),
  );
  for (const entry of entries) {
    const stored = objectKeys.get(entry.number)!;
    // Already compressed formats (PDF, images, .docx) are stored as they are; only .doc shrinks.
    const level = entry.contentType === 'application/msword' ? 6 : 0;
    files[entry.path] = [await readVerified(deps.objectStore, stored.key, stored.sha256), { level }];
  }
  return { caseNumber: found.caseNumber, zip: zipSync(files, { mtime: now }), entries };
}
