import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakesControl, waitUntil, type FakesControl } from '@/e2e/fakes/control-client';
import { fakeLineUserId } from '@/e2e/fakes/line-validate';
import { createChatworkSender } from './chatwork';
import { chatworkInfoBlock } from './chatwork-notation';
import { createSmtpEmailSender } from './email';
import { createLineSender } from './line';

// The fakes as the demo and Playwright run them: a separate process, driven by its control API.

let child: ChildProcess;
let env: Record<string, string>;
let control: FakesControl;

beforeAll(async () => {
  child = spawn(
    process.execPath,
    ['--import', 'tsx', 'e2e/fakes/run.ts', '--smtp', '0', '--line', '0', '--chatwork', '0', '--control', '0', '--json'],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const [line] = (await once(child.stdout!, 'data')) as [Buffer];
  const ready = JSON.parse(line.toString('utf8')) as { env: Record<string, string>; control: string };
  env = ready.env;
  control = fakesControl(ready.control);
});
afterAll(async () => {
  if (child.exitCode === null) {
    child.kill('SIGTERM');
    await once(child, 'exit');
  }
});

const batch = (text: string, address: string, subject?: string) => ({
  batchKey: crypto.randomUUID(),
  message: { text, subject },
  recipients: [{ recipientId: '1', address }],
});

describe('fakes CLI with control API', () => {
  it('prints the environment for Shirase and reports what arrived', async () => {
    expect(Object.keys(env).sort()).toEqual([
      'CHATWORK_API_BASE_URL',
      'CHATWORK_API_TOKEN',
      'LINE_API_BASE_URL',
      'LINE_CHANNEL_ACCESS_TOKEN',
      'SMTP_URL',
    ]);
    const email = createSmtpEmailSender({ smtpUrl: env.SMTP_URL, from: 'status@example.test' });
    const line = createLineSender({ channelAccessToken: env.LINE_CHANNEL_ACCESS_TOKEN, baseUrl: env.LINE_API_BASE_URL });
    const chatwork = createChatworkSender({ apiToken: env.CHATWORK_API_TOKEN, baseUrl: env.CHATWORK_API_BASE_URL });
    const user = fakeLineUserId('cli');

    await email.send(batch('hello', 'cli@example.test', 'Subject'));
    await line.send(batch('hello', user));
    await chatwork.send(batch(chatworkInfoBlock('t', 'hello'), '42'));
    await email.close();

    expect((await control.smtp.messages('cli@example.test'))[0]).toMatchObject({ subject: 'Subject', text: 'hello' });
    expect(await control.line.received(user)).toEqual([{ type: 'text', text: 'hello' }]);
    expect((await control.chatwork.messages('42'))[0].body).toBe('[info][title]t[/title]hello[/info]');
  });

  it('switches faults on over HTTP', async () => {
    await control.line.faults({ failNext: { count: 1, fault: { kind: 'status', status: 503, retryAfterSec: 2 } } });
    const line = createLineSender({ channelAccessToken: env.LINE_CHANNEL_ACCESS_TOKEN, baseUrl: env.LINE_API_BASE_URL });
    const [result] = await line.send(batch('x', fakeLineUserId('fault')));
    expect(result).toMatchObject({ outcome: 'transient', retryAfterMs: 2_000 });

    await control.smtp.rejectAddress('bounce@example.test');
    const email = createSmtpEmailSender({ smtpUrl: env.SMTP_URL, from: 'status@example.test' });
    const [bounce] = await email.send(batch('x', 'bounce@example.test', 's'));
    await email.close();
    expect(bounce).toMatchObject({ outcome: 'permanent', reason: 'recipient' });

    await control.line.reset();
    expect(
      await waitUntil(
        () => control.line.deliveries(),
        (d) => d.length === 0,
      ),
    ).toEqual([]);
  });
});
