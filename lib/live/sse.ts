import { metrics } from '../metrics/registry';
import type { ChangeFeed, LiveEvent } from './change-feed';

export const SSE_HEADERS = {
  'Content-Type': 'text/event-stream; charset=utf-8',
  // no-transform keeps compression proxies (and Next's own) from buffering the stream.
  'Cache-Control': 'no-cache, no-transform',
  'X-Accel-Buffering': 'no',
} as const;

/** What an open page is told: the kind of change only, never internal ids. */
export type StreamMessage = { type: LiveEvent['type'] };

const encoder = new TextEncoder();

/**
 * Server-Sent Events for one client: `retry:` first, one `change` event per change, and a
 * comment every `heartbeatMs` so proxies keep the connection and dead clients are noticed.
 */
export function changeStream(
  feed: ChangeFeed,
  options: {
    signal?: AbortSignal;
    heartbeatMs?: number;
    retryMs?: number;
    /** Only these change types (resync always). */ types?: ReadonlySet<string>;
  } = {},
): ReadableStream<Uint8Array> {
  let cleanup = () => {};
  return new ReadableStream<Uint8Array>({
    start(controller) {
      let id = 0;
      const send = (text: string) => {
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          cleanup();
        }
      };
      send(`retry: ${options.retryMs ?? 2_000}\n: connected\n\n`);
      const unsubscribe = feed.subscribe((event) => {
        if (options.types && event.type !== 'resync' && !options.types.has(event.type)) return;
        const message: StreamMessage = { type: event.type };
        send(`id: ${++id}\nevent: change\ndata: ${JSON.stringify(message)}\n\n`);
      });
      const heartbeat = setInterval(() => send(': ping\n\n'), options.heartbeatMs ?? 15_000);
      const clients = metrics().liveClients;
      clients.inc();
      cleanup = () => {
        cleanup = () => {};
        clearInterval(heartbeat);
        unsubscribe();
        clients.dec();
      };
      options.signal?.addEventListener('abort', () => {
        cleanup();
        try {
          controller.close();
        } catch {
          // already closed
        }
      });
    },
    cancel() {
      cleanup();
    },
  });
}
