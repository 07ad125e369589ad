import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WireListener } from './wire-hop.js';

/** A relay between the demo's gateway and its upstream that reports both bodies of every exchange. */
export interface WireTap {
  /** Base URL to give the gateway instead of the upstream's (same path). */
  url: string;
  close(): Promise<void>;
}

/** Request headers not forwarded: hop-by-hop ones, and accept-encoding so bodies arrive readable. */
const DROPPED_REQUEST = new Set(['host', 'connection', 'content-length', 'accept-encoding', 'keep-alive']);
/** fetch has already decoded and de-chunked the body. */
const DROPPED_RESPONSE = new Set(['content-encoding', 'content-length', 'transfer-encoding', 'connection']);

function readAll(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

async function relay(target: URL, request: IncomingMessage, response: ServerResponse, onWire: WireListener) {
  const body = await readAll(request);
  const path = request.url ?? '/';
  onWire({ hop: 'gateway→upstream', label: `${request.method} ${path}`, body: body.toString('utf8') });
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (typeof value === 'string' && !DROPPED_REQUEST.has(name)) headers.set(name, value);
  }
  const upstream = await fetch(new URL(path, target.origin), {
    method: request.method ?? 'POST',
    headers,
    ...(body.length > 0 ? { body } : {}),
  });
  const forwarded: Record<string, string> = {};
  upstream.headers.forEach((value, name) => {
    if (!DROPPED_RESPONSE.has(name)) forwarded[name] = value;
  });
  response.writeHead(upstream.status, forwarded);
  let text = '';
  const decoder = new TextDecoder();
  if (upstream.body !== null) {
    for await (const chunk of upstream.body) {
      text += decoder.decode(chunk, { stream: true });
      response.write(chunk);
    }
  }
  onWire({ hop: 'upstream→gateway', label: String(upstream.status), body: text + decoder.decode() });
  response.end();
}

/**
 * Starts the relay on a free loopback port in front of `upstreamUrl` (only with `demo --verbose`): it
 * forwards every request as it is, streams the answer back as it comes, and reports the request body
 * once read and the answer once complete, so the trace can print them after their hop.
 */
export async function startWireTap(upstreamUrl: string, onWire: WireListener): Promise<WireTap> {
  const target = new URL(upstreamUrl);
  const server = createServer((request, response) => {
    relay(target, request, response, onWire).catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(502, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify({
          error: {
            message: `wire tap: ${(error as Error).message}`,
            type: 'server_error',
            param: null,
            code: null,
          },
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${target.pathname.replace(/\/+$/, '')}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
