/**
 * Pure rules shared by workflows and activities. Nothing here touches the network, the disk or the
 * clock: every function takes its inputs (a calendar, a date) explicitly.
 */
export * from './calendar.js';
export * from './court-fees.js';
export * from './dates.js';
export * from './deadline-policy.js';
export * from './default-deadline-policies.js';
export * from './explain-deadline.js';
export * from './extensions.js';
export * from './holiday-data.js';
export * from './periods.js';
export * from './prosecution-deadline.js';
export * from './refusals.js';
export * from './stages.js';
export * from './transition-table.js';
export * from './transitions.js';
export * from './vocabulary.js';
