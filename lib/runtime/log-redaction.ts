// Drizzle puts a failed query's parameters into the error message ("Failed query: … params: …"),
// and Next logs a failing page's error whole. Parameters can be anything a visitor typed or a
// subscriber's address: the log keeps the query text and drops the values.

const PARAMS = /\nparams: [\s\S]*$/;
const REDACTED = '\nparams: [redacted]';

function redact(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(PARAMS, REDACTED);
  if (value instanceof Error && PARAMS.test(value.message)) {
    const copy = new Error(value.message.replace(PARAMS, REDACTED), { cause: value.cause && redact(value.cause) });
    copy.name = value.name;
    copy.stack = value.stack?.replace(value.message, copy.message).replace(PARAMS, REDACTED);
    return copy;
  }
  return value;
}

/** Wraps console.error and console.warn of this process (the server and workers call it at start). */
export function redactQueryParametersInLogs(): void {
  for (const level of ['error', 'warn'] as const) {
    const original = console[level].bind(console);
    console[level] = (...args: unknown[]) => original(...args.map(redact));
  }
}
