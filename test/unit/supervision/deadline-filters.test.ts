import { describe, expect, it } from 'vitest';
import { deadlineKindLabelZh, fixedDeadlineKinds } from '../../../domain/deadline-kinds.js';
import { decodeDeadlineCursor, encodeDeadlineCursor } from '../../../use-cases/shared/cursor.js';
import {
  describeLateness,
  elapsedFraction,
  kindCondition,
} from '../../../use-cases/supervision/deadline-filters.js';

// 2026-03-01 23:59:59.999 China time: a deadline falls due at the end of its last day.
const dueAt = new Date('2026-03-01T15:59:59.999Z');

describe('how late a deadline is, in words a supervisor reads', () => {
  it('counts whole China calendar days after the due date', () => {
    expect(describeLateness(dueAt, new Date('2026-03-04T02:00:00Z'))).toEqual({
      lateSeconds: Math.trunc((Date.parse('2026-03-04T02:00:00Z') - dueAt.getTime()) / 1000),
      lateZh: '超期3天',
    });
    // 00:30 on 2 March China time is already the first day late.
    expect(describeLateness(dueAt, new Date('2026-03-01T16:30:00Z')).lateZh).toBe('超期1天');
  });

  it('speaks in hours or minutes when it fell due earlier the same day', () => {
    const noon = new Date('2026-03-01T04:00:00Z'); // 12:00 China time
    expect(describeLateness(noon, new Date('2026-03-01T09:30:00Z')).lateZh).toBe('超期5小时');
    expect(describeLateness(noon, new Date('2026-03-01T04:20:00Z')).lateZh).toBe('超期20分钟');
  });

  it('says how much time is left before it is due', () => {
    const morning = new Date('2026-03-01T01:00:00Z'); // 09:00 China time on the due day
    expect(describeLateness(dueAt, morning)).toMatchObject({ lateZh: '今日到期' });
    expect(describeLateness(dueAt, morning).lateSeconds).toBeLessThan(0);
    expect(describeLateness(dueAt, new Date('2026-02-27T01:00:00Z')).lateZh).toBe('剩余2天');
  });

  it('measures the share of the period used', () => {
    const start = new Date('2026-02-01T00:00:00Z');
    const due = new Date('2026-02-11T00:00:00Z');
    expect(elapsedFraction(start, due, new Date('2026-02-09T00:00:00Z'))).toBe(0.8);
    expect(elapsedFraction(start, due, new Date('2026-02-12T00:00:00Z'))).toBe(1.1);
    expect(elapsedFraction(due, start, new Date())).toBeNull();
  });
});

describe('deadline kinds', () => {
  it('names every kind in zh-CN, instalments by their number', () => {
    expect(deadlineKindLabelZh('stage')).toBe('化解期限');
    expect(deadlineKindLabelZh('follow_up')).toBe('回访期限');
    expect(deadlineKindLabelZh('supervision')).toBe('督办期限');
    expect(deadlineKindLabelZh('court_acceptance')).toBe('法院推送签收期限');
    expect(deadlineKindLabelZh('police_second_round')).toBe('第二次治安调解期限');
    expect(deadlineKindLabelZh('court_period')).toBe('诉调对接调解期限');
    expect(deadlineKindLabelZh('confirmation_window')).toBe('司法确认申请期限');
    expect(deadlineKindLabelZh('prosecution')).toBe('检调对接调解期限');
    expect(deadlineKindLabelZh('instalment-3')).toBe('第3期履行期限');
    expect(deadlineKindLabelZh('hand_off-2')).toBe('第2次联动移交办理期限');
    expect(deadlineKindLabelZh('performance_decision')).toBe('协议未履行处置期限');
    expect(deadlineKindLabelZh('something_new')).toBe('something_new');
    // Every kind the workflow plans has its own label: none falls back to the raw key.
    expect(fixedDeadlineKinds.filter((kind) => deadlineKindLabelZh(kind) === kind)).toEqual([]);
  });

  it('filters a family by prefix and a kind exactly', () => {
    expect(kindCondition('instalment')).toEqual({ prefix: 'instalment-%' });
    expect(kindCondition('hand_off')).toEqual({ prefix: 'hand\\_off-%' });
    expect(kindCondition('hand_off-2')).toEqual({ exact: 'hand_off-2' });
    expect(kindCondition('performance_decision')).toEqual({ exact: 'performance_decision' });
    expect(kindCondition('instalment-2')).toEqual({ exact: 'instalment-2' });
    expect(kindCondition('court_period')).toEqual({ exact: 'court_period' });
  });
});

describe('keyset cursor', () => {
  it('round-trips the due instant in microseconds, the case number and the kind', () => {
    const cursor = { dueMicros: '1772380799999123', caseNumber: 'HLBE-2026-000123', kind: 'instalment-1' };
    expect(decodeDeadlineCursor(encodeDeadlineCursor(cursor))).toEqual(cursor);
  });

  it('refuses anything it did not issue with a 400 naming the cursor', () => {
    for (const bad of [
      '',
      'not-a-cursor',
      Buffer.from('["x","y","z"]').toString('base64url'),
      Buffer.from('{}').toString('base64url'),
    ]) {
      expect(() => decodeDeadlineCursor(bad)).toThrow(
        expect.objectContaining({ status: 400, code: 'validation_failed' }),
      );
    }
  });
});
