import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

// Real Shirase processes for the hardening suites and benchmarks: web servers (`scripts/start.ts`,
// which needs a `next build`) and workers (`scripts/worker.ts`) on fresh PostgreSQL databases.
// Each runs as `node --import tsx`, so its pid is the process itself and `kill -9` hits it.

const ROOT = path.resolve(import.meta.dirname, '../..');
/** The shared server (never stopped; suites only create and drop their own databases on it). */
export const SHARED_POSTGRES = process.env.HARDENING_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface ShiraseProcess {
  child: ChildProcess;
  pid: number;
  /** Everything the process printed so far (stdout and stderr). */
  logs(): string;
  /** Resolves once the output contains `text` (after `from`, a logs() length). */
  waitForLog(text: string | RegExp, timeoutMs?: number, from?: number): Promise<void>;
  /** SIGTERM (a clean shutdown) and wait for the exit. */
  stop(): Promise<void>;
  /** SIGKILL: nothing is flushed, nothing is recorded. */
  kill9(): Promise<void>;
  exited: Promise<number | null>;
}

/** `cwd` (default: the repository) is where the build (.next) is read from. */
export function spawnShirase(
  script: 'scripts/start.ts' | 'scripts/worker.ts',
  env: Record<string, string>,
  cwd = ROOT,
): ShiraseProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/tmp',
      NODE_ENV: 'production',
      NEXT_TELEMETRY_DISABLED: '1',
      ...env,
    },
  });
  let output = '';
  const listeners = new Set<() => void>();
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
    for (const listener of listeners) listener();
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const waitFor = (until: () => boolean, timeoutMs: number, what: string) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (!until()) return;
        cleanup();
        resolve();
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`${script}: no "${what}" within ${timeoutMs} ms. Output:\n${output.slice(-4000)}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        listeners.delete(check);
      };
      void exited.then(() => {
        if (until()) return;
        cleanup();
        reject(new Error(`${script} exited before "${what}". Output:\n${output.slice(-4000)}`));
      });
      listeners.add(check);
      check();
    });
  return {
    child,
    pid: child.pid!,
    logs: () => output,
    waitForLog: (text, timeoutMs = 90_000, from = 0) =>
      waitFor(
        () => (typeof text === 'string' ? output.indexOf(text, from) !== -1 : text.test(output.slice(from))),
        timeoutMs,
        String(text),
      ),
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
    async kill9() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
    exited,
  };
}

/** Starts `scripts/start.ts` on a free port and waits until it serves. */
export async function startWebServer(
  env: Record<string, string>,
  cwd?: string,
): Promise<ShiraseProcess & { url: string; port: number }> {
  const port = Number(env.PORT ?? (await freePort()));
  const url = `http://127.0.0.1:${port}`;
  const server = spawnShirase(
    'scripts/start.ts',
    { PORT: String(port), HOSTNAME: '127.0.0.1', PUBLIC_BASE_URL: url, ...env },
    cwd,
  );
  await server.waitForLog('Shirase is ready', 120_000);
  return { ...server, url, port };
}

export async function startWorker(env: Record<string, string>): Promise<ShiraseProcess> {
  const worker = spawnShirase('scripts/worker.ts', env);
  await worker.waitForLog('is dispatching', 60_000);
  return worker;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * A copy of the repository (sources copied, so tsx applies tsconfig.json to them; node_modules
 * linked) with its own copy of the build, so a long benchmark keeps serving the build it started
 * with while others rebuild `.next`. Builds first when asked; building and copying hold the
 * shared build lock, and only for as long as they take.
 */
export function privateBuildFolder(options: { build: boolean }): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shirase-build-'));
  const skipped = new Set(['.next', '.git', '.tmp', 'data', 'test-results', 'playwright-report', 'backups', 'node_modules']);
  for (const entry of fs.readdirSync(ROOT)) {
    if (!skipped.has(entry)) fs.cpSync(path.join(ROOT, entry), path.join(dir, entry), { recursive: true });
  }
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
  const steps = `${options.build ? 'npx next build && ' : ''}cp -a .next "${dir}/.next" && rm -rf "${dir}/.next/cache"`;
  const result = spawnSync('flock', ['/tmp/shirase-build.lock', 'sh', '-c', steps], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
  });
  if (result.status !== 0) throw new Error('building or copying .next failed');
  return dir;
}

/** Whether the PostgreSQL server answers; suites that need it are skipped (with this reason) when it does not. */
export async function postgresAnswers(serverUrl = SHARED_POSTGRES): Promise<boolean> {
  const { default: postgres } = await import('postgres');
  const probe = postgres(serverUrl, { max: 1, connect_timeout: 3, onnotice: () => {} });
  try {
    await probe`select 1`;
    return true;
  } catch {
    console.warn(`PostgreSQL at ${serverUrl} does not answer: the suites that need it are skipped.`);
    return false;
  } finally {
    await probe.end({ timeout: 1 }).catch(() => {});
  }
}
export const NO_POSTGRES = 'needs the PostgreSQL server at 127.0.0.1:5432 (HARDENING_POSTGRES_URL)';

/** A new, empty database on a PostgreSQL server (the shared one by default), dropped by `drop()`. */
export async function createFreshDatabase(
  serverUrl = SHARED_POSTGRES,
  prefix = 'shirase_hardening',
): Promise<{ url: string; name: string; drop(): Promise<void> }> {
  const { default: postgres } = await import('postgres');
  const name = `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    async drop() {
      const again = postgres(serverUrl, { max: 1, onnotice: () => {} });
      await again.unsafe(`drop database if exists ${name} with (force)`).catch(() => {});
      await again.end();
    },
  };
}
