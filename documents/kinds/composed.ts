import type { Paragraph, Table } from 'docx';
import { Refusal } from '../../domain/refusals.js';
import type { DocumentInput } from '../document-input.js';

/** A document before it is packed: its title (also the file's) and its blocks. */
export interface ComposedDocument {
  title: string;
  blocks: (Paragraph | Table)[];
}

export interface ComposeOptions {
  /** For a 调解笔录: which session (1-based); the latest when not given. */
  sessionNumber?: number;
}

export type Composer = (input: DocumentInput, options: ComposeOptions) => ComposedDocument;

/** The case lacks what the document records (no agreement yet, no follow-up visit …). */
export function notAvailable(what: string, reasonZh: string): Refusal {
  return new Refusal('document_not_available', { detail: `The case has no ${what} yet.`, reasonZh });
}
