'use client';
import { usePathname, useSearchParams } from 'next/navigation';

/** Language switch that returns to the page the operator was on (works without JS too: a plain link). */
export function LangSwitch({ to, label, text }: { to: 'ja' | 'en'; label: string; text: string }) {
  const pathname = usePathname();
  const query = useSearchParams().toString();
  const back = query ? `${pathname}?${query}` : pathname;
  return (
    <a className="lang-switch" href={`/locale?to=${to}&back=${encodeURIComponent(back)}`} hrefLang={to} lang={to}>
      <span className="visually-hidden">{label}: </span>
      {text}
    </a>
  );
}
