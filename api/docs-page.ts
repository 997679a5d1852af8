import { html, raw } from 'hono/html';

interface Operation {
  operationId?: string;
  summary?: string;
  description?: string;
  tags?: string[];
  'x-access'?: string[];
  requestBody?: unknown;
  parameters?: unknown[];
  responses?: Record<string, { description?: string }>;
}

/**
 * A self-contained API reference rendered from the OpenAPI document: no scripts or fonts from a CDN,
 * so it works on an offline intranet.
 */
export function renderDocsPage(document: {
  info: { title: string; version: string; description?: string };
  paths?: object;
}) {
  const paths = (document.paths ?? {}) as Record<string, Record<string, Operation>>;
  const rows = Object.entries(paths).flatMap(([path, operations]) =>
    Object.entries(operations).map(([method, operation]) => {
      const access = operation['x-access']?.join(', ') ?? '无需凭证';
      const responses = Object.entries(operation.responses ?? {})
        .map(([status, response]) => `${status} ${response.description ?? ''}`)
        .join('<br>');
      return html`<tr>
        <td><code>${method.toUpperCase()}</code></td>
        <td><code>${path}</code><br /><small>${operation.operationId ?? ''}</small></td>
        <td>
          ${operation.summary ?? ''}
          ${operation.description ? html`<details><summary>说明</summary><div class="text">${operation.description}</div></details>` : ''}
        </td>
        <td>${access}</td>
        <td>${raw(responses)}</td>
      </tr>`;
    }),
  );
  return html`<!doctype html>
    <html lang="zh-CN">
      <head>
        <meta charset="utf-8" />
        <title>${document.info.title} API 文档</title>
        <style>
          body { font-family: system-ui, "Noto Sans CJK SC", sans-serif; margin: 2rem; color: #1f2933; }
          table { border-collapse: collapse; width: 100%; }
          td, th { border-bottom: 1px solid #d9e2ec; padding: .4rem .6rem; text-align: left; vertical-align: top; }
          code { background: #f0f4f8; padding: 0 .25rem; }
          .text { white-space: pre-wrap; margin: .4rem 0; color: #334e68; }
        </style>
      </head>
      <body>
        <h1>${document.info.title} API 文档 <small>v${document.info.version}</small></h1>
        <p>机器可读的接口说明：<a href="/openapi.json">/openapi.json</a>（OpenAPI 3.1）。</p>
        <div class="text">${document.info.description ?? ''}</div>
        <table>
          <thead><tr><th>方法</th><th>路径</th><th>说明</th><th>可访问角色</th><th>响应</th></tr></thead>
          <tbody>${rows}</tbody>
        </table>
      </body>
    </html>`;
}
