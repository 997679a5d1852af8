import { ConfigurationError } from '../config/env.js';

/**
 * A start-up failure the operator can act on: the message says what is wrong and what to do, in one
 * line (e.g. "port 3000 (PORT) is in use; set PORT to a free port, e.g. PORT=3001").
 */
export class StartupError extends Error {
  override name = 'StartupError';
}

/** Start-up was interrupted (Ctrl-C, SIGTERM) before it finished. */
export class StartupInterrupted extends StartupError {
  override name = 'StartupInterrupted';
  constructor(signal: string, options?: ErrorOptions) {
    super(`start-up interrupted by ${signal}; everything it had started was stopped`, options);
  }
}

function firstLine(text: string): string {
  return text.split('\n').find((line) => line.trim() !== '') ?? text;
}

/** One line for any start-up failure: what is wrong and what to do. */
export function describeStartupFailure(error: unknown): string {
  if (error instanceof StartupError) return error.message;
  if (error instanceof ConfigurationError) {
    return `invalid configuration: ${error.issues.join('; ')}; correct these environment variables and start again`;
  }
  const message = error instanceof Error ? error.message : String(error);
  return `start-up failed: ${firstLine(message).trim()}; run with LOG_LEVEL=debug to see the details`;
}

/**
 * Prints the failure as one line on stderr; the stack and causes only when LOG_LEVEL is debug or
 * trace. Entry points call it and exit non-zero.
 */
export function reportStartupFailure(error: unknown, logLevel: string | undefined): void {
  process.stderr.write(`feisutong: ${describeStartupFailure(error)}\n`);
  if (logLevel === 'debug' || logLevel === 'trace') {
    for (let current: unknown = error, depth = 0; current && depth < 5; depth += 1) {
      process.stderr.write(
        `${current instanceof Error ? (current.stack ?? current.message) : String(current)}\n`,
      );
      current = current instanceof Error ? current.cause : undefined;
    }
  }
}

/** The exit code of a failed start: 2 for configuration, 130 for an interrupt, 1 otherwise. */
export function startupExitCode(error: unknown): number {
  if (error instanceof ConfigurationError) return 2;
  if (error instanceof StartupInterrupted) return 130;
  return 1;
}
