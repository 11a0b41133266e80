import type { Locale } from '@/lib/i18n/locales';
import { t } from '@/lib/i18n/messages';
import { TextField } from '../_ui/forms';

export function ServiceFields(props: { locale: Locale; service?: { name: string; nameEn: string | null; slug: string } }) {
  const tr = t(props.locale, 'services');
  const s = props.service;
  return (
    <>
      <div className="two-fields">
        <TextField name="name" label={tr('fields.name')} defaultValue={s?.name} required maxLength={100} />
        <TextField name="nameEn" label={tr('fields.nameEn')} defaultValue={s?.nameEn ?? ''} maxLength={100} />
      </div>
      <TextField name="slug" label={tr('fields.slug')} hint={tr('fields.slugHint')} defaultValue={s?.slug ?? ''} maxLength={50} />
    </>
  );
}
