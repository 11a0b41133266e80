import 'server-only';
import { redirect } from 'next/navigation';
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { currentSession } from '../auth/current';
import { isServiceError, ServiceError, type FieldErrors } from '../errors';
import type { Locale } from '../i18n/locales';
import { requestLocale } from '../i18n/server';
import { unstorablePath } from '../security/unstorable';
import { describeIssue, issuePath } from '../services/parse-input';
import { t } from '../i18n/messages';
import { isDatabaseUnavailable } from '../live/unavailable';
import type { ServiceContext } from '../services/context';
import { echoValues, formValues } from './form-values';
import { fieldErrorText, serviceErrorText } from './messages';

// The one wrapper every console form goes through. A server action is a public endpoint, so
// this re-reads the session on each call, parses the form with zod, calls one service, and
// turns a ServiceError into text in the user's language next to the right field.

export type ActionState = {
  status: 'idle' | 'ok' | 'error';
  message?: string;
  fieldErrors?: Record<string, string>;
  /** The submitted values (never passwords) so a form re-shows them after an error. */
  values?: Record<string, string | string[]>;
};

export const idle: ActionState = { status: 'idle' };

/** keepValues: the form shows what was submitted again (an action that did not save, e.g. "test now"). */
type Outcome = { redirectTo?: string; message?: string; keepValues?: boolean } | void;

type Options<I, R> = {
  /** Catalog namespace whose "errors" name this area's message keys (e.g. "maintenance"). */
  namespace?: string;
  /** FormData (as a plain object, see form-values.ts) → the service's input. */
  form: z.ZodType<I>;
  run: (ctx: ServiceContext, input: I) => Promise<R>;
  /** Where to go, or what to say, after success. */
  done?: (result: R, input: I, locale: Locale) => Outcome;
};

/** For signed-in users: refuses without a valid session; the service checks the role. */
export function formAction<I, R>(options: Options<I, R>) {
  return async (previous: ActionState, submitted: FormData): Promise<ActionState> => {
    const formData = submittedForm(previous, submitted);
    const [session, locale] = await Promise.all([currentSession(), requestLocale()]);
    if (!session) return failure(locale, new ServiceError('unauthorized', 'session_expired'), formData, options.namespace);
    return execute(locale, formData, options, (input) => options.run(session.ctx, input));
  };
}

/** For the few forms used before signing in (sign-in, setup, invitation): same parsing and errors. */
export function publicFormAction<I, R>(options: Omit<Options<I, R>, 'run'> & { run: (input: I) => Promise<R> }) {
  return async (previous: ActionState, submitted: FormData): Promise<ActionState> => {
    const formData = submittedForm(previous, submitted);
    const locale = await requestLocale();
    return execute(locale, formData, options, options.run);
  };
}

/**
 * A form posted without JavaScript (a plain multipart post naming the action in `$ACTION_ID_…`)
 * reaches the action with the form as its only argument; anything else is an empty form.
 */
export function submittedForm(previous: unknown, submitted: unknown): FormData {
  if (submitted instanceof FormData) return submitted;
  return previous instanceof FormData ? previous : new FormData();
}

async function execute<I, R>(
  locale: Locale,
  formData: FormData,
  options: Omit<Options<I, R>, 'run'>,
  run: (input: I) => Promise<R>,
): Promise<ActionState> {
  const values = formValues(formData);
  const unstorable = unstorablePath(values);
  if (unstorable) {
    const fieldErrors = { [unstorable]: fieldErrorText(locale, 'invalid', {}, options.namespace) };
    return {
      status: 'error',
      message: fieldErrorText(locale, 'check_fields', {}, options.namespace),
      fieldErrors,
      values: echoValues(formData),
    };
  }
  const parsed = options.form.safeParse(values);
  if (!parsed.success) return invalid(locale, parsed.error, formData, options.namespace);
  let outcome: Outcome;
  try {
    const result = await run(parsed.data);
    outcome = options.done?.(result, parsed.data, locale);
  } catch (error) {
    return failure(locale, error, formData, options.namespace);
  }
  revalidatePath('/', 'layout');
  // redirect() throws on purpose, so it stays outside the try above.
  if (outcome?.redirectTo) redirect(outcome.redirectTo);
  return { status: 'ok', message: outcome?.message, ...(outcome?.keepValues ? { values: echoValues(formData) } : {}) };
}

function invalid(locale: Locale, error: z.ZodError, formData: FormData, namespace?: string): ActionState {
  const fieldErrors: Record<string, string> = {};
  for (const issue of error.issues) {
    const path = issuePath(issue);
    if (fieldErrors[path]) continue;
    const { key, values } = describeIssue(issue);
    fieldErrors[path] = fieldErrorText(locale, key, values, namespace);
  }
  return {
    status: 'error',
    message: fieldErrorText(locale, 'check_fields', {}, namespace),
    fieldErrors,
    values: echoValues(formData),
  };
}

function failure(locale: Locale, error: unknown, formData: FormData, namespace?: string): ActionState {
  // The transaction never committed: say so, and that it is the database, not the input.
  if (isDatabaseUnavailable(error))
    return { status: 'error', message: t(locale, 'live')('databaseDown'), values: echoValues(formData) };
  if (!isServiceError(error)) {
    // Raw exception text can carry SQL or internals: log it, show a generic sentence.
    console.error('server action failed', error);
    return {
      status: 'error',
      message: serviceErrorText(locale, { code: 'unavailable', messageKey: 'unexpected' }),
      values: echoValues(formData),
    };
  }
  return {
    status: 'error',
    message: serviceErrorText(locale, error, namespace),
    fieldErrors: error.fieldErrors ? localizeFields(locale, error.fieldErrors, namespace) : undefined,
    values: echoValues(formData),
  };
}

function localizeFields(locale: Locale, fields: FieldErrors, namespace?: string): Record<string, string> {
  return Object.fromEntries(
    Object.entries(fields).map(([field, keys]) => [field, fieldErrorText(locale, keys[0] ?? 'invalid', {}, namespace)]),
  );
}
