/**
 * An HTTP proxy on 127.0.0.1 in front of a server: every request waits `ms` before it is forwarded,
 * and is counted, so a call's round trips show as its elapsed time over the latency and its requests
 * in `count`. Used for a real InfluxDB 1.x (which has no fault hooks of the emulator's), and with
 * `replay` for a fleet: a GET answered once is answered again from memory, as fifty servers of their
 * own would answer, without the one emulator's work fifty times over in the bench's process.
 */
import { createServer, request as forward, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LatencyProxy {
  url: string;
  /** Latency added to every request from now on. */
  ms: number;
  count: number;
  close(): Promise<void>;
}

interface Recorded {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export async function startLatencyProxy(target: string, options: { replay?: boolean } = {}): Promise<LatencyProxy> {
  const to = new URL(target);
  const recorded = new Map<string, Promise<Recorded>>();
  const fetchUpstream = (method: string, path: string, headers: IncomingHttpHeaders, body: Buffer) =>
    new Promise<Recorded>((resolve, reject) => {
      const upstream = forward({ host: to.hostname, port: to.port, path, method, headers }, (answer) => {
        const chunks: Buffer[] = [];
        answer.on('data', (c: Buffer) => chunks.push(c));
        answer.on('end', () =>
          resolve({ status: answer.statusCode ?? 502, headers: answer.headers, body: Buffer.concat(chunks) }),
        );
      });
      upstream.on('error', reject);
      upstream.end(body);
    });
  const proxy: LatencyProxy = { url: '', ms: 0, count: 0, close: async () => undefined };
  const server: Server = createServer((incoming, outgoing) => {
    proxy.count += 1;
    const chunks: Buffer[] = [];
    incoming.on('data', (c: Buffer) => chunks.push(c));
    incoming.on('end', () => {
      setTimeout(() => {
        const method = incoming.method ?? 'GET';
        const path = incoming.url ?? '/';
        const key = `${method} ${path} ${incoming.headers.authorization ?? ''}`;
        const cached = options.replay && method === 'GET' ? recorded.get(key) : undefined;
        const answer = cached ?? fetchUpstream(method, path, incoming.headers, Buffer.concat(chunks));
        if (options.replay && method === 'GET') recorded.set(key, answer);
        answer.then(
          (a) => outgoing.writeHead(a.status, a.headers).end(a.body),
          () => outgoing.destroy(),
        );
      }, proxy.ms);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  proxy.close = () =>
    new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return proxy;
}
