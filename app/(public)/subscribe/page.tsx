import type { Metadata } from 'next';
import { getDb } from '@/lib/db';
import { env } from '@/lib/env';
import { t } from '@/lib/i18n/messages';
import { requestLocale } from '@/lib/i18n/server';
import { resolvePage } from '@/lib/pages/context';
import { listSubscribableComponents } from '@/lib/services/subscribers/subscribable-components';
import { PublicShell } from '@/app/_ui/PublicShell';
import { ChatworkForms } from './_ui/ChatworkForms';
import { EmailForm } from './_ui/EmailForm';
import { SlackForm } from './_ui/SlackForm';
import '../subscription.css';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  return { title: t(await requestLocale(), 'subscribe')('title') };
}

export default async function SubscribePage() {
  const locale = await requestLocale();
  const db = await getDb();
  const [page, { pageName, groups }] = await Promise.all([resolvePage(db), listSubscribableComponents(db, locale)]);
  const tr = t(locale, 'subscribe');
  const config = env();
  const choice = {
    legend: tr('scope.legend'),
    all: tr('scope.all'),
    some: tr('scope.some'),
    pick: tr('scope.pick'),
    pickHint: tr('scope.pickHint'),
  };
  const lineOn = Boolean(config.LINE_CHANNEL_ACCESS_TOKEN && config.LINE_CHANNEL_SECRET);
  return (
    <PublicShell locale={locale} pageName={pageName} timeZone={page.timeZone} path="/subscribe">
      <div className="subscription">
        <h1>{tr('title')}</h1>
        <p>{tr('intro', { page: pageName })}</p>

        <section aria-labelledby="by-email" className="subscribe-card">
          <h2 id="by-email">{tr('email.heading')}</h2>
          <EmailForm
            groups={groups}
            labels={{
              ...choice,
              heading: tr('email.heading'),
              email: tr('email.label'),
              hint: tr('email.hint'),
              submit: tr('email.submit'),
            }}
          />
        </section>

        <section aria-labelledby="by-slack" className="subscribe-card">
          <h2 id="by-slack">{tr('slack.heading')}</h2>
          <p>{tr('slack.body')}</p>
          <SlackForm
            groups={groups}
            labels={{
              ...choice,
              heading: tr('slack.heading'),
              url: tr('slack.label'),
              hint: tr('slack.hint'),
              submit: tr('slack.submit'),
            }}
          />
        </section>

        {lineOn && (
          <section aria-labelledby="by-line" className="subscribe-card">
            <h2 id="by-line">{tr('line.heading')}</h2>
            <p>{tr('line.body')}</p>
            {config.LINE_ADD_FRIEND_URL ? (
              <p>
                <a className="button line-button" href={config.LINE_ADD_FRIEND_URL} rel="noopener">
                  {tr('line.add')}
                </a>
              </p>
            ) : (
              <p>{tr('line.noLink')}</p>
            )}
          </section>
        )}

        {config.CHATWORK_API_TOKEN && (
          <section aria-labelledby="by-chatwork" className="subscribe-card">
            <h2 id="by-chatwork">{tr('chatwork.heading')}</h2>
            <p>{tr('chatwork.body')}</p>
            <ChatworkForms
              groups={groups}
              labels={{
                ...choice,
                heading: tr('chatwork.heading'),
                roomId: tr('chatwork.roomId'),
                roomIdHint: tr('chatwork.roomIdHint'),
                submit: tr('chatwork.submit'),
                code: tr('chatwork.code'),
                confirm: tr('chatwork.confirm'),
              }}
            />
          </section>
        )}
      </div>
    </PublicShell>
  );
}
