import { createHash } from 'node:crypto';

// Request validation of the fake LINE Messaging API, answering the way LINE does:
// 400 { message: "The request body has N error(s)", details: [{ message, property }] }.

export interface LineErrorDetail {
  message: string;
  property: string;
}

export interface LineMessage {
  type: string;
  text?: string;
  [key: string]: unknown;
}

const MESSAGE_TYPES = ['text', 'textV2', 'image', 'video', 'audio', 'location', 'sticker', 'template', 'imagemap', 'flex'];
export const LINE_MAX_TEXT = 5000;
export const LINE_MAX_MULTICAST = 500;
export const LINE_MAX_MESSAGES = 5;

/** U (user), C (group) or R (room) followed by 32 hex digits. */
const USER_ID = /^U[0-9a-f]{32}$/;
const PUSH_TARGET = /^[UCR][0-9a-f]{32}$/;

export function validateMessages(value: unknown): LineErrorDetail[] {
  if (!Array.isArray(value)) return [{ message: 'must be specified', property: 'messages' }];
  if (value.length < 1 || value.length > LINE_MAX_MESSAGES) {
    return [{ message: `Size must be between 1 and ${LINE_MAX_MESSAGES}`, property: 'messages' }];
  }
  const details: LineErrorDetail[] = [];
  value.forEach((message: unknown, i) => {
    const m = (message ?? {}) as LineMessage;
    if (!MESSAGE_TYPES.includes(m.type)) {
      details.push({
        message: `Must be one of the following values: [${MESSAGE_TYPES.join(', ')}]`,
        property: `messages[${i}].type`,
      });
    } else if (m.type === 'text' || m.type === 'textV2') {
      // LINE counts UTF-16 code units, so an emoji counts as two.
      if (typeof m.text !== 'string' || m.text.length === 0)
        details.push({ message: 'May not be empty', property: `messages[${i}].text` });
      else if (m.text.length > LINE_MAX_TEXT)
        details.push({ message: `Length must be between 0 and ${LINE_MAX_TEXT}`, property: `messages[${i}].text` });
    }
  });
  return details;
}

export function validateMulticast(body: Record<string, unknown>, strictUserIds: boolean): LineErrorDetail[] {
  const details: LineErrorDetail[] = [];
  const to = body.to;
  if (!Array.isArray(to)) details.push({ message: 'must be specified', property: 'to' });
  else if (to.length < 1 || to.length > LINE_MAX_MULTICAST) {
    details.push({ message: `Size must be between 1 and ${LINE_MAX_MULTICAST}`, property: 'to' });
  } else {
    to.forEach((id: unknown, i) => {
      if (typeof id !== 'string' || (strictUserIds && !USER_ID.test(id)))
        details.push({ message: 'Invalid user ID', property: `to[${i}]` });
    });
  }
  return [...details, ...validateMessages(body.messages)];
}

export function validatePush(body: Record<string, unknown>, strictUserIds: boolean): LineErrorDetail[] {
  const to = body.to;
  const details: LineErrorDetail[] =
    typeof to !== 'string' || to === ''
      ? [{ message: 'must be specified', property: 'to' }]
      : strictUserIds && !PUSH_TARGET.test(to)
        ? [{ message: 'Invalid user ID', property: 'to' }]
        : [];
  return [...details, ...validateMessages(body.messages)];
}

export function validateReply(body: Record<string, unknown>): LineErrorDetail[] {
  const details: LineErrorDetail[] =
    typeof body.replyToken === 'string' && body.replyToken !== ''
      ? []
      : [{ message: 'must be specified', property: 'replyToken' }];
  return [...details, ...validateMessages(body.messages)];
}

export function badRequest(details: LineErrorDetail[]): { message: string; details: LineErrorDetail[] } {
  return { message: `The request body has ${details.length} error(s)`, details };
}

/** A valid-looking LINE user id for tests: "U" + 32 hex digits derived from `seed`. */
export function fakeLineUserId(seed: number | string): string {
  return `U${createHash('md5').update(String(seed)).digest('hex')}`;
}
