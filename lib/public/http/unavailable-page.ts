import type { Locale } from '../../i18n/locales';
import { t } from '../../i18n/messages';
import { contentSecurityPolicy, securityHeaders } from '../../security/headers';

// The page a visitor sees when the database is away and no last-known copy of the page exists:
// written without the database and without Next, in the visitor's language, light and dark,
// readable at 360 px. The public variant points to `/`, which is served from the snapshot.

export const RETRY_AFTER_SECONDS = 30;

const STYLE = `
:root{color-scheme:light dark;--bg:#f7f7f5;--fg:#1d1d1b;--muted:#5b5b57;--card:#fff;--line:#d9d9d4;--accent:#0b5cad}
@media (prefers-color-scheme:dark){:root{--bg:#16171a;--fg:#ececea;--muted:#b4b4ae;--card:#1f2024;--line:#3a3b40;--accent:#8cbcf0}}
*{box-sizing:border-box}body{margin:0;background:var(--bg);color:var(--fg);font:16px/1.7 system-ui,-apple-system,"Hiragino Sans","Noto Sans JP",sans-serif}
main{max-width:40rem;margin:12vh auto 2rem;padding:0 1rem}
.card{background:var(--card);border:1px solid var(--line);border-radius:12px;padding:1.5rem 1.25rem}
h1{font-size:1.35rem;line-height:1.4;margin:0 0 .75rem}p{margin:.5rem 0;overflow-wrap:anywhere}.muted{color:var(--muted)}
a{color:var(--accent);font-weight:600}a:focus-visible{outline:3px solid var(--accent);outline-offset:2px}`;

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function unavailablePage(
  locale: Locale,
  audience: 'public' | 'console',
): { body: string; headers: Record<string, string> } {
  const tr = t(locale, 'outside');
  const title = audience === 'console' ? tr('unavailable.consoleTitle') : tr('unavailable.title');
  const lines = [
    `<p>${escape(audience === 'console' ? tr('unavailable.consoleBody') : tr('unavailable.publicBody'))}</p>`,
    `<p class="muted">${escape(tr('unavailable.retry', { seconds: RETRY_AFTER_SECONDS }))}</p>`,
    ...(audience === 'public' ? [`<p><a href="/">${escape(tr('unavailable.statusLink'))}</a></p>`] : []),
  ];
  const body = `<!DOCTYPE html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>${escape(title)}</title><style>${STYLE}</style></head><body><main><div class="card" role="alert"><h1>${escape(title)}</h1>${lines.join('')}</div></main></body></html>`;
  return {
    body,
    headers: {
      'Content-Type': 'text/html; charset=utf-8',
      'Cache-Control': 'no-store',
      'Retry-After': String(RETRY_AFTER_SECONDS),
      'Content-Language': locale,
      'Content-Security-Policy': contentSecurityPolicy({ embeddable: false }),
      ...securityHeaders({ embeddable: false }),
    },
  };
}
