/**
 * A mainland mobile number as the public channel keys a citizen by: 11 digits starting 13–19, typed
 * with or without spaces, dashes or +86. Undefined for anything else (landlines cannot receive a code).
 */
export function mobileNumberOf(typed: string): string | undefined {
  const digits = typed.replace(/[\s-]/g, '').replace(/^(\+86|0086)/, '');
  return /^1[3-9]\d{9}$/.test(digits) ? digits : undefined;
}

/** '138****1111': what a page may show of a phone number. */
export function maskedMobile(phone: string): string {
  return phone.length === 11 ? `${phone.slice(0, 3)}****${phone.slice(7)}` : '****';
}
