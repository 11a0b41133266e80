import { createHmac } from 'node:crypto';
import { validateSignature } from '@line/bot-sdk';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startChatworkApi } from '@/e2e/fakes/chatwork-api';
import { signChatworkBody } from '@/e2e/fakes/chatwork-webhook';
import { startLineApi, type FakeLineApi } from '@/e2e/fakes/line-api';
import { fakeLineUserId } from '@/e2e/fakes/line-validate';
import { followEvent, lineWebhookBody, signLineBody } from '@/e2e/fakes/line-webhook';
import { parseMail } from '@/e2e/fakes/mail-parse';
import { startSmtpSink } from '@/e2e/fakes/smtp-sink';

// The fakes' own protocol behaviour, checked with raw requests: the channel senders rely on it.
// (These live here because vitest does not collect tests under e2e/.)

describe('fake LINE Messaging API', () => {
  let line: FakeLineApi;
  beforeAll(async () => {
    line = await startLineApi();
  });
  afterAll(() => line.close());

  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${line.url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${line.channelAccessToken}`, 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
  const text = (t: string) => ({ type: 'text', text: t });

  it('refuses a wrong token with LINE’s error body and a request id', async () => {
    const res = await post(
      '/v2/bot/message/push',
      { to: fakeLineUserId(1), messages: [text('hi')] },
      { authorization: 'Bearer nope' },
    );
    expect(res.status).toBe(401);
    expect(res.headers.get('x-line-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect((await res.json()).message).toMatch(/^Authentication failed/);
  });

  it('validates sizes like LINE: 1–500 ids, 1–5 messages, text ≤ 5,000', async () => {
    const tooMany = await post('/v2/bot/message/multicast', {
      to: Array.from({ length: 501 }, (_, i) => fakeLineUserId(i)),
      messages: [text('x')],
    });
    expect(tooMany.status).toBe(400);
    expect(await tooMany.json()).toEqual({
      message: 'The request body has 1 error(s)',
      details: [{ message: 'Size must be between 1 and 500', property: 'to' }],
    });

    const long = await post('/v2/bot/message/multicast', {
      to: [fakeLineUserId(1)],
      messages: [text('x'.repeat(5001)), text('')],
    });
    expect((await long.json()).details).toEqual([
      { message: 'Length must be between 0 and 5000', property: 'messages[0].text' },
      { message: 'May not be empty', property: 'messages[1].text' },
    ]);
    const six = await post('/v2/bot/message/push', {
      to: fakeLineUserId(1),
      messages: Array.from({ length: 6 }, () => text('x')),
    });
    expect(six.status).toBe(400);
  });

  it('answers a reused retry key with 409 and the accepted request id, delivering once', async () => {
    const key = crypto.randomUUID();
    const user = fakeLineUserId('retry');
    const first = await post('/v2/bot/message/push', { to: user, messages: [text('once')] }, { 'x-line-retry-key': key });
    const again = await post('/v2/bot/message/push', { to: user, messages: [text('once')] }, { 'x-line-retry-key': key });

    expect(first.status).toBe(200);
    expect(again.status).toBe(409);
    expect(again.headers.get('x-line-accepted-request-id')).toBe(first.headers.get('x-line-request-id'));
    expect((await again.json()).message).toBe('The retry key is already accepted');
    expect(line.received(user)).toEqual([text('once')]);
    expect(
      (await post('/v2/bot/message/push', { to: user, messages: [text('x')] }, { 'x-line-retry-key': 'not-a-uuid' })).status,
    ).toBe(400);
  });

  it('accepts but does not deliver to a user who blocked the account', async () => {
    const [blocked, friend] = [fakeLineUserId('blocked'), fakeLineUserId('friend')];
    line.blockUser(blocked);
    expect((await post('/v2/bot/message/multicast', { to: [blocked, friend], messages: [text('hi')] })).status).toBe(200);
    expect(line.received(blocked)).toEqual([]);
    expect(line.received(friend)).toEqual([text('hi')]);
  });

  it('accepts a reply token once', async () => {
    const user = fakeLineUserId('reply');
    const replyToken = line.issueReplyToken(user);
    expect((await post('/v2/bot/message/reply', { replyToken, messages: [text('welcome')] })).status).toBe(200);
    expect((await post('/v2/bot/message/reply', { replyToken, messages: [text('welcome')] })).status).toBe(400);
    expect(line.received(user)).toEqual([text('welcome')]);
  });

  it('signs webhook bodies the way the SDK verifies them', () => {
    const body = lineWebhookBody([followEvent(fakeLineUserId('new'))]);
    const signature = signLineBody(body, 'channel-secret');
    expect(validateSignature(body, 'channel-secret', signature)).toBe(true);
    expect(validateSignature(`${body} `, 'channel-secret', signature)).toBe(false);
  });
});

describe('fake Chatwork API', () => {
  it('checks the token, advertises its limits and answers 429 over them', async () => {
    const chatwork = await startChatworkApi({ tokenLimit: 3, tokenWindowMs: 60_000, roomLimit: 2, roomWindowMs: 60_000 });
    const post = (room: string, token = chatwork.tokens[0]) =>
      fetch(`${chatwork.url}/v2/rooms/${room}/messages`, {
        method: 'POST',
        headers: { 'x-chatworktoken': token, 'content-type': 'application/x-www-form-urlencoded' },
        body: 'body=hello',
      });
    try {
      const unauthorized = await post('1', 'wrong');
      expect(unauthorized.status).toBe(401);
      expect(await unauthorized.json()).toEqual({ errors: ['Invalid API Token'] });

      const ok = await post('1');
      expect(await ok.json()).toEqual({ message_id: chatwork.messages[0].messageId });
      expect(ok.headers.get('x-ratelimit-limit')).toBe('3');
      expect(ok.headers.get('x-ratelimit-remaining')).toBe('2');
      expect(Number(ok.headers.get('x-ratelimit-reset'))).toBeGreaterThan(Date.now() / 1000);

      expect((await post('1')).status).toBe(200);
      expect((await post('1')).status).toBe(429); // room: 2 per window
      expect((await post('2')).status).toBe(429); // token: 3 per window
      expect(chatwork.stats().rateLimited).toBe(2);
      expect(chatwork.messagesIn('1').map((m) => m.body)).toEqual(['hello', 'hello']);
    } finally {
      await chatwork.close();
    }
  });

  it('signs webhook bodies with the base64-decoded token', () => {
    const token = Buffer.from('webhook-secret-bytes').toString('base64');
    expect(signChatworkBody('{"a":1}', token)).toBe(
      createHmac('sha256', 'webhook-secret-bytes').update('{"a":1}').digest('base64'),
    );
  });
});

describe('SMTP sink', () => {
  it('stores what a bare Nodemailer sends, parsed, and bounces a rejected address', async () => {
    const sink = await startSmtpSink();
    const transport = nodemailer.createTransport({ url: sink.url });
    try {
      sink.rejectAddress('gone@example.test');
      await transport.sendMail({
        from: 'a@example.test',
        to: 'b@example.test',
        subject: '件名テスト',
        text: 'こんにちは',
        html: '<b>こんにちは</b>',
      });
      await expect(
        transport.sendMail({ from: 'a@example.test', to: 'gone@example.test', subject: 'x', text: 'x' }),
      ).rejects.toMatchObject({ responseCode: 550 });

      const [mail] = sink.messages;
      expect(mail).toMatchObject({
        subject: '件名テスト',
        text: 'こんにちは',
        html: '<b>こんにちは</b>',
        envelope: { from: 'a@example.test', to: ['b@example.test'] },
      });
      expect(sink.stats()).toMatchObject({ accepted: 1, rejectedRcpt: 1 });
    } finally {
      transport.close();
      await sink.close();
    }
  });

  it('parses quoted-printable soft breaks and adjacent encoded words', () => {
    const raw = [
      'Subject: =?UTF-8?B?6Zqc5a6z?= =?UTF-8?Q?=E3=81=82?=',
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: quoted-printable',
      '',
      'long =',
      'line =E3=81=82',
    ].join('\r\n');
    const mail = parseMail(Buffer.from(raw).toString('latin1'));
    expect(mail.subject).toBe('障害あ');
    expect(mail.text).toBe('long line あ');
  });
});
