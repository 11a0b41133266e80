import { sql } from 'drizzle-orm';
import { openDatabase, type DatabaseHandle } from '../../db/client';
import { sessions } from '../../db/schema';
import {
  startChatworkApi,
  startLineApi,
  startSmtpSink,
  type FakeChatworkApi,
  type FakeLineApi,
  type SmtpSink,
} from '../../e2e/fakes';
import { createSession } from '../../lib/services/sessions/sessions';
import { randomToken, tokenDigest } from '../../lib/security/tokens';
import { runMaintenanceTick } from '../../lib/services/maintenances/tick';
import { createConsoleFixtures, type ConsoleFixtures } from './console-fixtures';
import { createFreshDatabase, startWebServer, type ShiraseProcess } from './processes';

// The Shirase the HTTP hardening specs attack: the production build (made by Playwright's web
// server step) on a fresh PostgreSQL database, every secret set to a recognisable canary value,
// the fakes in this process, and sessions for each kind of caller.

/** Configured secrets; none may ever appear in a page, a client chunk or a log line. */
export const CANARIES = {
  ADMIN_PASSWORD: 'canary-admin-password-7Qx2',
  SMTP_PASSWORD: 'canary-smtp-pass-9Lm4',
  LINE_CHANNEL_ACCESS_TOKEN: 'canary-line-access-token-3Kd8',
  LINE_CHANNEL_SECRET: 'canary-line-secret-5Wn1',
  CHATWORK_API_TOKEN: 'canary-chatwork-token-2Rt6',
  CHATWORK_WEBHOOK_TOKEN: 'Y2FuYXJ5LWNoYXR3b3JrLXdlYmhvb2s=',
  ALERTMANAGER_TOKEN: 'canary-alertmanager-token-4Vb7',
  SESSION_SECRET: 'canary-session-secret-0123456789abcdef-6Zp',
} as const;

export interface HardeningApp {
  url: string;
  server: ShiraseProcess;
  handle: DatabaseHandle;
  fixtures: ConsoleFixtures;
  sink: SmtpSink;
  line: FakeLineApi;
  chatwork: FakeChatworkApi;
  /** Cookie headers for each caller. */
  cookies: Record<'admin' | 'operator' | 'viewer' | 'expired' | 'disabled', string>;
  stop(): Promise<void>;
}

/** `sending: false` runs the web process with DISPATCHER=off and CHECKER=off, so nothing changes the database behind a request. */
/** `env` adds or overrides server settings (e.g. METRICS_TOKEN). */
export async function startHardeningApp(
  options: { sending?: boolean; env?: Record<string, string> } = {},
): Promise<HardeningApp> {
  const database = await createFreshDatabase();
  const [sink, line, chatwork] = await Promise.all([
    startSmtpSink(),
    startLineApi({ channelAccessToken: CANARIES.LINE_CHANNEL_ACCESS_TOKEN }),
    startChatworkApi({ tokens: [CANARIES.CHATWORK_API_TOKEN] }),
  ]);
  const server = await startWebServer({
    DATABASE_URL: database.url,
    ADMIN_EMAIL: 'admin@example.com',
    ADMIN_PASSWORD: CANARIES.ADMIN_PASSWORD,
    SMTP_URL: `smtp://canary-smtp-user:${CANARIES.SMTP_PASSWORD}@127.0.0.1:${sink.port}`,
    MAIL_FROM: 'Shirase <status@example.test>',
    LINE_CHANNEL_ACCESS_TOKEN: CANARIES.LINE_CHANNEL_ACCESS_TOKEN,
    LINE_CHANNEL_SECRET: CANARIES.LINE_CHANNEL_SECRET,
    LINE_API_BASE_URL: line.url,
    CHATWORK_API_TOKEN: CANARIES.CHATWORK_API_TOKEN,
    CHATWORK_API_BASE_URL: chatwork.url,
    CHATWORK_WEBHOOK_TOKEN: CANARIES.CHATWORK_WEBHOOK_TOKEN,
    ALERTMANAGER_TOKEN: CANARIES.ALERTMANAGER_TOKEN,
    SESSION_SECRET: CANARIES.SESSION_SECRET,
    NOTIFY_RETRY_BASE_MS: '300',
    DISPATCHER: options.sending === false ? 'off' : 'in-process',
    // The fixture heartbeat monitors would record missed beats in the middle of a snapshot comparison.
    CHECKER: options.sending === false ? 'off' : 'in-process',
    ...options.env,
  });
  const handle = await openDatabase({ driver: 'postgres', url: database.url, max: 4 });
  const fixtures = { ...(await createConsoleFixtures(handle.db)), totpKeys: { session: CANARIES.SESSION_SECRET } };
  // The server's maintenance clock must not act in the middle of a test: the demo's open
  // maintenance moves far out, and whatever the clock owes now (reminders) is done at once.
  await handle.db.execute(
    sql`update maintenances set scheduled_start = scheduled_start + interval '120 days', scheduled_end = scheduled_end + interval '120 days' where status = 'scheduled' and title not like 'Fixture%'`,
  );
  await handle.db.execute(
    sql`update maintenances set scheduled_end = now() + interval '120 days' where status in ('in_progress', 'verifying')`,
  );
  await runMaintenanceTick(handle.db, new Date());
  const now = new Date();
  const signed = async (userId: string) =>
    `shirase_session=${(await createSession(handle.db, { userId, ip: '127.0.0.1', now })).token}`;
  const expired = randomToken();
  await handle.db.insert(sessions).values({
    tokenHash: tokenDigest(expired),
    userId: fixtures.users.admin.id,
    createdAt: new Date(now.getTime() - 2 * 86_400_000),
    expiresAt: new Date(now.getTime() - 1_000),
    ip: null,
  });
  const { users } = fixtures;
  const cookies = {
    admin: await signed(users.admin.id),
    operator: await signed(users.operator.id),
    viewer: await signed(users.viewer.id),
    disabled: await signed(users.disabled.id),
    expired: `shirase_session=${expired}`,
  };
  return {
    url: server.url,
    server,
    handle,
    fixtures,
    sink,
    line,
    chatwork,
    cookies,
    async stop() {
      await server.stop();
      await handle.close();
      await Promise.all([sink.close(), line.close(), chatwork.close()]);
      await database.drop();
    },
  };
}
