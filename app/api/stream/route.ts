import { processChangeFeed } from '@/lib/live/change-feed';
import { changeStream, SSE_HEADERS } from '@/lib/live/sse';

export const dynamic = 'force-dynamic';

/** Live updates for open status pages and the console (Server-Sent Events); `?types=a,b` narrows them. */
export async function GET(request: Request) {
  const feed = await processChangeFeed();
  const types = new URL(request.url).searchParams.get('types');
  return new Response(changeStream(feed, { signal: request.signal, types: types ? new Set(types.split(',')) : undefined }), {
    headers: SSE_HEADERS,
  });
}
