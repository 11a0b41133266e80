import dns from 'node:dns';
import net from 'node:net';

// Monitors make this server connect wherever an operator (or a stolen API key) points them, so
// targets in loopback, private, link-local (cloud metadata at 169.254.169.254) and other
// special ranges are refused unless MONITOR_ALLOW_PRIVATE=true. Checked when a monitor is saved
// and again on every connection, against the address the name resolved to at that moment
// (a name can be re-pointed after it was saved: DNS rebinding).

const blocked = new net.BlockList();
for (const [address, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  blocked.addSubnet(address, prefix, 'ipv4');
}
for (const [address, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  blocked.addSubnet(address, prefix, 'ipv6');
}

export class BlockedAddressError extends Error {
  constructor(readonly address: string) {
    super(`blocked address ${address} (private, loopback or link-local; set MONITOR_ALLOW_PRIVATE=true to allow)`);
    this.name = 'BlockedAddressError';
  }
}

/** The IPv4 address inside an IPv4-mapped (::ffff:a.b.c.d) or NAT64 (64:ff9b::) IPv6 address. */
function embeddedIpv4(address: string): string | null {
  const lower = address.toLowerCase();
  const dotted = /^(?:::ffff:|64:ff9b::)(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  if (dotted) return dotted[1];
  const hex = /^(?:::ffff:|64:ff9b::)([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(lower);
  if (!hex) return null;
  const high = parseInt(hex[1], 16);
  const low = parseInt(hex[2], 16);
  return [high >> 8, high & 255, low >> 8, low & 255].join('.');
}

export function isBlockedAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, '');
  const family = net.isIP(bare);
  if (family === 0) return true;
  if (family === 4) return blocked.check(bare, 'ipv4');
  const inner = embeddedIpv4(bare);
  return inner ? blocked.check(inner, 'ipv4') : blocked.check(bare, 'ipv6');
}

/** Throws BlockedAddressError when private targets are not allowed and this address is one. */
export function assertAddressAllowed(address: string, allowPrivate: boolean): void {
  if (!allowPrivate && isBlockedAddress(address)) throw new BlockedAddressError(address);
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | dns.LookupAddress[], family?: number) => void;

/**
 * A `lookup` for http/https/net that resolves every address of the name and refuses the
 * connection if any is blocked, so the socket can only go to an address that was checked.
 */
export function guardedLookup(allowPrivate: boolean) {
  return (hostname: string, options: dns.LookupOptions, callback: LookupCallback): void => {
    dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '');
      const list = addresses as dns.LookupAddress[];
      const bad = allowPrivate ? undefined : list.find((a) => isBlockedAddress(a.address));
      if (bad) return callback(Object.assign(new BlockedAddressError(bad.address), { code: 'EBLOCKED' }), '');
      if (list.length === 0) return callback(Object.assign(new Error(`no address for ${hostname}`), { code: 'ENOTFOUND' }), '');
      if (options.all) return callback(null, list);
      callback(null, list[0].address, list[0].family);
    });
  };
}

/**
 * Save-time check of a host name or address: literal addresses are judged directly; names are
 * resolved and every address judged. A name that does not resolve yet is accepted (the
 * connection-time check still applies).
 */
export async function assertHostAllowed(host: string, allowPrivate: boolean): Promise<void> {
  if (allowPrivate) return;
  const bare = host.replace(/^\[|\]$/g, '');
  if (net.isIP(bare)) return assertAddressAllowed(bare, false);
  if (bare.toLowerCase() === 'localhost' || bare.toLowerCase().endsWith('.localhost')) throw new BlockedAddressError(bare);
  const addresses = await dns.promises.lookup(bare, { all: true }).catch(() => []);
  for (const a of addresses) assertAddressAllowed(a.address, false);
}
