import type { Locale } from '../../i18n/locales';
import { t } from '../../i18n/messages';
import { truncateText } from '../../channels/truncate';
import type { NoticeView } from './notice-view';

// Slack Block Kit renderings. Every text from operators or payloads is escaped (&, <, >), so
// nobody's words can become a link or an @channel mention; Slack's own limits are kept
// (header 150, section 3,000, field 2,000 characters, 10 fields).

const escape = (text: string) => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
const plain = (text: string, max: number) => ({ type: 'plain_text', text: truncateText(text, max), emoji: false });
const mrkdwn = (text: string, max = 3_000) => ({ type: 'mrkdwn', text: truncateText(text, max) });

export function slackNotice(view: NoticeView, locale: Locale, links: { manageUrl: string }, evidenceLine: string | null): string {
  const tr = t(locale, 'notify');
  const title = `${view.tag}${view.title}`;
  const blocks: unknown[] = [
    { type: 'header', text: plain(title, 150) },
    { type: 'section', text: mrkdwn(escape(view.lead)) },
    { type: 'section', fields: view.facts.slice(0, 10).map((f) => mrkdwn(`*${escape(f.label)}*\n${escape(f.value)}`, 2_000)) },
    ...(view.body ? [{ type: 'section', text: mrkdwn(escape(view.body)) }] : []),
    { type: 'actions', elements: [{ type: 'button', text: plain(tr('details'), 75), url: view.url }] },
    {
      type: 'context',
      elements: [mrkdwn(`<${links.manageUrl}|${escape(tr('slack.manage'))}>${evidenceLine ? `\n${escape(evidenceLine)}` : ''}`)],
    },
  ];
  return JSON.stringify({ text: truncateText(title, 3_000), blocks, unfurl_links: false });
}

export function slackConfirmation(input: { locale: Locale; pageName: string; confirmUrl: string; expiresAt: string }): string {
  const tr = t(input.locale, 'notify');
  const heading = tr('slack.confirmHeading', { page: input.pageName });
  const blocks = [
    { type: 'header', text: plain(heading, 150) },
    { type: 'section', text: mrkdwn(escape(tr('slack.confirmBody', { page: input.pageName, time: input.expiresAt }))) },
    {
      type: 'actions',
      elements: [{ type: 'button', style: 'primary', text: plain(tr('slack.confirmButton'), 75), url: input.confirmUrl }],
    },
    { type: 'context', elements: [mrkdwn(escape(tr('slack.confirmIgnore')))] },
  ];
  return JSON.stringify({ text: heading, blocks, unfurl_links: false });
}
