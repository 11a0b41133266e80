import { describe, expect, it } from 'vitest';
import { sameSitePath } from './same-site-path';

describe('sameSitePath', () => {
  it.each([
    '/\t/evil.example/x',
    '/%09/evil.example/x'.replace('%09', '\t'),
    '//evil.example',
    '/\\evil.example',
    '\\\\evil.example',
    '/\r\nSet-Cookie: a=b',
    '/\n/evil.example',
    '/.//evil.example',
    '/x/..//evil.example',
    'https://evil.example/',
    'javascript:alert(1)',
    'evil.example',
    '',
    '/\u0085evil',
  ])('refuses %j', (candidate) => {
    expect(sameSitePath(candidate)).toBe('/');
  });

  it('keeps same-site paths with their query, and percent-encodes raw characters', () => {
    expect(sameSitePath('/incidents/1?lang=en#u2')).toBe('/incidents/1?lang=en#u2');
    expect(sameSitePath('/maintenance?month=2026-12')).toBe('/maintenance?month=2026-12');
    expect(sameSitePath('/検索?q=障害')).toBe('/%E6%A4%9C%E7%B4%A2?q=%E9%9A%9C%E5%AE%B3');
    expect(sameSitePath('/a/../admin')).toBe('/admin');
    expect(sameSitePath(null, '/admin')).toBe('/admin');
  });
});
