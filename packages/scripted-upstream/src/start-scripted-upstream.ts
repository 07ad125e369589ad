import { createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { FixedTranscriptName } from './fixed-transcripts.js';
import { createRequestHandler } from './handle-request.js';
import { applyNonConforming } from './non-conforming-mode.js';
import { parseDirectives } from './parse-directives.js';
import { PrefixCache } from './prefix-cache.js';
import type { RecordedRequest } from './recorded-request.js';
import { NO_DIRECTIVES } from './scripted-directives.js';
import { SCRIPTED_UPSTREAM_DEFAULTS } from './scripted-upstream-defaults.js';
import type { ScriptedUpstream, ScriptedUpstreamOptions } from './scripted-upstream-options.js';

function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}

/**
 * Starts the scripted upstream: a deterministic test double of an OpenAI-compatible provider (not a
 * model) speaking Chat Completions and Responses, JSON and SSE, on `node:http`. Used by the
 * gateway's end-to-end tests, `toolbridge demo` and the benchmark; see docs/scripted-upstream.md.
 */
export async function startScriptedUpstream(
  options: ScriptedUpstreamOptions = {},
): Promise<ScriptedUpstream> {
  const {
    host = SCRIPTED_UPSTREAM_DEFAULTS.host,
    port = SCRIPTED_UPSTREAM_DEFAULTS.port,
    models = SCRIPTED_UPSTREAM_DEFAULTS.models,
    record = true,
    maxBodyBytes = SCRIPTED_UPSTREAM_DEFAULTS.maxBodyBytes,
  } = options;
  const requests: RecordedRequest[] = [];
  const handler = createRequestHandler({
    apiKey: options.apiKey,
    directives: applyNonConforming(
      parseDirectives(options.directives ?? '', NO_DIRECTIVES),
      options.nonConforming ?? [],
    ),
    models,
    record,
    maxBodyBytes,
    fixed: options.fixed,
    requests,
    prefixCache: new PrefixCache(),
  });
  const server = createServer(handler);
  server.keepAliveTimeout = SCRIPTED_UPSTREAM_DEFAULTS.keepAliveTimeoutMs;
  server.headersTimeout = SCRIPTED_UPSTREAM_DEFAULTS.keepAliveTimeoutMs + 1_000;
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const bound = (server.address() as AddressInfo).port;
  const origin = `http://${urlHost(host)}:${bound}`;
  let closing: Promise<void> | undefined;
  return {
    url: `${origin}/v1`,
    geminiUrl: `${origin}/v1beta`,
    port: bound,
    requests,
    fixedUrl: (name: FixedTranscriptName) =>
      `${origin}/fixed/${name}/${name.startsWith('gemini') ? 'v1beta' : 'v1'}`,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
      return closing;
    },
  };
}
