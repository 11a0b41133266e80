// Problems in a policy, as catalogue keys (messages/*/sla.json "errors") per field path, so the
// console's policy editor and its JSON view can say what is wrong next to the field.
import type { z } from 'zod';
import type { FieldErrors } from '../errors';

/** Zod problems in a policy as catalog keys (messages/*\/sla.json "errors"), per field. */
export function policyFieldErrors(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) (out[issue.path.map(String).join('.') || '_form'] ??= []).push(policyIssueKey(issue));
  return out;
}

export function policyIssueKey(issue: z.core.$ZodIssue): string {
  const leaf = String(issue.path[issue.path.length - 1] ?? '');
  const keyLike = /^[a-z_]+$/.test(issue.message);
  switch (issue.code) {
    case 'custom':
    case 'invalid_format':
      return keyLike ? issue.message : 'invalid';
    case 'too_small':
    case 'too_big':
      if (/Percent$/.test(leaf)) return 'percent_range';
      if (leaf === 'partialOutageWeight') return 'weight_range';
      if (issue.origin === 'array') return issue.code === 'too_small' ? 'choose_at_least_one' : 'invalid';
      if (issue.origin === 'string') return 'required';
      return issue.code === 'too_small' && Number(issue.minimum) === 0 && !issue.inclusive ? 'positive_number' : 'whole_number';
    case 'invalid_type':
      // Zod leaves the input out of issues unless asked; its message names what was received.
      if (issue.expected === 'int') return 'whole_number';
      if (/received (undefined|null)$/.test(issue.message)) return 'required';
      return issue.expected === 'number' ? 'number' : 'invalid';
    case 'invalid_union':
    case 'invalid_value':
      return 'invalid_choice';
    default:
      return 'invalid';
  }
}
