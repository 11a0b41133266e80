import type http from 'node:http';

// The outage gate probes the database at most once a second, so a page rendered in the first
// moments of an outage fails inside Next with a 500. This holds back a response whose status is
// 5xx (before any byte is sent) and asks `replacement` for another answer; without one, the held
// response goes out unchanged. Node writes every status line through `writeHead` (`res.end()`
// and `res.write()` call it implicitly), so one override sees them all.

export type Replacement = { status: number; headers: Record<string, string>; body?: string };

type Held = { method: 'write' | 'end'; args: unknown[] };

export function holdServerErrors(res: http.ServerResponse, replacement: () => Promise<Replacement | null>): void {
  const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => http.ServerResponse;
  const write = res.write.bind(res) as (...args: unknown[]) => boolean;
  const end = res.end.bind(res) as (...args: unknown[]) => http.ServerResponse;
  // The overrides stay in place (Next wraps them in turn and drops a second end() of its own);
  // this says what they do, and the answer is written through the originals.
  let state: 'undecided' | 'passing' | 'holding' | 'replaced' = 'undecided';
  let head: unknown[] = [];
  const held: Held[] = [];

  const decide = () => {
    if (state !== 'undecided') return;
    if (res.headersSent) state = 'passing';
    else res.writeHead(res.statusCode);
  };
  const settle = async () => {
    const answer = await replacement().catch(() => null);
    if (!answer) {
      state = 'passing';
      writeHead(...head);
      for (const call of held) (call.method === 'write' ? write : end)(...call.args);
      return;
    }
    state = 'replaced';
    for (const name of res.getHeaderNames()) res.removeHeader(name);
    writeHead(answer.status, answer.headers);
    end(answer.body);
    // Callbacks Next passed (its stream pipe waits on them) still run once.
    for (const call of held) for (const arg of call.args) if (typeof arg === 'function') (arg as () => void)();
  };

  res.writeHead = ((...args: unknown[]) => {
    if (state === 'undecided') state = typeof args[0] === 'number' && args[0] >= 500 ? 'holding' : 'passing';
    if (state === 'passing') return writeHead(...args);
    if (state === 'holding' && head.length === 0) head = args;
    return res;
  }) as typeof res.writeHead;
  res.write = ((...args: unknown[]) => {
    decide();
    if (state === 'passing') return write(...args);
    if (state === 'holding') held.push({ method: 'write', args });
    return true;
  }) as typeof res.write;
  res.end = ((...args: unknown[]) => {
    decide();
    if (state === 'passing') return end(...args);
    if (state === 'holding') {
      held.push({ method: 'end', args });
      state = 'replaced';
      void settle();
    }
    return res;
  }) as typeof res.end;
}
