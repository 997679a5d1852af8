/** The PostgreSQL error code of a failed statement (drizzle wraps the driver's error as its cause). */
export function postgresCodeOf(error: unknown): string | undefined {
  for (let current: unknown = error, depth = 0; current && depth < 4; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

export const uniqueViolation = '23505';
export const exclusionViolation = '23P01';
