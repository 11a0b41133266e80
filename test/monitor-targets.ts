import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import dgram from 'node:dgram';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import dnsPacket from 'dns-packet';

// Local targets for monitor tests and the benchmark: an HTTP server, a TCP listener and a
// small DNS responder on loopback, each switchable between healthy and failing; an HTTPS
// server with a self-signed certificate made for the test.

export async function startHttpTarget() {
  const state = { healthy: true, hang: false, requests: 0 };
  const server = http.createServer((req, res) => {
    state.requests++;
    if (state.hang) return; // never answers: the check must time out
    // /hop/3 → /hop/2 → /hop/1 → /hop/0 → /health; /loop redirects to itself.
    const hop = /^\/hop\/(\d+)$/.exec(req.url ?? '');
    if (hop || req.url === '/loop') {
      const next = !hop ? '/loop' : hop[1] === '0' ? '/health' : `/hop/${Number(hop[1]) - 1}`;
      res.writeHead(302, { location: next });
      return res.end();
    }
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

/** A self-signed certificate for 127.0.0.1 valid for `days` days (openssl), as PEM. */
export function selfSignedCertificate(days: number): { key: string; cert: string; validTo: Date } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shirase-tls-'));
  try {
    const key = path.join(dir, 'key.pem');
    const cert = path.join(dir, 'cert.pem');
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        key,
        '-out',
        cert,
        '-days',
        String(days),
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
      ],
      { stdio: 'ignore' },
    );
    const pem = fs.readFileSync(cert, 'utf8');
    return { key: fs.readFileSync(key, 'utf8'), cert: pem, validTo: new Date(new X509Certificate(pem).validTo) };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** An HTTPS health endpoint on loopback with a self-signed certificate that expires in `days` days. */
export async function startHttpsTarget(days: number) {
  const { key, cert, validTo } = selfSignedCertificate(days);
  const server = https.createServer({ key, cert }, (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end('ok');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `https://127.0.0.1:${port}/health`,
    validTo,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
