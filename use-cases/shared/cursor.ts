import { invalidFields } from '../../domain/refusals.js';

/**
 * Keyset cursors: a page's last position, as an opaque token the next request sends back. Every list
 * (cases, referrals, deadlines) uses this one codec: the position's parts as a JSON array, base64url.
 * A token that is not one we issued, or not of this list's shape, is a 400 naming `cursor`.
 */
type PartKind = 'instant' | 'micros' | 'text' | 'uuid';

const valid: Record<PartKind, (value: unknown) => boolean> = {
  instant: (value) => typeof value === 'string' && !Number.isNaN(Date.parse(value)),
  // Microseconds since the epoch (PostgreSQL's own precision), as a decimal string.
  micros: (value) => typeof value === 'string' && /^-?\d{1,19}$/.test(value),
  text: (value) => typeof value === 'string',
  // A row id: checked here, as PostgreSQL would refuse a malformed one with an error, not an empty page.
  uuid: (value) =>
    typeof value === 'string' &&
    /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value),
};

export function encodeCursor(parts: readonly string[]): string {
  return Buffer.from(JSON.stringify(parts)).toString('base64url');
}

export function decodeCursor<const K extends readonly PartKind[]>(
  text: string,
  shape: K,
): { [I in keyof K]: string } {
  try {
    const parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as unknown;
    if (!Array.isArray(parsed) || parsed.length !== shape.length) throw new Error('shape');
    shape.forEach((kind, index) => {
      if (!valid[kind](parsed[index])) throw new Error(kind);
    });
    return parsed as { [I in keyof K]: string };
  } catch {
    throw invalidFields([{ field: 'cursor', reason: 'not a cursor this API issued', in: 'query' }]);
  }
}

/**
 * Keyset position in a deadline list: the due instant in microseconds since the epoch (so no two rows
 * collapse into one position), then case number and kind.
 */
interface DeadlineCursor {
  dueMicros: string;
  caseNumber: string;
  kind: string;
}

export function encodeDeadlineCursor(cursor: DeadlineCursor): string {
  return encodeCursor([cursor.dueMicros, cursor.caseNumber, cursor.kind]);
}

export function decodeDeadlineCursor(text: string): DeadlineCursor {
  const [dueMicros, caseNumber, kind] = decodeCursor(text, ['micros', 'text', 'text'] as const);
  return { dueMicros, caseNumber, kind };
}
