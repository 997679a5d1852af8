/** One entry of the case file (卷宗) in its order: a version of a generated document or an attachment. */
export interface CaseFileEntry {
  /** 1, 2, 3 … as it stands in the index and at the front of its name in the zip. */
  number: number;
  section: '文书' | '签章扫描件' | '案件材料';
  title: string;
  version: number | null;
  contentType: string;
  size: number;
  sha256: string;
  by: string;
  at: Date;
  /** Its path inside the zip. */
  path: string;
}

const typeLabels: Record<string, string> = {
  'application/pdf': 'PDF',
  'image/png': 'PNG 图片',
  'image/jpeg': 'JPEG 图片',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'Word（.docx）',
  'application/msword': 'Word（.doc）',
};

function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (character) =>
      ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[character] ?? character,
  );
}

/** China time, to the minute: how the archive reads dates. */
function chinaTime(at: Date): string {
  return new Intl.DateTimeFormat('zh-CN', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(at);
}

function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * The index page (目录) at the front of the case file: every document and attachment in order, with
 * what identifies it (version, type, size, SHA-256, who stored it and when) and where it is in the
 * zip. A page with no scripts and no outside resources, readable offline in any browser.
 */
export function renderCaseFileIndex(input: {
  caseNumber: string;
  stageLabel: string;
  assembledAt: Date;
  entries: CaseFileEntry[];
}): string {
  const rows = input.entries
    .map(
      (entry) => `      <tr>
        <td>${entry.number}</td>
        <td>${escapeHtml(entry.section)}</td>
        <td>${escapeHtml(entry.title)}</td>
        <td>${entry.version === null ? '' : `第 ${entry.version} 版`}</td>
        <td>${escapeHtml(typeLabels[entry.contentType] ?? entry.contentType)}</td>
        <td>${size(entry.size)}</td>
        <td>${escapeHtml(entry.by)}</td>
        <td>${chinaTime(entry.at)}</td>
        <td><a href="${escapeHtml(encodeURI(entry.path))}">${escapeHtml(entry.path)}</a></td>
        <td class="hash">${entry.sha256}</td>
      </tr>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="zh-CN">
<head>
  <meta charset="utf-8">
  <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
  <title>卷宗目录 ${escapeHtml(input.caseNumber)}</title>
  <style>
    body { font-family: "SimSun", "Noto Serif CJK SC", serif; margin: 2em; }
    h1 { font-size: 1.6em; text-align: center; letter-spacing: 0.5em; }
    table { border-collapse: collapse; width: 100%; font-size: 0.9em; }
    th, td { border: 1px solid #444; padding: 0.3em 0.5em; vertical-align: top; }
    th, td:nth-child(1), td:nth-child(4), td:nth-child(6), td:nth-child(8) { white-space: nowrap; }
    .hash { font-family: monospace; font-size: 0.75em; word-break: break-all; }
  </style>
</head>
<body>
  <h1>卷宗目录</h1>
  <p>案件编号：${escapeHtml(input.caseNumber)}　当前阶段：${escapeHtml(input.stageLabel)}　
  组卷时间：${chinaTime(input.assembledAt)}　共 ${input.entries.length} 件</p>
  <table>
    <thead>
      <tr><th>序号</th><th>类别</th><th>名称</th><th>版本</th><th>类型</th><th>大小</th><th>制作／提交</th><th>时间</th><th>卷内文件</th><th>SHA-256</th></tr>
    </thead>
    <tbody>
${rows}
    </tbody>
  </table>
</body>
</html>
`;
}
