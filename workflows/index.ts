export { calendarChangeWorkflow } from './calendar-change.workflow.js';
export { caseWorkflow } from './case.workflow.js';
export { deliveryWorkflow } from './delivery.workflow.js';
export { sessionReminderWorkflow } from './session-reminder.workflow.js';
export { timerProbeWorkflow } from './timer-probe.workflow.js';
