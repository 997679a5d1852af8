import pino, { type Logger } from 'pino';
import { safeError } from './safe-error.js';

/**
 * Structured JSON logs; credentials are redacted wherever they could appear, and an error (`err`) is
 * logged without the values of a failed query (see safe-error.ts).
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'feisutong' },
      serializers: { err: safeError },
      redact: {
        paths: [
          'password',
          '*.password',
          'req.headers.authorization',
          'headers.authorization',
          'authorization',
          'token',
          '*.token',
          'accessToken',
          'apiKey',
          '*.apiKey',
          'secret',
          '*.secret',
        ],
        censor: '[redacted]',
      },
    },
    destination,
  );
}
