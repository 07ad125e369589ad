// The bench's instant upstream: the scripted upstream's fixed transcripts (the same bytes, from
// @toolbridge/scripted-upstream) answered from a `node:net` server with a minimal HTTP/1.1 reader.
//
// Why by hand: the closed loop is only valid when the load core (this upstream plus the load
// generator) outruns the target on its own core by 2.5×. A `node:http` server costs about as much
// per request as the bare relay it feeds, so the relay's rate would be the load core's. No library
// answers pre-built bytes cheaper than a socket write, and this reader only needs what load
// generators and undici send: a request line, headers, and a body framed by Content-Length or
// chunked encoding, on keep-alive connections. It is a bench double, never a server for anything else.
import { createServer } from 'node:net';
import { FIXED_TRANSCRIPT_NAMES, fixedTranscript } from '@toolbridge/scripted-upstream';

const HEADER_END = Buffer.from('\r\n\r\n');
const MAX_HEAD = 64 * 1024;
const FIXED_PREFIX = /^\/fixed\/([a-z-]+)\//;

/** The whole HTTP response for a transcript, built once: status line, headers and body. */
function responseBytes(transcript) {
  const head =
    `HTTP/1.1 200 OK\r\ncontent-type: ${transcript.contentType}\r\n` +
    `content-length: ${transcript.body.length}\r\nconnection: keep-alive\r\n\r\n`;
  return Buffer.concat([Buffer.from(head, 'latin1'), transcript.body]);
}

const NOT_FOUND_BODY = JSON.stringify({
  error: { message: 'No fixed transcript for this path.', type: 'not_found' },
});
const NOT_FOUND = Buffer.from(
  `HTTP/1.1 404 Not Found\r\ncontent-type: application/json\r\ncontent-length: ${NOT_FOUND_BODY.length}\r\n\r\n${NOT_FOUND_BODY}`,
  'latin1',
);

/**
 * The answer for a request path: `/fixed/<name>/...` names the transcript; otherwise the defaults
 * (`/v1/chat/completions` → `chat`, `/v1/responses` → `responses`).
 */
function makeRouter(defaults) {
  const byName = new Map(FIXED_TRANSCRIPT_NAMES.map((name) => [name, responseBytes(fixedTranscript(name))]));
  const byPath = new Map([
    ['/v1/chat/completions', byName.get(defaults.chat)],
    ['/v1/responses', byName.get(defaults.responses)],
  ]);
  return (path) => {
    const prefix = FIXED_PREFIX.exec(path);
    if (prefix !== null) return byName.get(prefix[1]) ?? NOT_FOUND;
    return byPath.get(path) ?? NOT_FOUND;
  };
}

/** Length of a complete chunked body at the start of `buffer`, or -1 while incomplete. */
function chunkedLength(buffer, start) {
  let offset = start;
  for (;;) {
    const lineEnd = buffer.indexOf('\r\n', offset, 'latin1');
    if (lineEnd === -1) return -1;
    const size = Number.parseInt(buffer.toString('latin1', offset, lineEnd), 16);
    if (!Number.isFinite(size)) throw new Error('bad chunk size');
    const next = lineEnd + 2 + size + 2;
    if (next > buffer.length) return -1;
    if (size === 0) return next - start;
    offset = next;
  }
}

function handleConnection(socket, route) {
  let pending = null; // bytes of an incomplete request head (or chunked body)
  let skip = 0; // bytes of a Content-Length body still to discard, never buffered
  let answer = null; // the answer to send once the body being skipped has arrived
  socket.setNoDelay(true);
  socket.on('error', () => socket.destroy());
  socket.on('data', (data) => {
    let buffer = pending === null ? data : Buffer.concat([pending, data]);
    pending = null;
    const out = [];
    try {
      for (;;) {
        if (skip > 0) {
          const taken = Math.min(skip, buffer.length);
          skip -= taken;
          buffer = buffer.subarray(taken);
          if (skip > 0) break;
          out.push(answer);
          answer = null;
        }
        if (buffer.length === 0) break;
        const headEnd = buffer.indexOf(HEADER_END);
        if (headEnd === -1) {
          if (buffer.length > MAX_HEAD) throw new Error('head too large');
          pending = buffer;
          break;
        }
        const head = buffer.toString('latin1', 0, headEnd).toLowerCase();
        const path = head.slice(head.indexOf(' ') + 1, head.indexOf(' ', head.indexOf(' ') + 1));
        const bodyStart = headEnd + 4;
        if (head.includes('\r\ntransfer-encoding: chunked')) {
          const length = chunkedLength(buffer, bodyStart);
          if (length === -1) {
            pending = buffer;
            break;
          }
          out.push(route(path.split('?')[0]));
          buffer = buffer.subarray(bodyStart + length);
          continue;
        }
        const length = /\r\ncontent-length:\s*(\d+)/.exec(head);
        skip = length === null ? 0 : Number(length[1]);
        answer = route(path.split('?')[0]);
        buffer = buffer.subarray(bodyStart);
        if (skip === 0) {
          out.push(answer);
          answer = null;
        }
      }
    } catch {
      socket.destroy();
      return;
    }
    if (out.length === 1) socket.write(out[0]);
    else if (out.length > 1) socket.write(Buffer.concat(out));
  });
}

/** Starts the responder on 127.0.0.1; resolves with `{ port, close() }`. */
export function startFastUpstream(defaults) {
  const route = makeRouter(defaults);
  const sockets = new Set();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    handleConnection(socket, route);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      resolve({
        port: server.address().port,
        close: () =>
          new Promise((done) => {
            for (const socket of sockets) socket.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}
