import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import { ParentClosePolicy, patched, startChild } from '@temporalio/workflow';
import type { DeliveryRequest } from '../activities/deliveries/deliver.js';
import type { NotifyInput } from '../activities/notify.js';
import { notify } from './case-activities.js';
import { type DeliveryOptions, deliveryWorkflow } from './delivery.workflow.js';

/**
 * Start a signed delivery as its own workflow, abandoned by the case: it keeps retrying even after
 * the case is archived. Starting it twice (a replayed or repeated step) is harmless.
 */
export async function startDelivery(request: DeliveryRequest, options: DeliveryOptions = {}): Promise<void> {
  try {
    await startChild(deliveryWorkflow, {
      workflowId: `delivery-${request.deliveryId}`,
      args: [request, options],
      parentClosePolicy: ParentClosePolicy.ABANDON,
    });
  } catch (error) {
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
  }
}

/** The inbox, and the centre's notification webhook when one is configured. */
export async function notifyCase(input: NotifyInput): Promise<void> {
  const result = await notify(input);
  // Histories from before the webhook existed replay without it (their notify returned a count).
  if (patched('notification-webhook') && typeof result === 'object' && result.webhook) {
    await startDelivery({
      deliveryId: `notify-${input.key.replaceAll(':', '-')}`,
      kind: `notification.${input.kind}`,
      caseNumber: input.caseNumber,
      target: { kind: 'webhook' },
      body: {
        caseNumber: input.caseNumber,
        title: input.title,
        body: input.body,
        at: input.at,
        recipients: input.recipients,
      },
      createdAt: input.at,
    });
  }
}
