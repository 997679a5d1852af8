import { createHash } from 'node:crypto';
import { and, desc, eq } from 'drizzle-orm';
import { unzipSync } from 'fflate';
import { caseAttachments, caseDocuments } from '../../db/schema/index.js';
import type { CentreSettings } from '../../documents/document-input.js';
import type { DocumentKind } from '../../documents/document-kinds.js';
import type { FailInput, SettleInput } from '../../workflows/case.messages.js';
import { caseForFiles, refuseIfReadOnly } from '../attachments/case-for-files.js';
import type { FilesDependencies } from '../attachments/files-dependencies.js';
import type { StaffPrincipal } from '../auth/principal.js';
import { type DocumentResponse, toDocumentResponse } from './document-response.js';
import { renderCaseDocument } from './render-case-document.js';
import { storeDocumentVersion } from './store-document-version.js';

export interface GenerateCaseDocumentRequest {
  caseNumber: string;
  kind: DocumentKind;
  /** For a 调解笔录: which session (1-based); the latest when not given. */
  sessionNumber?: number | undefined;
  /**
   * For the 人民调解协议书 before the settlement is recorded: the terms the parties sign (the same the
   * settle transition will carry). Ignored once the case is settled: the recorded terms are printed.
   */
  proposedSettlement?: SettleInput | undefined;
  /** For the 调解不成报告 before the failure is recorded: its reasons and the undisputed facts. */
  proposedFailure?: FailInput | undefined;
}

/**
 * The kind a version is kept under: the generator's kind in the file store's spelling, and for a
 * 调解笔录 the session, since each session has its own record and its own versions.
 */
export function storedKindOf(kind: DocumentKind, sessionNumber: number | undefined): string {
  const base = kind.replaceAll('_', '-');
  return kind === 'session_record' && sessionNumber !== undefined ? `${base}-${sessionNumber}` : base;
}

/**
 * What a .docx says, without when it was packed: every part but docProps/core.xml (whose created
 * and modified times change on each generation). Two generations from an unchanged case have the same
 * fingerprint.
 */
export function documentFingerprint(bytes: Uint8Array): string {
  const parts = unzipSync(bytes);
  const hash = createHash('sha256');
  for (const name of Object.keys(parts).sort()) {
    if (name === 'docProps/core.xml') continue;
    hash.update(`${name}\n`).update(parts[name]!);
  }
  return hash.digest('hex');
}

/**
 * Staff generate a document of a case from its current data and keep it in the case file. When the
 * case changed since the latest version of that document, the new one is the next version and the
 * earlier ones stay; when nothing it records changed (a retry, a second click), the latest version is
 * the answer and nothing new is kept. Refused like reading the case (404), on an archived case (409
 * with its stage) and when the case has nothing for that document yet (409 with its stage).
 */
export async function generateCaseDocument(
  deps: FilesDependencies & { centre: CentreSettings },
  principal: StaffPrincipal,
  request: GenerateCaseDocumentRequest,
): Promise<{ document: DocumentResponse; created: boolean }> {
  const found = await caseForFiles(deps, principal, { caseNumber: request.caseNumber });
  refuseIfReadOnly(found);
  const rendered = await renderCaseDocument(
    deps.db,
    principal,
    {
      caseNumber: found.caseNumber,
      kind: request.kind,
      sessionNumber: request.sessionNumber,
      proposedSettlement: request.proposedSettlement,
      proposedFailure: request.proposedFailure,
    },
    { centre: deps.centre, temporal: deps.temporal },
  );
  const kind = storedKindOf(request.kind, request.sessionNumber);
  const latest = await latestVersion(deps, found.caseNumber, kind);
  if (latest && latest.fingerprint === documentFingerprint(rendered.bytes)) {
    return { document: latest.response, created: false };
  }
  const document = await storeDocumentVersion(deps, {
    caseNumber: found.caseNumber,
    kind,
    bytes: rendered.bytes,
    actor: { kind: 'staff', id: principal.userId },
    fileName: rendered.fileName,
  });
  return { document, created: true };
}

async function latestVersion(deps: FilesDependencies, caseNumber: string, kind: string) {
  const [row] = await deps.db
    .select()
    .from(caseDocuments)
    .where(and(eq(caseDocuments.caseNumber, caseNumber), eq(caseDocuments.kind, kind)))
    .orderBy(desc(caseDocuments.version))
    .limit(1);
  if (!row) return undefined;
  const bytes = await deps.objectStore.get(row.objectKey);
  if (!bytes) return undefined;
  const [scan] = row.signedScanId
    ? await deps.db.select().from(caseAttachments).where(eq(caseAttachments.id, row.signedScanId)).limit(1)
    : [];
  return { fingerprint: documentFingerprint(bytes), response: toDocumentResponse(row, scan) };
}
