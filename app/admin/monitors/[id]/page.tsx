import Link from 'next/link';
import { notFound } from 'next/navigation';
import { requireSession } from '@/lib/auth/current';
import { env } from '@/lib/env';
import { isServiceError } from '@/lib/errors';
import { formatDateTime } from '@/lib/i18n/format';
import { requestLocale } from '@/lib/i18n/server';
import { t } from '@/lib/i18n/messages';
import { publicBaseUrl } from '@/lib/notices/links';
import { WRITERS } from '@/lib/services/context';
import { getIncident } from '@/lib/services/incidents/get';
import { getMonitor } from '@/lib/services/monitors/get';
import { LatencyChart } from '../_ui/LatencyChart';
import { StatePill } from '../_ui/StatePill';
import { StateRefresh } from '../_ui/StateRefresh';
import { uptimePercent } from '../_ui/uptime';
import '../monitors.css';

export const dynamic = 'force-dynamic';

export default async function MonitorPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { user, ctx } = await requireSession();
  const [locale, { id }, query] = await Promise.all([requestLocale(), params, searchParams]);
  const monitor = await getMonitor({ ctx, id }).catch((error: unknown) =>
    isServiceError(error) && error.code === 'not_found' ? null : Promise.reject(error),
  );
  if (!monitor) notFound();
  const tr = t(locale, 'monitors');
  const zone = env().TZ_DISPLAY;
  const when = (d: Date) => formatDateTime(d, locale, zone);
  const incident = monitor.incidentId ? await getIncident({ ctx, input: { id: monitor.incidentId } }).catch(() => null) : null;
  const openIncident = incident && !incident.resolvedAt ? incident : null;
  const uptime = uptimePercent(monitor.recent);
  return (
    <>
      <p className="breadcrumb">
        <Link href="/admin/monitors">{tr('title')}</Link>
      </p>
      <div className="page-head">
        <h1>{monitor.name}</h1>
        {WRITERS.includes(user.role) && (
          <Link className="button button-secondary" href={`/admin/monitors/${monitor.id}/edit`}>
            {tr('edit')}
          </Link>
        )}
      </div>
      {query.saved !== undefined && (
        <p className="form-message form-message-ok" role="status">
          {tr('saved')}
        </p>
      )}
      <section className="panel" aria-labelledby="monitor-facts">
        <h2 id="monitor-facts" className="visually-hidden">
          {tr('facts')}
        </h2>
        <dl className="facts">
          <dt>{tr('columns.state')}</dt>
          <dd>
            <StatePill state={monitor.state} label={tr(`states.${monitor.state}`)} />{' '}
            {tr('since', { at: when(monitor.stateSince) })}
          </dd>
          <dt>{tr('fields.type')}</dt>
          <dd>{tr(`types.${monitor.type}`)}</dd>
          {monitor.target && (
            <>
              <dt>{tr('fields.target')}</dt>
              <dd className="monitor-target">
                {monitor.type === 'tcp' ? `${monitor.target}:${monitor.settings.port}` : monitor.target}
              </dd>
            </>
          )}
          <dt>{tr('fields.component')}</dt>
          <dd>{monitor.componentName ?? tr('fields.noComponent')}</dd>
          <dt>{tr('fields.interval')}</dt>
          <dd>{tr('intervalValue', { seconds: monitor.intervalSeconds, retries: monitor.retries })}</dd>
          <dt>{tr('columns.uptime')}</dt>
          <dd>{uptime === null ? '–' : `${uptime}%`}</dd>
          {monitor.tlsExpiresAt && (
            <>
              <dt>{tr('tlsExpires')}</dt>
              <dd>{when(monitor.tlsExpiresAt)}</dd>
            </>
          )}
        </dl>
        <StateRefresh label={tr('autoRefresh')} />
        {monitor.type === 'push' && monitor.pushToken && WRITERS.includes(user.role) && (
          <>
            <h3>{tr('pushUrl')}</h3>
            <p className="muted">
              {tr('pushUrlHint', { seconds: monitor.intervalSeconds + (monitor.settings.graceSeconds ?? 0) })}
            </p>
            <code className="push-url">{`${publicBaseUrl()}/api/push/${monitor.pushToken}`}</code>
          </>
        )}
        {openIncident && (
          <p className="form-message form-message-error" role="status">
            {monitor.state === 'up' ? tr('proposal') : tr('incidentOpen')}{' '}
            <Link href={`/admin/incidents/${openIncident.id}`}>{openIncident.title}</Link>
          </p>
        )}
      </section>
      <section className="panel" aria-labelledby="latency">
        <h2 id="latency">{tr('latencyTitle')}</h2>
        {monitor.recent.length === 0 ? (
          <p className="muted">{tr('noChecks')}</p>
        ) : (
          <LatencyChart points={monitor.recent} label={tr('latencyLabel', { checks: monitor.recent.length })} formatTime={when} />
        )}
      </section>
      <section className="panel" aria-labelledby="regions">
        <h2 id="regions">{tr('regionsTitle')}</h2>
        {monitor.regions.length === 0 ? (
          <p className="muted">{tr('noChecks')}</p>
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{tr('columns.region')}</th>
                <th scope="col">{tr('columns.lastCheck')}</th>
                <th scope="col">{tr('columns.latency')}</th>
                <th scope="col">{tr('columns.failuresInRow')}</th>
              </tr>
            </thead>
            <tbody>
              {monitor.regions.map((r) => (
                <tr key={r.region}>
                  <td data-label={tr('columns.region')}>{r.region}</td>
                  <td data-label={tr('columns.lastCheck')}>
                    {r.lastCheckedAt ? when(r.lastCheckedAt) : tr('never')}{' '}
                    {r.lastOk === false && `(${r.lastError ?? tr('failed')})`}
                  </td>
                  <td data-label={tr('columns.latency')}>{r.lastLatencyMs === null ? '–' : `${r.lastLatencyMs} ms`}</td>
                  <td data-label={tr('columns.failuresInRow')}>{r.consecutiveFailures}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section className="panel" aria-labelledby="failures">
        <h2 id="failures">{tr('failuresTitle')}</h2>
        {monitor.failures.length === 0 ? (
          <p className="muted">{tr('noFailures')}</p>
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{tr('columns.at')}</th>
                <th scope="col">{tr('columns.region')}</th>
                <th scope="col">{tr('columns.error')}</th>
              </tr>
            </thead>
            <tbody>
              {monitor.failures.map((f, i) => (
                <tr key={i}>
                  <td data-label={tr('columns.at')}>{when(f.at)}</td>
                  <td data-label={tr('columns.region')}>{f.region}</td>
                  <td data-label={tr('columns.error')}>{f.error ?? (f.statusCode ? `HTTP ${f.statusCode}` : tr('failed'))}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {monitor.daily.length > 0 && (
        <section className="panel" aria-labelledby="daily">
          <h2 id="daily">{tr('dailyTitle')}</h2>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{tr('columns.day')}</th>
                <th scope="col">{tr('columns.uptime')}</th>
                <th scope="col">p50 / p95 / p99</th>
              </tr>
            </thead>
            <tbody>
              {monitor.daily.map((d) => (
                <tr key={d.startsAt.toISOString()}>
                  <td data-label={tr('columns.day')}>{d.startsAt.toISOString().slice(0, 10)}</td>
                  <td data-label={tr('columns.uptime')}>
                    {(((d.checks - d.failures) / Math.max(1, d.checks)) * 100).toFixed(2)}%
                  </td>
                  <td>
                    {d.latencyP50 ?? '–'} / {d.latencyP95 ?? '–'} / {d.latencyP99 ?? '–'} ms
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </>
  );
}
