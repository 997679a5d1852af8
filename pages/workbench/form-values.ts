/**
 * Reading a submitted form: every field as trimmed text (what is shown back on a refusal), and small
 * readers that record a Chinese reason per field instead of throwing. A form never reaches a use case
 * until every field has been read without a reason.
 */
export type FormValues = Record<string, string>;
export type FieldErrors = Record<string, string>;

/** The text fields of a parsed body (files and repeated fields ignored), trimmed; `_csrf` left out. */
export function formValuesOf(body: Record<string, unknown>): FormValues {
  const values: FormValues = {};
  for (const [key, value] of Object.entries(body)) {
    if (key === '_csrf' || typeof value !== 'string') continue;
    values[key] = value.trim();
  }
  return values;
}

export class FormReader {
  readonly errors: FieldErrors = {};

  constructor(readonly values: FormValues) {}

  get ok(): boolean {
    return Object.keys(this.errors).length === 0;
  }

  fail(field: string, reason: string): undefined {
    this.errors[field] ??= reason;
    return undefined;
  }

  /** Text of at most `max` characters; required unless said otherwise. */
  text(field: string, label: string, max: number, required = true): string | undefined {
    const value = this.values[field] ?? '';
    if (!value) return required ? this.fail(field, `请填写${label}`) : undefined;
    if (value.length > max) return this.fail(field, `${label}不能超过${max}个字`);
    return value;
  }

  /** One of the given codes (a select or radio). */
  choice<T extends string>(
    field: string,
    label: string,
    allowed: readonly T[],
    required = true,
  ): T | undefined {
    const value = this.values[field] ?? '';
    if (!value) return required ? this.fail(field, `请选择${label}`) : undefined;
    if (!(allowed as readonly string[]).includes(value)) return this.fail(field, `${label}不在可选范围内`);
    return value as T;
  }

  /** '12,345.67' yuan → 1234567 fen: money is integer fen, never floating point. */
  yuan(field: string, label: string, required = true): number | undefined {
    const value = (this.values[field] ?? '').replace(/[,，\s]/g, '');
    if (!value) return required ? this.fail(field, `请填写${label}`) : undefined;
    const match = /^(\d{1,12})(?:\.(\d{1,2}))?$/.exec(value);
    if (!match) return this.fail(field, `${label}应为金额（元），最多两位小数`);
    return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  }

  integer(field: string, label: string, min: number, max: number): number | undefined {
    const value = this.values[field] ?? '';
    if (!value) return this.fail(field, `请填写${label}`);
    if (!/^\d{1,6}$/.test(value) || Number(value) < min || Number(value) > max)
      return this.fail(field, `${label}应为${min}至${max}之间的整数`);
    return Number(value);
  }

  /** A calendar day 'YYYY-MM-DD'. */
  date(field: string, label: string, required = true): string | undefined {
    const value = this.values[field] ?? '';
    if (!value) return required ? this.fail(field, `请填写${label}`) : undefined;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`)))
      return this.fail(field, `${label}不是有效的日期`);
    return value;
  }

  /** A `datetime-local` value read as China time (UTC+8, no daylight saving) → ISO instant. */
  chinaDateTime(field: string, label: string): string | undefined {
    const value = this.values[field] ?? '';
    if (!value) return this.fail(field, `请填写${label}`);
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return this.fail(field, `${label}不是有效的时间`);
    const instant = new Date(`${value}:00+08:00`);
    if (Number.isNaN(instant.getTime())) return this.fail(field, `${label}不是有效的时间`);
    return instant.toISOString();
  }

  checked(field: string): boolean {
    return this.values[field] === 'yes';
  }
}
