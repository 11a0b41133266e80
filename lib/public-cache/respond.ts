import type http from 'node:http';
import { matchesIfNoneMatch, pickResponse, type CachedEntry } from './entry';

/**
 * Answers a GET/HEAD from cached bytes: 304 when the client already has them, otherwise the
 * best encoding it accepts. `asOf` marks a last-known copy served while the database is away.
 */
export function sendEntry(req: http.IncomingMessage, res: http.ServerResponse, entry: CachedEntry, options: { asOf?: Date } = {}): void {
  const response = pickResponse(entry, req.headers['accept-encoding']);
  const asOf = options.asOf ? ['X-Shirase-As-Of', options.asOf.toISOString()] : [];
  if (matchesIfNoneMatch(entry, req.headers['if-none-match'])) {
    res.writeHead(304, asOf.length ? [...response.notModified, ...asOf] : response.notModified);
    res.end();
    return;
  }
  res.writeHead(200, asOf.length ? [...response.headers, ...asOf] : response.headers);
  res.end(req.method === 'HEAD' ? undefined : response.bytes);
}
