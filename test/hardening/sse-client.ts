import http from 'node:http';

// A minimal Server-Sent Events reader for /api/stream, as an open status page uses it: resolves
// once connected, and records when each `change` event of each type arrived.

export interface SseClient {
  /** performance.now() of every event received, by its data's "type". */
  arrivals: Map<string, number[]>;
  /** Resolves with the arrival time of the first event of `type` at or after `since`. */
  next(type: string, since: number, timeoutMs?: number): Promise<number>;
  close(): void;
}

export function openSse(url: string, agent?: http.Agent): Promise<SseClient> {
  return new Promise((resolve, reject) => {
    const arrivals = new Map<string, number[]>();
    const waiters = new Set<() => void>();
    const request = http.get(url, { agent, headers: { accept: 'text/event-stream' } }, (response) => {
      if (response.statusCode !== 200) return reject(new Error(`SSE ${url}: HTTP ${response.statusCode}`));
      response.setEncoding('utf8');
      let buffer = '';
      response.on('data', (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) !== -1) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (!data) continue;
          const type = (JSON.parse(data) as { type: string }).type;
          if (!arrivals.has(type)) arrivals.set(type, []);
          arrivals.get(type)!.push(performance.now());
          for (const wake of waiters) wake();
        }
      });
      response.on('error', () => {});
      resolve({
        arrivals,
        next(type, since, timeoutMs = 10_000) {
          return new Promise((done, fail) => {
            const check = () => {
              const at = arrivals.get(type)?.find((t) => t >= since);
              if (at === undefined) return;
              clearTimeout(timer);
              waiters.delete(check);
              done(at);
            };
            const timer = setTimeout(() => {
              waiters.delete(check);
              fail(new Error(`no "${type}" event on ${url} within ${timeoutMs} ms`));
            }, timeoutMs);
            waiters.add(check);
            check();
          });
        },
        close: () => request.destroy(),
      });
    });
    request.on('error', reject);
  });
}
