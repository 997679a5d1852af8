import { html, raw } from 'hono/html';
import type { Html } from '../dashboard/layout.js';
import type { DashboardUser } from '../shared/session.js';

/** Phone-first, no scripts and nothing from elsewhere (the server's CSP allows neither). */
const styles = `
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font-family:"Noto Sans CJK SC","Noto Sans SC","PingFang SC","Microsoft YaHei",sans-serif;color:#111827;background:#f3f5f8;font-size:16px;line-height:1.6}
header{background:#1d6b4f;color:#fff;padding:10px 16px;display:flex;align-items:center;gap:8px}
header .brand{font-size:1.1em;font-weight:bold;flex:1}
header form{margin:0}
header button{background:none;border:1px solid #c8e6d8;color:#fff;border-radius:6px;padding:4px 10px;font:inherit;font-size:.9em;min-height:36px}
main{padding:14px 14px 40px;max-width:640px;margin:0 auto}
h1{font-size:1.3em;margin:4px 0 10px}
h2{font-size:1.1em;margin:22px 0 8px}
.muted{color:#4b5563;font-size:.9em}
.card{background:#fff;border-radius:10px;padding:12px 14px;margin:0 0 10px;box-shadow:0 1px 3px rgba(0,0,0,.08)}
.card h3{margin:0 0 4px;font-size:1em}
.notice{padding:10px 14px;border-radius:8px;margin-bottom:12px;background:#dcfce7;color:#14532d}
.notice.error{background:#fee2e2;color:#7f1d1d}
input,select,textarea,button{font:inherit}
.field{margin:0 0 14px}
.field label{display:block;font-weight:600;margin-bottom:4px}
.field input,.field select,.field textarea{width:100%;border:1px solid #6b7280;border-radius:8px;padding:10px 12px;background:#fff;min-height:44px}
.field textarea{min-height:110px}
.field.invalid input,.field.invalid select,.field.invalid textarea{border-color:#b91c1c;border-width:2px;background:#fff5f5}
.field-error{color:#b91c1c;font-size:.9em;margin-top:4px}
fieldset{border:1px solid #d1d5db;border-radius:10px;padding:10px 12px 0;margin:0 0 14px;background:#fff}
legend{font-weight:600;padding:0 4px}
.person{display:grid;grid-template-columns:1fr 1fr;gap:0 8px}
.risk{display:grid;grid-template-columns:repeat(4,1fr);gap:6px}
.risk label{display:flex;align-items:center;justify-content:center;gap:4px;border:1px solid #d1d5db;border-radius:8px;min-height:44px;background:#fff;font-weight:600}
.risk input{width:18px;height:18px;margin:0}
.risk-major{color:#7f1d1d}.risk-high{color:#9a3412}
button.primary{display:block;width:100%;background:#1d6b4f;color:#fff;border:none;border-radius:8px;padding:12px 16px;font-size:1.05em;min-height:48px;cursor:pointer}
.tag{display:inline-block;padding:1px 8px;border-radius:10px;background:#e5e7eb;font-size:.85em;margin-right:4px}
.tag.major,.tag.high{background:#fee2e2;color:#7f1d1d}
`;

/** The shell of the grid worker's pages (网格员排查): zh-CN, works from 320 px wide. */
export function gridPage(options: {
  title: string;
  user: DashboardUser;
  csrfToken: string;
  body: Html;
}): Html {
  return html`<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${options.title} · 飞速通</title>
<style>${raw(styles)}</style>
</head>
<body>
<header>
  <span class="brand">飞速通 · 网格排查</span>
  <form method="post" action="/dashboard/logout"><input type="hidden" name="_csrf" value="${options.csrfToken}"><button type="submit">退出</button></form>
</header>
<main>
${options.body}
</main>
</body>
</html>`;
}
