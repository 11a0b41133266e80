import type { ReactNode } from 'react';
import type { EvidenceVerdict } from '@/lib/evidence/cross-check';
import type { Locale } from '@/lib/i18n/locales';
import { t } from '@/lib/i18n/messages';
import type { ChainAtReport } from '@/lib/services/sla-reports/sla-report';
import { chainVerdictText } from './chain-text';
import { VerifyChainButton } from './VerifyChainButton';

/** The verdict and the evidence head it produced (the head changes when any covered row changes). */
export function ChainVerdictLine({
  verdict,
  at,
  locale,
  timeZone,
}: {
  verdict: EvidenceVerdict;
  at: Date;
  locale: Locale;
  timeZone: string;
}) {
  const tr = t(locale, 'sla');
  return (
    <>
      <p className="sla-hash">
        <span>{tr('chain.head')}: </span>
        <code>{verdict.head}</code>
      </p>
      <p className={verdict.ok ? 'sla-ok' : 'sla-alert'} role={verdict.ok ? undefined : 'alert'}>
        {chainVerdictText(verdict, at, locale, timeZone)}
      </p>
    </>
  );
}

/**
 * The chain head the figures rest on and its verdict: given (print view, exports) or streamed
 * in by the caller (`pendingVerdict`), since walking a large ledger takes a while.
 */
export function ChainPanel(props: {
  chain: ChainAtReport;
  locale: Locale;
  timeZone: string;
  pendingVerdict?: ReactNode;
  interactive: boolean;
}) {
  const { chain, locale, timeZone } = props;
  const tr = t(locale, 'sla');
  return (
    <section
      aria-labelledby="sla-chain"
      className={`panel sla-chain${chain.verdict && !chain.verdict.ok ? ' panel-danger' : ''}`}
    >
      <h2 id="sla-chain">{tr('chain.heading')}</h2>
      {chain.headSeq === null ? <p>{tr('chain.empty')}</p> : <p>{tr('chain.computedFrom', { seq: chain.headSeq })}</p>}
      {chain.verdict && chain.verifiedAt ? (
        <ChainVerdictLine verdict={chain.verdict} at={chain.verifiedAt} locale={locale} timeZone={timeZone} />
      ) : (
        props.pendingVerdict
      )}
      <p className="sla-formula">{tr('chain.explain')}</p>
      {props.interactive && <VerifyChainButton label={tr('chain.verify')} pendingLabel={tr('chain.verifying')} />}
    </section>
  );
}
