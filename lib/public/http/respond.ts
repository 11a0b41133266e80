import type http from 'node:http';
import { matchesIfNoneMatch, pickResponse, type CachedEntry } from '../cache/entry';
import { PERSONAL_COPY_CACHING } from '../documents/html';

export type SendOptions = {
  /** Marks a last-known copy served while the database is away. */
  asOf?: Date;
  /** A copy in a language the URL does not name: the visitor's browser may keep it, a CDN may not. */
  personal?: boolean;
};

/** Answers a GET/HEAD from cached bytes: 304 when the client already has them, otherwise the best encoding it accepts. */
export function sendEntry(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  entry: CachedEntry,
  options: SendOptions = {},
): void {
  const response = pickResponse(entry, req.headers['accept-encoding']);
  const notModified = matchesIfNoneMatch(entry, req.headers['if-none-match']);
  let headers = notModified ? response.notModified : response.headers;
  if (options.personal || options.asOf) {
    headers = options.personal
      ? headers.map((value, i) => (i % 2 === 1 && headers[i - 1] === 'Cache-Control' ? PERSONAL_COPY_CACHING : value))
      : [...headers];
    if (options.asOf) headers.push('X-Shirase-As-Of', options.asOf.toISOString());
  }
  res.writeHead(notModified ? 304 : 200, headers);
  res.end(notModified || req.method === 'HEAD' ? undefined : response.bytes);
}
