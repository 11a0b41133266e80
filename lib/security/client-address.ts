// The address sign-in throttling keys on. Behind a reverse proxy every request comes from the
// proxy, so one attacker would lock out everyone; with TRUST_PROXY_HOPS=N (the number of proxies
// in front of Shirase that append to X-Forwarded-For) the client is the address the outermost
// trusted proxy saw. Entries further left were written by the client and are never trusted.

export function clientAddress(
  socketAddress: string | undefined,
  forwardedFor: string | string[] | undefined,
  trustedHops: number,
): string {
  const socket = socketAddress ?? 'unknown';
  if (trustedHops <= 0 || forwardedFor === undefined) return socket;
  const chain = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor)
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (chain.length === 0) return socket;
  // The socket peer is the nearest proxy; it appended the address it saw as the last entry.
  return chain[Math.max(0, chain.length - trustedHops)];
}

/** The header the HTTP front sets to the address it computed. Sign-in throttling and API limits trust it, so there is one spelling. */
export const REMOTE_ADDRESS_HEADER = 'x-shirase-remote-address';
