import type { Classified } from './types';

// How the HTTP channels (LINE, Chatwork) read a provider's answer. Channel files refine the
// 4xx cases they can attribute to one recipient.

/** Our token was refused: nothing the subscriber did, so retry slowly until someone fixes it. */
export const AUTH_RETRY_MS = 5 * 60 * 1000;

export function classifyStatus(status: number, headers?: Headers): Classified {
  const retryAfterMs = parseRetryAfter(headers?.get('retry-after') ?? null);
  if (status === 401 || status === 403) return { outcome: 'transient', reason: 'auth', retryAfterMs: AUTH_RETRY_MS };
  if (status === 408) return { outcome: 'transient', reason: 'timeout', retryAfterMs };
  if (status === 429) return { outcome: 'transient', reason: 'rate_limit', retryAfterMs };
  if (status >= 500) return { outcome: 'transient', reason: 'provider', retryAfterMs };
  return { outcome: 'permanent', reason: 'message' };
}

/** A request that never got an answer: timed out, refused, or reset. The provider may have acted on it. */
export function classifyNetworkError(error: unknown): Classified & { error: string } {
  if (error instanceof RequestTimeoutError) return { outcome: 'transient', reason: 'timeout', error: error.message };
  // fetch with AbortSignal.timeout() rejects with a DOMException named TimeoutError.
  if ((error as { name?: string })?.name === 'TimeoutError')
    return { outcome: 'transient', reason: 'timeout', error: 'no answer in time' };
  const cause = (error as { cause?: { code?: string } })?.cause?.code;
  return { outcome: 'transient', reason: 'network', error: `network error${cause ? ` (${cause})` : ''}` };
}

/** Retry-After as delay-seconds or an HTTP date, in ms from now. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

export class RequestTimeoutError extends Error {
  constructor(ms: number) {
    super(`no answer within ${ms} ms`);
    this.name = 'RequestTimeoutError';
  }
}

/**
 * Rejects after `ms` if `work` has not settled. The work itself is not cancelled (the LINE SDK
 * takes no AbortSignal); its late result is ignored, and a retry key covers a late acceptance.
 */
export async function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new RequestTimeoutError(ms)), ms);
  });
  work.catch(() => {});
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
