import type { WorkingDayCalendar } from './calendar.js';
import { chinaDateOf, type Instant, type IsoDate } from './dates.js';
import { type DeadlinePolicy, selectPolicy } from './deadline-policy.js';
import { type DeadlineExplanation, explainDeadline } from './explain-deadline.js';
import type { DateRange } from './periods.js';
import { subtractWorkingDays } from './periods.js';

/**
 * The deadline of a prosecution referral (检调对接): the local mediation period after signing, but never
 * later than the prosecutor's own review deadline minus a buffer of working days, because mediation time
 * is not excluded from the prosecutor's period (刑事诉讼法 art 172). Both policies are selected as in
 * force on the signing date.
 */
interface ProsecutionDeadlineInput {
  calendar: WorkingDayCalendar;
  policies: readonly DeadlinePolicy[];
  signedAt: Instant;
  /** The last day of the prosecutor's review period (审查起诉期限届满日), as the procuratorate states it. */
  prosecutorDueDate: IsoDate;
  extensions?: readonly { days: number }[];
  pauses?: readonly DateRange[];
}

interface ProsecutionDeadlineExplanation extends DeadlineExplanation {
  prosecutorDueDate: IsoDate;
  bufferWorkingDays: number;
  /** The last day mediation may run to: prosecutorDueDate minus the buffer. */
  latestMediationDate: IsoDate;
  /** The latest date is not after the signing date: there is no time left to mediate. */
  noTimeLeft: boolean;
}

export function explainProsecutionDeadline(input: ProsecutionDeadlineInput): ProsecutionDeadlineExplanation {
  const signedDate = chinaDateOf(input.signedAt);
  const mediation = selectPolicy(input.policies, 'prosecution.mediation', signedDate);
  const buffer = selectPolicy(input.policies, 'prosecution.buffer', signedDate);
  const latest = subtractWorkingDays(input.calendar, input.prosecutorDueDate, buffer.period.length);
  const explanation = explainDeadline({
    policy: mediation,
    startEvent: { kind: 'materials_signed', at: input.signedAt },
    calendar: input.calendar,
    ...(input.extensions && { extensions: input.extensions }),
    ...(input.pauses && { pauses: input.pauses }),
    notAfter: {
      date: latest.date,
      reason: `the prosecutor's review period ends on ${input.prosecutorDueDate}; ${buffer.period.length} working days are left to the prosecutor`,
      reasonZh: `审查起诉期限于${input.prosecutorDueDate}届满，须为检察机关预留${buffer.period.length}个工作日`,
    },
  });
  const unconfirmedYears = [...new Set([...explanation.unconfirmedYears, ...latest.unconfirmedYears])].sort(
    (a, b) => a - b,
  );
  return {
    ...explanation,
    calendarUnconfirmed: unconfirmedYears.length > 0,
    unconfirmedYears,
    prosecutorDueDate: input.prosecutorDueDate,
    bufferWorkingDays: buffer.period.length,
    latestMediationDate: latest.date,
    noTimeLeft: latest.date <= signedDate,
  };
}
