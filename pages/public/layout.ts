import { html, raw } from 'hono/html';
import type { Html } from '../dashboard/layout.js';

const styles = `
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font-family:"Noto Sans CJK SC","Noto Sans SC","PingFang SC","Microsoft YaHei",sans-serif;color:#111827;background:#f3f5f8;font-size:16px;line-height:1.6}
body.large{font-size:20px}
header{background:#1d4e89;color:#fff;padding:10px 16px;display:flex;align-items:center;gap:8px;flex-wrap:wrap}
header .brand{font-size:1.15em;font-weight:bold;flex:1;color:#fff;text-decoration:none}
header form{margin:0}
header button{background:none;border:1px solid #c7d7ee;color:#fff;border-radius:6px;padding:4px 10px;font:inherit;font-size:.9em;min-height:36px}
main{padding:14px 14px 40px;max-width:640px;margin:0 auto}
h1{font-size:1.35em;margin:6px 0 12px}
h2{font-size:1.15em;margin:22px 0 8px}
a{color:#1d4e89}
.card{background:#fff;border-radius:10px;padding:14px 16px;margin:0 0 12px;box-shadow:0 1px 3px rgba(0,0,0,.08)}
.card h3{margin:0 0 4px;font-size:1.05em}
.muted{color:#4b5563;font-size:.9em}
.status{display:inline-block;padding:2px 10px;border-radius:12px;background:#dbeafe;color:#1e3a8a;font-size:.9em;font-weight:600}
.status.done{background:#dcfce7;color:#14532d}
.status.stop{background:#fee2e2;color:#7f1d1d}
.notice{padding:10px 14px;border-radius:8px;margin-bottom:12px;background:#dcfce7;color:#14532d}
.notice.error{background:#fee2e2;color:#7f1d1d}
input,select,textarea,button{font:inherit}
.field{margin:0 0 14px}
.field>label{display:block;font-weight:600;margin-bottom:4px}
.field input[type=text],.field input[type=tel],.field input[type=number],.field input[type=datetime-local],.field select,.field textarea{width:100%;border:1px solid #6b7280;border-radius:8px;padding:10px 12px;background:#fff;min-height:44px}
.field.invalid input,.field.invalid select,.field.invalid textarea{border-color:#b91c1c;border-width:2px;background:#fff5f5}
.field-error{color:#b91c1c;font-size:.9em;margin-top:4px}
label.check{display:flex;gap:8px;align-items:flex-start}
label.check input{width:22px;height:22px;margin-top:3px;flex:none}
button.primary,a.button{display:block;width:100%;text-align:center;background:#1d4e89;color:#fff;border:none;border-radius:8px;padding:12px 16px;font-size:1.05em;min-height:48px;text-decoration:none;cursor:pointer}
button.secondary{background:#fff;color:#1d4e89;border:1px solid #1d4e89;border-radius:8px;padding:8px 14px;min-height:44px}
fieldset{border:none;padding:0;margin:0 0 14px}
legend{font-weight:600;margin-bottom:6px}
.choice{display:flex;gap:10px;align-items:flex-start;background:#fff;border:1px solid #d1d5db;border-radius:10px;padding:12px;margin-bottom:8px}
.choice input{width:22px;height:22px;margin-top:3px;flex:none}
.choice .photo{width:44px;height:44px;border-radius:50%;background:#dbeafe;color:#1e3a8a;display:flex;align-items:center;justify-content:center;font-weight:bold;flex:none}
dl.facts{display:grid;grid-template-columns:auto 1fr;gap:4px 12px;margin:0}
dl.facts dt{color:#4b5563}
dl.facts dd{margin:0}
.messages{list-style:none;padding:0;margin:0 0 10px}
.messages li{background:#fff;border-radius:10px;padding:10px 12px;margin-bottom:8px;box-shadow:0 1px 2px rgba(0,0,0,.06)}
.messages li.staff{background:#eef6ff}
.messages .who{font-weight:600;font-size:.9em}
.slots{list-style:none;padding:0;margin:0}
.slots li{margin-bottom:8px}
.slots form{display:flex;justify-content:space-between;align-items:center;gap:8px;background:#fff;border-radius:10px;padding:10px 12px}
.slots button{white-space:nowrap;flex:none}
.stars{display:flex;gap:6px;flex-wrap:wrap}
.stars label{display:flex;align-items:center;gap:4px;background:#fff;border:1px solid #d1d5db;border-radius:8px;padding:6px 10px}
.summary{white-space:pre-line}
`;

interface PublicPageOptions {
  title: string;
  largeText: boolean;
  /** Shown when signed in: the sign-out button needs the CSRF token. */
  csrfToken?: string | undefined;
  /** Where the large-text switch returns to (a /my path). */
  here: string;
  body: Html;
}

/**
 * The shell of every public page: zh-CN, phone-first (works from 320 px), no scripts and nothing from
 * elsewhere (the server's CSP allows neither), a large-text switch (适老化) that posts a form.
 */
export function publicPage(options: PublicPageOptions): Html {
  return html`<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${options.title} · 飞速通</title>
<style>${raw(styles)}</style>
</head>
<body class="${options.largeText ? 'large' : ''}">
<header>
  <a class="brand" href="/my">飞速通 · 在线调解</a>
  <form method="post" action="/my/text-size">
    <input type="hidden" name="size" value="${options.largeText ? 'normal' : 'large'}">
    <input type="hidden" name="back" value="${options.here}">
    <button type="submit">${options.largeText ? '标准字' : '大字'}</button>
  </form>
  ${
    options.csrfToken
      ? html`<form method="post" action="/my/logout"><input type="hidden" name="_csrf" value="${options.csrfToken}"><button type="submit">退出</button></form>`
      : ''
  }
</header>
<main>
${options.body}
</main>
</body>
</html>`;
}

/** A /my path to come back to, or /my: redirects never leave the public pages. */
export function publicPathOr(value: unknown): string {
  return typeof value === 'string' && /^\/my(\/[\w\-/]*)?$/.test(value) ? value : '/my';
}

/** A short page that says one thing and offers a way on. */
export function publicMessagePage(options: {
  title: string;
  message: string;
  largeText: boolean;
  csrfToken?: string | undefined;
  back?: string;
}): Html {
  return publicPage({
    title: options.title,
    largeText: options.largeText,
    csrfToken: options.csrfToken,
    here: '/my',
    body: html`<h1>${options.title}</h1><div class="card" role="alert">${options.message}</div>
<p><a href="${options.back ?? '/my'}">返回</a></p>`,
  });
}
