import { isIPv4, isIPv6 } from 'node:net';

// The block one network usually holds: a home or office gets one IPv4 address behind NAT but a
// whole IPv6 /56 (or /48), so per-address limits alone are easy to step around on IPv6.

/** "192.0.2.0/24" or "2001:db8:0:ab00::/56"; an unreadable address is its own block. */
export function addressBlock(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  const v4 = mapped ?? address;
  if (isIPv4(v4)) return `${v4.split('.').slice(0, 3).join('.')}.0/24`;
  if (!isIPv6(address)) return address;
  const groups = expandIPv6(address);
  // 56 bits: three full groups and the high byte of the fourth.
  const fourth = (parseInt(groups[3], 16) & 0xff00).toString(16);
  return `${groups
    .slice(0, 3)
    .map((g) => parseInt(g, 16).toString(16))
    .join(':')}:${fourth}::/56`;
}

function expandIPv6(address: string): string[] {
  const [head, tail] = address.split('%')[0].split('::');
  const left = head ? head.split(':') : [];
  const right = tail !== undefined && tail !== '' ? tail.split(':') : [];
  const missing = tail === undefined ? 0 : 8 - left.length - right.length;
  return [...left, ...Array<string>(missing).fill('0'), ...right];
}
