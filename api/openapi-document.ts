import { refusals } from '../domain/refusals.js';

/** The refusals any operation can answer, whatever it does; each operation lists its own beside them. */
const commonRefusals = [
  'validation_failed',
  'malformed_request',
  'authentication_required',
  'forbidden',
  'payload_too_large',
  'unsupported_media_type',
  'service_unavailable',
] as const;

const description = `呼伦贝尔市非诉纠纷调处中心（“1+18+N”）的业务系统接口：工作人员登记、分流、调解、督办案件，人民法院（诉调对接）、
人民检察院（检调对接）和公安派出所（警调对接）通过各自的机器客户端移送案件、查询进度、接收回调。人可阅读的版本见 [/docs](/docs)。

## 凭证

除登录（\`POST /v1/auth/token\`）外，每个接口都须 \`Authorization: Bearer …\`：工作人员用登录取得的令牌，对接机构用系统管理员签发的
API 密钥（\`fst_…\`）。每个接口的“可调用者”（以及 \`x-access\`）写明哪些角色或机构可以调用；机构只能看到、改动自己移送的案件。
健康检查 \`GET /healthz\` 无需凭证、不返回业务数据，供负载均衡与监控使用，不在下面的接口列表中。

## 错误

所有错误以 \`application/problem+json\`（RFC 9457）返回：\`code\` 是稳定的拒绝代码，\`reasonZh\` 是给人看的中文原因，\`errors\` 逐项指明字段与原因。
一个 500 意味着系统缺陷，而不是拒绝。各接口都可能返回的拒绝：

| HTTP | code | 说明 |
| --- | --- | --- |
${commonRefusals.map((code) => `| ${refusals[code].status} | \`${code}\` | ${refusals[code].zh} |`).join('\n')}

请求体不超过 1 MiB（台账导入 20 MiB），JSON 嵌套不超过 64 层。各接口另外可能返回的拒绝列在其说明中。

## 时间

期限、登记日期等“日”均为北京时间（UTC+8）的日历日（\`YYYY-MM-DD\`）。应答中的时刻（如 \`receivedAt\`、\`dueAt\`）以 UTC 表示、带 \`Z\` 后缀
（RFC 3339，例如 \`2026-11-20T01:00:00.000Z\` 即北京时间 09:00）：同一时刻只有一种写法，便于各方系统比较、排序和去重，也与回调签名中的
Unix 时间戳一致；换算为北京时间只需加 8 小时，页面与导出文件已按北京时间显示。`;

/** The document's fixed part: who it is for, what every operation shares, how times are written. */
export const openApiDocumentConfig = {
  openapi: '3.1.0',
  info: {
    title: 'feisutong 飞速通',
    version: '0.1.0',
    description,
    // Not open source: an SPDX reference, as OpenAPI 3.1 allows, for a licence kept by the centre.
    license: {
      name: 'Proprietary: for the centre and the institutions it works with',
      identifier: 'LicenseRef-Proprietary',
    },
  },
  servers: [
    {
      url: '/',
      description: '本系统（接口地址相对于提供本文档的服务器）',
    },
  ],
};
