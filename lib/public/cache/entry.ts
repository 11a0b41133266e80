import { createHash } from 'node:crypto';
import zlib from 'node:zlib';

export type Encoding = 'br' | 'gzip' | 'identity';

/** One encoding of an entry, with its complete header list (flat name/value pairs), built once. */
export type PreparedResponse = { bytes: Buffer; headers: (string | number)[]; notModified: string[] };

/** One pre-rendered response: the bytes in each encoding, compressed once, served many times. */
export type CachedEntry = {
  body: Buffer;
  gzip?: Buffer;
  br?: Buffer;
  /** Quoted strong validator of the identity bytes; encodings append -gz / -br. */
  etag: string;
  /** True once `br` holds the quality-11 form (see upgradeBrotli). */
  bestBrotli?: boolean;
  headers: Record<string, string>;
  builtAt: Date;
  responses: Partial<Record<Encoding, PreparedResponse>> & { identity: PreparedResponse };
};

const MIN_COMPRESS_BYTES = 1024;

/** The quoted strong validator of some bytes (the ETag of their identity encoding). */
export function validatorOf(bytes: Buffer): string {
  return `"${createHash('sha256').update(bytes).digest('base64url').slice(0, 22)}"`;
}

export function createEntry(
  body: Buffer | string,
  headers: Record<string, string>,
  builtAt = new Date(),
  previous?: CachedEntry,
): CachedEntry {
  const bytes = typeof body === 'string' ? Buffer.from(body) : body;
  const etag = validatorOf(bytes);
  // Unchanged bytes keep their compressed forms and their Last-Modified.
  if (previous && previous.etag === etag) {
    const reused = withResponses({
      body: previous.body,
      gzip: previous.gzip,
      br: previous.br,
      bestBrotli: previous.bestBrotli,
      etag,
      headers,
      builtAt: previous.builtAt,
    });
    if (!reused.bestBrotli) upgradeBrotli(reused);
    return reused;
  }
  const compress = bytes.length >= MIN_COMPRESS_BYTES;
  const entry = withResponses({
    body: bytes,
    gzip: compress ? zlib.gzipSync(bytes, { level: 6 }) : undefined,
    // Quality 5 is within ~7 % of 9 in size on our HTML/JSON and 3-4× faster, which keeps a
    // rebuild (and so "a change is visible") well under a second.
    br: compress
      ? zlib.brotliCompressSync(bytes, {
          params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
        })
      : undefined,
    etag,
    headers,
    builtAt,
  });
  upgradeBrotli(entry);
  return entry;
}

const BEST_BROTLI_MIN_BYTES = 16 * 1024;

/**
 * Quality 11 makes the status page's HTML about 16 % smaller than quality 5 (more requests per
 * second in a surge) but costs ~0.5 s of CPU, so it runs on libuv's thread pool after the entry
 * is already served at quality 5, and swaps the bytes in place: same content, same validators.
 */
function upgradeBrotli(entry: CachedEntry): void {
  if (!entry.br || entry.body.length < BEST_BROTLI_MIN_BYTES) return;
  const params = { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: entry.body.length };
  zlib.brotliCompress(entry.body, { params }, (error, best) => {
    if (error || !entry.br || best.length >= entry.br.length) return;
    Object.assign(entry, withResponses({ ...entry, br: best, bestBrotli: true }));
  });
}

/** Every header of every encoding computed up front, so serving is a lookup and a write. */
function withResponses(entry: Omit<CachedEntry, 'responses'>): CachedEntry {
  const { Vary: ownVary, vary: lowerVary, ...rest } = entry.headers;
  const vary = [ownVary ?? lowerVary, entry.gzip ? 'Accept-Encoding' : undefined].filter(Boolean).join(', ');
  const common = [...Object.entries(rest).flat(), 'Last-Modified', entry.builtAt.toUTCString(), ...(vary ? ['Vary', vary] : [])];
  const prepare = (bytes: Buffer, encoding: Encoding, suffix: string): PreparedResponse => {
    const etag = entry.etag.replace(/"$/, `${suffix}"`);
    return {
      bytes,
      headers: [
        ...common,
        'ETag',
        etag,
        ...(encoding === 'identity' ? [] : ['Content-Encoding', encoding]),
        'Content-Length',
        bytes.length,
      ],
      notModified: [...common, 'ETag', etag],
    };
  };
  return {
    ...entry,
    responses: {
      identity: prepare(entry.body, 'identity', ''),
      gzip: entry.gzip && prepare(entry.gzip, 'gzip', '-gz'),
      br: entry.br && prepare(entry.br, 'br', '-br'),
    },
  };
}

const acceptedEncodings = new Map<string, Encoding[]>();

/** The encodings an Accept-Encoding header allows, best first (memoised: browsers send few distinct values). */
function accepted(acceptEncoding: string | undefined): Encoding[] {
  if (!acceptEncoding) return ['identity'];
  let list = acceptedEncodings.get(acceptEncoding);
  if (!list) {
    const allows = (name: string) => new RegExp(`(^|[\\s,])${name}(?!;q=0(\\.0*)?([\\s,]|$))`).test(acceptEncoding);
    list = [...(allows('br') ? (['br'] as const) : []), ...(allows('gzip') ? (['gzip'] as const) : []), 'identity'];
    if (acceptedEncodings.size > 200) acceptedEncodings.clear();
    acceptedEncodings.set(acceptEncoding, list);
  }
  return list;
}

/** The smallest encoding of this entry the client accepts. */
export function pickResponse(entry: CachedEntry, acceptEncoding: string | undefined): PreparedResponse {
  for (const encoding of accepted(acceptEncoding)) {
    const response = entry.responses[encoding];
    if (response) return response;
  }
  return entry.responses.identity;
}

/** True when If-None-Match names this entry in any encoding (or is `*`). */
export function matchesIfNoneMatch(entry: Pick<CachedEntry, 'etag'>, ifNoneMatch: string | undefined): boolean {
  if (!ifNoneMatch) return false;
  const base = entry.etag.slice(1, -1);
  return ifNoneMatch.split(',').some((tag) => {
    const value = tag.trim().replace(/^W\//, '');
    return value === '*' || value.replace(/^"|"$/g, '').replace(/-(br|gz)$/, '') === base;
  });
}
