import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startLineApi, type FakeLineApi } from '@/e2e/fakes/line-api';
import { fakeLineUserId } from '@/e2e/fakes/line-validate';
import { createLineSender } from './line';
import { sliceRetryKey, truncateLineText } from './line-text';
import type { ChannelSender, OutboundBatch, SendResult } from './types';

let line: FakeLineApi;
let sender: ChannelSender;

beforeAll(async () => {
  line = await startLineApi({ seed: 11 });
  sender = createLineSender({ channelAccessToken: line.channelAccessToken, baseUrl: line.url, timeoutMs: 250 });
});
afterAll(() => line.close());
beforeEach(() => line.reset());

const users = (count: number, offset = 0) => Array.from({ length: count }, (_, i) => fakeLineUserId(offset + i));
const batchFor = (userIds: string[], text = '【障害】API の応答遅延が発生しています'): OutboundBatch => ({
  batchKey: crypto.randomUUID(),
  message: { text },
  recipients: userIds.map((address, i) => ({ recipientId: String(i), address })),
});
const outcomes = (results: SendResult[]) => [...new Set(results.map((r) => r.outcome))];

describe('LINE sender', () => {
  it('splits 1,200 user ids into three multicasts, each with its own stable retry key', async () => {
    const batch = batchFor(users(1200));
    const results = await sender.send(batch);

    expect(results).toHaveLength(1200);
    expect(outcomes(results)).toEqual(['sent']);
    expect(line.deliveries.map((d) => d.to.length)).toEqual([500, 500, 200]);
    expect(line.deliveries.map((d) => d.retryKey)).toEqual([0, 1, 2].map((i) => sliceRetryKey(batch.batchKey, i)));
    expect(new Set(line.deliveries.map((d) => d.retryKey)).size).toBe(3);
    expect(line.deliveryCount(batch.recipients[1199].address)).toBe(1);
  });

  it('after an accepted request whose answer was lost, the retry is a 409 and counts as sent once', async () => {
    const batch = batchFor(users(3));
    line.faults.failNext(1, { kind: 'slow', ms: 1_000 });
    const first = await sender.send(batch);
    expect(first[0]).toMatchObject({ outcome: 'transient', reason: 'timeout' });

    const retry = await sender.send(batch);
    expect(outcomes(retry)).toEqual(['sent']);
    expect(retry[0].providerMessageId).toBe(line.deliveries[0].requestId);
    expect(line.stats().conflicts).toBe(1);
    for (const r of batch.recipients) expect(line.received(r.address)).toEqual([{ type: 'text', text: batch.message.text }]);
  });

  it('a connection reset after acceptance is retried the same way', async () => {
    const batch = batchFor(users(2));
    line.faults.failNext(1, { kind: 'accept-then-drop' });
    expect((await sender.send(batch))[0]).toMatchObject({ outcome: 'transient', reason: 'network' });
    expect(outcomes(await sender.send(batch))).toEqual(['sent']);
    expect(line.deliveryCount(batch.recipients[0].address)).toBe(1);
  });

  it('surfaces Retry-After of a 429 and tells a used-up monthly quota apart', async () => {
    line.faults.failNext(1, { kind: 'status', status: 429, retryAfterSec: 7 });
    const [limited] = await sender.send(batchFor(users(1)));
    expect(limited).toMatchObject({ outcome: 'transient', reason: 'rate_limit', retryAfterMs: 7_000 });

    line.setQuotaExhausted(true);
    const [quota] = await sender.send(batchFor(users(1)));
    expect(quota).toMatchObject({ outcome: 'transient', reason: 'quota', retryAfterMs: 3_600_000 });
    expect(quota.error).toContain('monthly limit');
  });

  it('treats 5xx as transient and a refused token as a configuration problem', async () => {
    line.faults.failNext(1, { kind: 'status', status: 500 });
    expect((await sender.send(batchFor(users(1))))[0]).toMatchObject({ outcome: 'transient', reason: 'provider' });

    const wrongToken = createLineSender({ channelAccessToken: 'wrong', baseUrl: line.url });
    expect((await wrongToken.send(batchFor(users(1))))[0]).toMatchObject({ outcome: 'transient', reason: 'auth' });
  });

  it('fails only the malformed user id for good and asks to resend the others', async () => {
    const ids = users(3);
    ids[1] = 'not-a-line-user';
    const results = await sender.send(batchFor(ids));
    expect(results.map((r) => [r.outcome, r.reason])).toEqual([
      ['transient', 'provider'],
      ['permanent', 'recipient'],
      ['transient', 'provider'],
    ]);
    expect(line.deliveries).toHaveLength(0);
  });

  it('truncates an overlong text so LINE accepts it', async () => {
    const text = `${'あ'.repeat(4998)}👨‍👩‍👧${'い'.repeat(100)}`;
    const [result] = await sender.send(batchFor(users(1), text));
    expect(result.outcome).toBe('sent');
    const sent = line.deliveries[0].messages[0].text ?? '';
    expect(sent.length).toBeLessThanOrEqual(5000);
    expect(sent).toBe(`${'あ'.repeat(4998)}…`);
  });

  it('refuses a batch key that is not a UUID, since it would not protect a retry', async () => {
    await expect(sender.send({ ...batchFor(users(1)), batchKey: 'batch-1' })).rejects.toThrow(/UUID/);
  });

  it('with 30 % faults and retries, every user receives the message exactly once', async () => {
    line.faults.reseed(3);
    line.faults.setRate({
      rate: 0.3,
      faults: [
        { kind: 'status', status: 500 },
        { kind: 'status', status: 429, retryAfterSec: 0 },
        { kind: 'slow', ms: 600 },
        { kind: 'accept-then-drop' },
        { kind: 'hang' },
        { kind: 'drop' },
      ],
    });
    const batches = Array.from({ length: 40 }, (_, n) => batchFor(users(50, n * 50)));
    const pending = new Set(batches);
    for (let round = 0; round < 25 && pending.size > 0; round++) {
      await Promise.all(
        [...pending].map(async (batch) => {
          const results = await sender.send(batch);
          expect(results.every((r) => r.outcome !== 'permanent')).toBe(true);
          if (results.every((r) => r.outcome === 'sent')) pending.delete(batch);
        }),
      );
    }
    expect(pending.size).toBe(0);
    expect(line.stats().faultsInjected).toBeGreaterThanOrEqual(8);
    expect(line.stats().conflicts).toBeGreaterThan(0);
    for (const batch of batches) for (const r of batch.recipients) expect(line.deliveryCount(r.address)).toBe(1);
  });
});

describe('truncateLineText', () => {
  it('leaves short text alone and never splits a surrogate pair', () => {
    expect(truncateLineText('hello', 5)).toBe('hello');
    const cut = truncateLineText('😀😀😀', 4);
    expect(cut).toBe('😀…');
    expect(cut.length).toBeLessThanOrEqual(4);
    expect(truncateLineText('ab😀', 3)).toBe('ab…');
  });

  it('keeps combining sequences whole', () => {
    expect(truncateLineText('がががが', 3)).toBe('がが…');
    expect(truncateLineText('か\u3099か\u3099か\u3099', 4)).toBe('か\u3099…');
  });
});
