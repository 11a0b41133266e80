import { createHmac } from 'node:crypto';

// Standard Webhooks (standardwebhooks.com): the HMAC-SHA256 of "<id>.<timestamp>.<body>" keyed
// by the base64 part of the subscriber's `whsec_` secret, sent as `v1,<base64>`. The id stays
// the same across retries, so receivers can drop a repeat.

export const SECRET_PREFIX = 'whsec_';

export function signingKeyOf(secret: string): Buffer {
  return Buffer.from(secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret, 'base64');
}

export function webhookHeaders(input: { secret: string; id: string; body: string; at: Date }): Record<string, string> {
  const timestamp = String(Math.floor(input.at.getTime() / 1000));
  const signature = createHmac('sha256', signingKeyOf(input.secret))
    .update(`${input.id}.${timestamp}.${input.body}`)
    .digest('base64');
  return { 'webhook-id': input.id, 'webhook-timestamp': timestamp, 'webhook-signature': `v1,${signature}` };
}
