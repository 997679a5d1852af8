import { describe, expect, it } from 'vitest';
import { documentInputFromCase, documentNumber } from '../../../documents/document-input-from-case.js';
import { centre, failedCourtCase, prosecutionCase, sessions, settledCase } from './case-fixtures.js';

describe('documentInputFromCase: what the documents print, from the case view', () => {
  it('reads sex and birth date from a resident ID number, and only from a valid one', () => {
    const view = settledCase();
    view.parties.push(
      {
        kind: 'person',
        role: 'agent',
        name: '赵律师',
        idType: 'resident_id',
        idNumber: '150702198503121234',
      },
      {
        kind: 'organisation',
        role: 'third_party',
        name: '海拉尔某物业有限公司',
        idType: 'unified_social_credit_code',
        idNumber: '91150702MA0N0000X0',
      },
    );
    const [zhang, li, agent, company] = documentInputFromCase(view, centre).parties;
    expect(zhang).toMatchObject({ sex: '男', bornOn: '1985-03-12', idLabel: '公民身份号码' });
    expect(li).toMatchObject({ sex: '女', bornOn: '1990-07-08', idNumber: '15070219900708234X' });
    // A wrong check digit: the number is printed as given, nothing is inferred from it.
    expect(agent).toMatchObject({ sex: null, bornOn: null, idNumber: '150702198503121234' });
    expect(company).toMatchObject({ kind: 'organisation', sex: null, idLabel: '统一社会信用代码' });
  });

  it('numbers documents from the case number with the committee’s prefix', () => {
    expect(documentNumber('HLBE-2026-000123', '海人调')).toBe('（2026）海人调字第123号');
    expect(documentNumber('legacy-17', '海人调')).toBe('海人调字第legacy-17号');
  });

  it('numbers sessions by when they were held, whatever order they come in', () => {
    const input = documentInputFromCase(settledCase(), centre, { sessions: [...sessions].reverse() });
    expect(input.sessions.map((session) => [session.number, session.heldAt])).toEqual([
      [1, '2026-11-25T01:30:00.000Z'],
      [2, '2026-12-01T06:00:00.000Z'],
    ]);
  });

  it('takes the agreement, its performance and the day it was signed (China time) from the settlement', () => {
    const input = documentInputFromCase(settledCase(), centre);
    expect(input.agreement).toEqual({
      form: 'written',
      terms: '一、李四确认尚欠张三借款人民币50000元。\n二、张三自愿放弃利息请求。',
      amountFen: 5_000_000,
      performance: [
        { description: '李四向张三支付第一期还款', dueOn: '2026-12-31', amountFen: 3_000_000 },
        { description: '李四向张三支付剩余还款', dueOn: '2027-03-31', amountFen: 2_000_000 },
      ],
      signedOn: '2026-12-02',
    });
    expect(input.ending).toBeNull();
    expect(input.followUp).toEqual({
      on: '2027-01-05',
      performed: true,
      satisfaction: 5,
      notes: expect.any(String),
    });
    // No court referred it: confirmation goes to the committee's own basic court (民事诉讼法 art 205(2)).
    expect(input.confirmationCourt).toBe('呼伦贝尔市海拉尔区人民法院');
  });

  it('takes a court referral’s claim, reference and type, and sends confirmation to that court', () => {
    const view = failedCourtCase();
    const input = documentInputFromCase(
      { ...view, claimAmountFen: 1 },
      { ...centre, defaultConfirmationCourt: '别的法院' },
    );
    expect(input.claimAmountFen).toBe(5_000_000);
    expect(input.referral).toEqual({
      kind: 'court',
      institutionName: '呼伦贝尔市海拉尔区人民法院',
      reference: '（2026）内0702民诉前调1234号',
      typeZh: '委派调解',
      referredOn: '2026-11-18',
    });
    expect(input.ending).toMatchObject({ kind: 'failed', on: '2026-12-10', automatic: false });
    expect(input.confirmationCourt).toBe('呼伦贝尔市海拉尔区人民法院');
  });

  it('takes a withdrawal’s single reason and the criminal settlement’s schedule when nothing is paid yet', () => {
    const withdrawn = settledCase();
    withdrawn.outcome = {
      transition: 'withdraw',
      disposition: 'withdrawn',
      at: '2026-12-01T17:00:00.000Z',
      by: 'mediator-1',
      details: { reason: '申请人撤回调解申请' },
    };
    expect(documentInputFromCase(withdrawn, centre).ending).toEqual({
      kind: 'withdrawn',
      reasons: '申请人撤回调解申请',
      undisputedFacts: '',
      on: '2026-12-02',
      automatic: false,
    });

    const unpaid = prosecutionCase();
    unpaid.prosecution!.instalments = [];
    unpaid.prosecution!.terms!.instalments = [
      { amountFen: 1_000_000, dueDate: '2026-12-15' },
      { amountFen: 1_800_050, dueDate: '2027-01-15' },
    ];
    expect(documentInputFromCase(unpaid, centre).criminalSettlement?.payments).toEqual([
      { n: 1, amountFen: 1_000_000, dueOn: '2026-12-15', paidOn: null, proof: null },
      { n: 2, amountFen: 1_800_050, dueOn: '2027-01-15', paidOn: null, proof: null },
    ]);
  });
});
