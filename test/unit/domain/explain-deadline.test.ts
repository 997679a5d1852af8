import { describe, expect, it } from 'vitest';
import { createCalendar } from '../../../domain/calendar.js';
import { selectPolicy } from '../../../domain/deadline-policy.js';
import { defaultDeadlinePolicies } from '../../../domain/default-deadline-policies.js';
import { computeDeadline, explainDeadline } from '../../../domain/explain-deadline.js';
import { explainProsecutionDeadline } from '../../../domain/prosecution-deadline.js';
import { Refusal } from '../../../domain/refusals.js';

const calendar = createCalendar();
const policy = (key: Parameters<typeof selectPolicy>[1], onDate = '2026-02-10') =>
  selectPolicy(defaultDeadlinePolicies, key, onDate);

describe('explaining a court entrustment signed for on 2026-02-10', () => {
  const explanation = explainDeadline({
    policy: policy('court.entrusted.ordinary'),
    startEvent: { kind: 'materials_signed', at: '2026-02-10T10:30:00+08:00' },
    calendar,
  });

  it('states the rule, its source and the start', () => {
    expect(explanation.policyId).toBe('court.entrusted.ordinary@2025-01-01');
    expect(explanation.source).toContain('关于严格依法规范民事案件立案与调解工作的意见');
    expect(explanation.startEvent).toEqual({
      kind: 'materials_signed',
      kindZh: '签收',
      at: '2026-02-10T02:30:00.000Z',
      date: '2026-02-10',
    });
    expect(explanation.period).toEqual({ unit: 'calendar_days', length: 15 });
  });

  it('falls due at the end of 25 Feb China time: 15 days, the Spring Festival counted in the middle', () => {
    expect(explanation.dueDate).toBe('2026-02-25');
    expect(explanation.dueAt).toBe('2026-02-25T15:59:59.999Z');
    expect(explanation.dueAtEpochMilliseconds).toBe(Date.UTC(2026, 1, 25, 15, 59, 59, 999));
    expect(explanation.rolledOver).toBe(false);
    expect(explanation.skipped).toEqual([]);
    expect(explanation.extensionDays).toBe(0);
    expect(explanation.pausedDays).toEqual([]);
    expect(explanation.calendarUnconfirmed).toBe(false);
    expect(explanation.cap).toBeNull();
  });

  it('moves reminders that fall in the holiday back to the make-up Saturday before it', () => {
    // 2 days before = 23 Feb and 80% (day 12) = 22 Feb are both 春节: the last working day before is Sat 14 Feb.
    expect(explanation.reminders).toEqual([
      {
        date: '2026-02-14',
        at: '2026-02-14T01:00:00.000Z',
        atEpochMilliseconds: Date.UTC(2026, 1, 14, 1),
        trigger: 'days_before',
        value: 2,
      },
    ]);
  });

  it('says it in one paragraph for staff', () => {
    expect(explanation.summaryZh).toBe(
      '委托调解（普通程序）自签收材料次日起15日；双方当事人同意的，可延长不超过30日；鉴定期间不计入。' +
        '本案自2026-02-10签收次日起算15日，于2026-02-25（星期三）届满；截止时间为北京时间2026-02-25 23:59:59。',
    );
  });
});

describe('explaining other deadlines', () => {
  it('rolls a 7-day entrustment ending in the Spring Festival over and says why', () => {
    const explanation = explainDeadline({
      policy: policy('court.entrusted.simple'),
      startEvent: { kind: 'materials_signed', at: '2026-02-10T09:00:00+08:00' },
      calendar,
    });
    expect(explanation.unrolledDueDate).toBe('2026-02-17');
    expect(explanation.dueDate).toBe('2026-02-24');
    expect(explanation.rolledOver).toBe(true);
    expect(explanation.summaryZh).toContain(
      '期间最后一日2026-02-17为春节假期，依《中华人民共和国民事诉讼法》第八十五条顺延至2026-02-24（星期二）',
    );
  });

  it('calls a make-up working Saturday on which a period ends 调休上班, not just 星期六', () => {
    // Fri 13 Feb 2026 + 15 days = Sat 28 Feb, a make-up working day after the Spring Festival.
    const explanation = explainDeadline({
      policy: policy('court.entrusted.ordinary', '2026-02-13'),
      startEvent: { kind: 'materials_signed', at: '2026-02-13T09:00:00+08:00' },
      calendar,
    });
    expect(explanation.dueDate).toBe('2026-02-28');
    expect(explanation.rolledOver).toBe(false);
    expect(explanation.summaryZh).toContain('于2026-02-28（星期六，春节调休上班）届满');
  });

  it('cites art 85 when a period rolls over a weekend', () => {
    const explanation = explainDeadline({
      policy: policy('court.entrusted.simple', '2026-03-07'),
      startEvent: { kind: 'materials_signed', at: '2026-03-07T09:00:00+08:00' },
      calendar,
    });
    // Sat 7 Mar + 7 = Sat 14 Mar → Mon 16 Mar.
    expect(explanation.dueDate).toBe('2026-03-16');
    expect(explanation.summaryZh).toContain(
      '期间最后一日2026-03-14为周末，依《中华人民共和国民事诉讼法》第八十五条顺延至2026-03-16（星期一）',
    );
  });

  it('takes the start date in China time, not UTC', () => {
    const explanation = computeDeadline({
      policy: policy('stage.simple'),
      startEvent: { kind: 'triaged', at: '2026-03-01T17:00:00Z' }, // 01:00 on 2 Mar in Beijing
      calendar,
    });
    expect(explanation.dueDate).toBe('2026-03-09'); // 2 Mar + 7 = Mon 9 Mar
  });

  it('applies extensions and pauses and mentions them', () => {
    const explanation = explainDeadline({
      policy: policy('court.entrusted.ordinary', '2026-03-02'),
      startEvent: { kind: 'materials_signed', at: '2026-03-02T09:00:00+08:00' },
      calendar,
      extensions: [{ days: 10 }, { days: 5 }],
      pauses: [{ from: '2026-03-10', to: '2026-03-12' }],
    });
    // 15 + 15 days + 3 paused = 33 days after 2 Mar = Sat 4 Apr (清明) → off to Mon 6 Apr → Tue 7 Apr.
    expect(explanation.extensionDays).toBe(15);
    expect(explanation.pausedDays).toEqual(['2026-03-10', '2026-03-11', '2026-03-12']);
    expect(explanation.unrolledDueDate).toBe('2026-04-04');
    expect(explanation.dueDate).toBe('2026-04-07');
    expect(explanation.summaryZh).toContain('延长15日，鉴定等中止期间3日不计入');
    expect(explanation.summaryZh).toContain('为清明假期');
  });

  it('refuses extensions over the cap of the era in force', () => {
    const over = () =>
      explainDeadline({
        policy: policy('court.entrusted.ordinary', '2025-01-01'),
        startEvent: { kind: 'materials_signed', at: '2025-01-02T09:00:00+08:00' },
        calendar,
        extensions: [{ days: 31 }],
      });
    expect(over).toThrow(Refusal);
    expect(over).toThrow(/at most 30/);
    const uncapped = explainDeadline({
      policy: policy('court.entrusted.ordinary', '2024-12-31'),
      startEvent: { kind: 'materials_signed', at: '2024-12-31T09:00:00+08:00' },
      calendar,
      extensions: [{ days: 45 }],
    });
    expect(uncapped.extensionDays).toBe(45);
  });

  it('flags a deadline in an unconfirmed year in the data and the summary', () => {
    const explanation = explainDeadline({
      policy: policy('court.delegated', '2026-12-20'),
      startEvent: { kind: 'materials_signed', at: '2026-12-20T09:00:00+08:00' },
      calendar,
    });
    expect(explanation.dueDate).toBe('2027-01-19'); // a Tuesday, weekends only
    expect(explanation.calendarUnconfirmed).toBe(true);
    expect(explanation.unconfirmedYears).toEqual([2027]);
    expect(explanation.summaryZh).toContain(
      '注意：2027年调休安排尚未公布，本期限已按《全国年节及纪念日放假办法》第二条规定的法定节假日和周末推算',
    );
  });

  it('counts working days and says how many rest days were skipped', () => {
    const explanation = explainDeadline({
      policy: policy('court.acceptance', '2026-02-12'),
      startEvent: { kind: 'referral_received', at: '2026-02-12T16:00:00+08:00' },
      calendar,
    });
    expect(explanation.dueDate).toBe('2026-02-24');
    expect(explanation.summaryZh).toContain(
      '起算3个工作日，其间9个休息日不计算，2026-02-14（星期六，春节调休上班）为调休上班日，计为工作日',
    );
  });

  it('counts the prosecutor’s one-month review to a make-up Saturday', () => {
    const explanation = explainDeadline({
      policy: policy('prosecution.review', '2026-01-31'),
      startEvent: { kind: 'review_started', at: '2026-01-31T09:00:00+08:00' },
      calendar,
    });
    expect(explanation.dueDate).toBe('2026-02-28');
  });

  it('refuses a start event the policy does not start on, and buffers', () => {
    expect(() =>
      explainDeadline({
        policy: policy('court.delegated'),
        startEvent: { kind: 'triaged', at: '2026-02-10T09:00:00+08:00' },
        calendar,
      }),
    ).toThrow(/starts on 'materials_signed'/);
    expect(() =>
      explainDeadline({
        policy: policy('prosecution.buffer'),
        startEvent: { kind: 'review_due', at: '2026-02-10T09:00:00+08:00' },
        calendar,
      }),
    ).toThrow(Refusal);
  });
});

describe('a prosecution referral', () => {
  it('ends 3 working days before the prosecutor’s deadline when that comes first', () => {
    // Signed Mon 2 Mar: 10 working days → Mon 16 Mar. Prosecutor due Wed 18 Mar − 3 working days → Fri 13 Mar.
    const explanation = explainProsecutionDeadline({
      calendar,
      policies: defaultDeadlinePolicies,
      signedAt: '2026-03-02T09:00:00+08:00',
      prosecutorDueDate: '2026-03-18',
    });
    expect(explanation.latestMediationDate).toBe('2026-03-13');
    expect(explanation.cap).toMatchObject({ applied: true, uncappedDueDate: '2026-03-16' });
    expect(explanation.dueDate).toBe('2026-03-13');
    expect(explanation.dueAt).toBe('2026-03-13T15:59:59.999Z');
    expect(explanation.noTimeLeft).toBe(false);
    expect(explanation.summaryZh).toContain('须为检察机关预留3个工作日，截止日提前至2026-03-13（星期五）');
  });

  it('keeps its own 10 working days when the prosecutor’s deadline is far', () => {
    const explanation = explainProsecutionDeadline({
      calendar,
      policies: defaultDeadlinePolicies,
      signedAt: '2026-03-02T09:00:00+08:00',
      prosecutorDueDate: '2026-04-30',
    });
    expect(explanation.dueDate).toBe('2026-03-16');
    expect(explanation.cap?.applied).toBe(false);
  });

  it('says when no time is left', () => {
    const explanation = explainProsecutionDeadline({
      calendar,
      policies: defaultDeadlinePolicies,
      signedAt: '2026-03-02T09:00:00+08:00',
      prosecutorDueDate: '2026-03-05',
    });
    expect(explanation.latestMediationDate).toBe('2026-03-02');
    expect(explanation.noTimeLeft).toBe(true);
  });
});
