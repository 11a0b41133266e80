// One checker process for bench/monitors.ts: runs the real Checker against the bench database
// for DURATION_MS after WARMUP_MS, then prints one JSON line of what it measured.
import { openDatabase } from '../db/client';
import { Checker } from '../lib/workers/monitor-checker';

const url = process.env.BENCH_DATABASE_URL!;
const warmupMs = Number(process.env.WARMUP_MS ?? 5_000);
const durationMs = Number(process.env.DURATION_MS ?? 30_000);
const handle = await openDatabase({ driver: 'postgres', url, max: 4 });
const lags: number[] = [];
let checks = 0;
let measuring = false;
let firstCheck: (() => void) | null = null;
const started = new Promise<void>((resolve) => (firstCheck = resolve));
const checker = new Checker({
  db: handle.db,
  region: 'bench',
  checkerId: `bench:${process.pid}`,
  concurrency: Number(process.env.CONCURRENCY ?? 500),
  allowPrivate: true,
  log: (message, error) => console.error(message, error),
  observe: ({ claim, startedAt }) => {
    firstCheck?.();
    if (!measuring) return;
    checks++;
    lags.push(startedAt.getTime() - claim.plannedAt.getTime());
  },
});
checker.start();
console.log('ready');
// The bench schedules the monitors once every checker is up; warm-up starts at the first check.
await started;
await new Promise((resolve) => setTimeout(resolve, warmupMs));
measuring = true;
const cpuStart = process.cpuUsage();
let rssMax = 0;
const sampler = setInterval(() => (rssMax = Math.max(rssMax, process.memoryUsage().rss)), 500);
await new Promise((resolve) => setTimeout(resolve, durationMs));
measuring = false;
clearInterval(sampler);
const cpu = process.cpuUsage(cpuStart);
await checker.stop();
await handle.close();
console.log(
  JSON.stringify({ checks, lags, cpuPercent: ((cpu.user + cpu.system) / 1000 / durationMs) * 100, rssMb: rssMax / 1048576 }),
);
process.exit(0);
