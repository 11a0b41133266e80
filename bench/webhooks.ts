// Webhook and Slack fan-out: 2,000 signed webhook subscribers and 500 Slack channels, one
// incident, sent by the real dispatcher to local fakes in this process; prints how long until
// the last was accepted, the rate, and how many of a sample the reference `standardwebhooks`
// library verified. Run: npx tsx bench/webhooks.ts   (DATABASE_URL=postgres://… for Postgres)
import { eq, sql } from 'drizzle-orm';
import { openDatabase, type DatabaseHandle } from '../db/client';
import { migrateDatabase } from '../db/migrate';
import { components, notificationMessages, pages } from '../db/schema';
import { startSlackWebhooks, startWebhookReceiver } from '../e2e/fakes';
import { createSlackSender } from '../lib/channels/slack';
import { createWebhookSender } from '../lib/channels/webhook';
import { Dispatcher } from '../lib/notify/dispatcher';
import { unsettledDeliveries } from '../lib/notify/fan-out';
import { signingSecret, webhookSigningKey } from '../lib/notices/webhook-secret';
import { openIncident } from '../lib/services/incidents/open';
import type { ServiceContext } from '../lib/services/context';

const WEBHOOKS = 2_000;
const SLACK_CHANNELS = 500;
const SAMPLE = 50;
const BASE = 'https://status.example.test';

async function openDb(): Promise<DatabaseHandle> {
  const url = process.env.DATABASE_URL;
  if (!url) return openDatabase({ driver: 'pglite' });
  const { default: postgres } = await import('postgres');
  const name = `shirase_bench_${Date.now().toString(36)}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  return openDatabase({ driver: 'postgres', url: url.replace(/\/[^/]*$/, `/${name}`), max: 10 });
}

async function main() {
  const handle = await openDb();
  await migrateDatabase(handle);
  const db = handle.db;
  const [page] = await db.insert(pages).values({ slug: 'bench', name: 'ベンチ' }).returning();
  const [component] = await db.insert(components).values({ pageId: page.id, name: 'API' }).returning();
  const ctx: ServiceContext = { db, actor: { kind: 'system', name: 'bench', role: 'admin' } };
  const [receiver, slack] = await Promise.all([startWebhookReceiver(), startSlackWebhooks()]);
  console.log(`Database: ${handle.driver}`);

  const hooks = Array.from({ length: SLACK_CHANNELS }, () => slack.newHook());
  await db.execute(sql`
    insert into subscribers (page_id, channel, address, contact_email, signing_salt, confirmed_at)
    select ${page.id}::uuid, 'webhook', ${receiver.url} || '/hooks/' || n, 'ops@example.test', md5('salt' || n), now()
    from generate_series(1, ${WEBHOOKS}::int) as n`);
  await db.execute(sql`
    insert into subscribers (page_id, channel, address, confirmed_at)
    select ${page.id}::uuid, 'slack', h, now() from unnest(${`{${hooks.join(',')}}`}::text[]) as h`);
  // The reference library checks a sample; the rest are only counted.
  const key = await webhookSigningKey(db);
  const sample = (await db.execute(
    sql`select id, address, signing_salt from subscribers where channel = 'webhook' order by random() limit ${SAMPLE}`,
  )) as unknown;
  const sampleRows = ((sample as { rows?: unknown[] }).rows ?? (sample as unknown[])) as {
    id: string;
    address: string;
    signing_salt: string;
  }[];
  for (const s of sampleRows) receiver.expectSecret(new URL(s.address).pathname, signingSecret(key, s.id, s.signing_salt));

  const senders = { webhook: createWebhookSender({ allowPrivate: true }), slack: createSlackSender({ baseUrl: slack.url }) };
  const dispatcher = new Dispatcher({ db, senders, baseUrl: BASE, idlePollMs: 50, log: (m, e) => console.error(m, e) });
  const posted = performance.now();
  const incident = await openIncident({
    ctx,
    input: {
      title: 'ファンアウト',
      severity: 'severe',
      components: [{ componentId: component.id, status: 'major_outage' }],
      body: '調査中',
    },
  });
  dispatcher.start();
  const [message] = await db
    .select({ id: notificationMessages.id })
    .from(notificationMessages)
    .where(eq(notificationMessages.incidentId, incident.id));
  while ((await unsettledDeliveries(db, message.id)) !== 0) await new Promise((resolve) => setTimeout(resolve, 500));
  const totalMs = performance.now() - posted;
  await dispatcher.stop();

  const counts = (await db.execute(
    sql`select channel, status, count(*)::int as n from deliveries where message_id = ${message.id}::uuid group by 1, 2 order by 1, 2`,
  )) as unknown;
  const rows = ((counts as { rows?: unknown[] }).rows ?? (counts as unknown[])) as {
    channel: string;
    status: string;
    n: number;
  }[];
  const verified = receiver.deliveries.filter((d) => d.verified === true).length;
  const refused =
    receiver.deliveries.filter((d) => d.verified === false).length + receiver.attempts.filter((a) => a.status === 401).length;
  console.log(
    `Sent ${WEBHOOKS} webhooks + ${SLACK_CHANNELS} Slack posts in ${totalMs.toFixed(0)} ms (${(((WEBHOOKS + SLACK_CHANNELS) / totalMs) * 1000).toFixed(0)}/s, post to last accepted)`,
  );
  console.log(`  deliveries: ${rows.map((r) => `${r.channel} ${r.status} ${r.n}`).join(', ')}`);
  console.log(
    `  receiver: ${receiver.deliveries.length} accepted; ${verified}/${sampleRows.length} sampled signatures verified by standardwebhooks, ${refused} refused`,
  );
  console.log(`  Slack fake: ${slack.posts.length} posts, ${slack.stats().rateLimited} × 429`);
  await Promise.all([receiver.close(), slack.close()]);
  await handle.close();
}

await main();
