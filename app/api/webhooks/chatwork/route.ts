import { getDb } from '@/lib/db';
import { env } from '@/lib/env';
import { chatworkRoomAccess, handleChatworkWebhook } from '@/lib/notify/chatwork-webhook';

export const dynamic = 'force-dynamic';

/** Chatwork webhook: membership changes in subscribed rooms, signature checked on the raw body. */
export async function POST(request: Request): Promise<Response> {
  const config = env();
  const answer = await handleChatworkWebhook({
    ctx: { db: await getDb() },
    rawBody: Buffer.from(await request.arrayBuffer()),
    signature: request.headers.get('x-chatworkwebhooksignature'),
    webhookToken: config.CHATWORK_WEBHOOK_TOKEN,
    roomAccess: config.CHATWORK_API_TOKEN
      ? chatworkRoomAccess({ apiToken: config.CHATWORK_API_TOKEN, baseUrl: config.CHATWORK_API_BASE_URL })
      : undefined,
  });
  return Response.json(answer.body, { status: answer.status });
}
