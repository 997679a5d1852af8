export { caseWorkflow } from './case.workflow.js';
export { deliveryWorkflow } from './delivery.workflow.js';
