import type { ComponentStatus } from '../../domain/statuses';
import type { Locale } from '../../i18n/locales';
import { t } from '../../i18n/messages';

// A shields.io-style flat badge: "<label> | <status>", coloured by status. Colours are the
// page's own, dark enough for white text (WCAG AA at this size).
const COLOURS: Record<ComponentStatus, string> = {
  operational: '#1a7f37',
  degraded_performance: '#9a6700',
  partial_outage: '#bc4c00',
  major_outage: '#cf222e',
  under_maintenance: '#0969da',
};

const NOTHING_COLOUR = '#57606a';

const escapeXml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Approximate advance width at 11 px: wide for CJK and full-width forms, narrow otherwise. */
function textWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += (ch.codePointAt(0) ?? 0) >= 0x2e80 ? 11 : /[A-Z0-9mwMW]/.test(ch) ? 7.5 : 6.2;
  return Math.ceil(width);
}

/** `status: null`: a page with no components yet, "nothing to report" in grey. */
export function statusBadge(options: { label: string; status: ComponentStatus | null; locale: Locale }): string {
  const value = options.status
    ? t(options.locale, 'common')(`componentStatus.${options.status}`)
    : t(options.locale, 'firstday')('badge.nothing');
  const colour = options.status ? COLOURS[options.status] : NOTHING_COLOUR;
  const labelWidth = textWidth(options.label) + 12;
  const valueWidth = textWidth(value) + 12;
  const width = labelWidth + valueWidth;
  const label = escapeXml(options.label);
  const text = escapeXml(value);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="20" role="img" aria-label="${label}: ${text}"><title>${label}: ${text}</title><linearGradient id="s" x2="0" y2="100%"><stop offset="0" stop-color="#bbb" stop-opacity=".1"/><stop offset="1" stop-opacity=".1"/></linearGradient><clipPath id="r"><rect width="${width}" height="20" rx="3" fill="#fff"/></clipPath><g clip-path="url(#r)"><rect width="${labelWidth}" height="20" fill="#555"/><rect x="${labelWidth}" width="${valueWidth}" height="20" fill="${colour}"/><rect width="${width}" height="20" fill="url(#s)"/></g><g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,'Hiragino Sans','Noto Sans CJK JP',sans-serif" font-size="11"><text x="${labelWidth / 2}" y="14">${label}</text><text x="${labelWidth + valueWidth / 2}" y="14">${text}</text></g></svg>`;
}
