import { proxyActivities } from '@temporalio/workflow';
import type { DeliveryRequest } from '../activities/deliveries/deliver.js';
import type { CaseActivities } from '../activities/index.js';

export interface DeliveryOptions {
  /** First retry after this long, doubling up to the maximum; never gives up. */
  initialRetryInterval?: string;
  maximumRetryInterval?: string;
}

/**
 * One signed outbound delivery, retried until the receiver answers 2xx. Its own workflow (id = the
 * delivery id) so that a case can move on, be archived even, while a court's endpoint is down.
 */
export async function deliveryWorkflow(request: DeliveryRequest, options: DeliveryOptions = {}) {
  const { recordDelivery } = proxyActivities<CaseActivities>({ startToCloseTimeout: '30 seconds' });
  const { attemptDelivery } = proxyActivities<CaseActivities>({
    startToCloseTimeout: '1 minute',
    retry: {
      initialInterval: (options.initialRetryInterval ?? '10 seconds') as '1 second',
      backoffCoefficient: 2,
      maximumInterval: (options.maximumRetryInterval ?? '1 hour') as '1 second',
    },
  });
  await recordDelivery(request);
  return attemptDelivery(request);
}
