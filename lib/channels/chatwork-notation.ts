import { truncateText } from './truncate';

// Chatwork notation for our messages, and the escaping of text that came from people
// (incident titles and updates, component names) so it cannot change the notation.

/** Chatwork's limit for a message body (counted here in UTF-16 code units, the stricter way). */
export const CHATWORK_MAX_BODY = 65_535;

/**
 * Chatwork has no escape syntax, and tags are matched loosely ([info], [To:123], [rp aid=1 …],
 * [piconname:1], [toall], [hr], [code], [qt], [preview …], any case). So every ASCII bracket in
 * user text becomes its fullwidth form ［］: nothing can open or close a tag, no future tag
 * needs listing, and the reader still sees a bracket. (A zero-width space inside the tag was
 * rejected: invisible, it survives copy-paste and makes the text unsearchable.)
 */
export function escapeChatworkText(text: string): string {
  return text.replaceAll('[', '［').replaceAll(']', '］');
}

const INFO_OVERHEAD = '[info][title][/title][/info]'.length;
/** Titles are one line in practice; the cap keeps room for the body whatever comes in. */
const MAX_TITLE = 500;

/** An [info] block with a title; both parts are escaped, and the body is cut to fit one message. */
export function chatworkInfoBlock(title: string, body: string): string {
  const safeTitle = truncateText(escapeChatworkText(title), MAX_TITLE);
  const safeBody = truncateText(escapeChatworkText(body), CHATWORK_MAX_BODY - INFO_OVERHEAD - safeTitle.length);
  return `[info][title]${safeTitle}[/title]${safeBody}[/info]`;
}
