import { mkdirSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import type { IncomingHttpHeaders } from 'node:http';
import { join } from 'node:path';
import { safeParseJson } from '@toolbridge/core';
import type { ProviderConfig } from '../../config/gateway-config.js';
import type { DispatchedReply, TapeRequest, UpstreamTape } from '../upstream-exchange.js';
import { canonicalRequest } from './canonical-request.js';
import { CASSETTE_VERSION, type Cassette } from './cassette.js';
import { cassetteFileName, nextSequence } from './cassette-file-name.js';
import { framesOfChunks } from './frames-of-chunks.js';
import { RecordingBody, type TimedChunk } from './recording-body.js';
import { redactFields } from './redact-fields.js';

/** Response headers worth keeping: what replay needs (type, retry advice) and the request id. */
const KEPT_HEADERS = ['content-type', 'retry-after', 'retry-after-ms', 'x-should-retry', 'x-request-id'];

/** Options of {@link createRecordingTape}. */
export interface RecordingTapeOptions {
  dir: string;
  /** `--redact`: fields removed from requests and responses before writing. */
  redact: readonly string[];
  /** Called when a cassette cannot be written; the request itself is not affected. */
  onError?: (error: unknown) => void;
}

/** One recorder per gateway; `tapeFor` gives each provider its tape. */
export interface CassetteRecorder {
  tapeFor(provider: ProviderConfig): UpstreamTape;
  close(): Promise<void>;
}

function keptHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const name of KEPT_HEADERS) {
    const value = headers[name];
    if (typeof value === 'string') kept[name] = value;
  }
  return kept;
}

/** The base URL without credentials or query (a query may carry a key, as Gemini's does). */
function safeBaseUrl(baseUrl: string): string {
  const url = new URL(baseUrl);
  return `${url.protocol}//${url.host}${url.pathname}`;
}

/** Every secret the provider holds, for a last scrub of the file text. */
function secretsOf(provider: ProviderConfig): string[] {
  return [provider.apiKey ?? '', ...Object.values(provider.headers)].filter((secret) => secret.length >= 4);
}

/**
 * `serve --record DIR` (docs/cassettes.md): writes every upstream exchange as one pretty-printed
 * JSON file. Requests are stored without headers; responses keep a few harmless headers; the
 * `--redact` fields are removed; and the provider's key and header values are scrubbed from the
 * text in case an upstream echoed them.
 */
export function createCassetteRecorder(options: RecordingTapeOptions): CassetteRecorder {
  mkdirSync(options.dir, { recursive: true });
  let sequence = nextSequence(options.dir);
  const pending = new Set<Promise<void>>();

  const track = (work: Promise<void>): void => {
    const tracked = work.catch((error: unknown) => options.onError?.(error));
    pending.add(tracked);
    void tracked.finally(() => pending.delete(tracked));
  };
  // Numbered when the request starts, so the files read in request order even when a stream
  // finishes after a later request.
  const write = (cassette: Cassette, number: number, secrets: readonly string[]): Promise<void> => {
    const name = cassetteFileName({ sequence: number, path: cassette.request.path, key: cassette.key });
    let text = `${JSON.stringify(cassette, null, 2)}\n`;
    for (const secret of secrets) text = text.replaceAll(secret, '[redacted]');
    return writeFile(join(options.dir, name), text);
  };

  const tapeFor = (provider: ProviderConfig): UpstreamTape => {
    const secrets = secretsOf(provider);
    const header = (request: TapeRequest, headersMs: number) => {
      const parsed = safeParseJson(request.body);
      const body = redactFields(parsed.success ? parsed.value : request.body, options.redact);
      return {
        toolbridgeCassette: CASSETTE_VERSION,
        recordedAt: new Date().toISOString(),
        provider: {
          name: provider.name,
          api: provider.api,
          kind: provider.kind,
          baseUrl: safeBaseUrl(provider.baseUrl),
        },
        key: canonicalRequest({ path: request.path, body, redact: [] }).key,
        redacted: [...options.redact],
        request: { method: 'POST' as const, path: request.path, stream: request.stream, body },
        headersMs: Math.round(headersMs),
      };
    };
    return {
      async exchange(request, live): Promise<DispatchedReply> {
        const number = sequence++;
        const startedAt = performance.now();
        const reply = await live();
        const { headersMs, ...head } = header(request, performance.now() - startedAt);
        const response = { status: reply.status, headers: keptHeaders(reply.headers), headersMs };
        if ('text' in reply) {
          const parsed = safeParseJson(reply.text);
          const content = parsed.success
            ? { body: redactFields(parsed.value, options.redact) }
            : { text: reply.text };
          track(write({ ...head, response: { ...response, ...content } }, number, secrets));
          return reply;
        }
        const onEnd = (chunks: TimedChunk[], error: Error | null): void => {
          track(
            framesOfChunks(chunks).then((frames) => {
              const redacted = frames.map((frame) =>
                frame.data === undefined
                  ? frame
                  : { ...frame, data: redactFields(frame.data, options.redact) },
              );
              const failure = error === null ? {} : { error: error.message };
              return write(
                { ...head, response: { ...response, frames: redacted, ...failure } },
                number,
                secrets,
              );
            }),
          );
        };
        return { ...reply, body: new RecordingBody(reply.body, onEnd) };
      },
      close: () => recorder.close(),
    };
  };

  const recorder: CassetteRecorder = {
    tapeFor,
    async close() {
      while (pending.size > 0) await Promise.all([...pending]);
    },
  };
  return recorder;
}
