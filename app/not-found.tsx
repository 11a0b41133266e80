import { requestLocale } from '@/lib/i18n/server';
import { t } from '@/lib/i18n/messages';

export default async function NotFound() {
  const locale = await requestLocale();
  const tr = t(locale, 'public');
  return (
    <main id="main" className="wrap not-found">
      <h1>{tr('notFound.title')}</h1>
      <p>{tr('notFound.body')}</p>
      <p>
        <a href="/">{tr('notFound.home')}</a>
      </p>
    </main>
  );
}
