import type { IncomingHttpHeaders } from 'node:http';

// X-Forwarded-* and Forwarded are written by proxies; without one (TRUST_PROXY_HOPS=0) they were
// written by the client, who could pick the scheme and host of links in cached answers or the
// host a server action's Origin is compared with. Then they are dropped before Next reads them.

const FORWARDING = [
  'forwarded',
  'x-forwarded-for',
  'x-forwarded-host',
  'x-forwarded-proto',
  'x-forwarded-port',
  'x-forwarded-prefix',
];

export function forgetUntrustedForwarding(headers: IncomingHttpHeaders, trustedHops: number): void {
  if (trustedHops > 0) return;
  for (const name of FORWARDING) delete headers[name];
}
