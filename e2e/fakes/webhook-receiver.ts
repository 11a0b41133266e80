import { Webhook } from 'standardwebhooks';
import { FaultPlan } from './faults';
import { answerWithFault, listenLoopback, readBody, sendReply, type HttpFault, type LoopbackHttp } from './loopback-http';

// A webhook subscriber's server: takes POSTs on any path and checks each with the reference
// Standard Webhooks library (the `standardwebhooks` package, not Shirase's signer), as a
// careful receiver would. A path with a known secret answers 401 to a bad signature; a path
// can be made to fail for good (`setPathFault`), and `faults` injects one-off faults.

export interface WebhookDelivery {
  path: string;
  headers: Record<string, string>;
  body: string;
  /** Null when no secret is known for the path; else whether the reference library accepted it. */
  verified: boolean | null;
  at: number;
}

export interface FakeWebhookReceiver {
  url: string;
  port: number;
  /** Accepted requests (2xx) in arrival order. */
  deliveries: WebhookDelivery[];
  deliveriesTo(path: string): WebhookDelivery[];
  /** Every request, answered or not, with the status it got. */
  attempts: { path: string; status: number; at: number }[];
  /** Verify requests to this path with this `whsec_` secret. */
  expectSecret(path: string, secret: string): void;
  /** Every request to `path` gets this fault until cleared with `undefined`. */
  setPathFault(path: string, fault: HttpFault | undefined): void;
  faults: FaultPlan<HttpFault>;
  reset(): void;
  close(): Promise<void>;
}

export async function startWebhookReceiver(options: { port?: number; seed?: number } = {}): Promise<FakeWebhookReceiver> {
  const secrets = new Map<string, string>();
  const pathFaults = new Map<string, HttpFault>();
  const faults = new FaultPlan<HttpFault>(options.seed);
  let deliveries: WebhookDelivery[] = [];
  let attempts: { path: string; status: number; at: number }[] = [];

  const server: LoopbackHttp = await listenLoopback(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    res.on('finish', () => attempts.push({ path, status: res.statusCode, at: Date.now() }));
    if (req.method !== 'POST') return sendReply(res, { status: 405 });
    const fault = pathFaults.get(path) ?? faults.draw();
    await answerWithFault(
      server,
      req,
      res,
      fault,
      async () => {
        const body = (await readBody(req)).toString('utf8');
        const headers = Object.fromEntries(
          Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : (v ?? '')]),
        );
        const secret = secrets.get(path);
        let verified: boolean | null = null;
        if (secret) {
          try {
            new Webhook(secret).verify(body, headers);
            verified = true;
          } catch {
            verified = false;
          }
        }
        if (verified === false) return { status: 401, body: { error: 'bad signature' } };
        deliveries.push({ path, headers, body, verified, at: Date.now() });
        return { status: 204 };
      },
      (status, message) => ({ error: message ?? `status ${status}` }),
    );
  }, options.port);

  return {
    url: server.url,
    port: server.port,
    get deliveries() {
      return deliveries;
    },
    deliveriesTo: (path) => deliveries.filter((d) => d.path === path),
    get attempts() {
      return attempts;
    },
    expectSecret: (path, secret) => void secrets.set(path, secret),
    setPathFault(path, fault) {
      if (fault) pathFaults.set(path, fault);
      else pathFaults.delete(path);
    },
    faults,
    reset() {
      deliveries = [];
      attempts = [];
      secrets.clear();
      pathFaults.clear();
    },
    close: () => server.close(),
  };
}
