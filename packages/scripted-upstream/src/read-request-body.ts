import type { IncomingMessage } from 'node:http';

/** Outcome of {@link readRequestBody}. */
export type BodyRead = { ok: true; text: string } | { ok: false; reason: 'too-large' | 'aborted' };

/** Collects a request body as UTF-8, refusing bodies over `maxBytes` (every size is bounded). */
export function readRequestBody(request: IncomingMessage, maxBytes: number): Promise<BodyRead> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (result: BodyRead): void => {
      if (settled) return;
      settled = true;
      resolve(result);
    };
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        chunks.length = 0;
        request.resume();
        settle({ ok: false, reason: 'too-large' });
        return;
      }
      if (!settled) chunks.push(chunk);
    });
    request.on('end', () => settle({ ok: true, text: Buffer.concat(chunks).toString('utf8') }));
    request.on('error', () => settle({ ok: false, reason: 'aborted' }));
    request.on('close', () => settle({ ok: false, reason: 'aborted' }));
  });
}
