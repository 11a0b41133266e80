import { and, eq, sql } from 'drizzle-orm';
import { openDatabase, type DatabaseHandle } from '../../db/client';
import { migrateDatabase } from '../../db/migrate';
import { deliveries, evidence, subscribers } from '../../db/schema';
import { fakeLineUserId, startChatworkApi, startLineApi, startSmtpSink } from '../../e2e/fakes';
import { verifyEvidenceChain } from '../../lib/evidence/verify';
import { unsettledDeliveries } from '../../lib/notify/fan-out';
import { instanceSecret } from '../../lib/notices/secrets';
import { postIncident } from '../notify-fixtures';
import { recipientHash } from '../../lib/notices/tokens';
import { createComponent, createPage } from '../factories';

// One fan-out under test: a migrated PostgreSQL database with N email + N LINE (+ Chatwork)
// subscribers, the three fakes in this process, the environment for real workers, and the audit
// that compares delivery rows and the evidence ledger with what the fakes received.

export interface RigOptions {
  databaseUrl: string;
  emails: number;
  lines: number;
  chatworkRooms?: number;
  smtpLatencyMs?: number;
  seed?: number;
}

export type FanoutRig = Awaited<ReturnType<typeof createFanoutRig>>;

export async function createFanoutRig(options: RigOptions) {
  const handle: DatabaseHandle = await openDatabase({ driver: 'postgres', url: options.databaseUrl, max: 4 });
  await migrateDatabase(handle);
  const [sink, line, chatwork] = await Promise.all([
    startSmtpSink({ latencyMs: options.smtpLatencyMs, seed: options.seed }),
    startLineApi({ seed: options.seed }),
    // The real Chatwork limits, five minutes scaled down to five seconds.
    startChatworkApi({ seed: options.seed, tokenLimit: 300, tokenWindowMs: 5_000 }),
  ]);
  const page = await createPage(handle.db);
  const component = await createComponent(handle.db, page.id);
  const emails = Array.from({ length: options.emails }, (_, i) => `reader-${i}@example.test`);
  const lineUsers = Array.from({ length: options.lines }, (_, i) => fakeLineUserId(`line-${i}`));
  const rooms = Array.from({ length: options.chatworkRooms ?? 0 }, (_, i) => String(700_000 + i));
  for (const [channel, addresses] of [
    ['email', emails],
    ['line', lineUsers],
    ['chatwork', rooms],
  ] as const) {
    for (let i = 0; i < addresses.length; i += 5_000) {
      const slice = addresses.slice(i, i + 5_000);
      await handle.db
        .insert(subscribers)
        .values(slice.map((address) => ({ pageId: page.id, channel, address, confirmedAt: new Date('2026-01-01T00:00:00Z') })));
    }
  }
  // Created up front so that workers starting together never race to create them.
  await instanceSecret(handle.db, 'subscription-links');
  await instanceSecret(handle.db, 'recipient-hash');

  const workerEnv = (extra: Record<string, string> = {}): Record<string, string> => ({
    DATABASE_URL: options.databaseUrl,
    SMTP_URL: sink.url,
    MAIL_FROM: 'Shirase <status@example.test>',
    LINE_CHANNEL_ACCESS_TOKEN: line.channelAccessToken,
    LINE_CHANNEL_SECRET: 'fanout-line-secret',
    LINE_API_BASE_URL: line.url,
    CHATWORK_API_TOKEN: chatwork.tokens[0],
    CHATWORK_API_BASE_URL: chatwork.url,
    PUBLIC_BASE_URL: 'https://status.example.test',
    NOTIFY_RETRY_BASE_MS: '200',
    NOTIFY_LEASE_MS: '5000',
    SEED_DEMO: 'false',
    ...extra,
  });

  async function statusCounts(messageId: string): Promise<Record<string, number>> {
    const rows = await handle.db
      .select({ status: deliveries.status, n: sql<number>`count(*)::int` })
      .from(deliveries)
      .where(eq(deliveries.messageId, messageId))
      .groupBy(deliveries.status);
    return Object.fromEntries(rows.map((r) => [r.status, r.n]));
  }

  return {
    handle,
    db: handle.db,
    pageId: page.id,
    componentId: component.id,
    emails,
    lineUsers,
    rooms,
    sink,
    line,
    chatwork,
    workerEnv,
    statusCounts,
    post: (at = new Date()) =>
      postIncident(handle.db, { pageId: page.id, components: [{ id: component.id, status: 'major_outage' }], at }),

    /** Rows a worker holds (leased, not yet recorded): what a crash right now could send twice. */
    async inFlight(messageId: string): Promise<{ email: Set<string>; line: Set<string> }> {
      const rows = await handle.db
        .select({ channel: deliveries.channel, address: subscribers.address })
        .from(deliveries)
        .innerJoin(subscribers, eq(subscribers.id, deliveries.subscriberId))
        .where(
          and(
            eq(deliveries.messageId, messageId),
            sql`${deliveries.status} in ('queued', 'failed') and ${deliveries.claimedUntil} > now()`,
          ),
        );
      return {
        email: new Set(rows.filter((r) => r.channel === 'email').map((r) => r.address)),
        line: new Set(rows.filter((r) => r.channel === 'line').map((r) => r.address)),
      };
    },

    async waitUntilSettled(messageId: string, timeoutMs: number): Promise<Record<string, number>> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const counts = await statusCounts(messageId);
        if ((await unsettledDeliveries(handle.db, messageId)) === 0) return counts;
        if (Date.now() > deadline) throw new Error(`fan-out not settled within ${timeoutMs} ms: ${JSON.stringify(counts)}`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    },

    /** Everything the guarantees are about, measured against what the fakes received. */
    async audit(messageId: string) {
      const mailCount = new Map<string, number>();
      const mailIds = new Map<string, Set<string>>();
      for (const message of sink.messages) {
        for (const to of message.envelope.to) {
          mailCount.set(to, (mailCount.get(to) ?? 0) + 1);
          if (!mailIds.has(to)) mailIds.set(to, new Set());
          mailIds.get(to)!.add(message.headers['message-id'] ?? '');
        }
      }
      const lineCount = new Map<string, number>();
      for (const delivery of line.deliveries) for (const to of delivery.to) lineCount.set(to, (lineCount.get(to) ?? 0) + 1);
      const roomCount = new Map(rooms.map((room) => [room, chatwork.messagesIn(room).length]));

      const rows = await handle.db
        .select({
          id: deliveries.id,
          channel: deliveries.channel,
          status: deliveries.status,
          providerMessageId: deliveries.providerMessageId,
          address: subscribers.address,
        })
        .from(deliveries)
        .innerJoin(subscribers, eq(subscribers.id, deliveries.subscriberId))
        .where(eq(deliveries.messageId, messageId));
      const results = (
        await handle.db.select({ content: evidence.content }).from(evidence).where(eq(evidence.kind, 'delivery_result'))
      )
        .map((r) => r.content)
        .filter((c) => c.messageId === messageId);
      const resultsPerDelivery = new Map<number, number>();
      for (const r of results)
        resultsPerDelivery.set(Number(r.deliveryId), (resultsPerDelivery.get(Number(r.deliveryId)) ?? 0) + 1);
      const hashKey = await instanceSecret(handle.db, 'recipient-hash');
      const received = [
        ...[...mailCount.keys()].map((a) => recipientHash(hashKey, 'email', a)),
        ...[...lineCount.keys()].map((a) => recipientHash(hashKey, 'line', a)),
        ...rooms.filter((r) => roomCount.get(r)).map((r) => recipientHash(hashKey, 'chatwork', r)),
      ];
      const evidencedSent = new Set(results.filter((r) => r.outcome === 'sent').map((r) => String(r.recipient)));
      const receivedSet = new Set(received);

      return {
        statuses: await statusCounts(messageId),
        emailMissing: emails.filter((a) => !mailCount.get(a)),
        emailDuplicates: [...mailCount].filter(([, n]) => n > 1).map(([a]) => a),
        lineMissing: lineUsers.filter((u) => !lineCount.get(u)),
        lineDuplicates: [...lineCount].filter(([, n]) => n > 1).map(([u]) => u),
        roomsMissing: rooms.filter((r) => !roomCount.get(r)),
        roomDuplicates: rooms.filter((r) => (roomCount.get(r) ?? 0) > 1),
        /** Sent rows without exactly one final evidence row, or with a provider id the sink never issued. */
        rowsWithoutOneResult: rows.filter((r) => r.status === 'sent' && resultsPerDelivery.get(r.id) !== 1).length,
        emailIdsNotReceived: rows.filter(
          (r) => r.channel === 'email' && r.status === 'sent' && !mailIds.get(r.address)?.has(r.providerMessageId ?? ''),
        ).length,
        /** Recipients the fakes saw that the ledger does not name as sent, and the other way round. */
        receivedNotEvidenced: received.filter((h) => !evidencedSent.has(h)).length,
        evidencedNotReceived: [...evidencedSent].filter((h) => !receivedSet.has(h)).length,
        chain: await verifyEvidenceChain(handle.db),
        lineConflicts: line.stats().conflicts,
      };
    },

    async close() {
      await Promise.all([sink.close(), line.close(), chatwork.close()]);
      await handle.close();
    },
  };
}
