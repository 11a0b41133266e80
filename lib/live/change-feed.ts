import type { DatabaseHandle } from '../../db/client';
import { databaseHandle } from '../db';
import { CHANGES_CHANNEL, type ChangeEvent } from '../events/publish';

/** A change, or `resync` after the listening connection came back (events may have been missed). */
export type LiveEvent = ChangeEvent | { type: 'resync' };
export type LiveListener = (event: LiveEvent) => void;

export type ChangeFeed = {
  subscribe(listener: LiveListener): () => void;
  /** Tells this process's listeners only (e.g. `resync` when the public cache recovers). */
  publishLocal(event: LiveEvent): void;
  /** Resolves once LISTEN is in place (tests wait for it before writing). */
  ready(): Promise<void>;
  close(): Promise<void>;
};

const RETRY_MS = 2_000;

/**
 * One LISTEN connection fanned out to any number of in-process listeners (SSE clients,
 * the public byte cache). NOTIFY is sent on commit, so every instance on the same Postgres
 * hears every write; on PGlite the same code works inside the one process.
 */
export function createChangeFeed(handle: DatabaseHandle): ChangeFeed {
  const listeners = new Set<LiveListener>();
  let stop: (() => Promise<void>) | undefined;
  let closed = false;
  let listens = 0;
  const emit = (event: LiveEvent) => {
    for (const listener of listeners) {
      try {
        listener(event);
      } catch (error) {
        console.error('change listener failed', error);
      }
    }
  };
  const onPayload = (payload: string) => {
    try {
      emit(JSON.parse(payload) as ChangeEvent);
    } catch {
      // Not ours: only publishChange writes to this channel.
    }
  };
  const start = async (): Promise<void> => {
    while (!closed) {
      try {
        stop = await handle.listen(CHANGES_CHANNEL, onPayload, () => {
          if (listens++ > 0) emit({ type: 'resync' });
        });
        return;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
      }
    }
  };
  const started = start();
  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    publishLocal: emit,
    ready: () => started,
    async close() {
      closed = true;
      listeners.clear();
      await started;
      await stop?.();
    },
  };
}

// Shared on globalThis: the custom server (tsx) and Next's bundle load this module separately.
const KEY = Symbol.for('shirase.change-feed');
type Holder = { [KEY]?: Promise<ChangeFeed> };

/** The process-wide feed on the configured database, started on first use. */
export function processChangeFeed(): Promise<ChangeFeed> {
  const holder = globalThis as Holder;
  holder[KEY] ??= databaseHandle().then((handle) => createChangeFeed(handle));
  return holder[KEY];
}
