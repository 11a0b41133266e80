import { requireSession } from '@/lib/auth/current';
import { ADMINS } from '@/lib/services/context';
import { listApiKeys } from '@/lib/services/api-keys/list';
import { resolvePage } from '@/lib/pages/context';
import { publicBaseUrl } from '@/lib/notices/links';
import { formatDateTime } from '@/lib/i18n/format';
import { requestLocale } from '@/lib/i18n/server';
import { t } from '@/lib/i18n/messages';
import { ActionForm, SubmitButton } from '../_ui/forms';
import { CreateKeyForm } from './CreateKeyForm';
import { createApiKeyAction, revokeApiKeyAction } from './actions';
import './api-keys.css';

export const dynamic = 'force-dynamic';

export default async function ApiKeysPage() {
  const { ctx } = await requireSession(ADMINS);
  const [locale, keys, page] = await Promise.all([requestLocale(), listApiKeys({ ctx }), resolvePage(ctx.db)]);
  const tr = t(locale, 'api');
  const when = (d: Date) => formatDateTime(d, locale, page.timeZone);
  const example = `curl -X PATCH ${publicBaseUrl()}/api/v1/pages/${page.id}/components/<component id> \\\n  -H "Authorization: OAuth <key>" -H "Content-Type: application/json" \\\n  -d '{"component":{"status":"major_outage"}}'`;
  return (
    <>
      <h1>{t(locale, 'admin')('nav.apiKeys')}</h1>
      <p className="muted">{tr('keys.explain')}</p>
      <div className="columns">
        <section className="panel" aria-labelledby="new-key">
          <h2 id="new-key">{tr('keys.create')}</h2>
          <CreateKeyForm
            action={createApiKeyAction}
            labels={{
              name: tr('keys.name'),
              nameHint: tr('keys.nameHint'),
              role: tr('keys.role'),
              roleOperator: tr('keys.roleOperator'),
              roleAdmin: tr('keys.roleAdmin'),
              submit: tr('keys.submit'),
              created: tr('keys.created'),
              keyLabel: tr('keys.keyLabel'),
              copy: tr('keys.copy'),
              copied: tr('keys.copied'),
            }}
          />
        </section>
        <section className="panel" aria-labelledby="key-usage">
          <h2 id="key-usage">{tr('keys.usage')}</h2>
          <p>{tr('keys.pageId', { id: page.id })}</p>
          <pre className="json" tabIndex={0} aria-label={tr('keys.exampleLabel')}>
            {example}
          </pre>
          <p className="field-hint">{tr('keys.cli')}</p>
        </section>
      </div>
      <section className="panel" aria-labelledby="key-list">
        <h2 id="key-list">{tr('keys.list')}</h2>
        {keys.length === 0 ? (
          <p className="muted">{tr('keys.none')}</p>
        ) : (
          <ul className="rows">
            {keys.map((k) => (
              <li key={k.id} className="row">
                <span className="row-title">{k.name}</span>
                <div className="row-meta">
                  <code>{k.prefix}…</code>
                  <span>{tr(`keys.roleShort.${k.role}`)}</span>
                  <span>{tr('keys.createdAt', { time: when(k.createdAt), by: k.createdBy ?? tr('keys.byCli') })}</span>
                  <span>{k.lastUsedAt ? tr('keys.lastUsed', { time: when(k.lastUsedAt) }) : tr('keys.neverUsed')}</span>
                  {k.revokedAt && (
                    <span className="pill severity-emergency">{tr('keys.revokedAt', { time: when(k.revokedAt) })}</span>
                  )}
                </div>
                {!k.revokedAt && (
                  <ActionForm
                    action={revokeApiKeyAction}
                    className="form-inline"
                    aria-label={tr('keys.revokeFor', { name: k.name })}
                  >
                    <input type="hidden" name="id" value={k.id} />
                    <SubmitButton className="button button-danger button-small">
                      {tr('keys.revoke')}
                      <span className="visually-hidden">: {k.name}</span>
                    </SubmitButton>
                  </ActionForm>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
