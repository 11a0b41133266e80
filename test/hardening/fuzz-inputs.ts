import fc from 'fast-check';
import { COMPONENT_STATUSES, IMPACTS, ROLES, SEVERITIES } from '../../lib/domain/statuses';
import type { FormFields } from './action-forms';
import { INJECTION_CORPUS, SUBSCRIBER_PAYLOADS } from './injection-corpus';

// Generators for the fuzz suites: values a browser, a script or an attacker could send, and
// mutations of a valid form or JSON body (so many inputs get past parsing into the services).

/** Runs per property; FUZZ_RUNS scales every suite (e.g. FUZZ_RUNS=10 for ten times as many). */
export function fuzzRuns(base: number): number {
  const scale = Number(process.env.FUZZ_RUNS ?? 1);
  return Math.max(1, Math.round(base * (Number.isFinite(scale) && scale > 0 ? scale : 1)));
}

/** A test timeout that grows with FUZZ_RUNS. */
export function fuzzTimeout(baseMs: number): number {
  return Math.max(baseMs, fuzzRuns(baseMs));
}

const EDGE_STRINGS = [
  '',
  ' ',
  'on',
  'true',
  'false',
  'null',
  'undefined',
  '0',
  '-1',
  '1e309',
  'NaN',
  '9'.repeat(30),
  '\u0000',
  'a\u0000b',
  '\uD800',
  '\uDFFF\uD800',
  '2026-02-30T10:00',
  '9999-12-31T23:59',
  '0000-01-01T00:00',
  '1970-01-01T00:00:00Z',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  '../../etc/passwd',
  "'; drop table incidents; --",
  '%00%0d%0a',
  '{"__proto__":{"polluted":true}}',
  ...COMPONENT_STATUSES,
  ...SEVERITIES,
  ...IMPACTS,
  ...ROLES,
  'investigating',
  'resolved',
  'postmortem',
  'scheduled',
];

/** One form value: random text (any Unicode, lone surrogates too), edge cases, the corpus, ids of real rows. */
export function formValue(realIds: readonly string[]): fc.Arbitrary<string> {
  return fc.oneof(
    fc.string({ maxLength: 30 }),
    fc.string({ unit: 'grapheme', maxLength: 30 }),
    fc.string({ unit: 'binary', maxLength: 20 }),
    fc.constantFrom(...EDGE_STRINGS),
    fc.constantFrom(...INJECTION_CORPUS, ...SUBSCRIBER_PAYLOADS),
    realIds.length ? fc.constantFrom(...realIds) : fc.uuid(),
    fc.uuid(),
    fc.integer().map(String),
    fc.double().map(String),
    fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
    fc.integer({ min: 2, max: 5 }).map((n) => 'x'.repeat(10 ** n)),
  );
}

const HOSTILE_NAMES = [
  '__proto__',
  '__proto__.polluted',
  'constructor.prototype.polluted',
  'a..b',
  '.',
  '[]',
  '$ACTION_ID_0',
  '$ACTION_REF_1',
  'components.',
  'components.__proto__',
];

type Mutation =
  | { kind: 'remove'; pick: number }
  | { kind: 'replace'; pick: number; value: string }
  | { kind: 'add'; name: string; value: string }
  | { kind: 'repeat'; pick: number; values: string[] };

/** A valid form with 1–4 changes: fields removed, replaced, repeated, or unknown ones added. */
export function mutatedForm(
  valid: FormFields,
  realIds: readonly string[],
  extraNames: readonly string[] = [],
): fc.Arbitrary<FormFields> {
  const value = formValue(realIds);
  const names = [...new Set([...Object.keys(valid), ...extraNames, ...HOSTILE_NAMES])];
  const mutation: fc.Arbitrary<Mutation> = fc.oneof(
    fc.record({ kind: fc.constant('remove' as const), pick: fc.nat() }),
    fc.record({ kind: fc.constant('replace' as const), pick: fc.nat(), value }),
    fc.record({
      kind: fc.constant('add' as const),
      name: fc.oneof(fc.constantFrom(...names), fc.string({ maxLength: 12 })),
      value,
    }),
    fc.record({ kind: fc.constant('repeat' as const), pick: fc.nat(), values: fc.array(value, { minLength: 2, maxLength: 3 }) }),
  );
  return fc.array(mutation, { minLength: 1, maxLength: 4 }).map((mutations) => {
    const form: FormFields = { ...valid };
    for (const m of mutations) {
      const keys = Object.keys(form);
      const key = keys.length ? keys[('pick' in m ? m.pick : 0) % keys.length] : undefined;
      if (m.kind === 'add') form[m.name] = m.value;
      else if (key === undefined) continue;
      else if (m.kind === 'remove') delete form[key];
      else if (m.kind === 'replace') form[key] = m.value;
      else form[key] = m.values;
    }
    return form;
  });
}

/** Any JSON value, biased towards objects with the given keys (so bodies reach validation). */
export function jsonLike(keys: readonly string[], realIds: readonly string[]): fc.Arbitrary<unknown> {
  const leaf = fc.oneof(formValue(realIds), fc.integer(), fc.double(), fc.boolean(), fc.constant(null));
  const { tree } = fc.letrec<{ tree: unknown }>((tie) => ({
    tree: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      leaf,
      fc.array(tie('tree'), { maxLength: 4 }),
      fc.dictionary(fc.oneof(fc.constantFrom(...keys, ...HOSTILE_NAMES), fc.string({ maxLength: 8 })), tie('tree'), {
        maxKeys: 5,
      }),
    ),
  }));
  return tree;
}

type JsonPath = (string | number)[];

function paths(value: unknown, prefix: JsonPath = []): JsonPath[] {
  if (!value || typeof value !== 'object') return [prefix];
  const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
  return [prefix, ...entries.flatMap(([k, v]) => paths(v, [...prefix, k]))];
}

function setAt(root: unknown, path: JsonPath, value: unknown, remove: boolean): unknown {
  if (path.length === 0) return remove ? undefined : value;
  const [head, ...rest] = path;
  // Plain copies and own-property writes: a generated "__proto__" key stays an ordinary key.
  const copy = (
    Array.isArray(root) ? Array.prototype.slice.call(root) : root && typeof root === 'object' ? { ...root } : {}
  ) as Record<string | number, unknown>;
  if (remove && rest.length === 0) {
    if (Array.isArray(copy)) copy.splice(Number(head), 1);
    else delete copy[head];
  } else
    Object.defineProperty(copy, head, {
      value: setAt(copy[head], rest, value, remove),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  return copy;
}

/** A valid JSON body with 1–3 changes at any depth: values replaced by anything, keys removed or added. */
export function mutatedJson(valid: unknown, keys: readonly string[], realIds: readonly string[]): fc.Arbitrary<unknown> {
  const all = paths(valid);
  const anything = jsonLike(keys, realIds);
  const mutation = fc.record({
    at: fc.nat(),
    kind: fc.constantFrom('replace', 'remove', 'add'),
    key: fc.constantFrom(...keys, ...HOSTILE_NAMES),
    value: anything,
  });
  return fc.array(mutation, { minLength: 1, maxLength: 3 }).map((mutations) => {
    let body = valid;
    for (const m of mutations) {
      const path = all[m.at % all.length];
      if (m.kind === 'add') body = setAt(body, [...path, m.key], m.value, false);
      else body = setAt(body, path, m.value, m.kind === 'remove');
    }
    return body;
  });
}

/** A request body as sent on the wire: JSON of a (mutated) value, or bytes that are not JSON at all. */
export function wireBody(value: fc.Arbitrary<unknown>): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 8, arbitrary: value.map((v) => JSON.stringify(v) ?? 'null') },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 60 }) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        '',
        '{',
        '[]',
        'null',
        '{"a":',
        '\u0000',
        '{"__proto__":{"x":1}}',
        `{"a":"${'x'.repeat(200_000)}"}`,
      ),
    },
  );
}

/** Values no browser sends but a script can: NUL, a lone surrogate, 100,000 characters. */
export const HOSTILE_VALUES = ['a\u0000b', '\uD800', 'x'.repeat(100_000)];

/** The valid body with one leaf (or key) at a time replaced by each hostile value: a systematic pass next to the random one. */
export function everyLeafHostile(valid: unknown, options: { stringsOnly?: boolean; values?: readonly string[] } = {}): unknown[] {
  const values = options.values ?? HOSTILE_VALUES;
  const at = (path: JsonPath) => path.reduce<unknown>((node, key) => (node as Record<string | number, unknown>)[key], valid);
  const leaves = paths(valid).filter((p) => p.length > 0 && (!options.stringsOnly || typeof at(p) === 'string'));
  const bodies: unknown[] = [];
  for (const path of leaves) for (const value of values) bodies.push(setAt(valid, path, value, false));
  for (const value of values) bodies.push(setAt(valid, [value], 'x', false));
  return bodies;
}

/** What a percent-decoded URL segment can hold: lone surrogates become U+FFFD. */
export function wellFormed(text: string): string {
  return text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}
