import { describe, expect, it } from 'vitest';
import { isForeignOriginAction } from './action-origin';

const action = { 'next-action': 'abc123', host: 'status.example.jp' };

describe('isForeignOriginAction', () => {
  it('lets a same-origin action through, and one without Origin', () => {
    expect(isForeignOriginAction('POST', { ...action, origin: 'https://status.example.jp' })).toBe(false);
    expect(isForeignOriginAction('POST', action)).toBe(false);
  });

  it('refuses another site, the opaque null origin and another port', () => {
    expect(isForeignOriginAction('POST', { ...action, origin: 'https://evil.example' })).toBe(true);
    expect(isForeignOriginAction('POST', { ...action, origin: 'null' })).toBe(true);
    expect(isForeignOriginAction('POST', { ...action, origin: 'https://status.example.jp:8443' })).toBe(true);
  });

  it('compares with X-Forwarded-Host when a proxy set it', () => {
    const proxied = { ...action, host: '127.0.0.1:3000', 'x-forwarded-host': 'status.example.jp' };
    expect(isForeignOriginAction('POST', { ...proxied, origin: 'https://status.example.jp' })).toBe(false);
    expect(isForeignOriginAction('POST', { ...proxied, origin: 'http://127.0.0.1:3000' })).toBe(true);
  });

  it('treats a plain form post to a page as an action (no JavaScript), but not webhooks, the API or one-click unsubscribe', () => {
    const form = { host: 'status.example.jp', origin: 'https://evil.example', 'content-type': 'multipart/form-data; boundary=x' };
    expect(isForeignOriginAction('POST', form, '/admin/users')).toBe(true);
    expect(isForeignOriginAction('POST', { ...form, 'content-type': 'application/x-www-form-urlencoded' }, '/subscribe')).toBe(
      true,
    );
    expect(isForeignOriginAction('POST', { ...form, origin: 'https://status.example.jp' }, '/admin/users')).toBe(false);
    expect(isForeignOriginAction('POST', form, '/u/token')).toBe(false);
    expect(isForeignOriginAction('POST', form, '/api/webhooks/line')).toBe(false);
  });

  it('ignores requests that are not server actions', () => {
    expect(isForeignOriginAction('POST', { host: 'a', origin: 'https://evil.example' })).toBe(false);
    expect(isForeignOriginAction('GET', { ...action, origin: 'https://evil.example' })).toBe(false);
  });
});
