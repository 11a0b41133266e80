import { isServiceError, HTTP_STATUS_FOR, ServiceError } from '../errors';
import type { Locale } from '../i18n/locales';
import { firstMessage } from '../i18n/first-message';
import { t } from '../i18n/messages';
import { isDatabaseUnavailable } from '../live/unavailable';

/** This API's own sentences first, then the area's (e.g. maintenance), then the console's. */
function errorText(locale: Locale, error: ServiceError, namespaces: string[]): string {
  const paths = [...namespaces, 'admin'].map((ns) => `${ns}.errors.${error.messageKey}`);
  return firstMessage(locale, [...paths, `admin.errors.code.${error.code}`]) ?? t(locale, 'api')('errors.unexpected');
}

function fieldText(locale: Locale, key: string, namespaces: string[]): string {
  const paths = [...namespaces.map((ns) => `${ns}.errors.${key}`), `admin.fieldErrors.${key}`, `admin.errors.${key}`];
  return firstMessage(locale, paths) ?? t(locale, 'admin')('fieldErrors.invalid');
}

/** Statuspage names for the fields our services validate, so errors point at what the caller sent. */
export type FieldNames = Record<string, string>;

/**
 * A service field → the caller's name for it; a nested one → its top field's name ("components.0.status"
 * → "incident.components"), unless the path already is the caller's ("incident.started_at").
 */
function callerFieldName(field: string, names: FieldNames = {}): string {
  const top = field.split('.')[0];
  if (names[field]) return names[field];
  if (names[top] && names[top] !== top) return names[top];
  return field;
}

/** `{ "error": "<sentence>", "code": …, "fields": { "incident.name": ["…"] } }` in the caller's language. */
export function errorResponse(
  error: unknown,
  locale: Locale,
  options: { namespaces?: string[]; fieldNames?: FieldNames } = {},
): Response {
  const namespaces = ['api', ...(options.namespaces ?? [])];
  let failure: ServiceError;
  if (isServiceError(error)) failure = error;
  else if (isDatabaseUnavailable(error)) failure = new ServiceError('unavailable', 'database_unavailable');
  else {
    console.error('management API request failed', error);
    failure = new ServiceError('unavailable', 'unexpected');
  }
  const body: { error: string; code: string; fields?: Record<string, string[]> } = {
    error: errorText(locale, failure, namespaces),
    code: failure.messageKey,
  };
  if (failure.fieldErrors) {
    body.fields = Object.fromEntries(
      Object.entries(failure.fieldErrors).map(([field, keys]) => [
        callerFieldName(field, options.fieldNames),
        keys.map((key) => fieldText(locale, key, namespaces)),
      ]),
    );
  }
  const headers: Record<string, string> = {};
  if (failure.code === 'unavailable') headers['Retry-After'] = '5';
  const status = failure.messageKey === 'unexpected' ? 500 : HTTP_STATUS_FOR[failure.code];
  return Response.json(body, { status, headers });
}
