import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import { setComponentStatuses } from '../services/components/set-statuses';
import { enqueueNotice } from '../notices/enqueue';
import { createTestDatabase } from '../../test/db';
import { createComponent, createPage } from '../../test/factories';
import { metrics } from '../metrics/registry';
import { createChangeFeed, type ChangeFeed } from './change-feed';
import { changeStream, SSE_HEADERS } from './sse';

let handle: DatabaseHandle;
let feed: ChangeFeed;
let server: http.Server;
let url: string;

beforeAll(async () => {
  handle = await createTestDatabase();
  feed = createChangeFeed(handle);
  await feed.ready();
  server = http.createServer((req, res) => {
    const abort = new AbortController();
    req.on('close', () => abort.abort());
    res.writeHead(200, SSE_HEADERS);
    const types = new URL(req.url ?? '/', 'http://x').searchParams.get('types');
    Readable.fromWeb(
      changeStream(feed, {
        signal: abort.signal,
        heartbeatMs: 50,
        types: types ? new Set(types.split(',')) : undefined,
      }) as NodeReadableStream,
    ).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/stream`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await feed.close();
  await handle.close();
});

/** Reads the stream until `done` says the text so far is enough. */
async function readUntil(response: Response, done: (text: string) => boolean): Promise<string> {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  while (!done(text)) {
    const { value, done: ended } = await reader.read();
    if (ended) break;
    text += decoder.decode(value, { stream: true });
  }
  await reader.cancel();
  return text;
}

describe('the live stream', () => {
  it('tells an open client about a committed component change, over HTTP', async () => {
    const page = await createPage(handle.db);
    const component = await createComponent(handle.db, page.id);
    const response = await fetch(url);
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const received = readUntil(response, (text) => text.includes('event: change'));
    await handle.db.transaction((tx) =>
      setComponentStatuses(tx, {
        pageId: page.id,
        changes: [{ componentId: component.id, status: 'major_outage' }],
        at: new Date(),
        source: 'manual',
      }),
    );
    const text = await received;
    expect(text).toMatch(/^retry: \d+/);
    expect(text).toContain('data: {"type":"component"}');
    expect(text).not.toContain(component.id);
  });

  it('sends nothing for a rolled-back write, and keeps the connection alive with heartbeats', async () => {
    const page = await createPage(handle.db);
    const component = await createComponent(handle.db, page.id);
    const response = await fetch(url);
    const received = readUntil(response, (text) => (text.match(/: ping/g) ?? []).length >= 3);
    await handle.db
      .transaction(async (tx) => {
        await setComponentStatuses(tx, {
          pageId: page.id,
          changes: [{ componentId: component.id, status: 'major_outage' }],
          at: new Date(),
          source: 'manual',
        });
        throw new Error('roll back');
      })
      .catch(() => {});
    const text = await received;
    expect(text).not.toContain('event: change');
  });

  it('sends only the change types a client asked for', async () => {
    const page = await createPage(handle.db);
    const component = await createComponent(handle.db, page.id);
    const response = await fetch(`${url}?types=component`);
    const received = readUntil(response, (text) => text.includes('event: change'));
    await handle.db.transaction((tx) =>
      enqueueNotice(tx, { pageId: page.id, type: 'incident_updated', componentIds: [], payload: {}, at: new Date() }),
    );
    await handle.db.transaction((tx) =>
      setComponentStatuses(tx, {
        pageId: page.id,
        changes: [{ componentId: component.id, status: 'partial_outage' }],
        at: new Date(),
        source: 'manual',
      }),
    );
    const text = await received;
    expect(text).not.toContain('deliveries');
    expect(text).toContain('data: {"type":"component"}');
  });

  it('counts open connections for /api/metrics, and forgets closed ones', async () => {
    const open = async () => (await metrics().liveClients.get()).values[0]?.value ?? 0;
    // Streams of the tests above close once their readers cancel.
    await expect.poll(open).toBe(0);
    const response = await fetch(url);
    const reader = response.body!.getReader();
    await reader.read();
    await expect.poll(open).toBe(1);
    await reader.cancel();
    await expect.poll(open).toBe(0);
  });

  it('fans one LISTEN out to every subscriber and stops telling those who left', async () => {
    const seen: string[] = [];
    const leave = feed.subscribe((e) => seen.push(`a:${e.type}`));
    feed.subscribe((e) => seen.push(`b:${e.type}`));
    const page = await createPage(handle.db);
    const component = await createComponent(handle.db, page.id);
    const change = (status: 'major_outage' | 'operational') =>
      handle.db.transaction((tx) =>
        setComponentStatuses(tx, {
          pageId: page.id,
          changes: [{ componentId: component.id, status }],
          at: new Date(),
          source: 'manual',
        }),
      );
    await change('major_outage');
    await expect.poll(() => seen.length).toBe(2);
    leave();
    await change('operational');
    await expect.poll(() => seen).toEqual(['a:component', 'b:component', 'b:component']);
  });
});
