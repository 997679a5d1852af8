import type { Client } from '@temporalio/client';
import { asc, eq } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Database } from '../../db/client.js';
import { caseAttachments, caseDocuments } from '../../db/schema/index.js';
import { caseForFiles } from '../attachments/case-for-files.js';
import type { Principal } from '../auth/principal.js';
import { type DocumentResponse, toDocumentResponse } from './document-response.js';

const signedScans = alias(caseAttachments, 'signed_scans');

/** Every version of every generated document of a case, by kind then version, with its signed scan. */
export async function documentVersionsOf(db: Database, caseNumber: string): Promise<DocumentResponse[]> {
  const rows = await db
    .select({ document: caseDocuments, scan: signedScans })
    .from(caseDocuments)
    .leftJoin(signedScans, eq(signedScans.id, caseDocuments.signedScanId))
    .where(eq(caseDocuments.caseNumber, caseNumber))
    .orderBy(asc(caseDocuments.generatedAt), asc(caseDocuments.kind), asc(caseDocuments.version));
  return rows.map((row) => toDocumentResponse(row.document, row.scan ?? undefined));
}

/** The case's generated documents, all versions, for staff who may see the case. Read-only. */
export async function listDocumentVersions(
  deps: { db: Database; temporal?: Client | undefined },
  principal: Principal,
  caseNumber: string,
): Promise<{ caseNumber: string; items: DocumentResponse[] }> {
  const found = await caseForFiles(deps, principal, { caseNumber });
  return { caseNumber: found.caseNumber, items: await documentVersionsOf(deps.db, found.caseNumber) };
}
