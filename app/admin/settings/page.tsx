import { requireSession } from '@/lib/auth/current';
import { ADMINS } from '@/lib/services/context';
import { resolvePage } from '@/lib/pages/context';
import { requestLocale } from '@/lib/i18n/server';
import { t } from '@/lib/i18n/messages';
import { ActionForm, CheckboxField, SelectField, SubmitButton, TextField } from '../_ui/forms';
import { editPageAction, twoFactorPolicyAction } from './actions';
import { demoSummary } from '@/lib/services/demo/remove';
import { DemoRemoval } from './DemoRemoval';
import { SettingsTabs } from './_ui/SettingsTabs';

export const dynamic = 'force-dynamic';

export default async function SettingsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { ctx } = await requireSession(ADMINS);
  const [locale, page, demo, query] = await Promise.all([
    requestLocale(),
    resolvePage(ctx.db),
    demoSummary({ ctx }),
    searchParams,
  ]);
  const tr = t(locale, 'admin');
  return (
    <>
      <h1>{tr('nav.settings')}</h1>
      <SettingsTabs locale={locale} current="page" />
      <section className="panel" aria-label={tr('settings.page')}>
        <ActionForm action={editPageAction}>
          <div className="two-fields">
            <TextField name="name" label={tr('settings.name')} defaultValue={page.name} required maxLength={100} />
            <TextField name="nameEn" label={tr('settings.nameEn')} defaultValue={page.nameEn ?? ''} maxLength={100} />
          </div>
          <TextField
            name="publicUrl"
            label={tr('settings.publicUrl')}
            hint={tr('settings.publicUrlHint')}
            defaultValue={page.publicUrl ?? ''}
            maxLength={300}
          />
          <div className="two-fields">
            <TextField
              name="timeZone"
              label={tr('settings.timeZone')}
              hint={tr('settings.timeZoneHint')}
              defaultValue={page.timeZone}
              required
            />
            <SelectField
              name="defaultLocale"
              label={tr('settings.defaultLocale')}
              defaultValue={page.defaultLocale}
              options={[
                { value: 'ja', label: '日本語' },
                { value: 'en', label: 'English' },
              ]}
            />
          </div>
          <TextField
            name="partialOutageWeight"
            type="number"
            step="0.05"
            label={tr('settings.partialOutageWeight')}
            hint={tr('settings.partialOutageWeightHint')}
            defaultValue={String(Math.round(page.partialOutageWeight * 100) / 100)}
            required
          />
          <SubmitButton>{tr('save')}</SubmitButton>
        </ActionForm>
      </section>
      <section className="panel" aria-labelledby="sign-in-security">
        <h2 id="sign-in-security">{tr('settings.security')}</h2>
        <ActionForm action={twoFactorPolicyAction}>
          <CheckboxField
            name="requireAdminTwoFactor"
            label={tr('settings.requireAdminTwoFactor')}
            hint={tr('settings.requireAdminTwoFactorHint')}
            defaultChecked={page.settings.requireAdminTwoFactor === true}
          />
          <SubmitButton>{tr('save')}</SubmitButton>
        </ActionForm>
      </section>
      <DemoRemoval summary={demo} removed={query.saved === 'demo-removed'} locale={locale} />
    </>
  );
}
