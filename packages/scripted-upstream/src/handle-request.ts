import type { IncomingMessage, ServerResponse } from 'node:http';
import { type AnthropicError, invalidMessages, sendAnthropicError } from './anthropic/anthropic-error.js';
import { handleMessages } from './anthropic/handle-messages.js';
import type { Exchange } from './exchange.js';
import {
  FIXED_TRANSCRIPT_NAMES,
  type FixedEndpoint,
  type FixedTranscriptName,
  fixedTranscript,
} from './fixed-transcripts.js';
import { type GeminiError, invalidApiKey, sendGeminiError } from './gemini/gemini-error.js';
import { handleGemini } from './gemini/handle-gemini.js';
import { handleChatCompletions } from './handle-chat-completions.js';
import { handleModels } from './handle-models.js';
import { handleResponses } from './handle-responses.js';
import { handleResponsesCompact } from './handle-responses-compact.js';
import { parseDirectives } from './parse-directives.js';
import type { PrefixCache } from './prefix-cache.js';
import { readRequestBody } from './read-request-body.js';
import type { RecordedRequest } from './recorded-request.js';
import { safeParseJson } from './safe-parse-json.js';
import type { ScriptedDirectives } from './scripted-directives.js';
import { scriptedIds } from './scripted-ids.js';
import type { FixedModeOptions } from './scripted-upstream-options.js';
import { sendError } from './send-error.js';
import { serveFixedTranscript } from './serve-fixed-transcript.js';
import { invalidRequest } from './upstream-error.js';

/** Resolved server settings the request handler works from. */
export interface HandlerSettings {
  apiKey: string | undefined;
  directives: ScriptedDirectives;
  models: readonly string[];
  record: boolean;
  maxBodyBytes: number;
  fixed: FixedModeOptions | undefined;
  requests: RecordedRequest[];
  prefixCache: PrefixCache;
}

/** Anthropic's Messages API, served next to the OpenAI routes. */
const ANTHROPIC_MESSAGES = '/v1/messages';
const FIXED_ROUTE = /^\/fixed\/([a-z-]+)(\/v1(?:beta)?\/.*)$/;
/** A Gemini model route under a fixed transcript's prefix. */
const FIXED_GEMINI = /^\/v1beta\/models\/[A-Za-z0-9._-]+:(generateContent|streamGenerateContent)$/;
const BAD_JSON =
  "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON.)";

function endpointOf(path: string): FixedEndpoint | null {
  if (path === '/v1/chat/completions') return 'chat';
  if (path === '/v1/responses') return 'responses';
  if (path === ANTHROPIC_MESSAGES) return 'anthropic';
  const gemini = FIXED_GEMINI.exec(path);
  if (gemini !== null) return gemini[1] === 'generateContent' ? 'gemini' : 'gemini-stream';
  return null;
}

function isTranscriptName(name: string): name is FixedTranscriptName {
  return (FIXED_TRANSCRIPT_NAMES as readonly string[]).includes(name);
}

function fixedFor(
  path: string,
  method: string,
  fixed: FixedModeOptions | undefined,
): FixedTranscriptName | null | 'mismatch' {
  const match = FIXED_ROUTE.exec(path);
  const endpoint = endpointOf(match?.[2] ?? path);
  if (method !== 'POST' || endpoint === null) return match === null ? null : 'mismatch';
  // Without a /fixed/<name> prefix only the OpenAI routes take the `fixed` option's transcripts.
  if (match === null && endpoint !== 'chat' && endpoint !== 'responses') return null;
  if (match !== null) {
    const name = match[1] ?? '';
    return isTranscriptName(name) && fixedTranscript(name).endpoint === endpoint ? name : 'mismatch';
  }
  if (fixed === undefined) return null;
  return endpoint === 'chat' ? (fixed.chat ?? 'chat-json') : (fixed.responses ?? 'responses-sse');
}

function authorised(request: IncomingMessage, apiKey: string | undefined): boolean {
  return apiKey === undefined || request.headers.authorization === `Bearer ${apiKey}`;
}

const GEMINI_ROUTE = /^\/v1beta\/models\/([A-Za-z0-9._-]+):(generateContent|streamGenerateContent)$/;

/** A Gemini route: `/v1beta/models/{model}:generateContent` or `:streamGenerateContent` (with `alt=sse`). */
function geminiRoute(
  path: string,
  query: URLSearchParams,
): { model: string; stream: boolean } | GeminiError | null {
  if (!path.startsWith('/v1beta/')) return null;
  const match = GEMINI_ROUTE.exec(path);
  if (match === null) return { code: 404, status: 'NOT_FOUND', message: `Method not found: ${path}` };
  const stream = match[2] === 'streamGenerateContent';
  if (stream && query.get('alt') !== 'sse') {
    return {
      code: 400,
      status: 'INVALID_ARGUMENT',
      message: 'The scripted Gemini upstream streams Server-Sent Events only: add ?alt=sse.',
    };
  }
  return { model: match[1] ?? '', stream };
}

/** Gemini's key check: `x-goog-api-key` (or `?key=`); a wrong key is a 400 API_KEY_INVALID. */
function geminiKeyValid(
  request: IncomingMessage,
  query: URLSearchParams,
  apiKey: string | undefined,
): boolean {
  if (apiKey === undefined) return true;
  return request.headers['x-goog-api-key'] === apiKey || query.get('key') === apiKey;
}

/**
 * The Anthropic route's headers: the key (when one is set) and the required `anthropic-version`, any
 * value. Both key styles pass: `x-api-key` (what toolbridge sends, with version 2023-06-01) and
 * `Authorization: Bearer`, which the official SDK sends since 1.0 (with version 2026-10-21; its
 * `src/client.ts`, `apiKeyAuth`).
 */
function anthropicHeaderError(request: IncomingMessage, apiKey: string | undefined): AnthropicError | null {
  const keyed =
    request.headers['x-api-key'] === apiKey || request.headers.authorization === `Bearer ${apiKey}`;
  if (apiKey !== undefined && !keyed)
    return { status: 401, type: 'authentication_error', message: 'invalid x-api-key' };
  if (typeof request.headers['anthropic-version'] !== 'string')
    return invalidMessages('anthropic-version: header is required');
  return null;
}

async function route(exchange: Exchange, path: string, settings: HandlerSettings): Promise<void> {
  const { request, response, requestId } = exchange;
  const method = request.method ?? 'GET';
  if (method === 'POST' && path === '/v1/chat/completions') return handleChatCompletions(exchange);
  if (method === 'POST' && path === '/v1/responses') return handleResponses(exchange);
  if (method === 'POST' && path === ANTHROPIC_MESSAGES) return handleMessages(exchange);
  if (method === 'POST' && path === '/v1/responses/compact') return handleResponsesCompact(exchange);
  if (method === 'GET' && path === '/v1/models')
    return handleModels(response, { models: settings.models, id: null, requestId });
  if (method === 'GET' && path.startsWith('/v1/models/')) {
    const id = decodeURIComponent(path.slice('/v1/models/'.length));
    return handleModels(response, { models: settings.models, id, requestId });
  }
  sendError(
    response,
    { ...invalidRequest(`Invalid URL (${method} ${path})`, null, null), status: 404 },
    requestId,
  );
}

async function handle(
  request: IncomingMessage,
  response: ServerResponse,
  settings: HandlerSettings,
  signal: AbortSignal,
): Promise<void> {
  const requestId = scriptedIds.request();
  const [path = '/', rawQuery = ''] = (request.url ?? '/').split('?');
  const query = new URLSearchParams(rawQuery);
  const gemini = request.method === 'POST' ? geminiRoute(path, query) : null;
  if (gemini !== null && 'code' in gemini) {
    request.resume();
    return sendGeminiError(response, gemini, requestId);
  }
  if (gemini !== null && !geminiKeyValid(request, query, settings.apiKey)) {
    request.resume();
    return sendGeminiError(response, invalidApiKey(), requestId);
  }
  const anthropic = path === ANTHROPIC_MESSAGES;
  const headerError = anthropic ? anthropicHeaderError(request, settings.apiKey) : null;
  if (headerError !== null) {
    request.resume();
    return sendAnthropicError(response, headerError, requestId);
  }
  if (gemini === null && !anthropic && !authorised(request, settings.apiKey)) {
    request.resume();
    const error = {
      status: 401,
      message: 'Incorrect API key provided.',
      type: 'invalid_request_error',
      param: null,
      code: 'invalid_api_key',
    };
    return sendError(response, error, requestId);
  }
  const fixed = gemini !== null ? null : fixedFor(path, request.method ?? 'GET', settings.fixed);
  if (fixed === 'mismatch') {
    request.resume();
    const message = `No fixed transcript for ${request.method ?? 'GET'} ${path}; use /fixed/<name>/v1/... with a transcript of that endpoint.`;
    return sendError(response, { ...invalidRequest(message, null, null), status: 404 }, requestId);
  }
  if (fixed !== null)
    return serveFixedTranscript(request, response, fixedTranscript(fixed), settings.fixed?.chunkDelayMs ?? 0);
  const read = await readRequestBody(request, settings.maxBodyBytes);
  if (!read.ok) {
    const error = {
      status: 413,
      message: `Request body larger than ${settings.maxBodyBytes} bytes.`,
      type: 'invalid_request_error',
      param: null,
      code: 'request_too_large',
    };
    if (read.reason !== 'too-large') return;
    if (anthropic)
      sendAnthropicError(
        response,
        { status: 413, type: 'request_too_large', message: error.message },
        requestId,
      );
    else sendError(response, error, requestId);
    return;
  }
  const parsed = read.text === '' ? { ok: true as const, value: undefined } : safeParseJson(read.text);
  const body = parsed.ok ? parsed.value : undefined;
  if (settings.record)
    settings.requests.push({ method: request.method ?? 'GET', path, headers: { ...request.headers }, body });
  if (!parsed.ok && gemini !== null) {
    return sendGeminiError(
      response,
      { code: 400, status: 'INVALID_ARGUMENT', message: 'Invalid JSON payload received.' },
      requestId,
    );
  }
  if (!parsed.ok && anthropic)
    return sendAnthropicError(
      response,
      invalidMessages('There was an issue with the JSON body of your request.'),
      requestId,
    );
  if (!parsed.ok) return sendError(response, invalidRequest(BAD_JSON, null, null), requestId);
  const header = request.headers['x-scripted-directives'];
  const directives = parseDirectives(
    Array.isArray(header) ? header.join(' ') : (header ?? ''),
    settings.directives,
  );
  const exchange: Exchange = {
    request,
    response,
    body,
    directives,
    prefixCache: settings.prefixCache,
    signal,
    requestId,
  };
  if (gemini !== null) return handleGemini(exchange, gemini);
  await route(exchange, path, settings);
}

/**
 * The `node:http` request listener of the scripted upstream: auth, fixed transcripts, body parsing,
 * recording, then routing. Anything thrown becomes a 500 envelope (or a destroyed socket once
 * streaming has begun), never a 200.
 */
export function createRequestHandler(
  settings: HandlerSettings,
): (request: IncomingMessage, response: ServerResponse) => void {
  return (request, response) => {
    const controller = new AbortController();
    response.on('close', () => controller.abort());
    handle(request, response, settings, controller.signal).catch((error: unknown) => {
      const message = `Scripted upstream bug: ${error instanceof Error ? error.message : String(error)}`;
      sendError(
        response,
        { status: 500, message, type: 'server_error', param: null, code: null },
        scriptedIds.request(),
      );
    });
  };
}
