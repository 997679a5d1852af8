import type { WorkingDayCalendar } from './calendar.js';
import {
  addDays,
  chinaDateOf,
  chinaTimeOnDate,
  daysBetween,
  endOfChinaDay,
  endOfChinaDayEpochMilliseconds,
  type Instant,
  type IsoDate,
  instantToEpochMilliseconds,
  weekdayNameZh,
} from './dates.js';
import { type DeadlinePolicy, type StartEventKind, startEventLabelsZh } from './deadline-policy.js';
import { countPeriod, type DateRange, type Period, periodUnitLabelsZh, type SkippedDay } from './periods.js';
import { Refusal } from './refusals.js';

/** Reminders go out at 09:00 China time, at the start of the office day. */
const reminderHourChina = 9;

interface ExplainDeadlineInput {
  policy: DeadlinePolicy;
  startEvent: { kind: StartEventKind; at: Instant };
  calendar: WorkingDayCalendar;
  /** Extensions granted so far, in the period's unit (calendar days for a month period). */
  extensions?: readonly { days: number }[];
  /** Time not counted (appraisal 鉴定), as inclusive China date ranges. */
  pauses?: readonly DateRange[];
  /** A latest possible due date imposed from outside (e.g. the prosecutor's buffer). */
  notAfter?: { date: IsoDate; reason: string; reasonZh: string };
}

export interface DeadlineReminder {
  date: IsoDate;
  /** ISO instant (UTC) of 09:00 China time on `date`. */
  at: string;
  atEpochMilliseconds: number;
  trigger: 'days_before' | 'fraction';
  value: number;
}

export interface DeadlineExplanation {
  policyId: string;
  policyKey: DeadlinePolicy['key'];
  rule: string;
  ruleZh: string;
  source: string;
  startEvent: { kind: StartEventKind; kindZh: string; at: string; date: IsoDate };
  period: Period;
  extensionDays: number;
  pausedDays: IsoDate[];
  skipped: SkippedDay[];
  rolledOver: boolean;
  /** The period's last day before any roll-over. */
  unrolledDueDate: IsoDate;
  calendarUnconfirmed: boolean;
  unconfirmedYears: number[];
  /** The outside limit, if one was given, and whether it moved the due date earlier. */
  cap: { date: IsoDate; reason: string; reasonZh: string; applied: boolean; uncappedDueDate: IsoDate } | null;
  reminders: DeadlineReminder[];
  dueDate: IsoDate;
  /** ISO instant (UTC) of 23:59:59.999 China time on the due date: a deadline falls due at the end of its last day. */
  dueAt: string;
  dueAtEpochMilliseconds: number;
  summaryZh: string;
}

function totalExtensionDays(policy: DeadlinePolicy, extensions: readonly { days: number }[]): number {
  const total = extensions.reduce((sum, extension) => sum + extension.days, 0);
  if (!extensions.every((extension) => Number.isSafeInteger(extension.days) && extension.days >= 1)) {
    throw new Refusal('invalid_extension_days', {
      detail: 'each extension is a positive whole number of days',
    });
  }
  if (total > 0 && policy.extension == null) {
    throw new Refusal('extension_not_allowed', {
      detail: `the deadline '${policy.key}' cannot be extended`,
      reasonZh: '该期限不得延长',
    });
  }
  const maxDays = policy.extension?.maxDays;
  if (maxDays != null && total > maxDays) {
    throw new Refusal('extension_cap_exceeded', {
      detail: `extensions total ${total} days; '${policy.id}' allows at most ${maxDays}`,
      reasonZh: `累计延长${total}日，超过上限${maxDays}日`,
    });
  }
  return total;
}

function remindersFor(
  policy: DeadlinePolicy,
  calendar: WorkingDayCalendar,
  startDate: IsoDate,
  dueDate: IsoDate,
): DeadlineReminder[] {
  const span = daysBetween(startDate, dueDate);
  const points = [
    ...policy.reminders.daysBefore.map((days) => ({
      trigger: 'days_before' as const,
      value: days,
      date: addDays(dueDate, -days),
    })),
    // The small epsilon keeps 0.8 × 15 = 12.000000000000002 and 0.29 × 100 = 28.999999999999996 whole.
    ...policy.reminders.fractions.map((fraction) => ({
      trigger: 'fraction' as const,
      value: fraction,
      date: addDays(startDate, Math.floor(span * fraction + 1e-9)),
    })),
  ];
  const byDate = new Map<IsoDate, DeadlineReminder>();
  for (const point of points) {
    // A reminder on a rest day reaches nobody: send it on the working day before.
    let date = point.date;
    while (date > startDate && !calendar.isWorkingDay(date)) date = addDays(date, -1);
    if (date <= startDate || date >= dueDate || byDate.has(date)) continue;
    const at = chinaTimeOnDate(date, reminderHourChina);
    byDate.set(date, {
      date,
      at,
      atEpochMilliseconds: instantToEpochMilliseconds(at),
      trigger: point.trigger,
      value: point.value,
    });
  }
  return [...byDate.values()].sort((a, b) => (a.date < b.date ? -1 : 1));
}

function describeRest(day: SkippedDay | undefined): string {
  if (day === undefined) return '休息日';
  return day.why === 'holiday' ? `${day.name ?? '法定节假日'}假期` : '周末';
}

/** The weekday, and for a Saturday or Sunday worked in exchange for a holiday, that it is 调休上班. */
function dayLabelZh(calendar: WorkingDayCalendar, date: IsoDate): string {
  const weekday = weekdayNameZh(date);
  if (!calendar.isMakeUpWorkday(date)) return weekday;
  const name = calendar.dayInfo(date).name;
  return `${weekday}，${name ?? ''}调休上班`;
}

/** The make-up working days (调休上班) counted inside a working-day period. */
function makeUpWorkdaysCounted(calendar: WorkingDayCalendar, start: IsoDate, last: IsoDate): IsoDate[] {
  const days: IsoDate[] = [];
  for (let date = addDays(start, 1); date <= last; date = addDays(date, 1)) {
    if (calendar.isMakeUpWorkday(date)) days.push(date);
  }
  return days;
}

/** 民事诉讼法 art 85 para 2 (2023 text): a period whose last day is a rest day ends on the next working day. */
const rollOverSourceZh = '依《中华人民共和国民事诉讼法》第八十五条';

/** The holidays the law fixes in every year, whatever the yearly 调休 notice says. */
const statutoryHolidaySourceZh = '《全国年节及纪念日放假办法》第二条';

function summaryZhOf(
  explanation: Omit<DeadlineExplanation, 'summaryZh'>,
  calendar: WorkingDayCalendar,
): string {
  const { period, startEvent, extensionDays, pausedDays, skipped, dueDate, cap } = explanation;
  const uncappedDueDate = cap?.applied ? cap.uncappedDueDate : dueDate;
  const extensionUnitZh = period.unit === 'working_days' ? periodUnitLabelsZh.working_days : '日';
  const clauses = [
    `本案自${startEvent.date}${startEvent.kindZh}次日起算${period.length}${periodUnitLabelsZh[period.unit]}`,
  ];
  if (extensionDays > 0) clauses.push(`延长${extensionDays}${extensionUnitZh}`);
  if (pausedDays.length > 0) clauses.push(`鉴定等中止期间${pausedDays.length}日不计入`);
  if (period.unit === 'working_days' && skipped.length > 0)
    clauses.push(`其间${skipped.length}个休息日不计算`);
  if (period.unit === 'working_days') {
    const madeUp = makeUpWorkdaysCounted(calendar, startEvent.date, explanation.unrolledDueDate);
    if (madeUp.length > 0) {
      const days = madeUp.map((date) => `${date}（${dayLabelZh(calendar, date)}）`).join('、');
      clauses.push(`${days}为调休上班日，计为工作日`);
    }
  }
  const lastDay = explanation.unrolledDueDate;
  if (explanation.rolledOver) {
    const rest = describeRest(skipped.find((day) => day.date === lastDay));
    clauses.push(
      `期间最后一日${lastDay}为${rest}，${rollOverSourceZh}顺延至${uncappedDueDate}（${dayLabelZh(calendar, uncappedDueDate)}）`,
    );
  } else {
    const would = cap?.applied ? '本应' : '';
    clauses.push(`${would}于${uncappedDueDate}（${dayLabelZh(calendar, uncappedDueDate)}）届满`);
  }
  let text = `${explanation.ruleZh}${clauses.join('，')}`;
  if (cap?.applied) text += `；${cap.reasonZh}，截止日提前至${dueDate}（${dayLabelZh(calendar, dueDate)}）`;
  text += `；截止时间为北京时间${dueDate} 23:59:59。`;
  if (explanation.calendarUnconfirmed) {
    text +=
      `注意：${explanation.unconfirmedYears.join('、')}年调休安排尚未公布，本期限已按${statutoryHolidaySourceZh}` +
      '规定的法定节假日和周末推算，调休休息日和调休上班日未计入，公布后须复核。';
  }
  return text;
}

/**
 * Computes a deadline under its policy and explains it: the rule and its source, the start event and
 * date, the period, extensions and pauses applied, rest days skipped or rolled over, whether the
 * calendar is confirmed, reminder dates, the due date and instant, and a paragraph for staff.
 */
export function explainDeadline(input: ExplainDeadlineInput): DeadlineExplanation {
  const { policy, startEvent, calendar } = input;
  if (startEvent.kind !== policy.startEvent) {
    throw new Refusal('start_event_mismatch', {
      detail: `'${policy.key}' starts on '${policy.startEvent}', not '${startEvent.kind}'`,
    });
  }
  if (policy.direction !== 'after') {
    throw new Refusal('unsupported_policy', {
      detail: `'${policy.key}' is a buffer counted back from its anchor; use subtractWorkingDays`,
    });
  }
  const startAt = new Date(instantToEpochMilliseconds(startEvent.at)).toISOString();
  const startDate = chinaDateOf(startEvent.at);
  const extensionDays = totalExtensionDays(policy, input.extensions ?? []);
  const counted = countPeriod(calendar, startDate, policy.period, {
    extensionLength: extensionDays,
    pauses: input.pauses ?? [],
  });
  const capApplies = input.notAfter !== undefined && input.notAfter.date < counted.dueDate;
  const dueDate = capApplies ? input.notAfter!.date : counted.dueDate;

  const explanation: Omit<DeadlineExplanation, 'summaryZh'> = {
    policyId: policy.id,
    policyKey: policy.key,
    rule: policy.rule,
    ruleZh: policy.ruleZh,
    source: policy.source,
    startEvent: {
      kind: startEvent.kind,
      kindZh: startEventLabelsZh[startEvent.kind],
      at: startAt,
      date: startDate,
    },
    period: { unit: policy.period.unit, length: policy.period.length },
    extensionDays,
    pausedDays: counted.pausedDays,
    skipped: counted.skipped,
    rolledOver: counted.rolledOver,
    unrolledDueDate: counted.unrolledDueDate,
    calendarUnconfirmed: counted.calendarUnconfirmed,
    unconfirmedYears: counted.unconfirmedYears,
    cap: input.notAfter ? { ...input.notAfter, applied: capApplies, uncappedDueDate: counted.dueDate } : null,
    reminders: remindersFor(policy, calendar, startDate, dueDate),
    dueDate,
    dueAt: endOfChinaDay(dueDate),
    dueAtEpochMilliseconds: endOfChinaDayEpochMilliseconds(dueDate),
  };
  return { ...explanation, summaryZh: summaryZhOf(explanation, calendar) };
}

type DeadlineComputation = Pick<
  DeadlineExplanation,
  | 'policyId'
  | 'dueDate'
  | 'dueAt'
  | 'dueAtEpochMilliseconds'
  | 'reminders'
  | 'calendarUnconfirmed'
  | 'unconfirmedYears'
>;

/** The due date, instant and reminders only: what a workflow keeps to set its timers. */
export function computeDeadline(input: ExplainDeadlineInput): DeadlineComputation {
  const {
    policyId,
    dueDate,
    dueAt,
    dueAtEpochMilliseconds,
    reminders,
    calendarUnconfirmed,
    unconfirmedYears,
  } = explainDeadline(input);
  return {
    policyId,
    dueDate,
    dueAt,
    dueAtEpochMilliseconds,
    reminders,
    calendarUnconfirmed,
    unconfirmedYears,
  };
}
