import { currentSession } from '@/lib/auth/current';
import { isServiceError } from '@/lib/errors';
import { requestLocale } from '@/lib/i18n/server';
import { exportSubscribersCsv } from '@/lib/services/subscribers/export-csv';

export const dynamic = 'force-dynamic';

/** GET /admin/subscribers/export?q=&channel=&state= — the filtered list as CSV, streamed. */
export async function GET(request: Request): Promise<Response> {
  const session = await currentSession();
  if (!session) return new Response('Sign in first.', { status: 401 });
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const rows = exportSubscribersCsv({ ctx: session.ctx, input: params, locale: await requestLocale() });
  let first: IteratorResult<string>;
  try {
    // The first chunk runs the role and input checks, so a refusal is a status, not a broken download.
    first = await rows.next();
  } catch (error) {
    if (isServiceError(error)) return new Response(error.code, { status: error.code === 'forbidden' ? 403 : 400 });
    throw error;
  }
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      if (!first.done) controller.enqueue(encoder.encode(first.value));
    },
    async pull(controller) {
      const { value, done } = await rows.next();
      if (done) controller.close();
      else controller.enqueue(encoder.encode(value));
    },
    async cancel() {
      await rows.return(undefined);
    },
  });
  const day = new Date().toISOString().slice(0, 10);
  return new Response(stream, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="subscribers-${day}.csv"`,
      'cache-control': 'no-store',
    },
  });
}
