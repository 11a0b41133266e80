import { describe, expect, it } from 'vitest';
import { addressBlock } from './address-block';

describe('address blocks', () => {
  it('groups IPv4 by /24 (also when IPv4-mapped) and IPv6 by /56', () => {
    expect(addressBlock('198.51.100.23')).toBe('198.51.100.0/24');
    expect(addressBlock('::ffff:198.51.100.99')).toBe('198.51.100.0/24');
    expect(addressBlock('2001:db8:1:ab12::1')).toBe('2001:db8:1:ab00::/56');
    expect(addressBlock('2001:db8:1:abff:ffff::9')).toBe(addressBlock('2001:0db8:0001:ab00::'));
    expect(addressBlock('2001:db8:1:ac00::1')).not.toBe(addressBlock('2001:db8:1:ab00::1'));
    expect(addressBlock('::1')).toBe('0:0:0:0::/56');
    expect(addressBlock('unknown')).toBe('unknown');
  });
});
