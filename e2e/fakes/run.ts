import { parseArgs } from 'node:util';
import { startChatworkApi } from './chatwork-api';
import { DEFAULT_HTTP_FAULTS, DEFAULT_SMTP_FAULTS, startFakesControl, type RunningFakes } from './control';
import { startLineApi } from './line-api';
import { startSmtpSink } from './smtp-sink';

// Runs the fakes as their own process for the demo, Playwright and benchmarks:
//   npx tsx e2e/fakes/run.ts --smtp 2525 --line 4010 --chatwork 4020 [--control 4030]
// Only the fakes given a port start (0 picks a free one). --json prints one JSON line instead.

const USAGE = `usage: tsx e2e/fakes/run.ts [--smtp PORT] [--line PORT] [--chatwork PORT] [--control PORT]
  [--line-token TOKEN] [--chatwork-token TOKEN]
  [--chatwork-token-limit 300] [--chatwork-window-ms 300000] [--chatwork-room-limit 10] [--chatwork-room-window-ms 10000]
  [--fault-rate 0.3] [--seed N] [--json]`;

const { values: args } = parseArgs({
  options: {
    smtp: { type: 'string' },
    line: { type: 'string' },
    chatwork: { type: 'string' },
    control: { type: 'string' },
    'line-token': { type: 'string' },
    'chatwork-token': { type: 'string' },
    'chatwork-token-limit': { type: 'string' },
    'chatwork-window-ms': { type: 'string' },
    'chatwork-room-limit': { type: 'string' },
    'chatwork-room-window-ms': { type: 'string' },
    'fault-rate': { type: 'string' },
    seed: { type: 'string' },
    json: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});

function num(name: keyof typeof args): number | undefined {
  const value = args[name];
  if (value === undefined || typeof value === 'boolean') return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) {
    console.error(`--${name} must be a non-negative number (got ${value})\n${USAGE}`);
    process.exit(2);
  }
  return n;
}

if (args.help || (args.smtp ?? args.line ?? args.chatwork) === undefined) {
  console.error(USAGE);
  process.exit(args.help ? 0 : 2);
}

const seed = num('seed');
const faultRate = num('fault-rate') ?? 0;
const fakes: RunningFakes = {};
if (args.smtp !== undefined) fakes.smtp = await startSmtpSink({ port: num('smtp'), seed });
if (args.line !== undefined) fakes.line = await startLineApi({ port: num('line'), channelAccessToken: args['line-token'], seed });
if (args.chatwork !== undefined) {
  fakes.chatwork = await startChatworkApi({
    port: num('chatwork'),
    tokens: args['chatwork-token'] ? [args['chatwork-token']] : undefined,
    tokenLimit: num('chatwork-token-limit'),
    tokenWindowMs: num('chatwork-window-ms'),
    roomLimit: num('chatwork-room-limit'),
    roomWindowMs: num('chatwork-room-window-ms'),
    seed,
  });
}
if (faultRate > 0) {
  fakes.smtp?.faults.rcpt.setRate({ rate: faultRate / 2, faults: DEFAULT_SMTP_FAULTS });
  fakes.smtp?.faults.data.setRate({ rate: faultRate / 2, faults: DEFAULT_SMTP_FAULTS });
  fakes.line?.faults.setRate({ rate: faultRate, faults: DEFAULT_HTTP_FAULTS });
  fakes.chatwork?.faults.setRate({ rate: faultRate, faults: DEFAULT_HTTP_FAULTS });
}
const control = args.control === undefined ? undefined : await startFakesControl(fakes, num('control'));

const env: Record<string, string> = {
  ...(fakes.smtp && { SMTP_URL: fakes.smtp.url }),
  ...(fakes.line && { LINE_API_BASE_URL: fakes.line.url, LINE_CHANNEL_ACCESS_TOKEN: fakes.line.channelAccessToken }),
  ...(fakes.chatwork && { CHATWORK_API_BASE_URL: fakes.chatwork.url, CHATWORK_API_TOKEN: fakes.chatwork.tokens[0] }),
};
if (args.json) {
  console.log(JSON.stringify({ env, control: control?.url, chatworkLimits: fakes.chatwork?.limits, faultRate }));
} else {
  if (fakes.smtp) console.log(`SMTP sink      ${fakes.smtp.url}`);
  if (fakes.line) console.log(`LINE API       ${fakes.line.url}`);
  if (fakes.chatwork) {
    const l = fakes.chatwork.limits;
    console.log(
      `Chatwork API   ${fakes.chatwork.url}  (${l.tokenLimit} per ${l.tokenWindowMs} ms per token, ${l.roomLimit} per ${l.roomWindowMs} ms per room)`,
    );
  }
  if (control) console.log(`Control        ${control.url}  (GET /state)`);
  if (faultRate > 0) console.log(`Faults         ${Math.round(faultRate * 100)} % of calls`);
  console.log('\n# environment for Shirase');
  for (const [name, value] of Object.entries(env)) console.log(`${name}=${value}`);
}

async function shutdown() {
  await Promise.all([fakes.smtp?.close(), fakes.line?.close(), fakes.chatwork?.close(), control?.close()]);
  process.exit(0);
}
process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);
