import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { notificationMessages, pageAssets, pageBranding, pages } from '../../db/schema';
import type { Channel } from '../domain/statuses';
import { failAll, type ChannelSender, type RenderedMessage, type SendResult } from '../channels/types';
import { claimDue, claimLineBatches, groupBy, type ClaimedDelivery } from './claims';
import { isMessageType, MESSAGE_TYPES, type MessageType } from '../notices/message-types';
import { fanOutNextChunk } from './fan-out';
import { holdLease, untilRecorded } from './lease';
import { buildOutboundBatch } from './outbound';
import { parsePayload, UnreadablePayloadError, type Bilingual, type ParsedPayload } from '../notices/payload';
import type { EmailBrand } from './render/notice-view';
import { renderMessage, type RenderInput } from './render/render-message';
import { cancelDeliveries, recordResults, type DeliveryOutcome } from './results';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry-policy';
import { instanceSecret } from '../notices/secrets';
import { webhookSigningKey } from '../notices/webhook-secret';
import type { ChainHead } from '../evidence/head-line';

// The dispatcher: per channel, lanes that claim due deliveries (lib/notify/claims.ts), render
// once per message and language, send through the channel's sender, and record the results.
// Any number of dispatchers may run against one Postgres; leases and fencing keep each row
// with one of them at a time.

export interface LaneTuning {
  /** Rows per claim (LINE: rows of fresh batches per claim). */
  claimSize: number;
  /** Claims in flight at once in this process. */
  concurrency: number;
  /** How long a claim keeps other workers away; must exceed the slowest send of one claim. */
  leaseMs: number;
}

export const DEFAULT_TUNING: Record<Channel, LaneTuning> = {
  email: { claimSize: 250, concurrency: 4, leaseMs: 2 * 60_000 },
  line: { claimSize: 2_000, concurrency: 2, leaseMs: 2 * 60_000 },
  // Small claims: the limiter may hold a claim for up to one rate window (5 min for Chatwork).
  chatwork: { claimSize: 25, concurrency: 2, leaseMs: 7 * 60_000 },
  // Each endpoint is someone's own server: a slow one may hold its claim up to the 10 s timeout.
  webhook: { claimSize: 50, concurrency: 2, leaseMs: 2 * 60_000 },
  slack: { claimSize: 50, concurrency: 2, leaseMs: 2 * 60_000 },
};

export interface DispatcherOptions {
  db: Db;
  senders: Partial<Record<Channel, ChannelSender>>;
  baseUrl: string;
  now?: () => Date;
  random?: () => number;
  retryPolicy?: Partial<RetryPolicy>;
  tuning?: Partial<Record<Channel, Partial<LaneTuning>>>;
  /** Sleep between claims that found nothing, unless woken by a change event. */
  idlePollMs?: number;
  /** Renders a message for a channel and language (default: in this thread; see worker-renderer.ts). */
  render?: (input: RenderInput) => Promise<RenderedMessage>;
  /** Called with each send's duration per channel (lib/metrics, when present). */
  observeSend?: (channel: Channel, seconds: number, results: SendResult[]) => void;
  log?: (message: string, error?: unknown) => void;
}

interface MessageInfo {
  type: MessageType | null;
  payload: unknown;
  pageId: string;
  pageName: Bilingual;
  /** The chain head when the message was written; every copy carries it. */
  evidenceHead: ChainHead | null;
  brand: EmailBrand;
}

export class Dispatcher {
  private readonly policy: RetryPolicy;
  private readonly tuning: Record<Channel, LaneTuning>;
  private readonly now: () => Date;
  private messages = new Map<string, Promise<MessageInfo>>();
  private renders = new Map<string, Promise<RenderedMessage>>();
  private lanes: Promise<void>[] = [];
  private stopping = false;
  private sleepers = new Set<() => void>();

  constructor(private readonly options: DispatcherOptions) {
    this.policy = { ...DEFAULT_RETRY_POLICY, ...options.retryPolicy };
    this.now = options.now ?? (() => new Date());
    const tuning = options.tuning ?? {};
    this.tuning = {
      email: { ...DEFAULT_TUNING.email, ...tuning.email },
      line: { ...DEFAULT_TUNING.line, ...tuning.line },
      chatwork: { ...DEFAULT_TUNING.chatwork, ...tuning.chatwork },
      webhook: { ...DEFAULT_TUNING.webhook, ...tuning.webhook },
      slack: { ...DEFAULT_TUNING.slack, ...tuning.slack },
    };
  }

  get channels(): Channel[] {
    return (Object.keys(this.options.senders) as Channel[]).filter((c) => this.options.senders[c]);
  }

  /** Starts the fan-out lane and the lanes of every channel that has a sender. */
  start(): void {
    this.stopping = false;
    this.lanes.push(this.fanOutLane());
    for (const channel of this.channels) {
      for (let i = 0; i < this.tuning[channel].concurrency; i++) this.lanes.push(this.lane(channel));
    }
  }

  /** Claims something new now instead of at the next poll (a change event arrived). */
  wake(): void {
    for (const wakeUp of this.sleepers) wakeUp();
  }

  /** Finishes the sends in flight and records them; claims nothing more. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wake();
    await Promise.all(this.lanes);
    this.lanes = [];
  }

  /** One claim → send → record round for a channel; returns how many deliveries it handled. */
  async runOnce(channel: Channel): Promise<number> {
    const sender = this.options.senders[channel];
    if (!sender) return 0;
    const tuning = this.tuning[channel];
    const now = this.now();
    const groups =
      channel === 'line'
        ? await claimLineBatches(this.options.db, {
            limit: tuning.claimSize,
            leaseMs: tuning.leaseMs,
            now,
            maxBatches: Math.ceil(tuning.claimSize / 500),
          })
        : groupBy(
            await claimDue(this.options.db, { channel, limit: tuning.claimSize, leaseMs: tuning.leaseMs, now }),
            (d) => `${d.messageId}:${d.locale}`,
          );
    await Promise.all(groups.map((rows) => this.deliver(sender, rows, tuning.leaseMs)));
    return groups.reduce((sum, rows) => sum + rows.length, 0);
  }

  /** Fans out posted messages and runs every channel until nothing is due (tests, benchmarks, the worker's shutdown). */
  async drain(): Promise<void> {
    for (;;) {
      while (await fanOutNextChunk(this.options.db));
      const handled = await Promise.all(this.channels.map((c) => this.runOnce(c)));
      if (handled.every((n) => n === 0)) return;
    }
  }

  /** Turns posted messages into deliveries, chunk by chunk; each chunk's commit wakes the channel lanes. */
  private async fanOutLane(): Promise<void> {
    while (!this.stopping) {
      let step = null;
      try {
        step = await fanOutNextChunk(this.options.db);
      } catch (error) {
        this.options.log?.('dispatcher: fan-out failed', error);
      }
      if (step) this.wake();
      else if (!this.stopping) await this.sleep(this.options.idlePollMs ?? 1_000);
    }
  }

  private async lane(channel: Channel): Promise<void> {
    while (!this.stopping) {
      let handled = 0;
      try {
        handled = await this.runOnce(channel);
      } catch (error) {
        this.options.log?.(`dispatcher: ${channel} round failed`, error);
      }
      if (handled === 0 && !this.stopping) await this.sleep(this.options.idlePollMs ?? 1_000);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.sleepers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.sleepers.add(done);
    });
  }

  private async deliver(sender: ChannelSender, rows: ClaimedDelivery[], leaseMs: number): Promise<void> {
    const { db } = this.options;
    const message = await this.message(rows[0].messageId);
    const base = { pageId: message.pageId, messageId: rows[0].messageId, now: this.now() };
    const isConfirmation = message.type === 'subscription_confirmation';
    // Notices go to confirmed subscribers only; the confirmation email is what confirms them.
    const unwanted = rows.filter((r) => r.inactive || (!r.confirmed && !isConfirmation));
    if (unwanted.length > 0)
      await cancelDeliveries(db, { ...base, deliveries: unwanted, reason: 'recipient no longer subscribed' });
    const exhausted = rows.filter((r) => !unwanted.includes(r) && r.attempts > this.policy.maxAttempts);
    const sendable = rows.filter((r) => !unwanted.includes(r) && !exhausted.includes(r));
    const outcomes: DeliveryOutcome[] = exhausted.map((delivery) => ({
      delivery,
      result: {
        recipientId: String(delivery.id),
        outcome: 'permanent',
        reason: 'provider',
        error: `no result after ${this.policy.maxAttempts} attempts`,
      },
    }));
    if (sendable.length > 0) {
      const lease = holdLease(db, sendable, { leaseMs, now: this.now, log: this.options.log });
      try {
        outcomes.push(...(await this.send(sender, message, sendable)));
      } finally {
        await lease.release();
      }
    }
    if (outcomes.length === 0) return;
    // What was sent must be written down, even across a short database outage.
    const recordedAt = this.now();
    await untilRecorded(
      () => recordResults(db, { ...base, now: recordedAt, outcomes, policy: this.policy, random: this.options.random }),
      {
        deadline: Date.now() + leaseMs,
        log: this.options.log,
      },
    );
  }

  private async send(sender: ChannelSender, message: MessageInfo, rows: ClaimedDelivery[]): Promise<DeliveryOutcome[]> {
    const channel = sender.channel;
    let results: SendResult[];
    try {
      if (!message.type || !MESSAGE_TYPES[message.type].channels.includes(channel))
        throw new UnreadablePayloadError(`type ${message.type} is not sent on ${channel}`);
      const parsed = parsePayload(message.type, message.payload);
      const rendered = await this.render(rows[0], message, parsed);
      const linkKey = await instanceSecret(this.options.db, 'subscription-links');
      const signingKey = channel === 'webhook' ? await webhookSigningKey(this.options.db) : undefined;
      const batch = buildOutboundBatch(rows, rendered, {
        type: message.type,
        parsed,
        baseUrl: this.options.baseUrl,
        linkKey,
        signingKey,
        evidenceHead: message.evidenceHead,
      });
      const started = performance.now();
      results = await sender.send(batch);
      this.options.observeSend?.(channel, (performance.now() - started) / 1000, results);
    } catch (error) {
      const permanent = error instanceof UnreadablePayloadError;
      if (!permanent) this.options.log?.(`dispatcher: ${channel} send failed`, error);
      results = failAll(
        rows.map((r) => ({ recipientId: String(r.id), address: r.address ?? '' })),
        permanent ? 'permanent' : 'transient',
        {
          reason: permanent ? 'message' : 'provider',
          error: permanent ? (error as Error).message : 'internal error while sending',
        },
      );
    }
    const byId = new Map(results.map((r) => [r.recipientId, r]));
    return rows.map((delivery) => ({
      delivery,
      result: byId.get(String(delivery.id)) ?? {
        recipientId: String(delivery.id),
        outcome: 'transient',
        reason: 'provider',
        error: 'no result from sender',
      },
    }));
  }

  private render(row: ClaimedDelivery, message: MessageInfo, parsed: ParsedPayload): Promise<RenderedMessage> {
    const key = `${row.messageId}:${row.channel}:${row.locale}`;
    let rendered = this.renders.get(key);
    if (!rendered) {
      rendered = (this.options.render ?? renderMessage)({
        type: message.type!,
        payload: parsed.payload,
        locale: row.locale,
        channel: row.channel,
        baseUrl: this.options.baseUrl,
        pageName: message.pageName,
        pageId: message.pageId,
        evidenceHead: message.evidenceHead,
        brand: message.brand,
      });
      rendered.catch(() => this.renders.delete(key));
      remember(this.renders, key, rendered);
    }
    return rendered;
  }

  private message(id: string): Promise<MessageInfo> {
    let info = this.messages.get(id);
    if (!info) {
      info = loadMessage(this.options.db, id, this.options.baseUrl);
      info.catch(() => this.messages.delete(id));
      remember(this.messages, id, info);
    }
    return info;
  }
}

async function loadMessage(db: Db, id: string, baseUrl: string): Promise<MessageInfo> {
  const [row] = await db
    .select({
      type: notificationMessages.type,
      payload: notificationMessages.payload,
      pageId: notificationMessages.pageId,
      name: pages.name,
      nameEn: pages.nameEn,
      evidenceSeq: notificationMessages.evidenceSeq,
      evidenceHash: notificationMessages.evidenceHash,
      brandColor: pageBranding.brandColor,
      logoVersion: pageAssets.version,
    })
    .from(notificationMessages)
    .innerJoin(pages, eq(pages.id, notificationMessages.pageId))
    .leftJoin(pageBranding, eq(pageBranding.pageId, pages.id))
    .leftJoin(pageAssets, and(eq(pageAssets.pageId, pages.id), eq(pageAssets.kind, 'logo')))
    .where(inArray(notificationMessages.id, [id]));
  return {
    type: isMessageType(row.type) ? row.type : null,
    payload: row.payload,
    pageId: row.pageId,
    pageName: { ja: row.name, en: row.nameEn },
    evidenceHead: row.evidenceSeq !== null && row.evidenceHash ? { seq: row.evidenceSeq, hash: row.evidenceHash } : null,
    // Mail clients fetch the logo from the public page, by version so an old mail keeps its own.
    brand: { color: row.brandColor, logoUrl: row.logoVersion ? `${baseUrl}/brand/logo?v=${row.logoVersion}` : null },
  };
}

/** Caches are small: a fan-out touches a few messages at a time. */
function remember<V>(map: Map<string, V>, key: string, value: V, max = 200): void {
  map.set(key, value);
  if (map.size > max) map.delete(map.keys().next().value as string);
}
