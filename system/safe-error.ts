import { TemporalFailure } from '@temporalio/common';

/**
 * Errors as they may be logged or sent to Temporal. A failed database write carries the values it
 * tried to write: drizzle's DrizzleQueryError has them in `.params` and at the end of its message
 * ("params: …", and so in its stack), postgres.js keeps them in `.parameters`, and PostgreSQL's own
 * `detail` repeats key values or the failing row. Parties' ID card and phone numbers are among them.
 * What is kept: the type, the message without the parameters, the code, the stack and the cause, each
 * treated the same way, and PostgreSQL's names of the schema, table, column and constraint.
 */
interface SafeError {
  type: string;
  message: string;
  code?: string | number;
  stack?: string;
  cause?: SafeError | unknown;
  [postgresField: string]: unknown;
}

/** PostgreSQL error fields that name things in the schema, never values. */
const postgresNameFields = ['severity', 'schema_name', 'table_name', 'column_name', 'constraint_name'];

/** Fields that hold the query's values in the libraries we use. */
const valueFields = ['params', 'parameters', 'args', 'detail', 'where', 'internal_query', 'query'];

const maximumCauses = 5;

function typeOf(error: object): string {
  const constructorName = (error as { constructor?: { name?: unknown } }).constructor?.name;
  if (typeof constructorName === 'string' && constructorName !== 'Object') return constructorName;
  const name = (error as { name?: unknown }).name;
  return typeof name === 'string' ? name : 'Error';
}

/**
 * The message without query parameters. A data exception (SQLSTATE class 22) quotes the value that did
 * not fit (`invalid input syntax for type uuid: "…"`): the quoted value goes too.
 */
function messageWithoutParameters(message: string, code?: unknown): string {
  let safe = message.replace(/\n?params: [\s\S]*$/, '');
  if (typeof code === 'string' && code.startsWith('22')) safe = safe.replace(/"[^"]*"/g, '"…"');
  return safe;
}

/** True if this error or one of its causes carries a query's values. */
function carriesQueryValues(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > maximumCauses) return false;
  const message = (error as { message?: unknown }).message;
  if (typeof message === 'string' && /\nparams: /.test(message)) return true;
  if (valueFields.some((field) => field in error && (error as Record<string, unknown>)[field] !== undefined))
    return true;
  return carriesQueryValues((error as { cause?: unknown }).cause, depth + 1);
}

/** pino's `err` serializer, and what the worker reports of a failed activity. */
export function safeError(error: unknown, depth = 0): SafeError | unknown {
  if (!error || typeof error !== 'object') return error;
  const source = error as Record<string, unknown>;
  const type = typeOf(error);
  const code = typeof source.code === 'string' || typeof source.code === 'number' ? source.code : undefined;
  const original = typeof source.message === 'string' ? source.message : '';
  const message = messageWithoutParameters(original, code);
  const safe: SafeError = { type, message };
  if (code !== undefined) safe.code = code;
  if (typeof source.stack === 'string') {
    // The stack begins with the message: when that changed, keep only the frames after it.
    safe.stack =
      message === original
        ? source.stack
        : [`${type}: ${message}`, ...source.stack.split('\n').filter((line) => /^\s+at /.test(line))].join(
            '\n',
          );
  }
  for (const field of postgresNameFields) if (typeof source[field] === 'string') safe[field] = source[field];
  if (source.cause !== undefined && depth < maximumCauses) safe.cause = safeError(source.cause, depth + 1);
  return safe;
}

/**
 * The same error without the query's values, as an Error again for Temporal (which reports an
 * activity's failure by its name, message, stack and cause); unchanged when it carries none. A
 * Temporal failure (an ApplicationFailure, say non-retryable) is kept and only its message, stack and
 * cause are cleaned; anything else is rebuilt as a plain Error with the same name.
 */
export function withoutQueryValues(error: unknown, depth = 0): unknown {
  if (!carriesQueryValues(error) || !(error instanceof Error)) return error;
  const safe = safeError(error, maximumCauses) as SafeError;
  const cause = depth < maximumCauses ? withoutQueryValues(error.cause, depth + 1) : undefined;
  if (error instanceof TemporalFailure) {
    error.message = safe.message;
    if (safe.stack !== undefined) error.stack = safe.stack;
    (error as { cause?: unknown }).cause = cause;
    return error;
  }
  const rebuilt = new Error(safe.message, cause === undefined ? undefined : { cause });
  rebuilt.name = safe.type;
  if (safe.stack !== undefined) rebuilt.stack = safe.stack;
  if (safe.code !== undefined) Object.assign(rebuilt, { code: safe.code });
  return rebuilt;
}
