import type { Environment } from '../config/env.js';
import type { OutboundPolicy } from '../lib/outbound-url.js';

/**
 * Where callbacks may go, from ALLOW_HTTP_CALLBACKS and CALLBACK_ALLOWED_HOSTS. Plain http is allowed
 * only when asked for, or by default in the embedded demo (`npm start`), where receivers are often a
 * test server on a laptop; production entry points are https-only unless told otherwise.
 */
export function outboundPolicyFrom(env: Environment, { embedded }: { embedded: boolean }): OutboundPolicy {
  return {
    allowHttp: env.ALLOW_HTTP_CALLBACKS === undefined ? embedded : env.ALLOW_HTTP_CALLBACKS === 'true',
    allowedHosts: env.CALLBACK_ALLOWED_HOSTS,
  };
}
