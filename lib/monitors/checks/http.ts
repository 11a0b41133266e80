import http from 'node:http';
import https from 'node:https';
import type { TLSSocket } from 'node:tls';
import { assertAddressAllowed, guardedLookup } from '../address-guard';
import { statusAccepted } from '../kinds';
import { jsonPathValue } from './json-path';
import { describeError, elapsedMs, type CheckOptions, type CheckResult, type CheckTarget } from './types';

const MAX_REDIRECTS = 5;
/** Enough of a body to find a keyword or read a JSON health document. */
const MAX_BODY_BYTES = 1_000_000;
const DAY_MS = 86_400_000;

type Response = { status: number; location?: string; body: string; tlsValidTo?: Date };

/** One request, no redirects; the socket only ever reaches a checked address. */
function request(
  url: URL,
  target: CheckTarget,
  options: CheckOptions,
  signal: AbortSignal,
  wantBody: boolean,
): Promise<Response> {
  const s = target.settings;
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return Promise.reject(new Error(`unsupported scheme ${url.protocol}`));
  // Literal addresses skip `lookup`, so they are judged here.
  const literal = url.hostname.replace(/^\[|\]$/g, '');
  if (/^[\d.]+$|:/.test(literal)) assertAddressAllowed(literal, options.allowPrivate);
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.request(
      url,
      {
        method: s.method ?? 'GET',
        headers: { 'user-agent': 'Shirase-Monitor/1.0', ...s.headers },
        lookup: guardedLookup(options.allowPrivate),
        signal,
        agent: false,
        rejectUnauthorized: !s.ignoreTlsErrors,
      },
      (res) => {
        let tlsValidTo: Date | undefined;
        const socket = res.socket as TLSSocket;
        if (typeof socket.getPeerCertificate === 'function') {
          const validTo = socket.getPeerCertificate()?.valid_to;
          if (validTo) tlsValidTo = new Date(validTo);
        }
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          if (!wantBody || size >= MAX_BODY_BYTES) return;
          chunks.push(chunk);
          size += chunk.length;
        });
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            location: res.headers.location,
            body: Buffer.concat(chunks).subarray(0, MAX_BODY_BYTES).toString('utf8'),
            tlsValidTo,
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (s.body && s.method !== 'GET' && s.method !== 'HEAD') req.end(s.body);
    else req.end();
  });
}

function assertions(target: CheckTarget, response: Response, latencyMs: number): string | null {
  const s = target.settings;
  if (!statusAccepted(response.status, s.expectedStatus)) return `HTTP ${response.status}`;
  if (s.keyword && !response.body.includes(s.keyword)) return `keyword not found: ${s.keyword.slice(0, 50)}`;
  if (s.jsonPath) {
    let document: unknown;
    try {
      document = JSON.parse(response.body);
    } catch {
      return 'response is not JSON';
    }
    const value = jsonPathValue(document, s.jsonPath);
    const text = value === undefined ? 'undefined' : typeof value === 'string' ? value : JSON.stringify(value);
    if (s.jsonExpected !== undefined && text !== s.jsonExpected)
      return `${s.jsonPath} = ${text.slice(0, 50)}, expected ${s.jsonExpected.slice(0, 50)}`;
    if (s.jsonExpected === undefined && value === undefined) return `${s.jsonPath} missing`;
  }
  if (s.latencyThresholdMs && latencyMs > s.latencyThresholdMs) return `slow: ${latencyMs} ms > ${s.latencyThresholdMs} ms`;
  return null;
}

export async function checkHttp(target: CheckTarget, options: CheckOptions): Promise<CheckResult> {
  const s = target.settings;
  const started = process.hrtime.bigint();
  const signal = AbortSignal.timeout(target.timeoutMs);
  const wantBody = Boolean(s.keyword || s.jsonPath);
  try {
    let url = new URL(target.target);
    let response = await request(url, target, options, signal, wantBody);
    for (
      let hop = 0;
      s.followRedirects !== false && response.status >= 300 && response.status < 400 && response.location;
      hop++
    ) {
      if (hop >= MAX_REDIRECTS)
        return { ok: false, latencyMs: elapsedMs(started), statusCode: response.status, error: 'too many redirects' };
      url = new URL(response.location, url);
      response = await request(url, target, options, signal, wantBody);
    }
    const latencyMs = elapsedMs(started);
    const failure = assertions(target, response, latencyMs);
    const result: CheckResult = { ok: !failure, latencyMs, statusCode: response.status, ...(failure ? { error: failure } : {}) };
    if (response.tlsValidTo) {
      result.tlsExpiresAt = response.tlsValidTo;
      const daysLeft = Math.floor((response.tlsValidTo.getTime() - options.now().getTime()) / DAY_MS);
      if (s.tlsExpiryDays && daysLeft < s.tlsExpiryDays)
        result.warning = `TLS certificate expires in ${daysLeft} days (${response.tlsValidTo.toISOString().slice(0, 10)})`;
    }
    return result;
  } catch (error) {
    const timedOut = signal.aborted;
    return {
      ok: false,
      latencyMs: timedOut ? null : elapsedMs(started),
      error: timedOut ? `timeout after ${target.timeoutMs} ms` : describeError(error),
    };
  }
}
