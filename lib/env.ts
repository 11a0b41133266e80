import { z } from 'zod';

// The only reader of process.env. Every setting is validated once; a bad value stops
// start-up with one line naming the variable and the rule it breaks, never the value
// (many are secrets: passwords, tokens, URLs with credentials).
const emptyToUndefined = (v: unknown) => (v === '' ? undefined : v);

function wholeNumber(min: number, max: number) {
  const rule = `must be a whole number from ${min} to ${max}`;
  return z.coerce.number({ message: rule }).int(rule).min(min, rule).max(max, rule);
}

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test'], 'must be development, production or test').default('development'),
  DATABASE_URL: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must start with postgres://')
      .optional(),
  ),
  PGLITE_DIR: z.preprocess(emptyToUndefined, z.string().default('./data/pg')),
  PORT: z.preprocess(emptyToUndefined, wholeNumber(1, 65535).default(3000)),
  HOSTNAME: z.preprocess(emptyToUndefined, z.string().default('0.0.0.0')),
  PUBLIC_BASE_URL: z.preprocess(emptyToUndefined, z.url('must be an absolute URL such as https://status.example.com').optional()),
  SMTP_URL: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
      .optional(),
  ),
  MAIL_FROM: z.preprocess(emptyToUndefined, z.string().default('Shirase <status@localhost>')),
  LINE_CHANNEL_ACCESS_TOKEN: z.preprocess(emptyToUndefined, z.string().optional()),
  LINE_CHANNEL_SECRET: z.preprocess(emptyToUndefined, z.string().optional()),
  LINE_API_BASE_URL: z.preprocess(emptyToUndefined, z.url('must be an absolute URL').default('https://api.line.me')),
  /** The official account's add-friend link (https://lin.ee/…), shown on the subscribe page. */
  LINE_ADD_FRIEND_URL: z.preprocess(emptyToUndefined, z.url('must be an absolute URL such as https://lin.ee/…').optional()),
  CHATWORK_API_TOKEN: z.preprocess(emptyToUndefined, z.string().optional()),
  CHATWORK_API_BASE_URL: z.preprocess(emptyToUndefined, z.url('must be an absolute URL').default('https://api.chatwork.com')),
  CHATWORK_WEBHOOK_TOKEN: z.preprocess(emptyToUndefined, z.string().optional()),
  ALERTMANAGER_TOKEN: z.preprocess(emptyToUndefined, z.string().min(16, 'must be at least 16 characters').optional()),
  /** Bearer token for GET /api/metrics; without it (and without METRICS_PUBLIC=true) the metrics are not served. */
  METRICS_TOKEN: z.preprocess(emptyToUndefined, z.string().min(16, 'must be at least 16 characters').optional()),
  /** `true` serves /api/metrics to anyone (only behind a network that keeps outsiders away). */
  METRICS_PUBLIC: z.preprocess(emptyToUndefined, z.enum(['true', 'false']).default('false')),
  ADMIN_EMAIL: z.preprocess(emptyToUndefined, z.email('must be an email address').optional()),
  ADMIN_PASSWORD: z.preprocess(emptyToUndefined, z.string().min(10, 'must be at least 10 characters').optional()),
  SESSION_SECRET: z.preprocess(emptyToUndefined, z.string().min(32, 'must be at least 32 characters').optional()),
  /** Seals two-factor (TOTP) secrets at rest; without it a key derived from SESSION_SECRET is used. */
  TOTP_ENCRYPTION_KEY: z.preprocess(emptyToUndefined, z.string().min(32, 'must be at least 32 characters').optional()),
  TZ_DISPLAY: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .default('Asia/Tokyo')
      .refine((tz) => isTimeZone(tz), 'must be an IANA time zone such as Asia/Tokyo'),
  ),
  DEFAULT_LOCALE: z.preprocess(emptyToUndefined, z.enum(['ja', 'en'], 'must be ja or en').default('ja')),
  DISPATCHER: z.preprocess(emptyToUndefined, z.enum(['in-process', 'off'], 'must be in-process or off').default('in-process')),
  /** First retry delay of a failed delivery (doubles per attempt, capped at 15 min). */
  NOTIFY_RETRY_BASE_MS: z.preprocess(emptyToUndefined, wholeNumber(100, 3_600_000).default(15_000)),
  /** How long a worker's claim on email and LINE rows keeps others away: a crashed worker's rows are retried after it. */
  NOTIFY_LEASE_MS: z.preprocess(emptyToUndefined, wholeNumber(1_000, 3_600_000).default(120_000)),
  /** Reverse proxies in front of Shirase that append to X-Forwarded-For (sign-in throttling keys on the client address). */
  TRUST_PROXY_HOPS: z.preprocess(emptyToUndefined, wholeNumber(0, 10).default(0)),
  /** `off` keeps this process from running monitor checks (workers still do). */
  CHECKER: z.preprocess(emptyToUndefined, z.enum(['in-process', 'off'], 'must be in-process or off').default('in-process')),
  /** Region label of this process's checker; an outage needs a quorum of regions to agree. */
  CHECKER_REGION: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'must be lower-case letters, digits and dashes')
      .default('default'),
  ),
  /** Checks one checker runs at the same time. */
  CHECKER_CONCURRENCY: z.preprocess(emptyToUndefined, wholeNumber(1, 5_000).default(500)),
  /** Allow monitors to reach loopback, private, link-local and metadata addresses. */
  MONITOR_ALLOW_PRIVATE: z.preprocess(emptyToUndefined, z.enum(['true', 'false'], 'must be true or false').default('false')),
  /** Where Slack incoming-webhook URLs must point (tests point it at the local fake). */
  SLACK_WEBHOOK_BASE_URL: z.preprocess(emptyToUndefined, z.url('must be an absolute URL').default('https://hooks.slack.com')),
  /** Allow webhook subscribers' endpoints on loopback, private, link-local and metadata addresses. */
  WEBHOOK_ALLOW_PRIVATE: z.preprocess(emptyToUndefined, z.enum(['true', 'false'], 'must be true or false').default('false')),
  /** Days raw check results are kept before only the hourly and daily roll-ups remain. */
  MONITOR_RESULT_DAYS: z.preprocess(emptyToUndefined, wholeNumber(1, 400).default(14)),
  SEED_DEMO: z.preprocess(emptyToUndefined, z.enum(['true', 'false'], 'must be true or false').default('true')),
  LOG_LEVEL: z.preprocess(
    emptyToUndefined,
    z.enum(['debug', 'info', 'warn', 'error'], 'must be debug, info, warn or error').default('info'),
  ),
});

export type Env = z.infer<typeof schema>;

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export class EnvError extends Error {}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = schema.safeParse(source);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const name = String(issue.path[0] ?? 'environment');
  throw new EnvError(`Invalid configuration: ${name} ${issue.message}.`);
}

let cached: Env | undefined;

export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** Tests and CLIs that change process.env call this to read it again. */
export function resetEnvCache(): void {
  cached = undefined;
}
