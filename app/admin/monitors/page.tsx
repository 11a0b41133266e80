import Link from 'next/link';
import { requireSession } from '@/lib/auth/current';
import { formatDateTime } from '@/lib/i18n/format';
import { requestLocale } from '@/lib/i18n/server';
import { t } from '@/lib/i18n/messages';
import { env } from '@/lib/env';
import { WRITERS } from '@/lib/services/context';
import { readAlertPreferences } from '@/lib/services/monitors/alert-preferences';
import { listMonitors } from '@/lib/services/monitors/list';
import { ActionForm, CheckboxField, SubmitButton, TextField } from '../_ui/forms';
import { Sparkline } from './_ui/Sparkline';
import { StatePill } from './_ui/StatePill';
import { StateRefresh } from './_ui/StateRefresh';
import { uptimePercent } from './_ui/uptime';
import { alertPreferencesAction } from './actions';
import './monitors.css';

export const dynamic = 'force-dynamic';

export default async function MonitorsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { user, ctx } = await requireSession();
  const [locale, query, monitors] = await Promise.all([requestLocale(), searchParams, listMonitors({ ctx })]);
  const tr = t(locale, 'monitors');
  const canWrite = WRITERS.includes(user.role);
  const preferences = canWrite ? await readAlertPreferences(ctx.db, user.id) : null;
  const zone = env().TZ_DISPLAY;
  return (
    <>
      <div className="page-head">
        <h1>{tr('title')}</h1>
        {canWrite && (
          <Link className="button" href="/admin/monitors/new">
            {tr('new')}
          </Link>
        )}
      </div>
      {query.deleted !== undefined && (
        <p className="form-message form-message-ok" role="status">
          {tr('deleted')}
        </p>
      )}
      <p className="muted">{tr('intro')}</p>
      {monitors.length > 0 && <StateRefresh label={tr('autoRefresh')} />}
      {monitors.length === 0 ? (
        <section className="panel">
          <p>{tr('empty')}</p>
        </section>
      ) : (
        <section className="panel" aria-labelledby="monitor-list">
          <h2 id="monitor-list" className="visually-hidden">
            {tr('title')}
          </h2>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{tr('columns.name')}</th>
                <th scope="col">{tr('columns.state')}</th>
                <th scope="col">{tr('columns.latency')}</th>
                <th scope="col">{tr('columns.uptime')}</th>
                <th scope="col">{tr('columns.lastCheck')}</th>
              </tr>
            </thead>
            <tbody>
              {monitors.map((m) => {
                const last = m.regions.reduce<(typeof m.regions)[number] | null>(
                  (a, r) => (!a || (r.lastCheckedAt ?? 0) > (a.lastCheckedAt ?? 0) ? r : a),
                  null,
                );
                const uptime = uptimePercent(m.recent);
                const failures = m.recent.filter((p) => !p.ok).length;
                return (
                  <tr key={m.id}>
                    <td>
                      <Link href={`/admin/monitors/${m.id}`} className="row-title">
                        {m.name}
                      </Link>
                      <div className="row-meta">
                        {tr(`types.${m.type}`)}
                        {m.componentName ? ` · ${m.componentName}` : ''}
                        {!m.enabled ? ` · ${tr('paused')}` : ''}
                      </div>
                      {m.target && (
                        <div className="monitor-target">{m.type === 'tcp' ? `${m.target}:${m.settings.port}` : m.target}</div>
                      )}
                    </td>
                    <td data-label={tr('columns.state')}>
                      <StatePill state={m.state} label={tr(`states.${m.state}`)} />
                    </td>
                    <td data-label={tr('columns.latency')}>
                      <Sparkline
                        points={m.recent}
                        label={tr('sparklineLabel', { checks: m.recent.length, failures, last: last?.lastLatencyMs ?? '-' })}
                      />
                    </td>
                    <td data-label={tr('columns.uptime')}>{uptime === null ? '–' : `${uptime}%`}</td>
                    <td data-label={tr('columns.lastCheck')}>
                      {last?.lastCheckedAt ? formatDateTime(last.lastCheckedAt, locale, zone) : tr('never')}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </section>
      )}
      {preferences && (
        <section className="panel" aria-labelledby="my-alerts">
          <h2 id="my-alerts">{tr('alerts.title')}</h2>
          <p className="muted">{tr('alerts.intro')}</p>
          <ActionForm action={alertPreferencesAction}>
            <CheckboxField name="email" label={tr('alerts.email', { email: user.email })} defaultChecked={preferences.email} />
            <div className="two-fields">
              <TextField
                name="lineUserId"
                label={tr('alerts.line')}
                hint={tr('alerts.lineHint')}
                defaultValue={preferences.lineUserId ?? ''}
              />
              <TextField
                name="chatworkRoomId"
                label={tr('alerts.chatwork')}
                hint={tr('alerts.chatworkHint')}
                defaultValue={preferences.chatworkRoomId ?? ''}
              />
            </div>
            <SubmitButton>{tr('alerts.save')}</SubmitButton>
          </ActionForm>
        </section>
      )}
    </>
  );
}
