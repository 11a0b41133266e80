import type { ComponentType } from 'react';
import { render, toPlainText } from '@react-email/render';
import IncidentOpenedEmail from '../../../emails/incident-opened';
import IncidentResolvedEmail from '../../../emails/incident-resolved';
import IncidentUpdatedEmail from '../../../emails/incident-updated';
import MaintenanceAnnouncedEmail from '../../../emails/maintenance-announced';
import MaintenanceCancelledEmail from '../../../emails/maintenance-cancelled';
import MaintenanceChangedEmail from '../../../emails/maintenance-changed';
import MaintenanceCompletedEmail from '../../../emails/maintenance-completed';
import MaintenanceReminderEmail from '../../../emails/maintenance-reminder';
import MaintenanceStartedEmail from '../../../emails/maintenance-started';
import SubscriptionConfirmationEmail from '../../../emails/subscription-confirmation';
import type { NoticeEmailProps } from '../../../emails/components/notice-email';
import type { Channel } from '../../domain/statuses';
import { env } from '../../env';
import { formatDateTime } from '../../i18n/format';
import type { Locale } from '../../i18n/locales';
import { t } from '../../i18n/messages';
import type { RenderedMessage } from '../../channels/types';
import { subscriptionLinks } from '../../notices/links';
import { MESSAGE_TYPES, type EmailTemplateName, type MessageType, type NoticeType } from '../../notices/message-types';
import { parsePayload, pick, type Bilingual } from '../../notices/payload';
import { headLine, type ChainHead } from '../../evidence/head-line';
import { buildNoticeView, type EmailBrand, type NoticeSource } from './notice-view';
import { slackConfirmation, slackNotice } from './slack-blocks';
import { webhookBody } from './webhook-body';
import { chatworkText, lineText } from './texts';

// Renders one message for one channel and language, once for all its recipients: personal parts
// (manage and confirmation tokens) are slots filled per recipient by lib/notify/outbound.ts, so 10,000
// emails cost two React renders (ja, en), not 10,000.

export const SLOTS = { manageToken: '__shirase_manage_token__', confirmToken: '__shirase_confirm_token__' } as const;

const NOTICE_TEMPLATES: Record<Exclude<EmailTemplateName, 'subscription-confirmation'>, ComponentType<NoticeEmailProps>> = {
  'incident-opened': IncidentOpenedEmail,
  'incident-updated': IncidentUpdatedEmail,
  'incident-resolved': IncidentResolvedEmail,
  'maintenance-announced': MaintenanceAnnouncedEmail,
  'maintenance-reminder': MaintenanceReminderEmail,
  'maintenance-started': MaintenanceStartedEmail,
  'maintenance-completed': MaintenanceCompletedEmail,
  'maintenance-changed': MaintenanceChangedEmail,
  'maintenance-cancelled': MaintenanceCancelledEmail,
};

export interface RenderInput {
  type: MessageType;
  payload: unknown;
  locale: Locale;
  channel: Channel;
  baseUrl: string;
  pageName: Bilingual;
  /** Webhook bodies name the page by id. */
  pageId?: string;
  /** The chain head when the message was written: a footer line on every channel. */
  evidenceHead?: ChainHead | null;
  brand?: EmailBrand;
}

/** Throws UnreadablePayloadError for a payload that does not fit its type (never worth a retry). */
export async function renderMessage(input: RenderInput): Promise<RenderedMessage> {
  const parsed = parsePayload(input.type, input.payload);
  const { locale, baseUrl } = input;
  const evidenceLine = input.evidenceHead ? t(locale, 'evidence')('notice', { head: headLine(input.evidenceHead) }) : null;
  if (parsed.subject === 'subscription') {
    const pageName = pick(input.pageName, locale);
    if (input.channel === 'slack') {
      const confirmUrl = subscriptionLinks.confirm(baseUrl, SLOTS.confirmToken);
      return {
        text: slackConfirmation({
          locale,
          pageName,
          confirmUrl,
          expiresAt: formatDateTime(new Date(parsed.payload.expiresAt), locale, parsed.payload.timeZone),
        }),
      };
    }
    const element = (
      <SubscriptionConfirmationEmail
        locale={locale}
        pageName={pageName}
        brand={input.brand}
        confirmUrl={subscriptionLinks.confirm(baseUrl, SLOTS.confirmToken)}
        expiresAt={formatDateTime(new Date(parsed.payload.expiresAt), locale, parsed.payload.timeZone)}
        evidenceLine={evidenceLine}
      />
    );
    return { subject: t(locale, 'emails')('confirmation.subject', { page: pageName }), ...(await toHtmlAndText(element)) };
  }

  const type = input.type as NoticeType;
  const view = buildNoticeView(type, parsed, locale, {
    baseUrl,
    pageName: input.pageName,
    brand: input.brand,
    defaultLocale: env().DEFAULT_LOCALE,
  });
  if (input.channel === 'line') return { text: lineText(view, locale, evidenceLine) };
  if (input.channel === 'chatwork') return { text: chatworkText(view, locale, evidenceLine) };
  if (input.channel === 'slack')
    return { text: slackNotice(view, locale, { manageUrl: subscriptionLinks.manage(baseUrl, SLOTS.manageToken) }, evidenceLine) };
  if (input.channel === 'webhook') {
    const source = parsed as NoticeSource;
    return {
      text: webhookBody({
        type,
        source,
        locale,
        baseUrl,
        pageId: input.pageId ?? '',
        pageName: input.pageName,
        manageTokenSlot: SLOTS.manageToken,
      }),
    };
  }
  const Template = NOTICE_TEMPLATES[MESSAGE_TYPES[type].emailTemplate as keyof typeof NOTICE_TEMPLATES];
  const element = (
    <Template
      locale={locale}
      view={view}
      manageUrl={subscriptionLinks.manage(baseUrl, SLOTS.manageToken)}
      evidenceLine={evidenceLine}
    />
  );
  return { subject: `${view.tag}${view.title} - ${view.pageName}`, ...(await toHtmlAndText(element)) };
}

const TEXT_OPTIONS = { wordwrap: false as const, selectors: [{ selector: 'h1', options: { uppercase: false } }] };

async function toHtmlAndText(element: React.ReactElement): Promise<{ html: string; text: string }> {
  const html = await render(element);
  return { html, text: toPlainText(html, TEXT_OPTIONS) };
}
