import { Worker } from 'node:worker_threads';
import type { RenderedMessage } from '../../channels/types';
import { UnreadablePayloadError } from '../../notices/payload';
import type { RenderInput } from './render-message';

// Renders messages in a worker thread. In the web process Next has installed its own React
// (and flipped NODE_ENV after some modules loaded); React Email rendered beside it mixes two
// React builds and fails. A worker thread has a module graph of its own, so it renders cleanly.

type Reply =
  { id: number; ok: true; value: RenderedMessage } | { id: number; ok: false; name: string; message: string; detail?: string };

export interface WorkerRenderer {
  render(input: RenderInput): Promise<RenderedMessage>;
  close(): Promise<void>;
}

export function createWorkerRenderer(): WorkerRenderer {
  let worker: Worker | null = null;
  let nextId = 0;
  const pending = new Map<number, { resolve: (m: RenderedMessage) => void; reject: (e: Error) => void }>();

  const start = (): Worker => {
    const started = new Worker(new URL('./worker-boot.mjs', import.meta.url), {
      workerData: { entry: new URL('./render-worker.ts', import.meta.url).href },
    });
    started.unref();
    started.on('message', (reply: Reply) => {
      const waiting = pending.get(reply.id);
      pending.delete(reply.id);
      if (!waiting) return;
      if (reply.ok) waiting.resolve(reply.value);
      else
        waiting.reject(
          reply.name === 'UnreadablePayloadError'
            ? new UnreadablePayloadError(reply.detail ?? reply.message)
            : new Error(reply.message),
        );
    });
    // A dead worker fails what it held; the next render starts a fresh one.
    const fail = (error: Error) => {
      worker = null;
      for (const waiting of pending.values()) waiting.reject(error);
      pending.clear();
    };
    started.on('error', fail);
    started.on('exit', (code) => fail(new Error(`render worker exited (${code})`)));
    return started;
  };

  return {
    render(input) {
      worker ??= start();
      const id = nextId++;
      const promise = new Promise<RenderedMessage>((resolve, reject) => pending.set(id, { resolve, reject }));
      worker.postMessage({ id, input });
      return promise;
    },
    async close() {
      await worker?.terminate();
      worker = null;
    },
  };
}
