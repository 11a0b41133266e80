import { parentPort } from 'node:worker_threads';
import { renderMessage, type RenderInput } from './render-message';

// Worker side of worker-renderer.ts: renders with its own React, away from Next's.
parentPort!.on('message', async ({ id, input }: { id: number; input: RenderInput }) => {
  try {
    parentPort!.postMessage({ id, ok: true, value: await renderMessage(input) });
  } catch (error) {
    const e = error as Error & { detail?: string };
    parentPort!.postMessage({ id, ok: false, name: e.name, message: e.message, detail: e.detail });
  }
});
