import type { Locale } from '@/lib/i18n/locales';
import { t } from '@/lib/i18n/messages';
import type { DeliveryLogRow } from '@/lib/services/deliveries/delivery-log';
import { ActionForm, CheckboxGroup, SubmitButton } from '../../_ui/forms';
import { resendAction } from '../actions';

/** Dead deliveries with a checkbox each; writers resend the ones they pick. */
export function DeadLetters({ rows, locale, canResend }: { rows: DeliveryLogRow[]; locale: Locale; canResend: boolean }) {
  const tr = t(locale, 'notify');
  const admin = t(locale, 'admin');
  const describe = (r: DeliveryLogRow) =>
    `${admin(`noticeTypes.${r.type}`)}${r.title ? `「${r.title}」` : ''} → ${tr(`console.channel.${r.channel}`)} ${r.recipient} · ${r.lastError ?? ''}`;
  if (!canResend) {
    return (
      <ul className="rows">
        {rows.map((r) => (
          <li key={r.id} className="row">
            {describe(r)}
          </li>
        ))}
      </ul>
    );
  }
  return (
    <ActionForm action={resendAction} className="form dead-list" aria-label={tr('console.dead.heading')}>
      <CheckboxGroup
        name="deliveryIds"
        legend={tr('console.dead.heading')}
        options={rows.map((r) => ({ value: String(r.id), label: describe(r) }))}
      />
      <div>
        <SubmitButton>{tr('console.dead.resend')}</SubmitButton>
      </div>
    </ActionForm>
  );
}
