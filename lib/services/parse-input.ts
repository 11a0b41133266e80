import { z } from 'zod';
import { ServiceError, type FieldErrors } from '../errors';

// Zod problems as message keys (under "fieldErrors" in the admin catalog), so every adapter
// can say what is wrong with a field in the user's language without showing zod's English.

export type IssueMessage = { key: string; values: Record<string, number> };

/** A schema's own message wins when it is a key (e.g. `{ message: 'reason_required' }`). */
const MESSAGE_KEY = /^[a-z_]+$/;

export function describeIssue(issue: z.core.$ZodIssue): IssueMessage {
  if (MESSAGE_KEY.test(issue.message)) return { key: issue.message, values: {} };
  switch (issue.code) {
    case 'invalid_type':
      return {
        key: issue.input === undefined || issue.input === null || issue.input === '' ? 'required' : 'invalid',
        values: {},
      };
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.origin === 'string') return min <= 1 ? { key: 'required', values: {} } : { key: 'too_short', values: { min } };
      if (issue.origin === 'array' || issue.origin === 'set') return { key: 'choose_at_least', values: { min } };
      return { key: 'too_small', values: { min } };
    }
    case 'too_big': {
      const max = Number(issue.maximum);
      if (issue.origin === 'string') return { key: 'too_long', values: { max } };
      if (issue.origin === 'array' || issue.origin === 'set') return { key: 'too_many', values: { max } };
      return { key: 'too_big', values: { max } };
    }
    case 'invalid_format':
      return { key: issue.format === 'email' ? 'invalid_email' : issue.format === 'url' ? 'invalid_url' : 'invalid', values: {} };
    case 'invalid_value':
      return { key: 'invalid_choice', values: {} };
    default:
      return { key: 'invalid', values: {} };
  }
}

export function issuePath(issue: z.core.$ZodIssue): string {
  return issue.path.map(String).join('.') || '_form';
}

export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues) (fields[issuePath(issue)] ??= []).push(describeIssue(issue).key);
  return fields;
}

/** Services parse their own input: a bad value is `invalid` with per-field keys, nothing written. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new ServiceError('invalid', 'invalid_input', fieldErrorsOf(result.error));
}

/** Text fields shared by the console's services: trimmed and bounded; empty optional text is null. */
export const requiredText = (max: number) => z.string().trim().min(1).max(max);
export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullish()
    .transform((v) => v || null);
export const entityId = z.uuid();
