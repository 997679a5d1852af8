import type { OutboundPolicy } from '../../lib/outbound-url.js';

/**
 * The tests' receivers (test/helpers/receiver.ts) are plain http on loopback: allowed as an admin
 * would allow a host, through the setting (CALLBACK_ALLOWED_HOSTS=127.0.0.1, ALLOW_HTTP_CALLBACKS=true).
 */
export const testOutboundPolicy: OutboundPolicy = { allowHttp: true, allowedHosts: ['127.0.0.1'] };
