import { Packer } from 'docx';
import type { DocumentInput } from './document-input.js';
import type { DocumentKind } from './document-kinds.js';
import type { ComposeOptions, Composer } from './kinds/composed.js';
import { composeConfirmationApplication } from './kinds/confirmation-application.js';
import { composeFailureRecord } from './kinds/failure-record.js';
import { composeFollowUpRecord } from './kinds/follow-up-record.js';
import { composeMediationAgreement } from './kinds/mediation-agreement.js';
import { composeMediationApplication } from './kinds/mediation-application.js';
import { composeSessionRecord } from './kinds/session-record.js';
import { composeSettlementPackageCover } from './kinds/settlement-package-cover.js';
import { officialDocument } from './layout.js';

export type { DocumentInput } from './document-input.js';
export type { DocumentKind } from './document-kinds.js';

const composers: Record<DocumentKind, Composer> = {
  mediation_application: composeMediationApplication,
  session_record: composeSessionRecord,
  mediation_agreement: composeMediationAgreement,
  failure_record: composeFailureRecord,
  follow_up_record: composeFollowUpRecord,
  confirmation_application: composeConfirmationApplication,
  settlement_package_cover: composeSettlementPackageCover,
};

export interface RenderedDocument {
  /** 人民调解协议书-HLBE-2026-000123.docx: the title and the case number. */
  fileName: string;
  bytes: Uint8Array;
}

/**
 * A document of the case as a Word file (.docx), built with the `docx` library. Throws the
 * `document_not_available` refusal when the case has nothing for it yet (no agreement, no visit …).
 */
export async function renderDocument(
  kind: DocumentKind,
  input: DocumentInput,
  options: ComposeOptions = {},
): Promise<Uint8Array> {
  return (await renderNamedDocument(kind, input, options)).bytes;
}

export async function renderNamedDocument(
  kind: DocumentKind,
  input: DocumentInput,
  options: ComposeOptions = {},
): Promise<RenderedDocument> {
  const composed = composers[kind](input, options);
  const buffer = await Packer.toBuffer(officialDocument(composed.title, composed.blocks));
  return {
    fileName: `${composed.title}-${input.caseNumber}.docx`,
    bytes: new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength),
  };
}
