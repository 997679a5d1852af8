import type { Client } from '@temporalio/client';
import type { PayloadCodec } from '@temporalio/common';
import type { Logger } from 'pino';
import type { DatabaseConnection } from '../db/client.js';
import type { LoginThrottle } from '../use-cases/auth/login-throttle.js';
import type { ConflictCheck } from '../use-cases/cases/check-candidate-conflicts.js';
import type { CentreSettings } from '../use-cases/documents/render-case-document.js';
import type { OutboundPolicy } from '../use-cases/shared/callback-url.js';
import { type ObjectStore, objectStoreOr } from '../use-cases/shared/object-store.js';

/** What the API needs from the outside world; it holds no state of its own. */
export interface AppDependencies {
  database: DatabaseConnection;
  temporal: Client;
  logger: Logger;
  /** Failed-login limits shared by the API and the dashboard; counted in PostgreSQL if not given. */
  loginThrottle?: LoginThrottle;
  /** Where the bytes of files live (OBJECT_STORE); the embedded default over `database` if not given. */
  objectStore?: ObjectStore;
  /** The codec endpoint for the Temporal web UI (CODEC_ENDPOINT=on); not given, /codec does not exist. */
  codecEndpoint?: CodecEndpoint | undefined;
  /** The assignment's conflict-of-interest check, for the picker on the case page; not shown if not given. */
  conflictCheck?: ConflictCheck;
  settings: {
    taskQueue: string;
    caseNumberPrefix: string;
    tokenSecret: string;
    tokenTtlSeconds: number;
    /** Key of the parties' look-up index (LOOKUP_HASH_KEY): duplicate warning and search by number. */
    lookupHashKey: string;
    /** Key from which each institution's callback secret is derived (CALLBACK_SIGNING_KEY). */
    callbackSigningKey?: string | undefined;
    /** Reverse proxies whose X-Forwarded-For names the client (TRUSTED_PROXIES): addresses, CIDR ranges. */
    trustedProxies?: readonly string[] | undefined;
    /** Where callback URLs may point (ALLOW_HTTP_CALLBACKS, CALLBACK_ALLOWED_HOSTS); strict if not given. */
    outbound?: OutboundPolicy | undefined;
    /** The largest attachment or signed scan accepted, in bytes (ATTACHMENT_MAX_BYTES); 20 MiB if not given. */
    attachmentMaxBytes?: number | undefined;
    /** The centre's names and numbering printed on generated documents (DOCUMENT_*). */
    documentCentre?: CentreSettings | undefined;
    /** A written settlement needs the agreement's signed scan first (SETTLE_REQUIRES_SIGNED_AGREEMENT). */
    settleRequiresSignedAgreement?: boolean | undefined;
  };
}

/** What the codec endpoint decodes with and whom it lets call it from a browser. */
export interface CodecEndpoint {
  /** The same codec the client and the worker use (the keys of PAYLOAD_ENCRYPTION_KEYS). */
  codec: PayloadCodec;
  /** The Temporal namespace the keys are for: a request naming another (X-Namespace) is refused. */
  namespace: string;
  /** The Temporal web UI's origin (CODEC_CORS_ORIGIN): the only one given CORS headers. */
  corsOrigin?: string | undefined;
  /** Access-Control-Allow-Credentials: the UI may send cookies (CODEC_CORS_ALLOW_CREDENTIALS). */
  allowCredentials: boolean;
}

/** What a staff transition needs: the case's workflow, the read model and the centre's rules for settling. */
export function transitionDependencies(deps: AppDependencies) {
  return {
    db: deps.database.db,
    temporal: deps.temporal,
    settleRequiresSignedAgreement: deps.settings.settleRequiresSignedAgreement === true,
  };
}

/** What starting a case needs (a registration, an institution's referral): one shape for every route. */
export function caseStartDependencies(deps: AppDependencies) {
  return {
    db: deps.database.db,
    temporal: deps.temporal,
    taskQueue: deps.settings.taskQueue,
    caseNumberPrefix: deps.settings.caseNumberPrefix,
    outbound: deps.settings.outbound,
  };
}

/** What finding cases by a party's ID number, credit code or phone needs: the digest index and its key. */
export function partyLookupDependencies(deps: AppDependencies) {
  return { db: deps.database.db, lookupHashKey: deps.settings.lookupHashKey };
}

/** What storing and reading files needs: the database for what they are, the store for their bytes. */
export function fileDependencies(deps: AppDependencies) {
  return {
    db: deps.database.db,
    temporal: deps.temporal,
    objectStore: objectStoreOr(deps.objectStore, deps.database.sql),
    maxBytes: deps.settings.attachmentMaxBytes ?? 20 * 1024 * 1024,
  };
}
