import type { Disposition } from './vocabulary.js';

/** A case's state in the plain words a party reads, and what happens next. */
export interface PublicCaseStatus {
  /** 已提交 · 已受理 · 调解中 · 已达成协议 · 调解未成功 · 不予受理 · 已结案 … */
  label: string;
  next: string;
  /** The case is over for the party (settled or not): the follow-up may be rated. */
  concluded: boolean;
}

const byDisposition: Record<Disposition, string> = {
  settled_written: '已达成协议',
  settled_oral: '已达成协议',
  failed: '调解未成功',
  withdrawn: '已撤回申请',
  terminated: '调解已终止',
  referred_out: '已转交其他机构',
  rejected: '不予受理',
  transferred_for_filing: '已转法院立案',
};

/**
 * Stages (domain/stages.ts) in words for the parties: no internal terms (分流, 联动), only what has
 * happened to their dispute and what they can expect.
 */
export function publicCaseStatus(stage: string, disposition: Disposition | null): PublicCaseStatus {
  switch (stage) {
    case 'intake':
      return { label: '已提交，待受理', next: '受理窗口将在3个工作日内审核您的申请。', concluded: false };
    case 'divert':
      return { label: '已受理', next: '中心正在为您安排调解员，安排后将通知您。', concluded: false };
    case 'resolve':
      return {
        label: '调解中',
        next: '调解员将与您联系并安排调解；您也可以在下方预约调解时间或给调解员留言。',
        concluded: false,
      };
    case 'link':
      return {
        label: disposition ? byDisposition[disposition] : '调解结束',
        next:
          disposition === 'rejected'
            ? '不予受理的理由见下方。如有疑问可以留言或致电中心。'
            : '结果正在办理后续手续（如司法确认、移交），完成后将结案。',
        concluded: disposition !== 'rejected',
      };
    case 'dispose':
    case 'archived':
      return {
        label: disposition ? `已结案（${byDisposition[disposition]}）` : '已结案',
        next:
          disposition === 'rejected'
            ? '案件已办结。如有疑问可以致电中心。'
            : '中心将进行回访。欢迎您对本次调解服务作出评价。',
        concluded: disposition !== 'rejected',
      };
    default:
      return { label: '办理中', next: '', concluded: false };
  }
}
