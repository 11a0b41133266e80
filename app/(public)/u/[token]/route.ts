import { getDb } from '@/lib/db';
import { isServiceError } from '@/lib/errors';
import { t } from '@/lib/i18n/messages';
import { unsubscribeByToken } from '@/lib/services/subscribers/unsubscribe';

export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ token: string }> };

/**
 * RFC 8058 one-click unsubscribe (the List-Unsubscribe URL of every email). The mail provider
 * POSTs "List-Unsubscribe=One-Click" as urlencoded or multipart, without cookies: the token is
 * the authority, the answer is final (no confirmation page), and repeating it is harmless.
 */
export async function POST(request: Request, { params }: Params): Promise<Response> {
  const { token } = await params;
  // The body carries nothing we need; reading it keeps a malformed one from mattering.
  await request.formData().catch(() => null);
  try {
    await unsubscribeByToken({ ctx: { db: await getDb() }, token });
  } catch (error) {
    if (isServiceError(error) && error.code === 'not_found') return text(404, bilingual('oneClick.unknown'));
    throw error;
  }
  return text(200, bilingual('oneClick.done'));
}

/** A person who opens the link lands on the manage page, where leaving is one button. */
export async function GET(_request: Request, { params }: Params): Promise<Response> {
  const { token } = await params;
  return new Response(null, {
    status: 303,
    headers: { location: `/manage/${encodeURIComponent(token)}`, 'cache-control': 'no-store' },
  });
}

/** Read by a mail provider, not a person in a known language: both. */
function bilingual(key: string): string {
  return `${t('ja', 'subscribe')(key)} / ${t('en', 'subscribe')(key)}`;
}

function text(status: number, body: string): Response {
  return new Response(body, { status, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' } });
}
