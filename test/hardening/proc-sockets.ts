import fs from 'node:fs';

// Which of the given processes holds an open TCP connection to a local port (Linux /proc), so a
// crash test can kill exactly the worker that is in the middle of a send to a fake provider.

function socketInodesTo(port: number): Set<string> {
  const inodes = new Set<string>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    if (!fs.existsSync(table)) continue;
    for (const line of fs.readFileSync(table, 'utf8').split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      if (fields.length < 10) continue;
      const remotePort = parseInt(fields[2].split(':')[1], 16);
      // 01 = ESTABLISHED
      if (remotePort === port && fields[3] === '01') inodes.add(fields[9]);
    }
  }
  return inodes;
}

export function pidsConnectedTo(port: number, pids: number[]): number[] {
  const inodes = socketInodesTo(port);
  return pids.filter((pid) => {
    try {
      return fs.readdirSync(`/proc/${pid}/fd`).some((fd) => {
        const target = fs.readlinkSync(`/proc/${pid}/fd/${fd}`);
        return target.startsWith('socket:[') && inodes.has(target.slice(8, -1));
      });
    } catch {
      return false;
    }
  });
}
