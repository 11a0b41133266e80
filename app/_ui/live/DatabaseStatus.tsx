'use client';

import { QueryClientProvider, useQuery } from '@tanstack/react-query';
import { liveQueryClient } from './query-client';

/**
 * A banner that appears while /api/health says the database is unreachable (and goes away by
 * itself when it is back). For the console layout and the last-resort error page.
 */
export function DatabaseStatus(props: { messages: string[]; pollSeconds?: number }) {
  return (
    <QueryClientProvider client={liveQueryClient}>
      <Banner {...props} />
    </QueryClientProvider>
  );
}

function Banner({ messages, pollSeconds = 10 }: { messages: string[]; pollSeconds?: number }) {
  const health = useQuery({
    queryKey: ['live', 'health'],
    queryFn: async () => {
      const response = await fetch('/api/health', { cache: 'no-store' });
      return ((await response.json()) as { database: { reachable: boolean } }).database.reachable;
    },
    refetchInterval: pollSeconds * 1_000,
  });
  if (health.data !== false) return null;
  return (
    // Inline styles: this also renders on the last-resort error page, without the app's CSS.
    <div
      role="alert"
      style={{
        background: '#ffebe9',
        border: '1px solid #cf222e',
        color: '#1b1f24',
        borderRadius: 10,
        padding: '10px 14px',
        margin: '0 0 16px',
        fontWeight: 600,
      }}
    >
      {messages.map((message) => (
        <p key={message} style={{ margin: 0 }}>
          {message}
        </p>
      ))}
    </div>
  );
}
