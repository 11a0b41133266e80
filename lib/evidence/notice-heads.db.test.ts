import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { DatabaseHandle } from '../../db/client';
import { notificationMessages } from '../../db/schema';
import { fakeLineUserId } from '../../e2e/fakes';
import { contextFor, contextsByRole } from '../../test/console-fixtures';
import { createComponent, createPage, createSubscriber } from '../../test/factories';
import { createTestDatabase } from '../../test/db';
import { enqueueConfirmationEmail } from '../notices/confirmation';
import { Dispatcher } from '../notify/dispatcher';
import { startFakes, type Fakes } from '../../test/notify-fixtures';
import { openIncident } from '../services/incidents/open';
import { postIncidentUpdate } from '../services/incidents/post-update';
import { headLine } from './head-line';
import { currentHead, listPublishedHeads } from './heads';
import { checkWitnessedHeads, parseWitnessFile } from './witness';

// Every notice carries the chain head of its post, on every channel, as the providers receive it
// (the fakes speak SMTP, the LINE Messaging API and the Chatwork API).

let handle: DatabaseHandle;
let fakes: Fakes;
beforeAll(async () => {
  [handle, fakes] = await Promise.all([createTestDatabase(), startFakes({ seed: 20 })]);
});
afterAll(async () => {
  await fakes.close();
  await handle.close();
});

const BASE = 'https://status.example.test';

describe('chain heads in notices', () => {
  it('publishes a head at each incident post and sends that head by email (header and footer), LINE and Chatwork', async () => {
    const db = handle.db;
    const page = await createPage(db, { name: 'デモ' });
    const api = await createComponent(db, page.id, { name: 'API' });
    await createSubscriber(db, page.id, { address: 'hanako@example.test' });
    await createSubscriber(db, page.id, { address: 'john@example.test', locale: 'en' });
    const lineUser = fakeLineUserId('witness-1');
    await createSubscriber(db, page.id, { channel: 'line', address: lineUser });
    await createSubscriber(db, page.id, { channel: 'chatwork', address: '2020' });
    const as = await contextsByRole(db, new Date());
    const operator = contextFor(db, as.users.operator, new Date());

    const opened = await openIncident({
      ctx: operator,
      input: {
        title: 'API 停止',
        severity: 'severe',
        components: [{ componentId: api.id, status: 'major_outage' }],
        body: '調査しています。',
      },
    });
    const [posted] = (await listPublishedHeads(db)).filter((h) => h.reason === 'incident_post');
    expect(posted).toMatchObject({ incidentId: opened.id, ...(await currentHead(db)) });
    const line = headLine(posted);

    await new Dispatcher({ db, senders: fakes.senders, baseUrl: BASE }).drain();

    const [mail] = fakes.sink.messagesTo('hanako@example.test');
    expect(mail.headers['x-shirase-evidence']).toBe(line);
    expect(mail.text).toContain(`改ざん検知用の証跡ヘッド: ${line}`);
    expect(mail.html).toContain(line);
    const [english] = fakes.sink.messagesTo('john@example.test');
    expect(english.headers['x-shirase-evidence']).toBe(line);
    expect(english.text).toContain(`Evidence head (tamper check): ${line}`);
    expect(fakes.line.received(lineUser)[0].text).toContain(line);
    expect(fakes.chatwork.messagesIn('2020')[0].body).toContain(line);

    // The raw mails, saved by a subscriber, are a witness file the check accepts.
    expect(
      await checkWitnessedHeads(
        db,
        parseWitnessFile(
          fakes.sink
            .messagesTo('hanako@example.test')
            .map((m) => m.raw)
            .join('\n'),
        ),
      ),
    ).toEqual({
      ok: true,
      checked: 1,
    });

    // The next post publishes a later head, and its notices carry that one.
    await postIncidentUpdate({
      ctx: operator,
      input: { incidentId: opened.id, status: 'identified', body: '原因を特定しました。' },
    });
    const later = (await listPublishedHeads(db)).filter((h) => h.reason === 'incident_post').at(-1)!;
    expect(later.seq).toBeGreaterThan(posted.seq);
    await new Dispatcher({ db, senders: fakes.senders, baseUrl: BASE }).drain();
    expect(fakes.sink.messagesTo('hanako@example.test')[1].headers['x-shirase-evidence']).toBe(headLine(later));
    expect(fakes.line.received(lineUser)[1].text).toContain(headLine(later));
    expect(fakes.chatwork.messagesIn('2020')[1].body).toContain(headLine(later));
  });

  it('gives the confirmation mail the head of its moment too', async () => {
    const db = handle.db;
    const [page] = await db.select({ id: notificationMessages.pageId }).from(notificationMessages).limit(1);
    const subscriber = await createSubscriber(db, page.id, { address: 'new@example.test', confirmed: false });
    await db.transaction((tx) =>
      enqueueConfirmationEmail(tx, { pageId: page.id, subscriberId: subscriber.id, timeZone: 'Asia/Tokyo', at: new Date() }),
    );
    const [message] = await db
      .select()
      .from(notificationMessages)
      .where(eq(notificationMessages.type, 'subscription_confirmation'));
    const head = (await currentHead(db))!;
    expect({ seq: message.evidenceSeq, hash: message.evidenceHash }).toEqual(head);
    await new Dispatcher({ db, senders: fakes.senders, baseUrl: BASE }).drain();
    expect(fakes.sink.messagesTo('new@example.test')[0].headers['x-shirase-evidence']).toBe(headLine(head));
  });
});
