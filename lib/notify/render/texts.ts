import type { Locale } from '../../i18n/locales';
import { t } from '../../i18n/messages';
import { chatworkInfoBlock } from '../../channels/chatwork-notation';
import { LINE_MAX_TEXT } from '../../channels/line-text';
import { truncateText } from '../../channels/truncate';
import type { NoticeView } from './notice-view';

// The chat renderings of a notice. A LINE multicast carries one text for up to 500 people, so
// it has no personal link: the footer says how to get one (send "settings").

function factLines(view: NoticeView): string {
  return view.facts.map((f) => `${f.label}: ${f.value}`).join('\n');
}

/** Plain LINE text within LINE's 5,000 characters: the operator's text is cut first, never the link or the evidence head. */
export function lineText(view: NoticeView, locale: Locale, evidenceLine: string | null = null): string {
  const tr = t(locale, 'notify');
  const head = `${view.tag}${view.title}\n${view.lead}\n\n${factLines(view)}`;
  const tail = `${tr('details')}: ${view.url}\n\n${tr('lineFooter')}${evidenceLine ? `\n${evidenceLine}` : ''}`;
  const room = LINE_MAX_TEXT - head.length - tail.length - 4;
  const body = view.body && room > 20 ? `\n\n${truncateText(view.body, room)}` : '';
  return truncateText(`${head}${body}\n\n${tail}`, LINE_MAX_TEXT);
}

/** A Chatwork [info] block; chatworkInfoBlock escapes every part, including the operator's text. */
export function chatworkText(view: NoticeView, locale: Locale, evidenceLine: string | null = null): string {
  const tr = t(locale, 'notify');
  const body = [view.lead, factLines(view), view.body, `${tr('details')}: ${view.url}`, evidenceLine]
    .filter((part) => part)
    .join('\n\n');
  return chatworkInfoBlock(`${view.tag}${view.title}`, body);
}
