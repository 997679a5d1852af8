import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { z } from 'zod';

/** A comma-separated list; blanks dropped. */
const commaSeparated = z
  .string()
  .default('')
  .transform((list) =>
    list
      .split(',')
      .map((entry) => entry.trim())
      .filter((entry) => entry !== ''),
  );

/** A TCP port: a clear message for `PORT=abc` rather than "expected number, received NaN". */
function portSetting(minimum: 0 | 1, fallback: number) {
  const message = `must be a port number from ${minimum} to 65535`;
  return z.coerce
    .number({ error: message })
    .int({ error: message })
    .min(minimum, { error: message })
    .max(65535, { error: message })
    .default(fallback);
}

/**
 * Every setting feisutong reads from the environment, in one place. The README's configuration table
 * mirrors this schema; secrets have no defaults in the repository.
 */
const environmentSchema = z.object({
  DATABASE_URL: z.string().url().optional(),
  TEMPORAL_ADDRESS: z.string().min(1).optional(),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default('feisutong-cases'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: portSetting(0, 3000),
  AUTH_TOKEN_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  AUTH_TOKEN_TTL_SECONDS: z.coerce
    .number()
    .int()
    .positive()
    .default(8 * 60 * 60),
  FEISUTONG_ADMIN_USERNAME: z.string().min(3).optional(),
  FEISUTONG_ADMIN_PASSWORD: z.string().min(12, 'must be at least 12 characters').optional(),
  CASE_NUMBER_PREFIX: z
    .string()
    .regex(/^[A-Z][A-Z0-9]{1,9}$/, 'must be 2–10 capital letters or digits')
    .default('HLBE'),
  /** The centre, its people's mediation committee and its court, as generated documents print them. */
  DOCUMENT_CENTRE_NAME: z.string().trim().min(2).max(60).default('呼伦贝尔市海拉尔区非诉讼纠纷调处中心'),
  DOCUMENT_COMMITTEE_NAME: z.string().trim().min(2).max(60).default('呼伦贝尔市海拉尔区人民调解委员会'),
  /** The committee's short form in document numbers: 海人调 → （2026）海人调字第123号. */
  DOCUMENT_NUMBER_PREFIX: z.string().trim().min(1).max(12).default('海人调'),
  /** The basic court where the committee sits: judicial confirmation of its own agreements (民事诉讼法 art 205). */
  DOCUMENT_CONFIRMATION_COURT: z.string().trim().min(2).max(60).default('呼伦贝尔市海拉尔区人民法院'),
  FEISUTONG_DATA_DIR: z.string().min(1).default('.data'),
  FEISUTONG_CACHE_DIR: z
    .string()
    .min(1)
    .default(join(homedir(), '.cache', 'feisutong')),
  EMBEDDED_POSTGRES_PORT: portSetting(1, 54329),
  TEMPORAL_DEV_PORT: portSetting(1, 7233),
  TEMPORAL_UI_PORT: portSetting(1, 8233),
  TEMPORAL_CLI_PATH: z.string().min(1).optional(),
  TEMPORAL_TEST_SERVER_PATH: z.string().min(1).optional(),
  NOTIFY_WEBHOOK_URL: z.string().url().optional(),
  NOTIFY_WEBHOOK_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  CALLBACK_SIGNING_KEY: z.string().min(32, 'must be at least 32 characters').optional(),
  /**
   * The operator's SMS provider endpoint: set, every text message of the outbox is a signed, retried
   * delivery to it (README: SMS payload); unset, `npm start` prints them on its console.
   */
  SMS_PROVIDER_URL: z.string().url().optional(),
  /** The secret shared with the SMS provider that signs each delivery; or SMS_PROVIDER_SECRET_FILE. */
  SMS_PROVIDER_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /** A file (mode 0600 or stricter) holding the SMS provider's secret, instead of SMS_PROVIDER_SECRET. */
  SMS_PROVIDER_SECRET_FILE: z.string().min(1).optional(),
  /**
   * Callbacks over plain http (not https). Unset: allowed in the embedded demo of `npm start`, refused
   * by `npm run api` and `npm run worker` (production).
   */
  ALLOW_HTTP_CALLBACKS: z.enum(['true', 'false']).optional(),
  /**
   * Hosts a callback may reach although they are loopback, private or link-local (comma-separated host
   * names, IP addresses or CIDR ranges), e.g. a court's endpoint on the government intranet.
   */
  CALLBACK_ALLOWED_HOSTS: commaSeparated.pipe(
    z.array(
      z.union(
        [z.ipv4(), z.ipv6(), z.cidrv4(), z.cidrv6(), z.hostname()],
        'must be a host name, an IP address or a CIDR range',
      ),
    ),
  ),
  /** Workflows kept in the worker's memory between tasks: the main lever on worker memory. */
  WORKER_MAX_CACHED_WORKFLOWS: z.coerce.number().int().min(0).default(50),
  /**
   * A workflow bundle built ahead (`npm run build:workflows`): the worker loads it instead of running
   * webpack at start, which is faster and keeps the bundler's memory out of the worker's.
   */
  WORKFLOW_BUNDLE_PATH: z.string().min(1).optional(),
  /**
   * Keys that encrypt workflow payloads in Temporal (AES-256-GCM): `id:base64,id:base64`, 32 bytes each;
   * the first encrypts, all decrypt (rotation). Required by `npm run api` and `npm run worker`; the
   * embedded start makes one in the data folder (mode 0600) when unset.
   */
  PAYLOAD_ENCRYPTION_KEYS: z.string().min(1).optional(),
  /**
   * The codec endpoint (`/codec/decode`, `/codec/encode`) through which the Temporal web UI and CLI show
   * decrypted payloads to admins (README: Reading payloads in the Temporal UI). Off by default: off, the
   * path answers 404 like any unknown one.
   */
  CODEC_ENDPOINT: z.enum(['on', 'off'], "must be 'on' or 'off'").default('off'),
  /** The Temporal web UI's origin (`http://localhost:8233`): the one origin given CORS headers. */
  CODEC_CORS_ORIGIN: z
    .string()
    .refine(
      (text) => /^https?:\/\/[^/?#\s]+$/.test(text) && URL.canParse(text) && new URL(text).origin === text,
      'must be an origin: scheme, host and port only, e.g. http://localhost:8233',
    )
    .optional(),
  /** `true`: the UI may send its cookies too (Access-Control-Allow-Credentials), for a UI behind a sign-in proxy. */
  CODEC_CORS_ALLOW_CREDENTIALS: z.enum(['true', 'false'], "must be 'true' or 'false'").default('false'),
  /**
   * The key of the parties' look-up index (HMAC-SHA-256 of ID numbers, credit codes and phones), at
   * least 32 characters; every API and worker copy needs the same one. Required by `npm run api` and
   * `npm run worker`; the embedded start keeps one in the data folder (mode 0600) when unset. Changing
   * it needs `npm run lookup:backfill -- --rebuild`.
   */
  LOOKUP_HASH_KEY: z.string().min(32, 'must be at least 32 characters').optional(),
  FEISUTONG_DEMO_SEED: z.enum(['true', 'false']).default('true'),
  /** Reverse proxies (comma-separated addresses or CIDR ranges) whose X-Forwarded-For names the client. */
  TRUSTED_PROXIES: commaSeparated.pipe(
    z.array(z.union([z.ipv4(), z.ipv6(), z.cidrv4(), z.cidrv6()], 'must be an IP address or CIDR range')),
  ),
  /**
   * Where the bytes of attachments and generated documents live: `postgres` (the default; a table in
   * the application's database, no other server) or `s3` (S3-compatible object storage, S3_* below).
   */
  OBJECT_STORE: z.enum(['postgres', 's3']).default('postgres'),
  /** The S3 endpoint (e.g. https://oss-cn-beijing.aliyuncs.com); unset: AWS itself. */
  S3_ENDPOINT: z.string().url().optional(),
  S3_BUCKET: z.string().min(3).max(63).optional(),
  S3_REGION: z.string().min(1).default('us-east-1'),
  /** Bucket in the path rather than the host name: what most self-hosted S3 servers need. */
  S3_FORCE_PATH_STYLE: z.enum(['true', 'false']).default('false'),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  /**
   * A file (mode 0600 or stricter) holding `{"accessKeyId": "…", "secretAccessKey": "…"}`, instead of
   * the two variables above. Neither: the AWS SDK's own chain (its environment variables, an instance role).
   */
  S3_CREDENTIALS_FILE: z.string().min(1).optional(),
  /** The largest file accepted as an attachment or a signed scan, in bytes (default 20 MiB). */
  ATTACHMENT_MAX_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .max(512 * 1024 * 1024)
    .default(20 * 1024 * 1024),
  /**
   * A written settlement is recorded only once the signed and sealed scan of the 人民调解协议书 is
   * uploaded (人民调解法 art 29: the agreement takes effect on signature and seal). Off by default.
   */
  SETTLE_REQUIRES_SIGNED_AGREEMENT: z.enum(['true', 'false']).default('false'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Environment = z.infer<typeof environmentSchema>;

/** Every variable name feisutong reads. */
export const environmentKeys = Object.keys(environmentSchema.shape) as (keyof Environment)[];

/** The centre's settings for generated documents (documents/document-input.ts CentreSettings). */
export function documentCentreSettings(environment: Environment) {
  return {
    centreName: environment.DOCUMENT_CENTRE_NAME,
    committeeName: environment.DOCUMENT_COMMITTEE_NAME,
    documentNumberPrefix: environment.DOCUMENT_NUMBER_PREFIX,
    defaultConfirmationCourt: environment.DOCUMENT_CONFIRMATION_COURT,
  };
}

export class ConfigurationError extends Error {
  override name = 'ConfigurationError';
  /** One entry per wrong variable: `PORT: expected a number`. */
  readonly issues: string[];
  constructor(issues: string[]) {
    super(`Invalid configuration:\n${issues.map((issue) => `  ${issue}`).join('\n')}`);
    this.issues = issues;
  }
}

export function readEnvironment(source: NodeJS.ProcessEnv = process.env): Environment {
  const present = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ''));
  const parsed = environmentSchema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigurationError(
      parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`),
    );
  }
  return { ...parsed.data, FEISUTONG_DATA_DIR: resolve(parsed.data.FEISUTONG_DATA_DIR) };
}
