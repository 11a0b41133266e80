import { createHash } from 'node:crypto';
import { truncateText } from './truncate';

// Text and key helpers for the LINE channel.

/** LINE's limit for a text message, counted in UTF-16 code units (an emoji counts two). */
export const LINE_MAX_TEXT = 5000;

/** Fits `text` into one LINE text message (see truncateText). */
export function truncateLineText(text: string, max = LINE_MAX_TEXT): string {
  return truncateText(text, max);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/**
 * The retry key of the `index`-th 500-id slice of a batch: the batch key itself for the first,
 * a UUID derived from it for the others, so a retried batch reuses exactly the same keys.
 */
export function sliceRetryKey(batchKey: string, index: number): string {
  if (index === 0) return batchKey;
  const hex = createHash('sha256').update(`${batchKey}:${index}`).digest('hex');
  // Version 8 ("custom") UUID layout with the RFC 9562 variant bits.
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
