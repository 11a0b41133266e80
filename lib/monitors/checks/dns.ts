import { promises as dns } from 'node:dns';
import { assertAddressAllowed } from '../address-guard';
import type { DnsRecordType } from '../kinds';
import { describeError, elapsedMs, type CheckOptions, type CheckResult, type CheckTarget } from './types';

/** "1.1.1.1", "127.0.0.1:5353" or "[::1]:53" → the address part, for the private-target guard. */
function resolverAddress(resolver: string): string {
  const bracketed = /^\[([^\]]+)\]/.exec(resolver);
  return bracketed ? bracketed[1] : resolver.split(':')[0];
}

async function answers(resolver: dns.Resolver, name: string, type: DnsRecordType): Promise<string[]> {
  switch (type) {
    case 'A':
      return resolver.resolve4(name);
    case 'AAAA':
      return resolver.resolve6(name);
    case 'CNAME':
      return resolver.resolveCname(name);
    case 'NS':
      return resolver.resolveNs(name);
    case 'MX':
      return (await resolver.resolveMx(name)).map((r) => r.exchange);
    case 'TXT':
      return (await resolver.resolveTxt(name)).map((chunks) => chunks.join(''));
  }
}

const normal = (value: string) => value.trim().replace(/\.$/, '').toLowerCase();

/** Up when the name has a record of the type and, if an expected value is set, one equals it. */
export async function checkDns(target: CheckTarget, options: CheckOptions): Promise<CheckResult> {
  const s = target.settings;
  const type = s.recordType ?? 'A';
  const started = process.hrtime.bigint();
  try {
    const resolver = new dns.Resolver({ timeout: target.timeoutMs, tries: 1 });
    if (s.resolver) {
      assertAddressAllowed(resolverAddress(s.resolver), options.allowPrivate);
      resolver.setServers([s.resolver]);
    }
    const values = await answers(resolver, target.target, type);
    const latencyMs = elapsedMs(started);
    if (values.length === 0) return { ok: false, latencyMs, error: `no ${type} record` };
    if (s.expectedValue && !values.some((v) => normal(v) === normal(s.expectedValue!))) {
      return {
        ok: false,
        latencyMs,
        error: `${type} = ${values.join(', ').slice(0, 120)}, expected ${s.expectedValue.slice(0, 60)}`,
      };
    }
    return { ok: true, latencyMs };
  } catch (error) {
    return { ok: false, latencyMs: elapsedMs(started), error: describeError(error) };
  }
}
