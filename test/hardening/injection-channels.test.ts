import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import { fakeLineUserId } from '../../e2e/fakes';
import { LINE_MAX_TEXT } from '../../lib/channels/line-text';
import { Dispatcher } from '../../lib/notify/dispatcher';
import { startFakes, type Fakes } from '../notify-fixtures';
import { systemActor } from '../../lib/services/context';
import { openIncident } from '../../lib/services/incidents/open';
import { createTestDatabase } from '../db';
import { createComponent, createPage, createSubscriber } from '../factories';
import { CHATWORK_PAYLOADS, HEADER_PAYLOADS, INJECTION_CORPUS, LINE_OVERFLOW_BODY, SCRIPT_PAYLOADS } from './injection-corpus';

// The injection corpus posted as incident text, through the real services, React Email
// rendering and channel senders, to the SMTP, LINE and Chatwork fakes: every payload arrives
// as inert text (escaped HTML, one-line headers, escaped Chatwork notation, LINE within limits).
// The same mail HTML is opened in Chromium by e2e/injection.spec.ts.

let handle: DatabaseHandle;
let fakes: Fakes;
const EMAIL = { ja: 'injection-ja@example.test', en: 'injection-en@example.test' };
const LINE_USER = fakeLineUserId('injection');
const ROOM = '880001';
const CHATWORK_POSTS: string[] = [...CHATWORK_PAYLOADS, ...HEADER_PAYLOADS, SCRIPT_PAYLOADS[0]];

beforeAll(async () => {
  [handle, fakes] = await Promise.all([createTestDatabase(), startFakes({ seed: 3 })]);
  const page = await createPage(handle.db, { name: 'Status <b>page</b>' });
  const component = await createComponent(handle.db, page.id, { name: `API ${SCRIPT_PAYLOADS[1]}`.slice(0, 100) });
  await createSubscriber(handle.db, page.id, { address: EMAIL.ja });
  await createSubscriber(handle.db, page.id, { address: EMAIL.en, locale: 'en' });
  await createSubscriber(handle.db, page.id, { channel: 'line', address: LINE_USER });
  // Chatwork allows 10 posts per 10 s per room: the room follows a second component that only the Chatwork-relevant posts affect.
  const chat = await createComponent(handle.db, page.id, { name: 'Chat' });
  await createSubscriber(handle.db, page.id, { channel: 'chatwork', address: ROOM, componentIds: [chat.id] });
  const ctx = { db: handle.db, actor: systemActor('injection') };
  const posts = [
    ...INJECTION_CORPUS.map((text) => ({ title: text.slice(0, 200), body: text })),
    { title: 'あ'.repeat(200), body: LINE_OVERFLOW_BODY },
  ];
  for (const post of posts) {
    const components = [{ componentId: component.id, status: 'major_outage' as const }];
    if (CHATWORK_POSTS.includes(post.body)) components.push({ componentId: chat.id, status: 'major_outage' });
    await openIncident({
      ctx,
      input: { title: post.title, titleEn: post.title, body: post.body, bodyEn: post.body, severity: 'severe', components },
    });
  }
  const dispatcher = new Dispatcher({
    db: handle.db,
    senders: fakes.senders,
    baseUrl: 'https://status.example.test',
    retryPolicy: { baseDelayMs: 0, maxDelayMs: 0, jitter: 0 },
  });
  await dispatcher.drain();
}, 120_000);
afterAll(async () => {
  await fakes?.close();
  await handle?.close();
});

const mail = () => fakes.sink.messages;

describe('email', () => {
  it('every notice reached both subscribers, one message each per incident', () => {
    expect(fakes.sink.messagesTo(EMAIL.ja)).toHaveLength(INJECTION_CORPUS.length + 1);
    expect(fakes.sink.messagesTo(EMAIL.en)).toHaveLength(INJECTION_CORPUS.length + 1);
  });

  it('headers: CR/LF in titles cannot add a header or a recipient', () => {
    const names = (m: (typeof fakes.sink.messages)[number]) => m.headerLines.map(([name]) => name.toLowerCase()).sort();
    const expected = names(mail()[0]);
    for (const message of mail()) {
      expect(names(message)).toEqual(expected);
      expect(message.headers.bcc).toBeUndefined();
      expect(message.headers['x-injected']).toBeUndefined();
      expect(message.envelope.to).toHaveLength(1);
      expect(message.subject).not.toMatch(/[\r\n]/);
    }
    // The titles did arrive, on one line.
    expect(mail().some((m) => m.subject.includes('Outage') && m.subject.includes('Bcc: attacker@example.test'))).toBe(true);
  });

  it('HTML: no script element, no event-handler attribute, no javascript: URL; the text shows escaped', () => {
    const tags = (html: string) => new Set([...html.matchAll(/<([a-z][a-z0-9-]*)\b/gi)].map((m) => m[1].toLowerCase()));
    const benign = tags(mail().find((m) => m.subject.includes('あああ'))!.html ?? '');
    for (const message of mail()) {
      const html = message.html ?? '';
      expect(html).not.toMatch(/<script\b/i);
      // Only the template's own elements (and line breaks from the text): nothing a payload brought.
      expect([...tags(html)].filter((tag) => !benign.has(tag) && tag !== 'br')).toEqual([]);
      expect(html).not.toMatch(/<[a-z][^>]*\son[a-z]+\s*=/i);
      expect(html).not.toMatch(/(?:href|src|action)\s*=\s*["']?\s*javascript:/i);
    }
    expect(
      mail().some(
        (m) =>
          (m.html ?? '').includes('&lt;script&gt;alert(&#x27;xss-script&#x27;)&lt;/script&gt;') ||
          (m.html ?? '').includes('&lt;script&gt;alert('),
      ),
    ).toBe(true);
  });
});

describe('LINE', () => {
  it('every notice arrived once, as text within 5,000 UTF-16 units, never cut inside a character', () => {
    const texts = fakes.line.received(LINE_USER).map((m) => (m as { text?: string }).text ?? '');
    expect(texts).toHaveLength(INJECTION_CORPUS.length + 1);
    for (const text of texts) {
      expect(text.length).toBeLessThanOrEqual(LINE_MAX_TEXT);
      expect(text).not.toMatch(/[\uD800-\uDBFF]$/);
    }
    const overflow = texts.find((t) => t.includes('あああ'))!;
    expect(overflow.length).toBeGreaterThan(LINE_MAX_TEXT - 50);
    for (const payload of SCRIPT_PAYLOADS.slice(0, 3)) expect(texts.some((t) => t.includes(payload))).toBe(true);
  });
});

describe('Chatwork', () => {
  it('user text cannot close the [info] block, add [toall] or address anyone: one block per message', () => {
    const bodies = fakes.chatwork.messagesIn(ROOM).map((m) => m.body);
    expect(bodies).toHaveLength(CHATWORK_POSTS.length);
    for (const body of bodies) {
      expect(body.match(/\[info\]/gi)).toHaveLength(1);
      expect(body.match(/\[\/info\]/gi)).toHaveLength(1);
      expect(body.match(/\[title\]/gi)).toHaveLength(1);
      expect(body).not.toMatch(/\[toall\]|\[to:\d+\]|\[rp |\[piconname|\[qt\]|\[code\]|\[hr\]/i);
    }
    for (const payload of CHATWORK_PAYLOADS)
      expect(bodies.some((b) => b.includes(payload.replaceAll('[', '［').replaceAll(']', '］')))).toBe(true);
  });

  it('header-breaking text stays inside the block too', () => {
    const bodies = fakes.chatwork.messagesIn(ROOM).map((m) => m.body);
    for (const payload of HEADER_PAYLOADS) expect(bodies.some((b) => b.includes(payload.split(/[\r\n]/)[0]))).toBe(true);
  });
});
