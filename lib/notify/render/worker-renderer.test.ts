import { afterAll, describe, expect, it } from 'vitest';
import { UnreadablePayloadError } from '../../notices/payload';
import { createWorkerRenderer } from './worker-renderer';

const renderer = createWorkerRenderer();
afterAll(() => renderer.close());

describe('worker renderer', () => {
  it('renders in a worker thread what renderMessage renders, and keeps payload errors recognisable', async () => {
    const base = {
      locale: 'en' as const,
      channel: 'email' as const,
      baseUrl: 'https://status.example.test',
      pageName: { ja: 'デモ', en: 'Demo' },
    };
    const mail = await renderer.render({
      ...base,
      type: 'subscription_confirmation',
      payload: { expiresAt: '2026-11-25T01:00:00Z' },
    });
    expect(mail.subject).toBe('Demo status notices: confirm your subscription');
    expect(mail.html).toContain('/subscribe/confirm/');
    await expect(renderer.render({ ...base, type: 'incident_opened', payload: { nonsense: true } })).rejects.toBeInstanceOf(
      UnreadablePayloadError,
    );
  });
});
