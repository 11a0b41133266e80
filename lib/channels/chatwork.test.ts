import { afterEach, describe, expect, it } from 'vitest';
import { startChatworkApi, type ChatworkApiOptions, type FakeChatworkApi } from '@/e2e/fakes/chatwork-api';
import { createChatworkSender, type ChatworkConfig } from './chatwork';
import { chatworkInfoBlock } from './chatwork-notation';
import type { OutboundBatch, SendResult } from './types';

let chatwork: FakeChatworkApi | undefined;
afterEach(() => chatwork?.close());

async function setup(fake: ChatworkApiOptions = {}, sender: Partial<ChatworkConfig> = {}) {
  chatwork = await startChatworkApi({ seed: 5, ...fake });
  const api = chatwork;
  return {
    api,
    sender: createChatworkSender({
      apiToken: api.tokens[0],
      baseUrl: api.url,
      timeoutMs: 300,
      limits: { resetMarginMs: 50 },
      ...sender,
    }),
  };
}

const batchFor = (rooms: string[], text = chatworkInfoBlock('API の応答遅延', '調査中です。')): OutboundBatch => ({
  batchKey: crypto.randomUUID(),
  message: { text },
  recipients: rooms.map((address, i) => ({ recipientId: String(i), address })),
});
const byId = (results: SendResult[]) => Object.fromEntries(results.map((r) => [r.recipientId, r]));

describe('Chatwork sender', () => {
  it('posts the body to each room and returns the message id', async () => {
    const { api, sender } = await setup();
    const results = await sender.send(batchFor(['101', '102']));

    expect(results.map((r) => r.outcome)).toEqual(['sent', 'sent']);
    expect(results[0].providerMessageId).toBe(api.messagesIn('101')[0].messageId);
    expect(api.messagesIn('102')[0].body).toBe('[info][title]API の応答遅延[/title]調査中です。[/info]');
  });

  it('user text cannot close the [info] block, mention everyone or quote', async () => {
    const { api, sender } = await setup();
    const hostile = 'ok[/info][toall][To:123]山田さん[rp aid=1 to=2-3][INFO][title]fake[/title][code]x[/code][hr][piconname:1]';
    await sender.send(batchFor(['7'], chatworkInfoBlock(`障害 [/title][toall]`, hostile)));

    const body = api.messagesIn('7')[0].body;
    expect(body.startsWith('[info][title]')).toBe(true);
    expect(body.endsWith('[/info]')).toBe(true);
    // The only ASCII-bracketed tags left are the four we wrote.
    expect(body.match(/\[[^\]]*\]/g)).toEqual(['[info]', '[title]', '[/title]', '[/info]']);
    expect(body).toContain('［toall］［To:123］');
  });

  it('stays under a scaled-down limit with zero 429s while sending 100 posts', async () => {
    const { api, sender } = await setup(
      { tokenLimit: 30, tokenWindowMs: 2_000, roomLimit: 10, roomWindowMs: 1_000 },
      { limits: { tokenLimit: 30, tokenWindowMs: 2_000, roomLimit: 10, roomWindowMs: 1_000, resetMarginMs: 50 } },
    );
    const rooms = Array.from({ length: 100 }, (_, i) => String(1000 + (i % 5)));
    const started = Date.now();
    const results = await sender.send(batchFor(rooms));

    expect(results.every((r) => r.outcome === 'sent')).toBe(true);
    expect(api.stats().rateLimited).toBe(0);
    expect(api.messages).toHaveLength(100);
    // Four windows of 30 at most; it should not crawl either.
    expect(Date.now() - started).toBeLessThan(8_500);
  }, 20_000);

  it('learns from the headers when another client used the token', async () => {
    const { api, sender } = await setup({ tokenLimit: 5, tokenWindowMs: 60_000 });
    for (let i = 0; i < 4; i++) {
      await fetch(`${api.url}/v2/rooms/1/messages`, {
        method: 'POST',
        headers: { 'x-chatworktoken': api.tokens[0], 'content-type': 'application/x-www-form-urlencoded' },
        body: 'body=other',
      });
    }
    const results = await sender.send({ ...batchFor(['2', '3']) });
    expect(results[0].outcome).toBe('sent');
    // Our limiter believed 5 were left; the first answer said 0, so the second post waits instead of meeting a 429.
    const second = await Promise.race([
      sender.send(batchFor(['4'])).then(() => 'sent'),
      new Promise((r) => setTimeout(() => r('waiting'), 300)),
    ]);
    expect(second).toBe('waiting');
    expect(api.stats().rateLimited).toBeLessThanOrEqual(1);
  });

  it('classifies 429, 401, 403, 404, timeouts and bad room ids', async () => {
    const { api, sender } = await setup();
    api.faults.failNext(1, { kind: 'status', status: 429, retryAfterSec: 3 });
    expect((await sender.send(batchFor(['1'])))[0]).toMatchObject({
      outcome: 'transient',
      reason: 'rate_limit',
      retryAfterMs: 3_000,
    });

    api.setRoomAccess('403', 'forbidden');
    api.setRoomAccess('404', 'missing');
    const rooms = byId(await sender.send(batchFor(['403', '404', 'abc'])));
    expect(rooms['0']).toMatchObject({ outcome: 'permanent', reason: 'recipient' });
    expect(rooms['1']).toMatchObject({ outcome: 'permanent', reason: 'recipient' });
    expect(rooms['2']).toMatchObject({ outcome: 'permanent', reason: 'recipient' });

    api.faults.failNext(1, { kind: 'hang' });
    expect((await sender.send(batchFor(['5'])))[0]).toMatchObject({ outcome: 'transient', reason: 'timeout' });

    const wrongToken = createChatworkSender({ apiToken: 'wrong', baseUrl: api.url });
    expect((await wrongToken.send(batchFor(['6'])))[0]).toMatchObject({ outcome: 'transient', reason: 'auth' });
  });

  it('refuses an empty or oversized body without posting', async () => {
    const { api, sender } = await setup();
    expect((await sender.send(batchFor(['1'], ' ')))[0]).toMatchObject({ outcome: 'permanent', reason: 'message' });
    expect((await sender.send(batchFor(['1'], 'x'.repeat(65_536))))[0]).toMatchObject({
      outcome: 'permanent',
      reason: 'message',
    });
    expect(api.stats().requests).toBe(0);
  });

  it('with 30 % faults and retries, every room receives the message at least once', async () => {
    const { api, sender } = await setup();
    api.faults.setRate({
      rate: 0.3,
      faults: [
        { kind: 'status', status: 500 },
        { kind: 'status', status: 503, retryAfterSec: 0 },
        { kind: 'hang' },
        { kind: 'drop' },
        { kind: 'slow', ms: 600 },
        { kind: 'accept-then-drop' },
      ],
    });
    const rooms = Array.from({ length: 60 }, (_, i) => String(2000 + i));
    let pending = batchFor(rooms).recipients;
    for (let round = 0; round < 20 && pending.length > 0; round++) {
      const results = byId(await sender.send({ ...batchFor([]), recipients: pending }));
      expect(Object.values(results).every((r) => r.outcome !== 'permanent')).toBe(true);
      pending = pending.filter((r) => results[r.recipientId].outcome !== 'sent');
    }
    expect(pending).toEqual([]);
    expect(api.stats().faultsInjected).toBeGreaterThan(5);
    for (const room of rooms) expect(api.messagesIn(room).length).toBeGreaterThanOrEqual(1);
  });
});
