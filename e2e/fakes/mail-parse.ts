// A light RFC 5322 / MIME reader for the SMTP sink: unfolded headers with RFC 2047 words
// decoded, and the text and HTML bodies of single-part or (nested) multipart mail.
// Enough for what Nodemailer sends; attachments are skipped.

export interface ParsedMail {
  /** Lower-case name → decoded value; a repeated header keeps its first value. */
  headers: Record<string, string>;
  /** Every header as sent (name casing kept, value unfolded but not decoded). */
  headerLines: [name: string, value: string][];
  subject: string;
  from: string;
  to: string;
  text?: string;
  html?: string;
}

/** `raw` is the message as a latin1 ("binary") string: one char per byte, decoded per part. */
export function parseMail(raw: string): ParsedMail {
  const part = parsePart(raw);
  const bodies: { text?: string; html?: string } = {};
  // The line break before SMTP's final "." belongs to the transport, not to the text.
  collectBodies({ ...part, body: part.body.replace(/\r?\n$/, '') }, bodies);
  return {
    headers: part.headers,
    headerLines: part.headerLines,
    subject: part.headers.subject ?? '',
    from: part.headers.from ?? '',
    to: part.headers.to ?? '',
    ...bodies,
  };
}

interface Part {
  headers: Record<string, string>;
  headerLines: [string, string][];
  body: string;
}

function parsePart(raw: string): Part {
  const split = raw.search(/\r?\n\r?\n/);
  const head = split === -1 ? raw : raw.slice(0, split);
  const body = split === -1 ? '' : raw.slice(split).replace(/^\r?\n\r?\n/, '');
  const headerLines: [string, string][] = [];
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headerLines.push([line.slice(0, colon).trim(), line.slice(colon + 1).trim()]);
  }
  const headers: Record<string, string> = {};
  // Raw 8-bit header bytes (SMTPUTF8) are UTF-8.
  for (const [name, value] of headerLines)
    headers[name.toLowerCase()] ??= decodeWords(Buffer.from(value, 'latin1').toString('utf8'));
  return { headers, headerLines, body };
}

function collectBodies(part: Part, out: { text?: string; html?: string }): void {
  const { type, params } = contentType(part.headers['content-type']);
  if (type.startsWith('multipart/') && params.boundary) {
    for (const child of splitMultipart(part.body, params.boundary)) collectBodies(parsePart(child), out);
    return;
  }
  if ((part.headers['content-disposition'] ?? '').startsWith('attachment')) return;
  const decoded = decodeBody(part.body, part.headers['content-transfer-encoding'], params.charset);
  if (type === 'text/plain') out.text ??= decoded;
  else if (type === 'text/html') out.html ??= decoded;
}

function contentType(value = 'text/plain'): { type: string; params: Record<string, string> } {
  const [type, ...rest] = value.split(';');
  const params: Record<string, string> = {};
  for (const param of rest) {
    const eq = param.indexOf('=');
    if (eq > 0)
      params[param.slice(0, eq).trim().toLowerCase()] = param
        .slice(eq + 1)
        .trim()
        .replace(/^"|"$/g, '');
  }
  return { type: type.trim().toLowerCase(), params };
}

function splitMultipart(body: string, boundary: string): string[] {
  const parts = body.split(new RegExp(`\\r?\\n?--${escapeRegExp(boundary)}(?:--)?[ \\t]*\\r?\\n?`));
  // First is the preamble, last is the epilogue.
  return parts.slice(1, -1).filter((p) => p.trim() !== '');
}

function decodeBody(body: string, encoding = '7bit', charset = 'utf-8'): string {
  const bytes =
    encoding.toLowerCase() === 'base64'
      ? Buffer.from(body.replace(/\s+/g, ''), 'base64')
      : encoding.toLowerCase() === 'quoted-printable'
        ? decodeQuotedPrintable(body)
        : Buffer.from(body, 'binary');
  return decodeCharset(bytes, charset);
}

function decodeQuotedPrintable(body: string): Buffer {
  const soft = body.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < soft.length; i++) {
    const hex = soft.slice(i + 1, i + 3);
    if (soft[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else bytes.push(soft.charCodeAt(i) & 0xff);
  }
  return Buffer.from(bytes);
}

/** RFC 2047: =?charset?B|Q?text?=, with the space between two adjacent words dropped. */
export function decodeWords(value: string): string {
  return value
    .replace(/(=\?[^?]+\?[BbQq]\?[^?]*\?=)\s+(?==\?)/g, '$1')
    .replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_, charset: string, encoding: string, text: string) => {
      const bytes = encoding.toUpperCase() === 'B' ? Buffer.from(text, 'base64') : decodeQuotedPrintable(text.replace(/_/g, ' '));
      return decodeCharset(bytes, charset);
    });
}

function decodeCharset(bytes: Buffer, charset: string): string {
  try {
    return new TextDecoder(charset.toLowerCase()).decode(bytes);
  } catch {
    return bytes.toString('utf8');
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
