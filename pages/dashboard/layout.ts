import { html, raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import { chinaDateTimeText } from '../../domain/dates.js';
import { staffRoleLabelsZh } from '../../domain/vocabulary.js';
import type { DashboardUser } from '../shared/session.js';
import { noticeMessageZh } from './labels.js';

export type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

/** '2026-02-25 09:30' in China time. */
export function chinaDateTime(instant: string | Date | null | undefined): string {
  if (!instant) return '—';
  return chinaDateTimeText(new Date(instant).getTime());
}

/** 1234567 fen → '12,345.67'. */
export function yuanText(fen: number | null | undefined): string {
  if (fen === null || fen === undefined) return '—';
  return (fen / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

/** 183000000000 fen → '18.3亿元'; 4990000 yuan → '499.00万元'. For headline figures. */
export function largeYuanText(fen: number): string {
  const yuan = fen / 100;
  if (yuan >= 100_000_000) return `${(yuan / 100_000_000).toFixed(2)}亿元`;
  if (yuan >= 10_000) return `${(yuan / 10_000).toFixed(2)}万元`;
  return `${yuanText(fen)}元`;
}

const styles = `
*{box-sizing:border-box}
body{margin:0;font-family:"Noto Sans CJK SC","Noto Sans SC","PingFang SC","Microsoft YaHei",sans-serif;color:#1f2937;background:#f3f5f8;font-size:14px}
header{background:#1d4e89;color:#fff;padding:0 24px;display:flex;align-items:center;gap:24px;height:52px}
header .brand{font-size:18px;font-weight:bold;letter-spacing:1px}
header nav{display:flex;gap:4px;flex:1}
header nav a{color:#dbe7f5;text-decoration:none;padding:8px 12px;border-radius:4px}
header nav a.active,header nav a:hover{background:#2c65a8;color:#fff}
header .who{font-size:13px;color:#dbe7f5;display:flex;gap:12px;align-items:center}
header .who button{background:none;border:1px solid #8fb0d6;color:#fff;border-radius:4px;padding:3px 10px;cursor:pointer}
main{padding:20px 24px;max-width:1400px;margin:0 auto}
h1{font-size:20px;margin:4px 0 16px}
h2{font-size:16px;margin:24px 0 10px}
.cards{display:flex;flex-wrap:wrap;gap:12px}
.card{background:#fff;border-radius:6px;padding:14px 18px;min-width:170px;box-shadow:0 1px 2px rgba(0,0,0,.06)}
.card .label{color:#6b7280;font-size:13px}
.card .value{font-size:26px;font-weight:bold;margin-top:4px}
.card.alert .value{color:#c0392b}
.card.warn .value{color:#d97706}
table{border-collapse:collapse;width:100%;background:#fff;box-shadow:0 1px 2px rgba(0,0,0,.06)}
th,td{padding:8px 10px;border-bottom:1px solid #e5e7eb;text-align:left;vertical-align:top}
th{background:#eef2f7;font-weight:600;white-space:nowrap}
td.num,th.num{text-align:right;white-space:nowrap}
.late{color:#c0392b;font-weight:bold;white-space:nowrap}
.muted{color:#6b7280;font-size:12px}
.tag{display:inline-block;padding:1px 8px;border-radius:10px;background:#e0e7ff;color:#3730a3;font-size:12px;white-space:nowrap}
.tag.red{background:#fde2e1;color:#b42318}
.tag.green{background:#dcfce7;color:#166534}
.notice{padding:10px 14px;border-radius:4px;margin-bottom:14px;background:#dcfce7;color:#166534}
.notice.error{background:#fde2e1;color:#b42318}
form.inline{display:flex;gap:6px;flex-wrap:wrap;align-items:center;margin:4px 0}
input,select,textarea,button{font:inherit}
input[type=text],input[type=password],input[type=date],select,textarea{border:1px solid #cbd5e1;border-radius:4px;padding:5px 8px;background:#fff}
button.primary,a.button{background:#1d4e89;color:#fff;border:none;border-radius:4px;padding:6px 14px;cursor:pointer;text-decoration:none;display:inline-block}
button.secondary{background:#fff;color:#1d4e89;border:1px solid #1d4e89;border-radius:4px;padding:5px 12px;cursor:pointer}
.login{max-width:380px;margin:80px auto;background:#fff;padding:28px 32px;border-radius:8px;box-shadow:0 2px 8px rgba(0,0,0,.08)}
.login h1{text-align:center}
.login label{display:block;margin:12px 0 4px;color:#374151}
.login input{width:100%}
.login button{width:100%;margin-top:18px;padding:9px}
.charts{display:flex;flex-wrap:wrap;gap:16px}
.chart{background:#fff;border-radius:6px;padding:8px;box-shadow:0 1px 2px rgba(0,0,0,.06)}
.timeline{list-style:none;padding:0;margin:0;background:#fff;box-shadow:0 1px 2px rgba(0,0,0,.06)}
.timeline li{padding:10px 14px;border-bottom:1px solid #e5e7eb;display:flex;gap:14px}
.timeline .when{color:#6b7280;white-space:nowrap;min-width:130px}
.timeline .what{font-weight:600;min-width:110px}
.pager{margin-top:12px}
.tabs{display:flex;gap:4px;margin:0 0 12px;border-bottom:2px solid #d6dde8}
.tabs a{padding:7px 14px;color:#1d4e89;text-decoration:none;border-radius:4px 4px 0 0}
.tabs a.active{background:#1d4e89;color:#fff}
.filters{margin-bottom:12px}
.filters label{color:#374151}
label.check{display:inline-flex;gap:4px;align-items:center}
.stages{list-style:none;display:flex;padding:0;margin:0 0 14px;gap:0}
.stages li{flex:1;text-align:center;padding:6px 0;background:#e5e7eb;color:#6b7280;font-size:13px;border-right:2px solid #f3f5f8}
.stages li.done{background:#bfdbfe;color:#1e3a8a}
.stages li.current{background:#1d4e89;color:#fff;font-weight:bold}
.actions{display:grid;grid-template-columns:repeat(auto-fill,minmax(560px,1fr));gap:12px;align-items:start}
details.action{background:#fff;border-radius:6px;box-shadow:0 1px 2px rgba(0,0,0,.06)}
details.action summary{cursor:pointer;padding:10px 16px;font-weight:600;color:#1d4e89}
details.action form{padding:4px 16px 14px}
.field{display:grid;grid-template-columns:120px 1fr;gap:4px 12px;align-items:start;margin:8px 0}
.field>label{padding-top:6px;color:#374151}
.field input[type=text],.field input[type=tel],.field input[type=number],.field input[type=date],.field input[type=datetime-local],.field select,.field textarea{width:100%;max-width:520px}
.field textarea{resize:vertical}
.field.invalid input,.field.invalid select,.field.invalid textarea{border-color:#c0392b;background:#fff5f5}
.field-error{color:#b42318;font-size:13px;margin-top:3px}
.form-section{background:#fff;border-radius:6px;padding:12px 18px;margin-bottom:14px;box-shadow:0 1px 2px rgba(0,0,0,.06)}
.form-section h2{margin:4px 0 8px}
.parties{display:grid;grid-template-columns:1fr 1fr;gap:12px}
.grid4{display:grid;grid-template-columns:repeat(4,1fr);gap:0 12px}
.grid4 .field{grid-template-columns:72px 1fr}
.grid4 .field input[type=text]{width:calc(100% - 64px)}
.summary{white-space:pre-line}
.mediators{display:grid;grid-template-columns:repeat(auto-fill,minmax(400px,1fr));gap:12px}
.mediator{background:#fff;border-radius:6px;padding:12px 16px;box-shadow:0 1px 2px rgba(0,0,0,.06)}
.mediator h3{margin:0 0 6px;font-size:16px}
.mediator p{margin:4px 0}
.figures{display:flex;gap:18px;margin:8px 0 0}
.figures div{display:flex;flex-direction:column}
.figures dt{color:#6b7280;font-size:12px}
.figures dd{margin:0;font-weight:bold;font-size:16px}
.wide{overflow-x:auto}
.annual-breakdown td:first-child{white-space:nowrap}
.annual-filter label.invalid input,.annual-filter label.invalid select{border-color:#c0392b;background:#fff5f5}
.duplicates{border:1px solid #f59e0b;background:#fffbeb;border-radius:6px;padding:10px 16px;margin-bottom:14px}
`;

/** The menu by role: the workbench (业务系统) for everyone, the supervision pages for supervisors and admins. */
const workbenchNavigation = [
  { key: 'work', href: '/dashboard/work', label: '案件' },
  {
    key: 'register',
    href: '/dashboard/work/register',
    label: '登记纠纷',
    roles: ['clerk', 'supervisor', 'admin'],
  },
  { key: 'mediators', href: '/dashboard/work/mediators', label: '调解超市' },
];
const supervisionNavigation = [
  { key: 'overview', href: '/dashboard', label: '总览' },
  { key: 'overdue', href: '/dashboard/overdue', label: '超期案件' },
  { key: 'at-risk', href: '/dashboard/at-risk', label: '即将到期' },
  { key: 'statistics', href: '/dashboard/statistics', label: '统计报表' },
];

function navigationFor(user: DashboardUser): { key: string; href: string; label: string }[] {
  const work = workbenchNavigation.filter((item) => !item.roles || item.roles.includes(user.role));
  return user.role === 'supervisor' || user.role === 'admin' ? [...supervisionNavigation, ...work] : work;
}

interface PageOptions {
  title: string;
  user?: DashboardUser;
  csrfToken?: string;
  active?: string;
  body: Html;
}

const workbenchKeys = new Set(workbenchNavigation.map((item) => item.key));
const brandOf = (active: string | undefined) =>
  active && workbenchKeys.has(active) ? '飞速通 · 业务系统' : '飞速通 · 督办工作台';

/** The shell of every dashboard page: zh-CN, no scripts, no external resources. */
export function page({ title, user, csrfToken, active, body }: PageOptions): Html {
  return html`<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · 飞速通 非诉纠纷调处中心</title>
<style>${raw(styles)}</style>
</head>
<body>
<header>
  <div class="brand">${brandOf(active)}</div>
  ${
    user
      ? html`<nav>${navigationFor(user).map(
          (item) =>
            html`<a href="${item.href}" class="${item.key === active ? 'active' : ''}">${item.label}</a>`,
        )}</nav>
  <div class="who"><span>${user.displayName}（${staffRoleLabelsZh[user.role]}）</span>
    <form method="post" action="/dashboard/logout"><input type="hidden" name="_csrf" value="${csrfToken ?? ''}"><button type="submit">退出</button></form>
  </div>`
      : html`<nav></nav>`
  }
</header>
<main>
${body}
</main>
</body>
</html>`;
}

/** A message passed back after an action (a fixed code, never text from the request). */
export function noticeBanner(notice: string | undefined): Html {
  if (!notice) return html``;
  const message = noticeMessageZh(notice);
  if (!message) return html``;
  return html`<div class="notice ${notice.startsWith('error') ? 'error' : ''}" role="status">${message}</div>`;
}
