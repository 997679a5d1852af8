import { html } from 'hono/html';
import { staffRoleLabelsZh } from '../../domain/vocabulary.js';
import type { DashboardUser } from '../shared/session.js';
import { type Html, page } from './layout.js';

export function loginPage(options: { next: string; failed?: boolean; username?: string }): Html {
  return page({
    title: '登录',
    body: html`<div class="login">
  <h1>飞速通登录</h1>
  ${options.failed ? html`<div class="notice error" role="alert">用户名或密码不正确。</div>` : ''}
  <form method="post" action="/dashboard/login">
    <input type="hidden" name="next" value="${options.next}">
    <label for="username">用户名</label>
    <input type="text" id="username" name="username" autocomplete="username" required value="${options.username ?? ''}">
    <label for="password">密码</label>
    <input type="password" id="password" name="password" autocomplete="current-password" required>
    <button type="submit" class="primary">登录</button>
  </form>
  <p class="muted">业务系统与督办工作台使用同一工作人员账号。</p>
</div>`,
  });
}

/** Logged in, but not a supervisor or admin: say so kindly and offer a way out. */
export function forbiddenPage(user: DashboardUser, csrfToken: string): Html {
  return page({
    title: '无权访问',
    user,
    csrfToken,
    body: html`<h1>无权访问督办工作台</h1>
<p>您好，${user.displayName}。您的岗位是「${staffRoleLabelsZh[user.role]}」，督办工作台仅供中心负责人和系统管理员使用。</p>
${
  user.role === 'grid_worker'
    ? html`<p>网格员请在<a href="/dashboard/grid">网格排查</a>页面上报线索。</p>`
    : html`<p>如需查看超期案件或统计数据，请联系中心负责人开通权限；日常办案请使用<a href="/dashboard/work">业务系统</a>。</p>`
}
<form method="post" action="/dashboard/logout"><input type="hidden" name="_csrf" value="${csrfToken}"><button type="submit" class="secondary">换个账号登录</button></form>`,
  });
}

export function messagePage(options: {
  title: string;
  message: string;
  user?: DashboardUser;
  csrfToken?: string;
  back?: string;
}): Html {
  return page({
    title: options.title,
    ...(options.user ? { user: options.user } : {}),
    ...(options.csrfToken ? { csrfToken: options.csrfToken } : {}),
    body: html`<h1>${options.title}</h1><p>${options.message}</p>${
      options.back ? html`<p><a href="${options.back}">返回</a></p>` : ''
    }`,
  });
}
