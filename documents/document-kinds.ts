/**
 * The documents the centre generates from a case (issue 15). Each kind's title is the one printed on
 * the document; the failure report takes the court's title when a court referred the case.
 */
export const documentKinds = [
  'mediation_application', // 人民调解申请书
  'session_record', // 调解笔录, one per session
  'mediation_agreement', // 人民调解协议书
  'failure_record', // 终止调解记录 / 调解不成报告 (court)
  'follow_up_record', // 回访记录
  'confirmation_application', // 司法确认申请书
  'settlement_package_cover', // 检调对接 刑事和解材料移送清单
] as const;
export type DocumentKind = (typeof documentKinds)[number];

export const documentKindLabelsZh: Record<DocumentKind, string> = {
  mediation_application: '人民调解申请书',
  session_record: '调解笔录',
  mediation_agreement: '人民调解协议书',
  failure_record: '终止调解记录',
  follow_up_record: '回访记录',
  confirmation_application: '司法确认申请书',
  settlement_package_cover: '刑事和解材料移送清单',
};

export function isDocumentKind(value: string): value is DocumentKind {
  return (documentKinds as readonly string[]).includes(value);
}
