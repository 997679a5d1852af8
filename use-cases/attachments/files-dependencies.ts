import type { Client } from '@temporalio/client';
import type { Database } from '../../db/client.js';
import type { ObjectStore } from '../shared/object-store.js';

/** What storing and reading a case's files needs. */
export interface FilesDependencies {
  db: Database;
  objectStore: ObjectStore;
  /** The largest file accepted, in bytes (ATTACHMENT_MAX_BYTES). */
  maxBytes: number;
  /** To find a case accepted a moment ago whose read model row is not written yet. */
  temporal?: Client | undefined;
}

/** Who stored a file, as the file records say. */
export type FileActor =
  | { kind: 'staff'; id: string }
  | { kind: 'institution'; id: string }
  | { kind: 'system'; id: string };
