'use client';

import { QueryClientProvider, useQuery } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useRef, useState } from 'react';
import { liveQueryClient as queryClient } from './query-client';

export type LiveLabels = { live: string; connecting: string; reconnecting: string; polling: string };
type Mode = 'connecting' | 'live' | 'reconnecting' | 'polling';

const STREAM_URL = '/api/stream';
/** After this many failed connects in a row, poll instead (and keep retrying the stream slowly). */
const FAILURES_BEFORE_POLLING = 3;
const MAX_BACKOFF_MS = 30_000;

/**
 * Keeps the server-rendered page it sits in up to date: one EventSource on /api/stream;
 * each change invalidates the `['live', …]` queries and refreshes the route (the server
 * coalesces those refreshes). Reconnects with backoff; while the stream is down it polls the
 * cheap status document and refreshes when that changes. Drop it into any page, public or console.
 */
export function LiveUpdates(props: {
  labels: LiveLabels;
  pollSeconds?: number;
  showStatus?: boolean;
  /** Change types to follow (default all). */ types?: string[];
}) {
  return (
    <QueryClientProvider client={queryClient}>
      <LiveConnection {...props} />
    </QueryClientProvider>
  );
}

function LiveConnection({
  labels,
  pollSeconds = 30,
  showStatus = true,
  types,
}: {
  labels: LiveLabels;
  pollSeconds?: number;
  showStatus?: boolean;
  types?: string[];
}) {
  const router = useRouter();
  const [mode, setMode] = useState<Mode>('connecting');
  const pending = useRef<ReturnType<typeof setTimeout>>(undefined);

  const refresh = useCallback(() => {
    // Changes committed together arrive together: one refresh for the burst.
    clearTimeout(pending.current);
    pending.current = setTimeout(() => {
      router.refresh();
      void queryClient.invalidateQueries({ queryKey: ['live'] });
    }, 50);
  }, [router]);

  const streamUrl = types ? `${STREAM_URL}?types=${types.join(',')}` : STREAM_URL;
  useEffect(() => {
    if (typeof EventSource === 'undefined') {
      setMode('polling');
      return;
    }
    let source: EventSource | null = null;
    let failures = 0;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const connect = () => {
      if (stopped) return;
      source = new EventSource(streamUrl);
      source.addEventListener('open', () => {
        // Back after a break: events may have been missed while away.
        if (failures > 0) refresh();
        failures = 0;
        setMode('live');
      });
      source.addEventListener('change', refresh);
      source.addEventListener('error', () => {
        source?.close();
        failures += 1;
        setMode(failures >= FAILURES_BEFORE_POLLING ? 'polling' : 'reconnecting');
        const backoff = Math.min(MAX_BACKOFF_MS, 1_000 * 2 ** (failures - 1));
        retry = setTimeout(connect, backoff / 2 + Math.random() * (backoff / 2));
      });
    };
    connect();
    return () => {
      stopped = true;
      clearTimeout(retry);
      source?.close();
    };
  }, [refresh, streamUrl]);

  const version = useQuery({
    queryKey: ['live', 'status-version'],
    queryFn: fetchStatusVersion,
    enabled: mode === 'polling',
    refetchInterval: pollSeconds * 1_000,
  });
  const seenVersion = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (!version.data) return;
    if (seenVersion.current !== undefined && seenVersion.current !== version.data) refresh();
    seenVersion.current = version.data;
  }, [version.data, refresh]);

  if (!showStatus) return null;
  const text = mode === 'polling' ? labels.polling.replace('{seconds}', String(pollSeconds)) : labels[mode];
  return (
    <p className={`live-status live-${mode}`} role="status" data-live-mode={mode}>
      <span className="live-dot" aria-hidden="true" />
      {text}
    </p>
  );
}

/** Changes whenever anything public changes (page.updated_at) or the rollup does. */
async function fetchStatusVersion(): Promise<string> {
  const response = await fetch('/api/v2/status.json', { cache: 'no-cache' });
  if (!response.ok) throw new Error(`status ${response.status}`);
  const body = (await response.json()) as { page: { updated_at: string }; status: { indicator: string } };
  return `${body.page.updated_at}|${body.status.indicator}`;
}
