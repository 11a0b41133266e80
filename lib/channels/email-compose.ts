import type { OutboundRecipient, RenderedMessage } from './types';

// One recipient's email from the batch message: their own headers and rendering, with every
// header value forced onto one line so no text from a post can add a header (CRLF injection).

export interface ComposedEmail {
  from: string;
  to: string;
  subject: string;
  text: string;
  html?: string;
  headers: Record<string, string>;
  messageId?: string;
}

export class InvalidEmailError extends Error {
  constructor(
    readonly reason: 'recipient' | 'message',
    message: string,
  ) {
    super(message);
    this.name = 'InvalidEmailError';
  }
}

// Nodemailer writes these from the message itself; a caller's copy would conflict.
const RESERVED_HEADERS = new Set([
  'from',
  'to',
  'cc',
  'bcc',
  'subject',
  'content-type',
  'content-transfer-encoding',
  'mime-version',
]);
const HEADER_NAME = /^[!-9;-~]+$/;
const ADDRESS = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]+$/;

/** Header-safe: line breaks become spaces, other control characters go. */
export function oneLine(value: string): string {
  return value
    .replace(/[\r\n\u2028\u2029]+/g, ' ')
    .replace(/[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/g, '')
    .trim();
}

export function composeEmail(batchMessage: RenderedMessage, recipient: OutboundRecipient, from: string): ComposedEmail {
  // An address is never repaired: one with a line break in it is refused outright.
  if (!ADDRESS.test(recipient.address)) throw new InvalidEmailError('recipient', 'invalid email address');
  const message = { ...batchMessage, ...recipient.message };
  if (!message.subject) throw new InvalidEmailError('message', 'email without a subject');

  const headers: Record<string, string> = {};
  let messageId: string | undefined;
  for (const [name, value] of Object.entries(recipient.headers ?? {})) {
    if (!HEADER_NAME.test(name) || RESERVED_HEADERS.has(name.toLowerCase())) {
      throw new InvalidEmailError('message', `header not allowed: ${oneLine(name).slice(0, 40)}`);
    }
    if (name.toLowerCase() === 'message-id') messageId = oneLine(value);
    else headers[name] = oneLine(value);
  }
  return {
    from: oneLine(from),
    to: recipient.address,
    subject: oneLine(message.subject),
    text: message.text,
    html: message.html,
    headers,
    ...(messageId ? { messageId } : {}),
  };
}
