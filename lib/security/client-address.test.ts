import { describe, expect, it } from 'vitest';
import { clientAddress } from './client-address';

describe('clientAddress', () => {
  it('is the socket peer unless proxies are trusted', () => {
    expect(clientAddress('203.0.113.9', '198.51.100.1', 0)).toBe('203.0.113.9');
    expect(clientAddress(undefined, undefined, 0)).toBe('unknown');
  });

  it('takes the address the outermost trusted proxy saw, never a client-written entry', () => {
    // client forged "1.1.1.1"; the one proxy appended the real client 198.51.100.7
    expect(clientAddress('10.0.0.2', '1.1.1.1, 198.51.100.7', 1)).toBe('198.51.100.7');
    // two proxies: CDN appended the client, the load balancer appended the CDN
    expect(clientAddress('10.0.0.2', '1.1.1.1, 198.51.100.7, 172.16.0.5', 2)).toBe('198.51.100.7');
  });

  it('falls back to the leftmost entry when fewer entries than hops, and to the socket without a header', () => {
    expect(clientAddress('10.0.0.2', '198.51.100.7', 3)).toBe('198.51.100.7');
    expect(clientAddress('10.0.0.2', undefined, 1)).toBe('10.0.0.2');
    expect(clientAddress('10.0.0.2', ' , ', 1)).toBe('10.0.0.2');
  });
});
