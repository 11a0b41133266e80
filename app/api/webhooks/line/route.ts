import { getDb } from '@/lib/db';
import { env } from '@/lib/env';
import { handleLineWebhook } from '@/lib/notify/line-webhook';
import { publicBaseUrl } from '@/lib/notices/links';
import { notifyChannels } from '@/lib/channels/senders';

export const dynamic = 'force-dynamic';

/** LINE Messaging API webhook: follow / unfollow / message events, signature checked on the raw body. */
export async function POST(request: Request): Promise<Response> {
  const db = await getDb();
  const answer = await handleLineWebhook({
    ctx: { db },
    rawBody: Buffer.from(await request.arrayBuffer()),
    signature: request.headers.get('x-line-signature'),
    channelSecret: env().LINE_CHANNEL_SECRET,
    reply: notifyChannels(db).lineReply,
    baseUrl: publicBaseUrl(),
  });
  return Response.json(answer.body, { status: answer.status });
}
