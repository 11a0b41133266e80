import { EventEmitter, once } from 'node:events';
import type { AddressInfo, Socket } from 'node:net';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import { FaultPlan } from './faults';
import { parseMail, type ParsedMail } from './mail-parse';

// A local SMTP server that keeps every message it accepts, parsed, and can answer like a
// troubled mail server: 4xx/5xx to RCPT or DATA, dropped connections, addresses that bounce.

export type SmtpFault =
  /** Reply with this SMTP code (4xx temporary, 5xx permanent). */
  | { kind: 'reply'; code: number; message?: string }
  /** Drop the connection; at DATA, `afterStore` keeps the message first (the client never hears it was accepted). */
  | { kind: 'drop'; afterStore?: boolean };

export interface SinkMessage extends ParsedMail {
  id: number;
  envelope: { from: string; to: string[] };
  /** The message as received, decoded as UTF-8 for reading. */
  raw: string;
  receivedAt: number;
}

export interface SmtpSinkOptions {
  port?: number;
  /** Wait this long before answering DATA (a slow server). */
  latencyMs?: number;
  seed?: number;
}

export interface SmtpSinkStats {
  connections: number;
  accepted: number;
  rejectedRcpt: number;
  rejectedData: number;
  dropped: number;
  faultsInjected: number;
}

export interface SmtpSink {
  host: string;
  port: number;
  /** smtp://127.0.0.1:port, ready for SMTP_URL. */
  url: string;
  messages: SinkMessage[];
  messagesTo(address: string): SinkMessage[];
  /** Resolves once at least `count` messages are stored. */
  waitForMessages(count: number, timeoutMs?: number): Promise<SinkMessage[]>;
  /** Faults for RCPT TO and for DATA, drawn per command. */
  faults: { rcpt: FaultPlan<SmtpFault>; data: FaultPlan<SmtpFault> };
  /** RCPT TO this address answers `code` (default 550: no such mailbox) until `acceptAddress`. */
  rejectAddress(address: string, code?: number, message?: string): void;
  acceptAddress(address: string): void;
  stats(): SmtpSinkStats;
  reset(): void;
  close(): Promise<void>;
}

function smtpError(code: number, message: string): Error & { responseCode: number } {
  return Object.assign(new Error(message), { responseCode: code });
}

const defaultText = (code: number) =>
  code >= 500 ? 'Requested action not taken: mailbox unavailable' : 'Requested action aborted: try again later';

export async function startSmtpSink(options: SmtpSinkOptions = {}): Promise<SmtpSink> {
  const events = new EventEmitter();
  const faults = {
    rcpt: new FaultPlan<SmtpFault>(options.seed),
    data: new FaultPlan<SmtpFault>(options.seed === undefined ? undefined : options.seed + 1),
  };
  const sockets = new Map<number, Socket>();
  let bounces = new Map<string, { code: number; message: string }>();
  let messages: SinkMessage[] = [];
  let stats = { connections: 0, accepted: 0, rejectedRcpt: 0, rejectedData: 0, dropped: 0 };

  const drop = (session: SMTPServerSession) => {
    stats.dropped++;
    sockets.get(session.remotePort)?.destroy();
  };

  const store = (raw: Buffer, session: SMTPServerSession) => {
    const message: SinkMessage = {
      id: messages.length + 1,
      envelope: {
        from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
        to: session.envelope.rcptTo.map((r) => r.address),
      },
      ...parseMail(raw.toString('latin1')),
      raw: raw.toString('utf8'),
      receivedAt: Date.now(),
    };
    messages.push(message);
    stats.accepted++;
    events.emit('message');
  };

  const server = new SMTPServer({
    secure: false,
    authOptional: true,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    disableReverseLookup: true,
    logger: false,
    size: 25 * 1024 * 1024,
    onAuth: (auth, _session, callback) => callback(null, { user: auth.username }),
    onRcptTo(address, session, callback) {
      const bounce = bounces.get(address.address.toLowerCase());
      const fault = faults.rcpt.draw();
      if (fault?.kind === 'drop') return drop(session);
      const reply = bounce ?? (fault ? { code: fault.code, message: fault.message ?? defaultText(fault.code) } : undefined);
      if (reply) {
        stats.rejectedRcpt++;
        return callback(smtpError(reply.code, reply.message));
      }
      callback();
    },
    onData(stream: SMTPServerDataStream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const finish = () => {
          if (stream.sizeExceeded) return callback(smtpError(552, 'Message exceeds fixed maximum message size'));
          const fault = faults.data.draw();
          if (fault?.kind === 'drop') {
            if (fault.afterStore) store(Buffer.concat(chunks), session);
            return drop(session);
          }
          if (fault) {
            stats.rejectedData++;
            return callback(smtpError(fault.code, fault.message ?? defaultText(fault.code)));
          }
          store(Buffer.concat(chunks), session);
          callback(null, `OK: queued as ${messages.length}`);
        };
        if (options.latencyMs) setTimeout(finish, options.latencyMs);
        else finish();
      });
    },
  });
  // smtp-server hides the socket; keep our own map to drop a session's connection on demand.
  server.server.on('connection', (socket: Socket) => {
    stats.connections++;
    const port = socket.remotePort ?? 0;
    sockets.set(port, socket);
    socket.once('close', () => sockets.delete(port));
  });
  server.on('error', () => {});

  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;

  return {
    host: '127.0.0.1',
    port,
    url: `smtp://127.0.0.1:${port}`,
    get messages() {
      return messages;
    },
    messagesTo: (address) => messages.filter((m) => m.envelope.to.some((to) => to.toLowerCase() === address.toLowerCase())),
    async waitForMessages(count, timeoutMs = 5_000) {
      const deadline = AbortSignal.timeout(timeoutMs);
      while (messages.length < count) {
        try {
          await once(events, 'message', { signal: deadline });
        } catch {
          throw new Error(`SMTP sink: ${messages.length} of ${count} messages after ${timeoutMs} ms`);
        }
      }
      return messages;
    },
    faults,
    rejectAddress(address, code = 550, message = 'No such user here') {
      bounces.set(address.toLowerCase(), { code, message });
    },
    acceptAddress: (address) => void bounces.delete(address.toLowerCase()),
    stats: () => ({ ...stats, faultsInjected: faults.rcpt.injected + faults.data.injected }),
    reset() {
      messages = [];
      bounces = new Map();
      stats = { connections: 0, accepted: 0, rejectedRcpt: 0, rejectedData: 0, dropped: 0 };
      for (const plan of [faults.rcpt, faults.data]) {
        plan.clear();
        plan.injected = 0;
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets.values()) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
