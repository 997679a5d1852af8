import { refuseField } from '../../domain/refusals.js';
import { checkOutboundUrl, type OutboundPolicy, strictOutboundPolicy } from '../../lib/outbound-url.js';

export type { OutboundPolicy } from '../../lib/outbound-url.js';

/**
 * A callback URL given to us (with a referral, or by an admin for an institution) is checked when it
 * arrives, so the caller hears at once that it will never be called: 422 naming the field. What a
 * host name resolves to is checked again at each delivery (lib/outbound-post.ts).
 */
export function assertCallbackUrlAllowed(
  policy: OutboundPolicy | undefined,
  url: string | null | undefined,
  field = 'callbackUrl',
): void {
  if (!url) return;
  const checked = checkOutboundUrl(url, policy ?? strictOutboundPolicy);
  if (!checked.ok) refuseField('callback_url_forbidden', field, checked.reason);
}
