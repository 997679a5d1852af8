import { decideOnNonPerformanceUpdate } from './case.messages.js';
import { type CaseRuntime, registerCaseUpdate } from './case-updates.js';
import { checkPerformanceDecision, decideOnNonPerformance } from './performance-follow-through.js';

/** The mediator's decision when a visit found the agreement not performed. */
export function registerPerformanceHandlers(runtime: CaseRuntime): void {
  const { state, now } = runtime;
  registerCaseUpdate(runtime, decideOnNonPerformanceUpdate, {
    check: (input) => checkPerformanceDecision(state, input),
    apply: (input) => decideOnNonPerformance(state, input, now()),
  });
}
