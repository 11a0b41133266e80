import type { MonitorSettings, MonitorType } from '../kinds';

/** What a check needs to know about its monitor. */
export interface CheckTarget {
  id: string;
  type: MonitorType;
  target: string;
  settings: MonitorSettings;
  intervalSeconds: number;
  timeoutMs: number;
  lastPushAt: Date | null;
  createdAt: Date;
}

export interface CheckResult {
  ok: boolean;
  latencyMs: number | null;
  statusCode?: number;
  /** Short, secret-free reason for a failure, shown to operators. */
  error?: string;
  /** Passing, but worth a look (a certificate that expires soon). */
  warning?: string;
  tlsExpiresAt?: Date;
  /** When the failure began if earlier than the check (a push monitor's silence). */
  failedSince?: Date;
}

export interface CheckOptions {
  allowPrivate: boolean;
  now: () => Date;
}

export function elapsedMs(startedAt: bigint): number {
  return Math.max(0, Math.round(Number(process.hrtime.bigint() - startedAt) / 1e6));
}

/** A connection error as a short sentence (code + message, never request data). */
export function describeError(error: unknown): string {
  if (error && typeof error === 'object') {
    const e = error as { code?: string; message?: string };
    const message = (e.message ?? '').slice(0, 200);
    return e.code && !message.includes(e.code) ? `${e.code}: ${message}` : message || String(e.code ?? 'error');
  }
  return String(error).slice(0, 200);
}
