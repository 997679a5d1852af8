/**
 * What the mediator decides when a follow-up visit (回访) finds the agreement not performed: the centre
 * supervises performance (人民调解法 art 31) and tells the parties where the law lets them go next.
 */
export const performanceActions = [
  'remind',
  'remediate',
  'judicial_confirmation',
  'enforcement',
  'litigation',
] as const;
export type PerformanceAction = (typeof performanceActions)[number];

export const performanceActionLabelsZh: Record<PerformanceAction, string> = {
  remind: '督促履行（《人民调解法》第31条）',
  remediate: '再次调解',
  judicial_confirmation: '引导申请司法确认（协议生效后30日内，《民事诉讼法》第205条）',
  enforcement: '引导申请强制执行（经司法确认的协议，《民事诉讼法》第206条）',
  litigation: '引导就协议的履行提起诉讼（《人民调解法》第32条）',
};
