// Typed errors thrown by services. Adapters (server actions, route handlers) map the code
// to a message in the user's language or an HTTP status; raw exception text is never shown.
export type ServiceErrorCode =
  'not_found' | 'forbidden' | 'unauthorized' | 'conflict' | 'invalid' | 'rate_limited' | 'unavailable';

export type FieldErrors = Record<string, string[]>;

export class ServiceError extends Error {
  constructor(
    readonly code: ServiceErrorCode,
    /** Message catalog key under "errors", e.g. "incident_not_found". */
    readonly messageKey: string = code,
    readonly fieldErrors?: FieldErrors,
  ) {
    super(`${code}: ${messageKey}`);
    this.name = 'ServiceError';
  }
}

export const HTTP_STATUS_FOR: Record<ServiceErrorCode, number> = {
  not_found: 404,
  forbidden: 403,
  unauthorized: 401,
  conflict: 409,
  invalid: 422,
  rate_limited: 429,
  unavailable: 503,
};

export function isServiceError(error: unknown): error is ServiceError {
  return error instanceof ServiceError;
}
