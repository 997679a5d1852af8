/**
 * A refusal or invalid input detected by a pure domain rule. `code` is stable: the API maps it to an
 * HTTP status and activities turn it into a non-retryable failure. `reasonZh` is shown to staff.
 */
export class DomainError extends Error {
  override readonly name = 'DomainError';

  constructor(
    readonly code: string,
    message: string,
    readonly reasonZh?: string,
  ) {
    super(message);
  }
}
