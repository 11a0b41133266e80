import { requireSession } from '@/lib/auth/current';
import { requestLocale } from '@/lib/i18n/server';
import { t } from '@/lib/i18n/messages';
import { ADMINS } from '@/lib/services/context';
import { getBrandingSettings } from '@/lib/services/branding/get';
import { ActionForm, CheckboxField, SubmitButton, TextField } from '../../_ui/forms';
import { FileField } from '../_ui/FileField';
import { SettingsTabs } from '../_ui/SettingsTabs';
import { editBrandingAction, removeBrandImageAction, uploadBrandImageAction } from './actions';

export const dynamic = 'force-dynamic';

/** Logo, favicon, brand colour, header links, footer text and the credit line (admins only). */
export default async function BrandingPage() {
  const { ctx } = await requireSession(ADMINS);
  const [locale, settings] = await Promise.all([requestLocale(), getBrandingSettings({ ctx })]);
  const tr = t(locale, 'branding');
  const images = [
    {
      kind: 'logo',
      label: tr('console.logo'),
      current: settings.logo,
      none: tr('console.none'),
      src: settings.logo && `/brand/logo?v=${settings.logo.version}`,
    },
    {
      kind: 'favicon',
      label: tr('console.favicon'),
      current: settings.favicon,
      none: tr('console.noneFavicon'),
      src: `/favicon.ico${settings.favicon ? `?v=${settings.favicon.version}` : ''}`,
    },
  ] as const;
  return (
    <>
      <h1>{t(locale, 'admin')('nav.settings')}</h1>
      <SettingsTabs locale={locale} current="branding" />
      <p className="muted">{tr('console.lead')}</p>
      <section className="panel" aria-labelledby="brand-look">
        <h2 id="brand-look">{tr('console.look')}</h2>
        <ActionForm action={editBrandingAction}>
          <TextField
            name="brandColor"
            label={tr('console.brandColor')}
            hint={tr('console.brandColorHint')}
            defaultValue={settings.brandColor ?? ''}
            maxLength={7}
          />
          {settings.brandColor && (
            <div
              className="brand-preview branded"
              style={{ ['--brand' as string]: settings.brandColor }}
              aria-label={tr('console.preview')}
              role="group"
            >
              <span className="button">{tr('console.previewButton')}</span> <a href="#brand-look">{tr('console.previewLink')}</a>
            </div>
          )}
          <div className="two-fields">
            <TextField
              name="supportUrl"
              label={tr('console.supportUrl')}
              hint={tr('console.urlHint')}
              defaultValue={settings.supportUrl ?? ''}
              maxLength={300}
            />
            <TextField
              name="companyUrl"
              label={tr('console.companyUrl')}
              hint={tr('console.urlHint')}
              defaultValue={settings.companyUrl ?? ''}
              maxLength={300}
            />
          </div>
          <div className="two-fields">
            <TextField
              name="footerText"
              label={tr('console.footerText')}
              defaultValue={settings.footerText ?? ''}
              maxLength={300}
            />
            <TextField
              name="footerTextEn"
              label={tr('console.footerTextEn')}
              defaultValue={settings.footerTextEn ?? ''}
              maxLength={300}
            />
          </div>
          <CheckboxField name="showCredit" label={tr('console.showCredit')} defaultChecked={settings.showCredit} />
          <SubmitButton>{t(locale, 'admin')('save')}</SubmitButton>
        </ActionForm>
      </section>
      <section className="panel" aria-labelledby="brand-images">
        <h2 id="brand-images">{tr('console.images')}</h2>
        <p className="muted">{tr('console.imagesLead')}</p>
        {images.map((image) => (
          <div key={image.kind} className="brand-image-row">
            <h3>{image.label}</h3>
            {image.current ? (
              <p className="brand-image-current">
                {/* eslint-disable-next-line @next/next/no-img-element */}
                <img
                  src={image.src!}
                  alt=""
                  width={image.current.width}
                  height={image.current.height}
                  className="brand-image-thumb"
                />
                {tr('console.current', { width: image.current.width, height: image.current.height })}
              </p>
            ) : (
              <p className="muted">{image.none}</p>
            )}
            <ActionForm
              action={uploadBrandImageAction}
              className="form-inline"
              aria-label={`${image.label}: ${tr('console.upload')}`}
            >
              <input type="hidden" name="kind" value={image.kind} />
              <FileField name="file" label={tr('console.file')} accept="image/png,image/jpeg,image/webp" />
              <SubmitButton>{tr('console.upload')}</SubmitButton>
            </ActionForm>
            {image.current && (
              <ActionForm
                action={removeBrandImageAction}
                className="form-inline"
                aria-label={`${image.label}: ${tr('console.remove')}`}
              >
                <input type="hidden" name="kind" value={image.kind} />
                <SubmitButton className="button button-secondary">{tr('console.remove')}</SubmitButton>
              </ActionForm>
            )}
          </div>
        ))}
      </section>
    </>
  );
}
