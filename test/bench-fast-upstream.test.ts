// The bench's instant upstream (bench/fast-upstream.mjs) answers with the scripted upstream's fixed
// transcripts byte for byte, whatever framing the request body has. Real sockets.
import { connect } from 'node:net';
import { fixedTranscript } from '@toolbridge/scripted-upstream';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// (The bench is plain JavaScript; this file is run by Vitest, not type-checked.)
import { startFastUpstream } from '../bench/fast-upstream.mjs';

describe('bench fast upstream', () => {
  let upstream: { port: number; close(): Promise<void> };
  const origin = () => `http://127.0.0.1:${upstream.port}`;

  beforeAll(async () => {
    upstream = await startFastUpstream({ chat: 'chat-json', responses: 'responses-sse' });
  });
  afterAll(async () => {
    await upstream.close();
  });

  it('answers the default routes and /fixed/<name>/ routes with the transcripts, for a Content-Length body', async () => {
    const cases = [
      ['/v1/chat/completions', 'chat-json'],
      ['/v1/responses', 'responses-sse'],
      ['/fixed/chat-sse/v1/chat/completions', 'chat-sse'],
      ['/fixed/gemini-json/v1beta/models/gemini-3-flash:generateContent', 'gemini-json'],
    ] as const;
    for (const [path, name] of cases) {
      const answer = await request(`${origin()}${path}`, { method: 'POST', body: '{"model":"m"}' });
      expect(answer.statusCode).toBe(200);
      expect(answer.headers['content-type']).toBe(fixedTranscript(name).contentType);
      expect(Buffer.from(await answer.body.arrayBuffer())).toEqual(fixedTranscript(name).body);
    }
    const missing = await request(`${origin()}/fixed/nope/v1/chat/completions`, {
      method: 'POST',
      body: '{}',
    });
    expect(missing.statusCode).toBe(404);
    await missing.body.text();
  });

  it('reads a chunked body, and pipelined requests split anywhere, answering each once in order', async () => {
    const chunked = await request(`${origin()}/v1/chat/completions`, {
      method: 'POST',
      body: (async function* () {
        yield '{"model":';
        yield '"m"}';
      })(),
    });
    expect(Buffer.from(await chunked.body.arrayBuffer())).toEqual(fixedTranscript('chat-json').body);

    const body = 'x'.repeat(70_000);
    const one = `POST /fixed/chat-text/v1/chat/completions HTTP/1.1\r\nHost: a\r\nContent-Length: ${body.length}\r\n\r\n${body}`;
    const two =
      'POST /v1/chat/completions HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n';
    const wire = Buffer.from(one + two);
    const expected = fixedTranscript('chat-text').body.length + fixedTranscript('chat-json').body.length;
    const received = await new Promise<string>((resolve, reject) => {
      const socket = connect(upstream.port, '127.0.0.1');
      let text = '';
      socket.on('data', (data) => {
        text += data.toString('utf8');
        const bodies = text.split('\r\n\r\n').slice(1).join('').length;
        if (bodies >= expected) {
          socket.end();
          resolve(text);
        }
      });
      socket.on('error', reject);
      // Cut the bytes at awkward places: inside a head, inside a body, inside a chunk size line.
      for (const [start, end] of [
        [0, 10],
        [10, 5_000],
        [5_000, one.length + 60],
        [one.length + 60, wire.length],
      ] as const)
        socket.write(wire.subarray(start, end));
    });
    expect(received.match(/HTTP\/1\.1 200 OK/g)).toHaveLength(2);
    expect(received.indexOf(fixedTranscript('chat-text').body.toString('utf8'))).toBeLessThan(
      received.indexOf(fixedTranscript('chat-json').body.toString('utf8')),
    );
  });
});
