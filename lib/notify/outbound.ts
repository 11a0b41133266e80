import { randomUUID } from 'node:crypto';
import { EVIDENCE_HEADER, headLine, type ChainHead } from '../evidence/head-line';
import type { OutboundBatch, OutboundRecipient, RenderedMessage } from '../channels/types';
import type { ClaimedDelivery } from './claims';
import { subscriptionLinks } from '../notices/links';
import type { MessageType } from '../notices/message-types';
import type { ParsedPayload } from '../notices/payload';
import { SLOTS } from './render/render-message';
import { confirmationToken, manageToken } from '../notices/tokens';
import { signingSecret } from '../notices/webhook-secret';

// From claimed rows and one rendering to what a channel sender takes. Email copies are personal:
// each carries the subscriber's own manage link and RFC 8058 one-click unsubscribe headers.

export interface OutboundContext {
  type: MessageType;
  parsed: ParsedPayload;
  baseUrl: string;
  /** The subscription-links key (lib/notices/secrets.ts). */
  linkKey: Buffer;
  /** The 'webhook-signing' key (webhook batches only). */
  signingKey?: Buffer;
  /** The message's chain head: each email carries it in X-Shirase-Evidence. */
  evidenceHead?: ChainHead | null;
}

export function buildOutboundBatch(rows: ClaimedDelivery[], rendered: RenderedMessage, context: OutboundContext): OutboundBatch {
  const batchKey = rows[0].batchKey ?? randomUUID();
  const recipients = rows.map((row) =>
    row.channel === 'email'
      ? emailRecipient(row, rendered, context)
      : row.channel === 'webhook'
        ? webhookRecipient(row, rendered, context)
        : row.channel === 'slack'
          ? slackRecipient(row, rendered, context)
          : plainRecipient(row),
  );
  return { batchKey, message: rendered, recipients };
}

function plainRecipient(row: ClaimedDelivery): OutboundRecipient {
  return { recipientId: String(row.id), address: row.address ?? '' };
}

/** Slack posts carry the channel's own manage link, or its confirmation link. */
function slackRecipient(row: ClaimedDelivery, rendered: RenderedMessage, context: OutboundContext): OutboundRecipient {
  const { manage, confirm } = personalTokens(row, context);
  return {
    recipientId: String(row.id),
    address: row.address ?? '',
    message: { text: rendered.text.replaceAll(SLOTS.manageToken, manage).replaceAll(SLOTS.confirmToken, confirm) },
  };
}

function personalTokens(row: ClaimedDelivery, context: OutboundContext): { manage: string; confirm: string } {
  const subscriberId = row.subscriberId ?? '';
  const confirm =
    context.parsed.subject === 'subscription'
      ? confirmationToken(context.linkKey, subscriberId, new Date(context.parsed.payload.expiresAt))
      : '';
  return { manage: manageToken(context.linkKey, subscriberId), confirm };
}

/** The body carries the subscriber's own unsubscribe link (Statuspage's meta.unsubscribe); the sender signs it. */
function webhookRecipient(row: ClaimedDelivery, rendered: RenderedMessage, context: OutboundContext): OutboundRecipient {
  const subscriberId = row.subscriberId ?? '';
  const manage = manageToken(context.linkKey, subscriberId);
  return {
    recipientId: String(row.id),
    address: row.address ?? '',
    signingSecret:
      context.signingKey && row.signingSalt ? signingSecret(context.signingKey, subscriberId, row.signingSalt) : undefined,
    headers: context.evidenceHead ? { [EVIDENCE_HEADER]: headLine(context.evidenceHead) } : undefined,
    message: { text: rendered.text.replaceAll(SLOTS.manageToken, manage) },
  };
}

function emailRecipient(row: ClaimedDelivery, rendered: RenderedMessage, context: OutboundContext): OutboundRecipient {
  const { manage, confirm } = personalTokens(row, context);
  const fill = (text: string | undefined) => text?.replaceAll(SLOTS.manageToken, manage).replaceAll(SLOTS.confirmToken, confirm);
  const headers: Record<string, string> = {
    ...(context.type === 'subscription_confirmation'
      ? {}
      : {
          'List-Unsubscribe': `<${subscriptionLinks.oneClick(context.baseUrl, manage)}>`,
          'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
        }),
    ...(context.evidenceHead ? { [EVIDENCE_HEADER]: headLine(context.evidenceHead) } : {}),
  };
  return {
    recipientId: String(row.id),
    address: row.address ?? '',
    headers,
    message: { text: fill(rendered.text), html: fill(rendered.html) },
  };
}
