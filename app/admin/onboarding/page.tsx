import { requireSession } from '@/lib/auth/current';
import { requestLocale } from '@/lib/i18n/server';
import { t } from '@/lib/i18n/messages';
import { ADMINS } from '@/lib/services/context';
import { getOnboardingChecklist } from '@/lib/services/onboarding/checklist';
import { OnboardingChecklist } from '../_ui/OnboardingChecklist';

export const dynamic = 'force-dynamic';

export default async function OnboardingPage() {
  const { ctx } = await requireSession(ADMINS);
  const [locale, checklist] = await Promise.all([requestLocale(), getOnboardingChecklist({ ctx })]);
  const tr = t(locale, 'onboarding');
  return (
    <>
      <h1>{tr('title')}</h1>
      <p className={checklist.complete ? 'form-message form-message-ok' : 'muted'} role="status">
        {checklist.complete ? tr('complete') : tr('lead')}
      </p>
      <section className="panel" aria-label={tr('title')}>
        <OnboardingChecklist locale={locale} items={checklist.items} />
      </section>
    </>
  );
}
