import { html } from 'hono/html';
import type { Html } from '../dashboard/layout.js';
import type { FieldErrors, FormValues } from './form-values.js';

/**
 * Form fields that show back what was typed and, on a refusal, mark the field and say why in Chinese
 * (aria-invalid and a described-by message, so a screen reader reads the reason too).
 */
export interface FieldContext {
  /** Prefix of element ids: several forms share one page. */
  form: string;
  values: FormValues;
  errors: FieldErrors;
}

export interface Option {
  value: string;
  label: string;
}

const idOf = (context: FieldContext, name: string) => `${context.form}-${name}`;

function wrap(context: FieldContext, name: string, label: string, control: Html, hint?: string): Html {
  const error = context.errors[name];
  return html`<div class="field${error ? ' invalid' : ''}">
  <label for="${idOf(context, name)}">${label}</label>
  <div>${control}${hint ? html`<div class="muted">${hint}</div>` : ''}${
    error ? html`<div class="field-error" id="${idOf(context, name)}-error" role="alert">${error}</div>` : ''
  }</div>
</div>`;
}

const invalidAttributes = (context: FieldContext, name: string) =>
  context.errors[name] ? html` aria-invalid="true" aria-describedby="${idOf(context, name)}-error"` : '';

export function textField(
  context: FieldContext,
  name: string,
  label: string,
  options: {
    type?: string;
    placeholder?: string;
    hint?: string;
    required?: boolean;
    maxLength?: number;
  } = {},
): Html {
  return wrap(
    context,
    name,
    label,
    html`<input type="${options.type ?? 'text'}" id="${idOf(context, name)}" name="${name}" value="${
      context.values[name] ?? ''
    }"${options.placeholder ? html` placeholder="${options.placeholder}"` : ''}${
      options.maxLength ? html` maxlength="${options.maxLength}"` : ''
    }${invalidAttributes(context, name)}>`,
    options.hint,
  );
}

export function textArea(
  context: FieldContext,
  name: string,
  label: string,
  options: { rows?: number; hint?: string } = {},
): Html {
  return wrap(
    context,
    name,
    label,
    html`<textarea id="${idOf(context, name)}" name="${name}" rows="${options.rows ?? 3}"${invalidAttributes(
      context,
      name,
    )}>${context.values[name] ?? ''}</textarea>`,
    options.hint,
  );
}

export function selectField(
  context: FieldContext,
  name: string,
  label: string,
  options: Option[],
  settings: { placeholder?: string; hint?: string } = {},
): Html {
  const chosen = context.values[name] ?? '';
  return wrap(
    context,
    name,
    label,
    html`<select id="${idOf(context, name)}" name="${name}"${invalidAttributes(context, name)}>
  <option value="">${settings.placeholder ?? '请选择'}</option>
  ${options.map(
    (option) =>
      html`<option value="${option.value}"${option.value === chosen ? ' selected' : ''}>${option.label}</option>`,
  )}
</select>`,
    settings.hint,
  );
}

export function checkboxField(context: FieldContext, name: string, label: string): Html {
  const error = context.errors[name];
  return html`<div class="field${error ? ' invalid' : ''}">
  <span></span>
  <div><label class="check"><input type="checkbox" id="${idOf(context, name)}" name="${name}" value="yes"${
    context.values[name] === 'yes' ? ' checked' : ''
  }${invalidAttributes(context, name)}> ${label}</label>${
    error ? html`<div class="field-error" id="${idOf(context, name)}-error" role="alert">${error}</div>` : ''
  }</div>
</div>`;
}

/** Options from a label table: `{ code: '中文' }` → options in the table's order. */
export function optionsOf(labels: Record<string, string>): Option[] {
  return Object.entries(labels).map(([value, label]) => ({ value, label }));
}
