import Link from 'next/link';
import type { Locale } from '@/lib/i18n/locales';
import { t } from '@/lib/i18n/messages';
import type { ServiceContext } from '@/lib/services/context';
import { getOnboardingChecklist } from '@/lib/services/onboarding/checklist';
import { OnboardingChecklist } from './OnboardingChecklist';

/** On the dashboard for admins until every required item is done; then it goes away by itself. */
export async function OnboardingPanel({ ctx, locale }: { ctx: ServiceContext; locale: Locale }) {
  const checklist = await getOnboardingChecklist({ ctx });
  if (checklist.complete) return null;
  const tr = t(locale, 'onboarding');
  const left = checklist.items.filter((item) => !item.done && !item.optional).length;
  return (
    <section aria-labelledby="onboarding" className="panel panel-onboarding">
      <div className="page-head">
        <h2 id="onboarding">{tr('title')}</h2>
        <Link href="/admin/onboarding">{tr('open')}</Link>
      </div>
      <p className="muted">{tr('remaining', { count: left })}</p>
      <OnboardingChecklist locale={locale} items={checklist.items} />
    </section>
  );
}
