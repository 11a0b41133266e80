import { hostname } from 'node:os';
import { sql } from 'drizzle-orm';
import type { DatabaseHandle } from '../../db/client';
import { workerHeartbeats } from '../../db/schema';
import { env } from '../env';
import { drainSystemMail } from '../channels/system-outbox';
import { CHANGES_CHANNEL } from '../events/publish';
import { observeSendLatency } from '../metrics/registry';
import { Dispatcher, type DispatcherOptions } from './dispatcher';
import { createWorkerRenderer } from './render/worker-renderer';
import type { NotifyChannels } from '../channels/senders';

// Runs a dispatcher for a process (the web server's in-process one or `npm run worker`): wakes
// it on 'deliveries' change events, and beats into worker_heartbeats so /api/health can tell
// whether anyone is sending. Each provider call's duration goes to the send-latency histogram.

export interface RunningDispatcher {
  dispatcher: Dispatcher;
  workerId: string;
  stop(): Promise<void>;
}

export const HEARTBEAT_MS = 10_000;
export const SYSTEM_MAIL_POLL_MS = 3_000;

export async function runDispatcher(options: {
  handle: DatabaseHandle;
  channels: NotifyChannels;
  baseUrl: string;
  /** Names this process in worker_heartbeats, e.g. "web" or "worker". */
  role: string;
  log?: DispatcherOptions['log'];
}): Promise<RunningDispatcher> {
  const { handle } = options;
  const workerId = `${options.role}:${hostname()}:${process.pid}`;
  const renderer = createWorkerRenderer();
  const dispatcher = new Dispatcher({
    db: handle.db,
    senders: options.channels.senders,
    baseUrl: options.baseUrl,
    render: (input) => renderer.render(input),
    retryPolicy: { baseDelayMs: env().NOTIFY_RETRY_BASE_MS },
    tuning: { email: { leaseMs: env().NOTIFY_LEASE_MS }, line: { leaseMs: env().NOTIFY_LEASE_MS } },
    observeSend: (channel, seconds) => observeSendLatency(channel, seconds),
    log: options.log,
  });
  const beat = () =>
    handle.db
      .insert(workerHeartbeats)
      .values({ workerId, beatAt: new Date() })
      .onConflictDoUpdate({ target: workerHeartbeats.workerId, set: { beatAt: sql`excluded.beat_at` } })
      .then(
        () => {},
        (error: unknown) => options.log?.('dispatcher: heartbeat failed', error),
      );
  await beat();
  const heartbeat = setInterval(beat, HEARTBEAT_MS);
  // Operator alerts queued by requests (lib/channels/system-outbox.ts) go out from here.
  let draining = false;
  const drainMail = async () => {
    if (draining) return;
    draining = true;
    await drainSystemMail(handle.db).catch((error: unknown) => options.log?.('dispatcher: system mail failed', error));
    draining = false;
  };
  void drainMail();
  const systemMail = setInterval(drainMail, SYSTEM_MAIL_POLL_MS);
  const unlisten = await handle.listen(CHANGES_CHANNEL, (payload) => {
    if (payload.includes('"type":"deliveries"')) dispatcher.wake();
  });
  dispatcher.start();
  return {
    dispatcher,
    workerId,
    async stop() {
      clearInterval(heartbeat);
      clearInterval(systemMail);
      await unlisten();
      await dispatcher.stop();
      await renderer.close();
      await handle.db
        .delete(workerHeartbeats)
        .where(sql`${workerHeartbeats.workerId} = ${workerId}`)
        .catch(() => {});
    },
  };
}
