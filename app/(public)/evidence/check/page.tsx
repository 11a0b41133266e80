import type { Metadata } from 'next';
import Link from 'next/link';
import { requestAddress } from '@/lib/auth/request';
import { getDb } from '@/lib/db';
import { checkPastedHead, PASTE_MAX, type HeadCheck } from '@/lib/evidence/check';
import { shellFacts } from '@/lib/evidence/public-heads';
import { t } from '@/lib/i18n/messages';
import type { Locale } from '@/lib/i18n/locales';
import { requestLocale } from '@/lib/i18n/server';
import { isDatabaseUnavailable } from '@/lib/live/unavailable';
import { PublicShell } from '@/app/_ui/PublicShell';
import styles from '../evidence.module.css';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  return { title: t(await requestLocale(), 'evidence')('check.title'), robots: { index: false } };
}

/** A customer pastes a head from a notice (GET, so the answer can be bookmarked) and sees whether it is in the chain. */
export default async function EvidenceCheckPage({ searchParams }: { searchParams: Promise<{ head?: string | string[] }> }) {
  const locale = await requestLocale();
  const raw = (await searchParams).head;
  const pasted = (Array.isArray(raw) ? raw[0] : raw)?.slice(0, PASTE_MAX);
  const db = await getDb();
  let outcome: HeadCheck | { kind: 'unavailable' };
  let shell = { pageName: 'Shirase', timeZone: 'Asia/Tokyo' };
  try {
    shell = await shellFacts(db, locale);
    outcome = await checkPastedHead(db, { text: pasted, address: await requestAddress() });
  } catch (error) {
    if (!isDatabaseUnavailable(error)) throw error;
    outcome = { kind: 'unavailable' };
  }
  const tr = t(locale, 'evidence');
  return (
    <PublicShell locale={locale} pageName={shell.pageName} timeZone={shell.timeZone} path="/evidence/check">
      <h1>{tr('check.title')}</h1>
      <p className={styles.lead}>{tr('check.intro')}</p>
      <form method="get" action="/evidence/check" className={styles.form}>
        <label htmlFor="head">{tr('check.label')}</label>
        <textarea
          id="head"
          name="head"
          rows={3}
          maxLength={PASTE_MAX}
          required
          defaultValue={pasted ?? ''}
          aria-describedby="head-hint"
          spellCheck={false}
          autoComplete="off"
        />
        <p id="head-hint" className={styles.hint}>
          {tr('check.hint')}
        </p>
        <button type="submit" className={styles.submit}>
          {tr('check.submit')}
        </button>
      </form>
      <CheckResult outcome={outcome} locale={locale} />
      <p className={styles.fine}>{tr('check.full')}</p>
      <p>
        <Link href="/evidence">{tr('page.title')}</Link>
      </p>
    </PublicShell>
  );
}

function CheckResult({ outcome, locale }: { outcome: HeadCheck | { kind: 'unavailable' }; locale: Locale }) {
  const tr = t(locale, 'evidence');
  if (outcome.kind === 'empty') return null;
  const box = (tone: string, children: React.ReactNode) => (
    <div className={`${styles.result} ${tone}`} role="status" aria-live="polite">
      {children}
    </div>
  );
  switch (outcome.kind) {
    case 'invalid':
      return box(styles.notice, <p>{tr('check.invalid')}</p>);
    case 'limited':
      return box(styles.notice, <p>{tr('check.tooMany', { seconds: outcome.retryAfterSeconds })}</p>);
    case 'unavailable':
      return box(styles.notice, <p>{tr('check.unavailable')}</p>);
    case 'in_chain':
      return box(styles.match, <p>{tr('check.inChain', { seq: outcome.head.seq })}</p>);
    case 'missing':
      return box(styles.mismatch, <p>{tr('check.missing', { seq: outcome.head.seq })}</p>);
    case 'different':
      return box(
        styles.mismatch,
        <>
          <p>{tr('check.different', { seq: outcome.head.seq })}</p>
          <p>
            {tr('check.yourHash')}: <code className={styles.hash}>{outcome.head.hash}</code>
          </p>
          <p>
            {tr('check.chainHash')}: <code className={styles.hash}>{outcome.chainHash}</code>
          </p>
        </>,
      );
  }
}
