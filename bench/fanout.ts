// Fan-out benchmark: 10,000 email + 10,000 LINE + 1,000 Chatwork subscribers, one incident,
// everything sent to the local fakes by the real dispatcher; the same 10,000 emails sent by a
// bare nodemailer pool to the same sink (goal: Shirase ≤ 1.25× bare); Chatwork's sustained rate
// against the fake's scaled limit (goal ≥ 90 %, zero 429s); the post action's latency at 10 and
// at 100,000 subscribers. Run: npx tsx bench/fanout.ts   (DATABASE_URL=postgres://… for Postgres)
import { randomUUID } from 'node:crypto';
import nodemailer from 'nodemailer';
import { eq, sql } from 'drizzle-orm';
import { openDatabase, type DatabaseHandle } from '../db/client';
import { migrateDatabase } from '../db/migrate';
import { components, deliveries, notificationMessages, pages, subscribers } from '../db/schema';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fakesControl } from '../e2e/fakes/control-client';
import { createChatworkSender } from '../lib/channels/chatwork';
import { createSmtpEmailSender } from '../lib/channels/email';
import { createLineSender } from '../lib/channels/line';
import { Dispatcher } from '../lib/notify/dispatcher';
import { fanOutAll, unsettledDeliveries } from '../lib/notify/fan-out';
import { renderMessage } from '../lib/notify/render/render-message';
import { openIncident } from '../lib/services/incidents/open';
import type { ServiceContext } from '../lib/services/context';

const EMAILS = 10_000;
const LINE_USERS = 10_000;
const ROOMS = 1_000;
const SMTP_CONNECTIONS = 5;
// Chatwork allows 300 posts per 5 minutes; scaled 100× in time: 300 per 3 s.
const CHATWORK = { tokenLimit: 300, tokenWindowMs: 3_000 };
const BASE = 'https://status.example.test';

const ms = (n: number) => `${n.toFixed(0)} ms`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

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

/** The fakes run in their own process, as real providers would: their parsing does not slow the sender. */
async function startFakes() {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'e2e/fakes/run.ts',
      '--smtp',
      '0',
      '--line',
      '0',
      '--chatwork',
      '0',
      '--control',
      '0',
      '--json',
      '--chatwork-token-limit',
      String(CHATWORK.tokenLimit),
      '--chatwork-window-ms',
      String(CHATWORK.tokenWindowMs),
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const [line] = await createInterface({ input: child.stdout! })
    [Symbol.asyncIterator]()
    .next()
    .then((r) => [r.value as string]);
  const started = JSON.parse(line) as { env: Record<string, string>; control: string };
  return {
    env: started.env,
    control: fakesControl(started.control),
    stop: () => new Promise<void>((resolve) => child.once('exit', () => resolve()).kill('SIGTERM')),
  };
}

async function addSubscribers(
  handle: DatabaseHandle,
  pageId: string,
  channel: 'email' | 'line' | 'chatwork',
  count: number,
  from = 0,
) {
  const address =
    channel === 'email'
      ? sql`'user' || n || '@example.test'`
      : channel === 'line'
        ? sql`'U' || md5('line-' || n)`
        : sql`(800000000 + n)::text`;
  await handle.db.execute(sql`
    insert into subscribers (page_id, channel, address, confirmed_at)
    select ${pageId}::uuid, ${channel}, ${address}, now() from generate_series(${from + 1}::int, ${from + count}::int) as n`);
}

/** The operator's wait (the post) and, after it, the dispatcher's fan-out into deliveries rows. */
async function postLatency(ctx: ServiceContext, componentId: string, runs: number): Promise<{ post: number; fanOut: number }> {
  const posts: number[] = [];
  const fanOuts: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await openIncident({
      ctx,
      input: {
        title: `latency ${i}`,
        severity: 'minor',
        components: [{ componentId, status: 'degraded_performance' }],
        body: '調査中',
      },
    });
    posts.push(performance.now() - started);
    const fanOutStarted = performance.now();
    await fanOutAll(ctx.db);
    fanOuts.push(performance.now() - fanOutStarted);
  }
  // These notices are only timed, not sent.
  await ctx.db.update(deliveries).set({ status: 'cancelled' }).where(eq(deliveries.status, 'queued'));
  return { post: median(posts), fanOut: median(fanOuts) };
}

async function main() {
  const handle = await openDb();
  await migrateDatabase(handle);
  const db = handle.db;
  const [page] = await db.insert(pages).values({ slug: 'bench', name: 'ベンチ' }).returning();
  const [component] = await db.insert(components).values({ pageId: page.id, name: 'API' }).returning();
  const ctx: ServiceContext = { db, actor: { kind: 'system', name: 'bench', role: 'admin' } };
  console.log(`Database: ${handle.driver}`);
  const began = performance.now();
  const stamp = (what: string) => console.error(`[${((performance.now() - began) / 1000).toFixed(1)} s] ${what}`);

  await addSubscribers(handle, page.id, 'email', EMAILS);
  await addSubscribers(handle, page.id, 'line', LINE_USERS);
  await addSubscribers(handle, page.id, 'chatwork', ROOMS);
  const fakes = await startFakes();
  const senders = {
    email: createSmtpEmailSender({ smtpUrl: fakes.env.SMTP_URL, from: 'status@example.test', maxConnections: SMTP_CONNECTIONS }),
    line: createLineSender({ channelAccessToken: fakes.env.LINE_CHANNEL_ACCESS_TOKEN, baseUrl: fakes.env.LINE_API_BASE_URL }),
    // Time is scaled 100×, so are the posts in flight (Chatwork answers take as long as ever).
    chatwork: createChatworkSender({
      apiToken: fakes.env.CHATWORK_API_TOKEN,
      baseUrl: fakes.env.CHATWORK_API_BASE_URL,
      limits: CHATWORK,
      concurrency: 10,
    }),
  };
  const dispatcher = new Dispatcher({ db, senders, baseUrl: BASE, idlePollMs: 50, log: (m, e) => console.error(m, e) });

  stamp('subscribers in place; posting');
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
  // Polled rarely so the harness does not compete with the dispatcher; the times come from sent_at.
  const ofMessage = sql`from deliveries where message_id = ${message.id}`;
  const rowsOf = (result: unknown) =>
    ((result as { rows?: unknown[] }).rows ?? (result as unknown[])) as Record<string, unknown>[];
  while ((await unsettledDeliveries(db, message.id)) !== 0) {
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
  const postedAt = Date.now() - (performance.now() - posted);
  const doneAt = Object.fromEntries(
    rowsOf(await db.execute(sql`select channel, max(sent_at) as last ${ofMessage} group by channel`)).map((r) => [
      r.channel,
      new Date(r.last as string).getTime() - postedAt,
    ]),
  ) as Record<'email' | 'line' | 'chatwork', number>;
  await dispatcher.stop();
  const total = Math.max(...Object.values(doneAt));
  console.log(
    `Fan-out: all ${EMAILS + LINE_USERS + ROOMS} sent in ${ms(total)} (email ${ms(doneAt.email)}, LINE ${ms(doneAt.line)}, Chatwork ${ms(doneAt.chatwork)})`,
  );
  const state = (await fakes.control.state()) as {
    smtp: { stats: { accepted: number } };
    line: { stats: { requests: number; conflicts: number } };
  };
  const chatworkPosts = await fakes.control.chatwork.messages();
  console.log(
    `  fakes received: ${state.smtp.stats.accepted} mails, ${state.line.stats.requests} LINE multicasts, ${chatworkPosts.length} Chatwork posts`,
  );

  // The same 10,000 emails with a bare nodemailer pool, same sink, same connections, same bodies.
  const sample = await renderMessage({
    type: 'incident_opened',
    payload: (await db.select().from(notificationMessages).where(eq(notificationMessages.id, message.id)))[0].payload,
    locale: 'ja',
    channel: 'email',
    baseUrl: BASE,
    pageName: { ja: page.name },
  });
  await fakes.control.smtp.reset();
  const bare = nodemailer.createTransport({
    url: fakes.env.SMTP_URL,
    pool: true,
    maxConnections: SMTP_CONNECTIONS,
    maxMessages: 100,
  });
  const bareStarted = performance.now();
  await Promise.all(
    Array.from({ length: EMAILS }, (_, n) =>
      bare.sendMail({
        from: 'status@example.test',
        to: `user${n + 1}@example.test`,
        subject: sample.subject,
        text: sample.text,
        html: sample.html,
        headers: { 'List-Unsubscribe': `<${BASE}/u/${randomUUID()}>` },
      }),
    ),
  );
  const bareMs = performance.now() - bareStarted;
  bare.close();
  const ratio = doneAt.email / bareMs;
  console.log(
    `Email: Shirase ${ms(doneAt.email)} vs bare nodemailer pool ${ms(bareMs)} → ratio ${ratio.toFixed(2)}× (goal ≤ 1.25×) ${ratio <= 1.25 ? 'MET' : 'MISSED'}`,
  );

  // Chatwork: posts per window as the fake counts them (a window opens on the first request after
  // the last one closed, on a whole second), over all windows but the last, partial one.
  const ordered: [number, number][] = [];
  for (const { at } of [...chatworkPosts].sort((a, b) => a.at - b.at)) {
    const current = ordered.at(-1);
    if (current && at < current[0] + CHATWORK.tokenWindowMs) current[1]++;
    else ordered.push([Math.floor(at / 1000) * 1000, 1]);
  }
  const full = ordered.slice(0, -1);
  const share = full.length ? full.reduce((sum, [, n]) => sum + n, 0) / (full.length * CHATWORK.tokenLimit) : 0;
  const limited = ((await fakes.control.state()) as { chatwork: { stats: { rateLimited: number } } }).chatwork.stats.rateLimited;
  console.log(
    `Chatwork: ${chatworkPosts.length} posts; sustained ${(share * 100).toFixed(1)} % of the limit (${CHATWORK.tokenLimit}/${CHATWORK.tokenWindowMs / 1000} s, goal ≥ 90 %) over ${full.length} full windows ${JSON.stringify(ordered.map(([, n]) => n))}; 429s: ${limited} (goal 0) ${share >= 0.9 && limited === 0 ? 'MET' : 'MISSED'}`,
  );

  // Post latency: the whole openIncident transaction (incident, statuses, evidence, audit, outbox message).
  // The fan-out's subscribers leave, so the counts below are the ones that receive.
  await db.update(subscribers).set({ unsubscribedAt: new Date() });
  await addSubscribers(handle, page.id, 'email', 10, 1_000_000);
  const at10 = await postLatency(ctx, component.id, 7);
  await addSubscribers(handle, page.id, 'email', 100_000 - 10, 1_000_010);
  const at100k = await postLatency(ctx, component.id, 3);
  console.log(`Post latency (median): ${ms(at10.post)} at 10 subscribers, ${ms(at100k.post)} at 100,000 subscribers`);
  console.log(`  then, in the dispatcher, deliveries rows written: ${ms(at10.fanOut)} for 10, ${ms(at100k.fanOut)} for 100,000`);

  await Promise.all(Object.values(senders).map((s) => s.close()));
  await fakes.stop();
  await handle.close();
}

await main();
