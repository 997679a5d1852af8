import { describe, expect, it } from 'vitest';
import { leadStatuses, leadTriageActions, leadTriageStep } from '../../../domain/screening-vocabulary.js';

/** Every status × every decision: R reported, W watching, M mediating, E escalated; '=' a retry, 'x' refused. */
const expected = {
  reported: { watch: 'W', mediate: 'M', escalate: 'E' },
  watching: { watch: '=', mediate: 'M', escalate: 'E' },
  mediating: { watch: 'x', mediate: '=', escalate: 'x' },
  escalated: { watch: 'x', mediate: 'x', escalate: '=' },
} as const;

const letterOf = { reported: 'R', watching: 'W', mediating: 'M', escalated: 'E' } as const;

describe('triaging a lead, every status × decision', () => {
  const cases = leadStatuses.flatMap((status) => leadTriageActions.map((action) => ({ status, action })));

  it.each(cases)('$action a $status lead', ({ status, action }) => {
    const step = leadTriageStep(status, action);
    const got = step.outcome === 'apply' ? letterOf[step.to] : step.outcome === 'same' ? '=' : 'x';
    expect(got).toBe(expected[status][action]);
  });
});
