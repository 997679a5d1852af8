import { html } from 'hono/html';
import type { Html } from '../dashboard/layout.js';
import { textField } from '../workbench/fields.js';
import type { FieldErrors, FormValues } from '../workbench/form-values.js';
import { publicPage } from './layout.js';

interface SignInInput {
  largeText: boolean;
  values: FormValues;
  errors: FieldErrors;
  problem?: string | undefined;
}

const problemBanner = (problem: string | undefined): Html | string =>
  problem ? html`<div class="notice error" role="alert">${problem}</div>` : '';

/** Step 1: the mobile number. */
export function phonePage(input: SignInInput): Html {
  const context = { form: 'sign-in', values: input.values, errors: input.errors };
  return publicPage({
    title: '登录',
    largeText: input.largeText,
    here: '/my/login',
    body: html`<h1>手机号登录</h1>
<p class="muted">在线申请调解、查看案件进展、预约调解时间、给调解员留言。</p>
${problemBanner(input.problem)}
<form method="post" action="/my/login" aria-label="获取验证码" class="card" novalidate>
  ${textField(context, 'phone', '手机号码', { type: 'tel', maxLength: 20, placeholder: '11位手机号' })}
  <button class="primary" type="submit">获取验证码</button>
</form>
<p class="muted">验证码5分钟内有效。我们只用您的手机号查找您作为当事人的案件。</p>`,
  });
}

/** Step 2: the code from the text message. */
export function codePage(input: SignInInput): Html {
  const context = { form: 'sign-in', values: input.values, errors: input.errors };
  return publicPage({
    title: '输入验证码',
    largeText: input.largeText,
    here: '/my/login/code',
    body: html`<h1>输入验证码</h1>
<p>验证码已通过短信发送到您的手机，5分钟内有效。</p>
${problemBanner(input.problem)}
<form method="post" action="/my/login/code" aria-label="登录" class="card" novalidate>
  ${textField(context, 'code', '验证码', { maxLength: 6, placeholder: '6位数字' })}
  <button class="primary" type="submit">登录</button>
</form>
<p><a href="/my/login">没有收到？重新获取验证码</a></p>`,
  });
}
