import { fileURLToPath } from 'node:url';
import type { DataConverter } from '@temporalio/common';
import {
  type ActivityInboundCallsInterceptor,
  bundleWorkflowCode,
  type NativeConnection,
  Worker,
  type WorkflowBundleOption,
  type WorkflowBundleWithSourceMap,
} from '@temporalio/worker';
import type { DeliverySettings } from '../activities/deliveries/deliver.js';
import { type CaseActivities, createActivities } from '../activities/index.js';
import type { Environment } from '../config/env.js';
import type { Database } from '../db/client.js';
import { lookupDigesterFor } from '../lib/lookup-digest.js';
import { outboundPolicyFrom } from './outbound-policy.js';
import { withoutQueryValues } from './safe-error.js';

const workflowsPath = fileURLToPath(new URL('../workflows/index.ts', import.meta.url));

/** Bundle the workflow code once (webpack, a few seconds); workers can share the bundle. */
export function bundleWorkflows(): Promise<WorkflowBundleWithSourceMap> {
  return bundleWorkflowCode({ workflowsPath, logger: { ...quietBundlerLogger } });
}

const noop = () => {};
const quietBundlerLogger = {
  log: noop,
  trace: noop,
  debug: noop,
  info: noop,
  warn: console.warn,
  error: console.error,
};

export interface CaseWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  db: Database;
  /** Encrypts payloads (system/payload-keys.ts); the clients that start and update cases use the same. */
  dataConverter: DataConverter;
  deliveries?: DeliverySettings;
  workflowBundle?: WorkflowBundleOption;
  /** The look-up key (LOOKUP_HASH_KEY, system/lookup-hash-key.ts): parties' numbers indexed by digest. */
  lookupHashKey?: string;
  /** Tests wrap the activities to inject faults (e.g. a crash after a commit). */
  wrapActivities?: (activities: CaseActivities) => CaseActivities;
  /** Workflows kept in memory between tasks (sticky cache); bounds the worker's memory. */
  maxCachedWorkflows?: number;
}

export function createCaseWorker(options: CaseWorkerOptions): Promise<Worker> {
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    dataConverter: options.dataConverter,
    ...(options.workflowBundle ? { workflowBundle: options.workflowBundle } : { workflowsPath }),
    ...(options.maxCachedWorkflows !== undefined ? { maxCachedWorkflows: options.maxCachedWorkflows } : {}),
    activities: (options.wrapActivities ?? ((a) => a))(
      createActivities({
        db: options.db,
        deliveries: options.deliveries ?? {},
        ...(options.lookupHashKey ? { lookupDigest: lookupDigesterFor(options.lookupHashKey) } : {}),
      }),
    ),
    interceptors: { activity: [() => ({ inbound: queryValuesStayInTheWorker })] },
  });
}

/**
 * A failed database write would report the values it tried to write (parties' ID and phone numbers)
 * in the worker's log and, as the activity's failure, in the case's workflow history: both get the
 * error without them.
 */
export const queryValuesStayInTheWorker: ActivityInboundCallsInterceptor = {
  async execute(input, next) {
    try {
      return await next(input);
    } catch (error) {
      throw withoutQueryValues(error);
    }
  },
};

/**
 * Outbound delivery settings from the environment (the webhook only when both URL and secret are set);
 * `embedded` for `npm start`'s demo, where plain http callbacks are allowed unless configured otherwise.
 */
export function deliverySettingsFrom(env: Environment, { embedded = false } = {}): DeliverySettings {
  return {
    outbound: outboundPolicyFrom(env, { embedded }),
    webhook:
      env.NOTIFY_WEBHOOK_URL && env.NOTIFY_WEBHOOK_SECRET
        ? { url: env.NOTIFY_WEBHOOK_URL, secret: env.NOTIFY_WEBHOOK_SECRET }
        : undefined,
    callbackSigningKey: env.CALLBACK_SIGNING_KEY,
  };
}
