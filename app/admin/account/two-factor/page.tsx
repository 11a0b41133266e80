import { requireSession } from '@/lib/auth/current';
import { formatDateTime } from '@/lib/i18n/format';
import { requestLocale } from '@/lib/i18n/server';
import { t } from '@/lib/i18n/messages';
import { resolvePage } from '@/lib/pages/context';
import { twoFactorStatus } from '@/lib/services/users/two-factor';
import { ActionForm, SubmitButton, TextField } from '../../_ui/forms';
import { confirmTwoFactorAction, startTwoFactorAction } from './actions';

export const dynamic = 'force-dynamic';

/** Each console user turns on two-factor for themselves: scan the QR code, type one code, keep the recovery codes. */
export default async function TwoFactorPage() {
  const { user, ctx } = await requireSession();
  const [locale, status, page] = await Promise.all([requestLocale(), twoFactorStatus({ ctx }), resolvePage(ctx.db)]);
  const tr = t(locale, 'auth');
  return (
    <>
      <h1>{tr('twoFactor.title')}</h1>
      {user.mustEnrolTwoFactor && (
        <p className="form-message form-message-error" role="alert">
          {tr('twoFactor.required')}
        </p>
      )}
      <section className="panel two-factor" aria-labelledby="two-factor-state">
        <h2 id="two-factor-state">{status.enabled ? tr('twoFactor.on') : tr('twoFactor.off')}</h2>
        {status.enabled ? (
          <p>
            {tr('twoFactor.since', { time: formatDateTime(status.since, locale, page.timeZone), left: status.recoveryCodesLeft })}
          </p>
        ) : status.pending ? (
          <>
            <p>{tr('twoFactor.scan')}</p>
            {/* The SVG is drawn on this server by the qrcode library from our own otpauth URI. */}
            <div
              className="two-factor-qr"
              role="img"
              aria-label={tr('twoFactor.qrLabel')}
              dangerouslySetInnerHTML={{ __html: status.pending.qrSvg }}
            />
            <p className="field-hint">
              {tr('twoFactor.manual')}{' '}
              <code className="two-factor-secret">{status.pending.secret.replace(/(.{4})/g, '$1 ').trim()}</code>
            </p>
          </>
        ) : (
          <>
            <p>{tr('twoFactor.explain')}</p>
            <ActionForm action={startTwoFactorAction}>
              <SubmitButton>{tr('twoFactor.start')}</SubmitButton>
            </ActionForm>
          </>
        )}
        {/* Same place in both states, so the recovery codes (this form's answer) stay on screen once it is on. */}
        {(status.enabled || status.pending) && (
          <ActionForm action={confirmTwoFactorAction}>
            {!status.enabled && (
              <>
                <TextField name="code" label={tr('twoFactor.code')} autoComplete="one-time-code" required maxLength={6} />
                <SubmitButton>{tr('twoFactor.confirm')}</SubmitButton>
              </>
            )}
          </ActionForm>
        )}
      </section>
    </>
  );
}
