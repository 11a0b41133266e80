import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

// A private PostgreSQL 15 cluster in a temp folder, on a free loopback port, for tests that
// must stop and start the database (the shared server at :5432 is never touched).
const BIN = '/usr/lib/postgresql/15/bin';

export type ThrowawayCluster = { url: string; stop(): void; start(): void; destroy(): void };

export async function startThrowawayCluster(): Promise<ThrowawayCluster> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shirase-pg-'));
  fs.chmodSync(dir, 0o777);
  const data = path.join(dir, 'data');
  const port = await freePort();
  // initdb refuses to run as root: run the cluster as the postgres user.
  const asPostgres = (command: string) => execFileSync('su', ['postgres', '-s', '/bin/sh', '-c', command], { stdio: 'pipe' });
  asPostgres(`${BIN}/initdb -D ${data} -U postgres --auth=trust -E UTF8 --no-sync > ${dir}/initdb.log 2>&1`);
  const start = () =>
    asPostgres(
      `${BIN}/pg_ctl -D ${data} -l ${dir}/server.log -w -o "-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off" start > /dev/null`,
    );
  const stop = () => asPostgres(`${BIN}/pg_ctl -D ${data} -m immediate -w stop > /dev/null 2>&1 || true`);
  start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    start,
    stop,
    destroy() {
      stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
