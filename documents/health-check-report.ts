import { Packer } from 'docx';
import { dateZh } from './chinese-dates.js';
import {
  blankLine,
  body,
  documentNumberLine,
  field,
  heading,
  officialDocument,
  rightLine,
  ruledTable,
  title,
} from './layout.js';

/** What the 法治体检 report says: the enterprise, the visit and each finding with its risk and advice. */
export interface HealthCheckReportInput {
  enterpriseName: string;
  creditCode: string;
  entityClassZh: string;
  originZh: string;
  campaign: string | null;
  visitedOn: string;
  team: string[];
  mattersZh: string[];
  findings: {
    n: number;
    matterZh: string;
    riskLevelZh: string;
    description: string;
    recommendation: string;
  }[];
  issuedOn: string;
  centreName: string;
}

/**
 * 企业法治体检报告: the centre's written account of a legal health check, in the official layout the
 * case documents use: the enterprise and the visit, a table of the risks found, then the advice for each.
 */
export async function renderHealthCheckReport(input: HealthCheckReportInput): Promise<Uint8Array> {
  const findings = input.findings;
  const blocks = [
    title('企业法治体检报告'),
    documentNumberLine(`统一社会信用代码：${input.creditCode}`),
    field('受检企业', input.enterpriseName),
    field('市场主体类别', input.entityClassZh),
    field('体检来源', input.campaign ? `${input.originZh}（${input.campaign}）` : input.originZh),
    field('体检日期', dateZh(input.visitedOn)),
    field('体检人员', input.team.join('、')),
    field('体检事项', input.mattersZh.join('、')),
    heading('一、发现的法律风险'),
    ...(findings.length === 0
      ? [body('本次体检未发现需要整改的法律风险。')]
      : [
          ruledTable(
            ['序号', '事项', '风险等级', '问题'],
            findings.map((finding) => [
              String(finding.n),
              finding.matterZh,
              finding.riskLevelZh,
              finding.description,
            ]),
            [9, 17, 16, 58],
          ),
        ]),
    heading('二、整改建议'),
    ...(findings.length === 0
      ? [body('请企业继续保持依法合规经营。')]
      : findings.map((finding) => body(`${finding.n}. ${finding.matterZh}：${finding.recommendation}`))),
    blankLine(),
    rightLine(input.centreName),
    rightLine(dateZh(input.issuedOn)),
  ];
  const buffer = await Packer.toBuffer(officialDocument('企业法治体检报告', blocks));
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}
