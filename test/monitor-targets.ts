import dgram from 'node:dgram';
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import dnsPacket from 'dns-packet';

// Local targets for monitor tests and the benchmark: an HTTP server, a TCP listener and a
// small DNS responder on loopback, each switchable between healthy and failing.

export async function startHttpTarget() {
  const state = { healthy: true, hang: false, requests: 0 };
  const server = http.createServer((req, res) => {
    state.requests++;
    if (state.hang) return; // never answers: the check must time out
    res.writeHead(state.healthy ? 200 : 503, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ status: state.healthy ? 'ok' : 'failing' }));
  });
  server.keepAliveTimeout = 1;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    state,
    url: `http://127.0.0.1:${port}/health`,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A TCP port that can be closed and opened again on the same number. */
export async function startTcpTarget() {
  let server: net.Server | null = null;
  const sockets = new Set<net.Socket>();
  const open = (port = 0) =>
    new Promise<number>((resolve) => {
      server = net.createServer((socket) => {
        sockets.add(socket);
        socket.on('close', () => sockets.delete(socket));
        socket.end();
      });
      server.listen(port, '127.0.0.1', () => resolve((server!.address() as AddressInfo).port));
    });
  const close = () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      if (!server) return resolve();
      server.close(() => resolve());
      server = null;
    });
  const port = await open();
  return { port, close, reopen: () => open(port) };
}

/** Answers A queries with `address`; while failing, with SERVFAIL. */
export async function startDnsTarget(address: string) {
  const state = { healthy: true };
  const socket = dgram.createSocket('udp4');
  socket.on('message', (message, peer) => {
    const query = dnsPacket.decode(message);
    const question = query.questions?.[0];
    const reply = dnsPacket.encode({
      type: 'response',
      id: query.id,
      flags: dnsPacket.RECURSION_DESIRED | dnsPacket.RECURSION_AVAILABLE | (state.healthy ? 0 : 2),
      questions: query.questions,
      answers: state.healthy && question?.type === 'A' ? [{ type: 'A', name: question.name, ttl: 30, data: address }] : [],
    });
    socket.send(reply, peer.port, peer.address);
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  const port = socket.address().port;
  return { state, resolver: `127.0.0.1:${port}`, close: () => new Promise<void>((resolve) => socket.close(() => resolve())) };
}
