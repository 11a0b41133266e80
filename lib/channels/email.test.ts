import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSmtpSink, type SmtpSink } from '@/e2e/fakes/smtp-sink';
import { createDevMailboxSender, createSmtpEmailSender, type DevMailboxMessage } from './email';
import type { ChannelSender, OutboundBatch, OutboundRecipient, SendResult } from './types';

let sink: SmtpSink;
let sender: ChannelSender;

beforeAll(async () => {
  sink = await startSmtpSink({ seed: 7 });
  sender = createSmtpEmailSender({
    smtpUrl: sink.url,
    from: 'Shirase <status@example.test>',
    maxConnections: 3,
    timeoutMs: 2_000,
  });
});
afterAll(async () => {
  await sender.close();
  await sink.close();
});
beforeEach(() => sink.reset());

const unsubscribe = (token: string) => ({
  'List-Unsubscribe': `<https://status.example.test/u/${token}>`,
  'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
});

function batch(recipients: OutboundRecipient[]): OutboundBatch {
  return {
    batchKey: crypto.randomUUID(),
    message: {
      subject: '【障害】API の応答遅延',
      text: 'API が遅くなっています。\n詳細: https://status.example.test/i/1',
      html: '<p>API が遅くなっています。</p>',
    },
    recipients,
  };
}

const byId = (results: SendResult[]) => Object.fromEntries(results.map((r) => [r.recipientId, r]));

describe('SMTP email sender', () => {
  it('delivers one message per recipient with their own unsubscribe headers', async () => {
    const results = await sender.send(
      batch([
        { recipientId: '1', address: 'hanako@example.test', headers: unsubscribe('tok-1') },
        {
          recipientId: '2',
          address: 'taro@example.test',
          headers: unsubscribe('tok-2'),
          message: { text: 'manage: https://status.example.test/m/tok-2' },
        },
      ]),
    );
    expect(results.map((r) => r.outcome)).toEqual(['sent', 'sent']);
    expect(results[0].providerMessageId).toMatch(/^<.+@.+>$/);

    const [hanako] = sink.messagesTo('hanako@example.test');
    expect(hanako.subject).toBe('【障害】API の応答遅延');
    expect(hanako.headers['list-unsubscribe']).toBe('<https://status.example.test/u/tok-1>');
    expect(hanako.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    expect(hanako.text).toContain('API が遅くなっています。');
    expect(hanako.html).toContain('<p>API が遅くなっています。</p>');
    const [taro] = sink.messagesTo('taro@example.test');
    expect(taro.headers['list-unsubscribe']).toBe('<https://status.example.test/u/tok-2>');
    expect(taro.text).toBe('manage: https://status.example.test/m/tok-2');
  });

  it('keeps line breaks in subjects and header values from adding headers', async () => {
    const results = await sender.send({
      ...batch([
        {
          recipientId: '1',
          address: 'hanako@example.test',
          headers: { 'List-Unsubscribe': '<https://x.test/u/1>\r\nBcc: thief@example.test' },
        },
      ]),
      message: { subject: 'Outage\r\nBcc: thief@example.test', text: 'body' },
    });
    expect(results[0].outcome).toBe('sent');
    const [mail] = await sink.waitForMessages(1);
    expect(mail.envelope.to).toEqual(['hanako@example.test']);
    expect(mail.headerLines.map(([name]) => name.toLowerCase())).not.toContain('bcc');
    expect(mail.subject).toBe('Outage Bcc: thief@example.test');
  });

  it('refuses a malformed address or a reserved header without contacting the server', async () => {
    const results = byId(
      await sender.send(
        batch([
          { recipientId: 'crlf', address: 'a@example.test\r\nRCPT TO:<b@example.test>' },
          { recipientId: 'header', address: 'c@example.test', headers: { Bcc: 'd@example.test' } },
        ]),
      ),
    );
    expect(results.crlf).toMatchObject({ outcome: 'permanent', reason: 'recipient' });
    expect(results.header).toMatchObject({ outcome: 'permanent', reason: 'message' });
    expect(sink.stats().accepted).toBe(0);
  });

  it('classifies 4xx as transient and 550 as a permanent recipient failure', async () => {
    sink.rejectAddress('gone@example.test');
    sink.faults.rcpt.failNext(1, { kind: 'reply', code: 451 });
    const first = byId(await sender.send(batch([{ recipientId: 'busy', address: 'busy@example.test' }])));
    const second = byId(await sender.send(batch([{ recipientId: 'gone', address: 'gone@example.test' }])));
    sink.faults.data.failNext(1, { kind: 'reply', code: 452, message: 'Insufficient system storage' });
    const third = byId(await sender.send(batch([{ recipientId: 'full', address: 'full@example.test' }])));
    sink.faults.data.failNext(1, { kind: 'reply', code: 554, message: 'Message rejected as spam' });
    const fourth = byId(await sender.send(batch([{ recipientId: 'spam', address: 'spam@example.test' }])));

    expect(first.busy).toMatchObject({ outcome: 'transient', reason: 'provider' });
    expect(second.gone).toMatchObject({ outcome: 'permanent', reason: 'recipient' });
    expect(second.gone.error).toContain('No such user');
    expect(third.full).toMatchObject({ outcome: 'transient' });
    expect(fourth.spam).toMatchObject({ outcome: 'permanent', reason: 'message' });
  });

  it('reports a server that is down as transient', async () => {
    const down = await startSmtpSink();
    await down.close();
    const offline = createSmtpEmailSender({ smtpUrl: down.url, from: 'status@example.test', timeoutMs: 1_000 });
    const [result] = await offline.send(batch([{ recipientId: '1', address: 'a@example.test' }]));
    await offline.close();
    expect(result).toMatchObject({ outcome: 'transient', reason: 'network' });
  });

  it('with 30 % faults and retries, every message arrives at least once', async () => {
    const faults = [{ kind: 'reply', code: 451 } as const, { kind: 'reply', code: 421 } as const, { kind: 'drop' } as const];
    sink.faults.rcpt.setRate({ rate: 0.15, faults });
    sink.faults.data.setRate({ rate: 0.15, faults: [...faults, { kind: 'drop', afterStore: true }] });
    const recipients = Array.from({ length: 120 }, (_, i) => ({ recipientId: String(i), address: `user${i}@example.test` }));

    let pending = recipients;
    for (let attempt = 0; attempt < 15 && pending.length > 0; attempt++) {
      const results = byId(await sender.send(batch(pending)));
      expect(Object.values(results).every((r) => r.outcome !== 'permanent')).toBe(true);
      pending = pending.filter((r) => results[r.recipientId].outcome !== 'sent');
    }

    expect(pending).toEqual([]);
    expect(sink.stats().faultsInjected).toBeGreaterThan(10);
    for (const r of recipients) expect(sink.messagesTo(r.address).length).toBeGreaterThanOrEqual(1);
  });
});

describe('dev mailbox sender', () => {
  it('stores each recipient’s mail through the injected writer', async () => {
    const stored: DevMailboxMessage[] = [];
    const mailbox = createDevMailboxSender({ from: 'Shirase <status@example.test>', store: async (m) => stored.push(m) });
    const results = await mailbox.send(
      batch([{ recipientId: '9', address: 'hanako@example.test', headers: unsubscribe('tok\r\n9') }]),
    );

    expect(results).toEqual([{ recipientId: '9', outcome: 'sent', providerMessageId: 'dev-mailbox:1' }]);
    expect(stored[0]).toMatchObject({ to: 'hanako@example.test', subject: '【障害】API の応答遅延' });
    expect(stored[0].headers).toMatchObject({
      From: 'Shirase <status@example.test>',
      'List-Unsubscribe': '<https://status.example.test/u/tok 9>',
    });
  });

  it('reports a failed write as transient', async () => {
    const mailbox = createDevMailboxSender({ from: 'status@example.test', store: () => Promise.reject(new Error('db down')) });
    const [result] = await mailbox.send(batch([{ recipientId: '1', address: 'a@example.test' }]));
    expect(result).toMatchObject({ outcome: 'transient', reason: 'provider' });
  });
});
