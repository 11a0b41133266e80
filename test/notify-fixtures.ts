import { count, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { deliveries, incidentComponents, incidents, incidentUpdates } from '../db/schema';
import {
  startChatworkApi,
  startLineApi,
  startSmtpSink,
  type FakeChatworkApi,
  type FakeLineApi,
  type SmtpSink,
} from '../e2e/fakes';
import type { ComponentStatus } from '../lib/domain/statuses';
import { createChatworkSender } from '../lib/channels/chatwork';
import { createSmtpEmailSender } from '../lib/channels/email';
import { createLineSender } from '../lib/channels/line';
import type { ChannelSender } from '../lib/channels/types';
import { fanOutAll } from '../lib/notify/fan-out';
import { enqueueIncidentNotice, type IncidentNoticeType } from '../lib/notices/incident-notice';

// Shared set-up of the notification tests: an incident posted the way the incident services
// post one (rows, then enqueueIncidentNotice in the same transaction) and fanned out the way
// the dispatcher fans it out, and the three fakes.

export async function postIncident(
  db: Db,
  input: {
    pageId: string;
    components: { id: string; status: ComponentStatus }[];
    title?: string;
    body?: string;
    type?: IncidentNoticeType;
    at?: Date;
  },
): Promise<{ incidentId: string; messageId: string; queued: number }> {
  const at = input.at ?? new Date();
  const posted = await db.transaction(async (tx) => {
    const [incident] = await tx
      .insert(incidents)
      .values({
        pageId: input.pageId,
        title: input.title ?? 'API の応答遅延',
        severity: 'severe',
        status: 'investigating',
        detectedAt: at,
        startedAt: at,
      })
      .returning();
    if (input.components.length > 0) {
      await tx
        .insert(incidentComponents)
        .values(input.components.map((c) => ({ incidentId: incident.id, componentId: c.id, status: c.status })));
    }
    const [update] = await tx
      .insert(incidentUpdates)
      .values({ incidentId: incident.id, status: 'investigating', body: input.body ?? '調査しています。', displayAt: at })
      .returning();
    const { messageId } = await enqueueIncidentNotice(tx, {
      type: input.type ?? 'incident_opened',
      incidentId: incident.id,
      incidentUpdateId: update.id,
      at,
    });
    return { incidentId: incident.id, messageId: messageId! };
  });
  await fanOutAll(db, { messageId: posted.messageId });
  // Counted, not taken from fanOutAll: a running worker may have fanned out part of it.
  const [{ queued }] = await db.select({ queued: count() }).from(deliveries).where(eq(deliveries.messageId, posted.messageId));
  return { ...posted, queued };
}

export interface Fakes {
  sink: SmtpSink;
  line: FakeLineApi;
  chatwork: FakeChatworkApi;
  senders: { email: ChannelSender; line: ChannelSender; chatwork: ChannelSender };
  close(): Promise<void>;
}

export async function startFakes(options: { seed?: number; lineTimeoutMs?: number } = {}): Promise<Fakes> {
  const [sink, line, chatwork] = await Promise.all([
    startSmtpSink({ seed: options.seed }),
    startLineApi({ seed: options.seed }),
    startChatworkApi({ seed: options.seed }),
  ]);
  const senders = {
    // Generous timeouts where the fakes never hang: on a loaded machine a timed-out Chatwork post
    // that did arrive would be sent again (its API has no idempotency key), failing the test.
    email: createSmtpEmailSender({ smtpUrl: sink.url, from: 'Shirase <status@example.test>', timeoutMs: 10_000 }),
    line: createLineSender({
      channelAccessToken: line.channelAccessToken,
      baseUrl: line.url,
      timeoutMs: options.lineTimeoutMs ?? 1_000,
    }),
    chatwork: createChatworkSender({ apiToken: chatwork.tokens[0], baseUrl: chatwork.url, timeoutMs: 10_000 }),
  };
  return {
    sink,
    line,
    chatwork,
    senders,
    async close() {
      await Promise.all(Object.values(senders).map((s) => s.close()));
      await Promise.all([sink.close(), line.close(), chatwork.close()]);
    },
  };
}
