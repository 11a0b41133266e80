import { COMPONENT_STATUSES } from '../../domain/statuses';
import { LOCALES, type Locale } from '../../i18n/locales';
import { t } from '../../i18n/messages';
import { localized } from '../../i18n/localized';
import { pageStatus } from './v2';
import type { PublicSource } from '../read/source';

// The two ways to put the status on another site: /embed (a tiny page meant for an
// iframe, the only framable path) and /widget.js (renders into a host element).

const INDICATOR_COLOURS = { none: '#1a7f37', minor: '#9a6700', major: '#bc4c00', critical: '#cf222e' } as const;
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A script-free page that refreshes itself every minute. */
export function embedHtml(source: PublicSource, options: { locale: Locale; baseUrl: string }): string {
  const { locale, baseUrl } = options;
  const status = pageStatus(source, options);
  const tr = t(locale, 'api');
  const common = t(locale, 'common');
  const troubled = source.components.filter((c) => c.status !== 'operational');
  const name = escapeHtml(localized(locale, source.page.name, source.page.nameEn));
  const list = troubled
    .map(
      (c) => `<li>${escapeHtml(localized(locale, c.name, c.nameEn))}: ${escapeHtml(common(`componentStatus.${c.status}`))}</li>`,
    )
    .join('');
  const dot = source.components.length ? INDICATOR_COLOURS[status.indicator] : '#57606a';
  // The brand colour passes AA as a background for white text, so it reads as a link on white;
  // on the dark scheme a light blue does.
  const link = source.brandColor ?? '#0550ae';
  const style =
    `:root{color-scheme:light dark}body{margin:0;font:14px/1.5 system-ui,-apple-system,'Hiragino Sans','Noto Sans CJK JP',sans-serif;color:#1b1f24;background:#fff}` +
    `a{color:${link}}.w{display:flex;gap:8px;align-items:flex-start;padding:8px 10px}.d{flex:none;width:12px;height:12px;border-radius:50%;margin-top:4px;background:${dot}}` +
    `ul{margin:2px 0 0;padding-left:18px;color:#57606a;font-size:13px}.m{color:#57606a;font-size:12px}` +
    `@media (prefers-color-scheme:dark){body{color:#e6edf3;background:#0d1117}a{color:#79c0ff}ul,.m{color:#9da7b3}}`;
  return `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta http-equiv="refresh" content="60"><title>${name}</title><style>${style}</style></head><body><div class="w"><span class="d" aria-hidden="true"></span><div><a href="${escapeHtml(baseUrl)}/" target="_blank" rel="noopener">${escapeHtml(status.description)}</a>${list ? `<ul>${list}</ul>` : ''}<div class="m">${escapeHtml(tr('embed.poweredBy', { name: localized(locale, source.page.name, source.page.nameEn) }))}</div></div></div></body></html>`;
}

/**
 * `<div data-shirase-status></div><script src="https://status.example.com/widget.js" async></script>`
 * Fetches summary.json from the script's own origin (CORS is open) and fills every host
 * element with the page status, plus the components that are not operational.
 */
export function widgetScript(brandColor: string | null = null): string {
  const labels = Object.fromEntries(
    LOCALES.map((locale) => [
      locale,
      Object.fromEntries(COMPONENT_STATUSES.map((s) => [s, t(locale, 'common')(`componentStatus.${s}`)])),
    ]),
  );
  return `(function () {
  var script = document.currentScript;
  if (!script) return;
  var origin = new URL(script.src).origin;
  var lang = script.getAttribute('data-lang') || (document.documentElement.lang || '').slice(0, 2);
  if (lang !== 'ja' && lang !== 'en') lang = '';
  var labels = ${JSON.stringify(labels)};
  var colours = ${JSON.stringify(INDICATOR_COLOURS)};
  var brand = ${JSON.stringify(brandColor)};
  var selector = script.getAttribute('data-target') || '[data-shirase-status]';
  function el(tag, style, text) {
    var node = document.createElement(tag);
    if (style) node.setAttribute('style', style);
    if (text) node.textContent = text;
    return node;
  }
  // A dark host page (light text): the brand colour, dark enough for white text, would not read there.
  function onDark(node) {
    var rgb = (getComputedStyle(node).color.match(/[0-9.]+/g) || []).map(Number);
    return rgb.length >= 3 && 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2] > 150;
  }
  function render(summary) {
    var hosts = document.querySelectorAll(selector);
    var names = labels[lang || 'ja'];
    for (var i = 0; i < hosts.length; i++) {
      var box = el('div', 'display:flex;gap:8px;align-items:flex-start;font:14px/1.5 system-ui,sans-serif');
      box.appendChild(el('span', 'flex:none;width:12px;height:12px;border-radius:50%;margin-top:4px;background:' + (colours[summary.status.indicator] || '#57606a')));
      var body = el('div');
      var link = el('a', brand && !onDark(hosts[i]) ? 'color:' + brand : 'color:inherit;text-decoration:underline', summary.status.description);
      link.href = summary.page.url;
      link.target = '_blank';
      link.rel = 'noopener';
      body.appendChild(link);
      var troubled = summary.components.filter(function (c) { return !c.group && c.status !== 'operational'; });
      if (troubled.length) {
        var list = el('ul', 'margin:2px 0 0;padding-left:18px;font-size:13px');
        troubled.forEach(function (c) { list.appendChild(el('li', '', c.name + ': ' + (names[c.status] || c.status))); });
        body.appendChild(list);
      }
      box.appendChild(body);
      hosts[i].replaceChildren(box);
      hosts[i].setAttribute('data-indicator', summary.status.indicator);
    }
  }
  function load() {
    fetch(origin + '/api/v2/summary.json' + (lang ? '?lang=' + lang : ''))
      .then(function (r) { return r.json(); })
      .then(render)
      .catch(function () {});
  }
  load();
  setInterval(load, 60000);
})();
`;
}
