import type { Client } from '@temporalio/client';
import { asc, eq } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { caseSessions, users } from '../../db/schema/index.js';
import type { CentreSettings } from '../../documents/document-input.js';
import { documentInputFromCase } from '../../documents/document-input-from-case.js';
import type { DocumentKind } from '../../documents/document-kinds.js';
import { renderNamedDocument } from '../../documents/render-document.js';
import { Refusal } from '../../domain/refusals.js';
import type { FailInput, SettleInput } from '../../workflows/case.messages.js';
import type { Principal } from '../auth/principal.js';
import { findVisibleCase } from '../cases/read-case.js';

export interface RenderCaseDocumentRequest {
  caseNumber: string;
  kind: DocumentKind;
  /** For a 调解笔录: which session (1-based); the latest when not given. */
  sessionNumber?: number;
  /** For an agreement printed to be signed before the settlement is recorded: its terms. */
  proposedSettlement?: SettleInput | undefined;
  /** For a 调解不成报告 printed to be signed before the failure is recorded: its reasons and facts. */
  proposedFailure?: FailInput | undefined;
}

export interface RenderCaseDocumentDependencies {
  /** The centre's names and numbering (config/env.ts documentCentreSettings). */
  centre: CentreSettings;
  temporal?: Client;
  /** The day the document is issued; today in China time when not given. */
  issuedOn?: string;
}

export interface RenderedCaseDocument {
  fileName: string;
  bytes: Uint8Array;
}

/**
 * A generated document of a case (.docx), for whoever may see the case (404 otherwise, like reading
 * it): the case's view from the read model, its sessions (each with the mediator who held it) and its
 * mediator's name. Nothing is stored here; storing and versioning the document is the caller's (object
 * storage, issue 15). The document holds the parties' personal data in full, so neither it nor its
 * content is logged.
 */
export async function renderCaseDocument(
  db: Database,
  principal: Principal,
  request: RenderCaseDocumentRequest,
  dependencies: RenderCaseDocumentDependencies,
): Promise<RenderedCaseDocument> {
  const { found } = await findVisibleCase(db, principal, request.caseNumber, dependencies.temporal);
  const [sessions, mediatorName] = await Promise.all([
    db
      .select({
        heldAt: caseSessions.heldAt,
        location: caseSessions.location,
        summary: caseSessions.summary,
        mediatorName: users.displayName,
      })
      .from(caseSessions)
      .leftJoin(users, eq(users.id, caseSessions.mediatorId))
      .where(eq(caseSessions.caseNumber, request.caseNumber))
      .orderBy(asc(caseSessions.heldAt), asc(caseSessions.seq)),
    mediatorNameOf(db, found.view.assigneeId),
  ]);
  const input = documentInputFromCase(found.view, dependencies.centre, {
    sessions: sessions.map((session) => ({ ...session, heldAt: session.heldAt.toISOString() })),
    mediatorName,
    proposedSettlement: request.kind === 'mediation_agreement' ? request.proposedSettlement : undefined,
    proposedFailure: request.kind === 'failure_record' ? request.proposedFailure : undefined,
    ...(dependencies.issuedOn ? { issuedOn: dependencies.issuedOn } : {}),
  });
  try {
    return await renderNamedDocument(request.kind, input, { sessionNumber: request.sessionNumber });
  } catch (error) {
    // The case lacks what the document records: say at which stage it is, like an illegal transition.
    if (error instanceof Refusal && error.code === 'document_not_available') {
      throw new Refusal('document_not_available', { ...error.details, currentStage: found.stage });
    }
    throw error;
  }
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function mediatorNameOf(db: Database, assigneeId: string | null): Promise<string | null> {
  // An imported case may name its mediator by something that is not an account id.
  if (!assigneeId || !uuidPattern.test(assigneeId)) return null;
  const [row] = await db
    .select({ displayName: users.displayName })
    .from(users)
    .where(eq(users.id, assigneeId))
    .limit(1);
  return row?.displayName ?? null;
}

export type { CentreSettings } from '../../documents/document-input.js';
