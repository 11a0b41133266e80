import net from 'node:net';
import { assertAddressAllowed, guardedLookup } from '../address-guard';
import { describeError, elapsedMs, type CheckOptions, type CheckResult, type CheckTarget } from './types';

/** Up when a TCP connection to host:port opens within the timeout. */
export function checkTcp(target: CheckTarget, options: CheckOptions): Promise<CheckResult> {
  const started = process.hrtime.bigint();
  const host = target.target.replace(/^\[|\]$/g, '');
  return new Promise((resolve) => {
    try {
      if (net.isIP(host)) assertAddressAllowed(host, options.allowPrivate);
    } catch (error) {
      return resolve({ ok: false, latencyMs: null, error: describeError(error) });
    }
    const socket = net.connect({ host, port: target.settings.port ?? 0, lookup: guardedLookup(options.allowPrivate) });
    const finish = (result: CheckResult) => {
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(target.timeoutMs, () =>
      finish({ ok: false, latencyMs: null, error: `timeout after ${target.timeoutMs} ms` }),
    );
    socket.once('connect', () => finish({ ok: true, latencyMs: elapsedMs(started) }));
    socket.once('error', (error) => finish({ ok: false, latencyMs: elapsedMs(started), error: describeError(error) }));
  });
}
