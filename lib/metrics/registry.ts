import client from 'prom-client';

// One registry per process, on globalThis: the custom server (HTTP durations) and Next's
// bundle (the /api/metrics route, the dispatcher) must observe into the same metrics.

type Metrics = {
  registry: client.Registry;
  httpDuration: client.Histogram<'method' | 'route' | 'status'>;
  sendLatency: client.Histogram<'channel'>;
  liveClients: client.Gauge;
  /** Gauges filled from the database at scrape time, registered once by registerDatabaseMetrics. */
  databaseMetricsRegistered: boolean;
};

const KEY = Symbol.for('shirase.metrics');
type Holder = { [KEY]?: Metrics };

export function metrics(): Metrics {
  const holder = globalThis as Holder;
  holder[KEY] ??= createMetrics();
  return holder[KEY];
}

function createMetrics(): Metrics {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry, prefix: 'shirase_' });
  return {
    registry,
    httpDuration: new client.Histogram({
      name: 'shirase_http_request_duration_seconds',
      help: 'HTTP request durations, by method, route group and status code',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    sendLatency: new client.Histogram({
      name: 'shirase_notification_send_latency_seconds',
      help: 'Time a channel provider took to accept one send call (batch), by channel',
      labelNames: ['channel'],
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [registry],
    }),
    liveClients: new client.Gauge({
      name: 'shirase_live_clients',
      help: 'Open live-update (SSE) connections',
      registers: [registry],
    }),
    databaseMetricsRegistered: false,
  };
}

/** Called by the dispatcher after each provider call. */
export function observeSendLatency(channel: string, seconds: number): void {
  metrics().sendLatency.observe({ channel }, seconds);
}

const httpSeries = new Map<string, { observe(seconds: number): void }>();
const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/** Called for every request by the custom server, so the labelled series are looked up once. */
export function observeHttpRequest(requestMethod: string, route: string, status: number, seconds: number): void {
  // Methods come from clients: anything unusual is one series, not one per spelling.
  const method = METHODS.has(requestMethod) ? requestMethod : 'other';
  const key = `${method} ${route} ${status}`;
  let series = httpSeries.get(key);
  if (!series) {
    series = metrics().httpDuration.labels(method, route, String(status));
    httpSeries.set(key, series);
  }
  series.observe(seconds);
}

/** A few route groups rather than raw paths, so label cardinality stays small. */
export function routeGroup(url: string): string {
  const path = url.split('?', 1)[0];
  if (path === '/') return '/';
  if (path.startsWith('/_next/')) return '/_next';
  const match =
    /^\/(api\/(?:v1|v2|stream|metrics|health|webhooks)|admin|incidents|history|maintenance|subscribe|feed\.rss|feed\.atom|badge\.svg|widget\.js|embed)/.exec(
      path,
    );
  return match ? `/${match[1]}` : 'other';
}
