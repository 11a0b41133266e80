// FormData → plain object for zod. Conventions the console's forms follow:
//   name[]      always an array (checkbox groups, multi-selects), suffix dropped
//   a.b         nested object, e.g. "status.<componentId>" → { status: { <id>: value } }
// Files and React's own "$ACTION…" fields are skipped.

export type FormValues = { [key: string]: string | string[] | FormValues };

const SECRET_FIELD = /password|token/i;

export function formValues(formData: FormData): FormValues {
  const out: FormValues = {};
  for (const [rawKey, value] of formData.entries()) {
    if (typeof value !== 'string' || rawKey.startsWith('$ACTION')) continue;
    const isArray = rawKey.endsWith('[]');
    const path = (isArray ? rawKey.slice(0, -2) : rawKey).split('.');
    if (path.some((part) => part === '' || part === '__proto__' || part === 'constructor' || part === 'prototype')) continue;
    let node = out;
    for (const part of path.slice(0, -1)) {
      const next = node[part];
      if (typeof next !== 'object' || Array.isArray(next)) node[part] = {};
      node = node[part] as FormValues;
    }
    const leaf = path[path.length - 1];
    const existing = node[leaf];
    if (isArray) node[leaf] = Array.isArray(existing) ? [...existing, value] : [value];
    else node[leaf] = value;
  }
  return out;
}

/** What the form re-shows after an error (flat names as submitted), never passwords or tokens. */
export function echoValues(formData: FormData): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [key, value] of formData.entries()) {
    if (typeof value !== 'string' || key.startsWith('$ACTION') || SECRET_FIELD.test(key)) continue;
    const existing = out[key];
    out[key] = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return out;
}
