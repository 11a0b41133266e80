// Hostile text an operator's account, an alert or a subscriber could get into Shirase. Every
// script payload calls alert() or marks window.__pwned, so a browser test sees it run.

export const SCRIPT_PAYLOADS = [
  `<script>alert('xss-script')</script>`,
  `<img src=x onerror="alert('xss-img')">`,
  `"><svg onload=alert('xss-attr-dq')>`,
  `'><svg onload=alert('xss-attr-sq')>`,
  `" autofocus onfocus="alert('xss-autofocus')" x="`,
  `</title><script>alert('xss-title')</script>`,
  `</textarea></noscript></style><script>alert('xss-raw-text')</script>`,
  `</script><script>window.__pwned='rsc'</script>`,
  `<iframe srcdoc="<script>parent.alert('xss-srcdoc')</script>"></iframe>`,
  `<a href="javascript:alert('xss-href')">javascript link</a>`,
  `javascript:alert('xss-bare-url')`,
  `[click me](javascript:alert('xss-md-link'))`,
  `![image](javascript:alert('xss-md-image'))`,
  `<details open ontoggle=alert('xss-toggle')>`,
  `<meta http-equiv="refresh" content="0;url=javascript:alert('xss-meta')">`,
  `{{constructor.constructor('alert(\\'xss-template\\')')()}} \${alert('xss-literal')}`,
  `&lt;script&gt;alert('xss-entity')&lt;/script&gt;`,
  `<!-- <script>alert('xss-comment')</script> -->`,
  `\u2028\u2029</script><script>alert('xss-line-separator')</script>`,
  `＜script＞alert('xss-fullwidth')＜/script＞`,
  `%3Cscript%3Ealert('xss-percent')%3C/script%3E`,
  `\u00C0\u00BCscript\u00C0\u00BEalert('xss-overlong')\u00C0\u00BC/script\u00C0\u00BE`,
] as const;

/** Text that tries to add mail headers (CRLF injection) when it lands in a subject or header. */
export const HEADER_PAYLOADS = [
  `Outage\r\nBcc: attacker@example.test`,
  `Outage\nX-Injected: yes\n\n<script>alert('xss-crlf-body')</script>`,
  `Outage\rSubject: forged`,
  `Outage%0d%0aBcc:%20attacker@example.test`,
] as const;

/** Chatwork notation that would close our [info] block, notify everyone or address someone. */
export const CHATWORK_PAYLOADS = [
  `[/info][toall][info]`,
  `[/title][To:1234567]Taro[/info]`,
  `[code][hr][qt][qtmeta aid=1][/qt][/code]`,
  `[rp aid=1 to=2-3][piconname:1][TOALL]`,
] as const;

/** Unicode that breaks naive length counting, direction or normalisation. */
export const UNICODE_PAYLOADS = [
  `\u202Eevil\u202C reversed`,
  `zero\u200Bwidth\u200Djoin\uFEFF`,
  `Z\u0335\u0321\u0322a\u0334\u0327l\u0336\u0328g\u0337o\u0338\u0334\u0335`.repeat(20),
  `👨‍👩‍👧‍👦`.repeat(40),
] as const;

/** All of the above, each short enough for a title (≤ 200) except where noted by length. */
export const INJECTION_CORPUS: readonly string[] = [
  ...SCRIPT_PAYLOADS,
  ...HEADER_PAYLOADS,
  ...CHATWORK_PAYLOADS,
  ...UNICODE_PAYLOADS,
];

/** An update body over LINE's 5,000-character text limit once the title and links are added. */
export const LINE_OVERFLOW_BODY = `${'障害'.repeat(1_200)}${'👨‍👩‍👧‍👦'.repeat(200)}`;

/** Addresses and ids a would-be subscriber could type into the public forms. */
export const SUBSCRIBER_PAYLOADS = [
  `"<script>alert('xss-email')</script>"@example.test`,
  `victim@example.test\r\nBcc: attacker@example.test`,
  `victim@example.test%0ABcc:attacker@example.test`,
  `a'onmouseover=alert('xss-email-attr')@example.test`,
  `javascript:alert('xss-email-js')//@example.test`,
  `user+[toall]@example.test`,
  `ｕｓｅｒ＠ｅｘａｍｐｌｅ．ｔｅｓｔ`,
  `${'a'.repeat(300)}@example.test`,
] as const;

export const CHATWORK_ROOM_PAYLOADS = [
  `123[toall]`,
  `123\r\n456`,
  `<script>alert('xss-room')</script>`,
  `1`.repeat(40),
  `-1`,
  `１２３`,
] as const;
