import type { ChatworkMessage } from './chatwork-api';
import type { FaultRequest } from './control';
import type { LineDelivery } from './line-api';
import type { LineMessage } from './line-validate';
import type { HttpFault } from './loopback-http';
import type { SinkMessage, SmtpFault } from './smtp-sink';

// Typed access to the control API of fakes started by `run.ts --control PORT` in another process.

export type FakesControl = ReturnType<typeof fakesControl>;

export function fakesControl(baseUrl: string) {
  const call = async <T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    });
    const json = (await res.json()) as T & { error?: string };
    if (!res.ok) throw new Error(`fakes control ${method} ${path}: ${json.error ?? res.status}`);
    return json;
  };
  const query = (name: string, value?: string) => (value === undefined ? '' : `?${name}=${encodeURIComponent(value)}`);

  return {
    state: () => call<Record<string, unknown>>('GET', '/state'),
    smtp: {
      messages: (to?: string) => call<SinkMessage[]>('GET', `/smtp/messages${query('to', to)}`),
      reset: () => call('POST', '/smtp/reset', {}),
      rejectAddress: (address: string, code?: number) => call('POST', '/smtp/reject', { address, code }),
      faults: (request: FaultRequest<SmtpFault>) => call('POST', '/smtp/faults', request),
    },
    line: {
      deliveries: () => call<LineDelivery[]>('GET', '/line/deliveries'),
      received: (userId: string) => call<LineMessage[]>('GET', `/line/received${query('user', userId)}`),
      reset: () => call('POST', '/line/reset', {}),
      blockUser: (userId: string) => call('POST', '/line/block', { userId }),
      setQuotaExhausted: (exhausted: boolean) => call('POST', '/line/quota', { exhausted }),
      faults: (request: FaultRequest<HttpFault>) => call('POST', '/line/faults', request),
    },
    chatwork: {
      messages: (roomId?: string) => call<ChatworkMessage[]>('GET', `/chatwork/messages${query('room', roomId)}`),
      reset: () => call('POST', '/chatwork/reset', {}),
      setRoomAccess: (roomId: string, access?: 'forbidden' | 'missing') =>
        call('POST', '/chatwork/room-access', { roomId, access }),
      faults: (request: FaultRequest<HttpFault>) => call('POST', '/chatwork/faults', request),
    },
  };
}

/** Polls `read` until `done` holds (delivery is asynchronous: the dispatcher sends after the post). */
export async function waitUntil<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 10_000,
  everyMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline)
      throw new Error(`condition not met within ${timeoutMs} ms: ${JSON.stringify(value).slice(0, 300)}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
