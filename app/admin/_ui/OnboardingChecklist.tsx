import Link from 'next/link';
import type { Locale } from '@/lib/i18n/locales';
import { t } from '@/lib/i18n/messages';
import type { ChecklistItem } from '@/lib/services/onboarding/checklist';

/** The first-run checklist: what each item is, whether it is done, and where it is done. */
export function OnboardingChecklist({ locale, items }: { locale: Locale; items: ChecklistItem[] }) {
  const tr = t(locale, 'onboarding');
  return (
    <ol className="checklist">
      {items.map((item) => {
        const state = item.done ? 'done' : item.optional ? 'optional' : 'todo';
        return (
          <li key={item.key} className={`checklist-item checklist-${state}`} data-item={item.key} data-state={state}>
            <span className="checklist-mark" aria-hidden="true">
              {item.done ? '✓' : item.optional ? '–' : '!'}
            </span>
            <div>
              <p className="checklist-title">
                <Link href={item.href}>{tr(`items.${item.key}.title`)}</Link> <span className="visually-hidden">: </span>
                <span className="checklist-state">{tr(`state.${state}`)}</span>
              </p>
              <p className="checklist-detail">{tr(`items.${item.key}.${item.done ? 'done' : 'todo'}`, { ...item.facts })}</p>
              {!item.done && item.variables && (
                <p className="checklist-vars">
                  {tr('setVariables')}{' '}
                  {item.variables
                    .map((v) => <code key={v}>{v}</code>)
                    .reduce<React.ReactNode[]>((all, code, i) => (i ? [...all, ', ', code] : [code]), [])}
                </p>
              )}
            </div>
          </li>
        );
      })}
    </ol>
  );
}
