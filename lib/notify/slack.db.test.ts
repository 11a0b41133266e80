import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import type { DatabaseHandle } from '../../db/client';
import { deliveries, subscribers } from '../../db/schema';
import { startSlackWebhooks, type FakeSlackWebhooks } from '../../e2e/fakes';
import { createTestDatabase } from '../../test/db';
import { createComponent, createPage } from '../../test/factories';
import { postIncident } from '../../test/notify-fixtures';
import { createSlackSender } from '../channels/slack';
import { resetEnvCache } from '../env';
import { isServiceError } from '../errors';
import { confirmEmailSubscription } from '../services/subscribers/confirm-email';
import { subscribeSlack } from '../services/subscribers/subscribe-slack';
import { Dispatcher } from './dispatcher';

// Slack incoming webhooks end to end against a local fake that answers as Slack does: the
// confirmation is the first post, notices follow only once a member pressed its button.

let handle: DatabaseHandle;
let slack: FakeSlackWebhooks;
let pageId: string;
let componentId: string;
const BASE = 'https://status.example.test';

beforeAll(async () => {
  [handle, slack] = await Promise.all([createTestDatabase(), startSlackWebhooks({ seed: 5 })]);
  process.env.SLACK_WEBHOOK_BASE_URL = slack.url;
  resetEnvCache();
  pageId = (await createPage(handle.db, { name: 'デモ', nameEn: 'Demo' })).id;
  componentId = (await createComponent(handle.db, pageId, { name: 'API' })).id;
});
afterAll(async () => {
  delete process.env.SLACK_WEBHOOK_BASE_URL;
  resetEnvCache();
  await slack.close();
  await handle.close();
});
beforeEach(async () => {
  slack.reset();
  // Each case has its own channel: earlier ones would share the fake's one-off faults.
  await handle.db.update(subscribers).set({ unsubscribedAt: new Date() });
});

function dispatcher(options: Partial<ConstructorParameters<typeof Dispatcher>[0]> = {}) {
  const sender = createSlackSender({ baseUrl: slack.url, timeoutMs: 10_000 });
  return new Dispatcher({
    db: handle.db,
    senders: { slack: sender },
    baseUrl: BASE,
    retryPolicy: { baseDelayMs: 0, maxDelayMs: 0, jitter: 0 },
    ...options,
  });
}
const ctx = () => ({ db: handle.db, clientAddress: '203.0.113.7' });
const subscribe = (webhookUrl: string) =>
  subscribeSlack({ ctx: ctx(), input: { webhookUrl, locale: 'en', choice: { scope: 'all' } } });
async function deliveryTo(hook: string, messageId: string) {
  const rows = await handle.db
    .select({ delivery: deliveries })
    .from(deliveries)
    .innerJoin(subscribers, eq(subscribers.id, deliveries.subscriberId))
    .where(and(eq(deliveries.messageId, messageId), eq(subscribers.address, hook)));
  return rows[0].delivery;
}
type Block = {
  type: string;
  text?: { text: string };
  fields?: { text: string }[];
  elements?: { url?: string; text: string | { text: string } }[];
};
const blocksOf = (post: { body: { blocks?: unknown[] } }) => post.body.blocks as Block[];

async function subscribeAndConfirm(): Promise<string> {
  const hook = slack.newHook();
  await subscribe(hook);
  await dispatcher().drain();
  const confirmUrl = blocksOf(slack.postsTo(hook)[0]).find((b) => b.type === 'actions')!.elements![0].url!;
  await confirmEmailSubscription({ ctx: ctx(), token: confirmUrl.split('/').pop()! });
  return hook;
}

describe('Slack incoming-webhook subscribers', () => {
  it('get a confirmation first, nothing else until it is pressed, then Block Kit notices with escaped text', async () => {
    const hook = slack.newHook();
    await subscribe(hook);
    const early = await postIncident(handle.db, { pageId, components: [{ id: componentId, status: 'major_outage' }] });
    await dispatcher().drain();
    expect(early.queued).toBe(0);
    const [confirmation] = slack.postsTo(hook);
    expect(slack.postsTo(hook)).toHaveLength(1);
    expect(confirmation.body.text).toBe('Confirm notices from Demo');
    const button = blocksOf(confirmation).find((b) => b.type === 'actions')!.elements![0];
    expect(button.url).toMatch(new RegExp(`^${BASE}/subscribe/confirm/[A-Za-z0-9_.-]+$`));

    expect((await confirmEmailSubscription({ ctx: ctx(), token: button.url!.split('/').pop()! })).state).toBe('confirmed');
    const { incidentId } = await postIncident(handle.db, {
      pageId,
      components: [{ id: componentId, status: 'major_outage' }],
      title: 'API <!channel> down',
      body: 'Look <https://evil.example|here> & wait',
    });
    await dispatcher().drain();
    const [, notice] = slack.postsTo(hook);
    const blocks = blocksOf(notice);
    expect(blocks[0]).toMatchObject({ type: 'header', text: { text: '[Incident] API <!channel> down' } });
    const texts = JSON.stringify(blocks.filter((b) => b.type === 'section'));
    expect(texts).toContain('Look &lt;https://evil.example|here&gt; &amp; wait');
    expect(texts).not.toContain('<!channel>');
    expect(blocks.find((b) => b.type === 'actions')!.elements![0].url).toBe(`${BASE}/incidents/${incidentId}?lang=en`);
    expect(JSON.stringify(blocks.find((b) => b.type === 'context'))).toContain(`<${BASE}/manage/`);
  });

  it('waits for Retry-After on a 429', async () => {
    const hook = await subscribeAndConfirm();
    const now = new Date('2026-12-03T00:00:00Z');
    const paced = dispatcher({ now: () => now, retryPolicy: { baseDelayMs: 1_000, maxDelayMs: 1_000, jitter: 0 } });
    slack.faults.failNext(1, { kind: 'status', status: 429, retryAfterSec: 30 });
    const { messageId } = await postIncident(handle.db, {
      pageId,
      components: [{ id: componentId, status: 'partial_outage' }],
      at: now,
    });
    await paced.runOnce('slack');
    const row = await deliveryTo(hook, messageId);
    expect(row).toMatchObject({ status: 'failed', attempts: 1, lastError: 'Slack 429: rate_limited' });
    expect(row.nextAttemptAt.getTime()).toBe(now.getTime() + 30_000);
    now.setTime(now.getTime() + 30_000);
    await paced.runOnce('slack');
    expect(slack.postsTo(hook)).toHaveLength(2);
  });

  it('switches off a hook Slack says is gone (404 no_service), after one try', async () => {
    const hook = await subscribeAndConfirm();
    slack.setHookState(hook, 'removed');
    const { messageId } = await postIncident(handle.db, { pageId, components: [{ id: componentId, status: 'major_outage' }] });
    await dispatcher().drain();
    const row = await deliveryTo(hook, messageId);
    expect(row).toMatchObject({ status: 'dead', attempts: 1, lastError: 'Slack 404: no_service' });
    const [off] = await handle.db.select().from(subscribers).where(eq(subscribers.address, hook));
    expect(off.disabledAt).not.toBeNull();
  });

  it('refuses an address that is not a Slack incoming webhook, changing nothing', async () => {
    for (const webhookUrl of [
      'https://evil.example.com/services/T1/B1/x',
      `${slack.url}/api/chat.postMessage`,
      `${slack.url}/services/T1/B1/x?y=<z>`,
    ]) {
      const refused = await subscribe(webhookUrl).catch((error: unknown) => error);
      expect(isServiceError(refused) && refused.fieldErrors).toEqual({ webhookUrl: ['slack_webhook_url'] });
    }
    expect(
      await handle.db.select().from(subscribers).where(eq(subscribers.address, 'https://evil.example.com/services/T1/B1/x')),
    ).toHaveLength(0);
  });
});
