/** A high surrogate not followed by a low one, or a low one not preceded by a high one (code units). */
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Text PostgreSQL cannot store: a NUL character (no text or jsonb value may hold one) or a lone UTF-16
 * surrogate (not a character at all). Such a string would pass the routes' schemas and then fail
 * every write, leaving a case whose read model can never be written; refused here, at the edge.
 */
export function isStorableText(value: string): boolean {
  return !value.includes('\u0000') && !loneSurrogate.test(value);
}
