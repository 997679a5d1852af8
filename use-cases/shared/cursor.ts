import { Problem } from '../../api/problem.js';

/**
 * Keyset position in a deadline list: the due instant in microseconds since the epoch (PostgreSQL's own
 * precision, so no two rows collapse into one position), then case number and kind.
 */
export interface DeadlineCursor {
  dueMicros: string;
  caseNumber: string;
  kind: string;
}

export function encodeDeadlineCursor(cursor: DeadlineCursor): string {
  return Buffer.from(JSON.stringify([cursor.dueMicros, cursor.caseNumber, cursor.kind])).toString(
    'base64url',
  );
}

export function decodeDeadlineCursor(text: string): DeadlineCursor {
  try {
    const parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as unknown;
    if (!Array.isArray(parsed) || parsed.length !== 3) throw new Error('shape');
    const [dueMicros, caseNumber, kind] = parsed as unknown[];
    if (typeof dueMicros !== 'string' || !/^-?\d{1,19}$/.test(dueMicros)) throw new Error('due');
    if (typeof caseNumber !== 'string' || typeof kind !== 'string') throw new Error('key');
    return { dueMicros, caseNumber, kind };
  } catch {
    throw new Problem(
      400,
      'validation_failed',
      'The request is not valid',
      'cursor: not a cursor this API issued',
      { errors: [{ field: 'cursor', reason: 'not a cursor this API issued', in: 'query' }] },
    );
  }
}
