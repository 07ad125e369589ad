import { decodeSse, isJsonObject, safeParseJson } from '@toolbridge/core';
import type { ApiAdapter } from './api-adapter.js';
import { conformanceDefaults } from './conformance-defaults.js';
import type { StepResult } from './step-result.js';

/** A rendered request of one step. */
export interface StepRequest {
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  body?: unknown;
  headers?: Record<string, string> | undefined;
}

/** Options of {@link sendStep}. */
export interface SendStepOptions {
  /** The API base URL, e.g. `http://127.0.0.1:8787/v1`. */
  baseUrl: string;
  /** Sent as `Authorization: Bearer …` when set. */
  apiKey: string | null;
  request: StepRequest;
  adapter: ApiAdapter;
  timeoutMs?: number;
  signal?: AbortSignal | undefined;
}

/** Reads a body as bytes up to a limit, so a runaway answer cannot exhaust memory. */
async function* bounded(source: AsyncIterable<Uint8Array>, maxBytes: number): AsyncIterable<Uint8Array> {
  let total = 0;
  for await (const chunk of source) {
    total += chunk.length;
    if (total > maxBytes) throw new Error(`the answer is larger than ${maxBytes} bytes`);
    yield chunk;
  }
}

function emptyResult(): StepResult {
  return {
    status: 0,
    headers: {},
    body: null,
    text: null,
    stream: false,
    events: [],
    frames: [],
    done: false,
    calls: [],
    outputText: null,
    transportError: null,
  };
}

async function readJson(
  source: AsyncIterable<Uint8Array>,
  result: StepResult,
  adapter: ApiAdapter,
): Promise<void> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of bounded(source, conformanceDefaults.maxBodyBytes)) chunks.push(chunk);
  const text = Buffer.concat(chunks).toString('utf8');
  const parsed = safeParseJson(text);
  if (parsed.success) {
    result.body = parsed.value;
    Object.assign(result, adapter.readBody(parsed.value));
  } else {
    result.text = text.slice(0, conformanceDefaults.maxEvidenceChars);
  }
}

async function readStream(
  source: AsyncIterable<Uint8Array>,
  result: StepResult,
  adapter: ApiAdapter,
): Promise<void> {
  result.stream = true;
  try {
    for await (const message of decodeSse(bounded(source, conformanceDefaults.maxBodyBytes))) {
      if (message.data === '[DONE]') {
        result.done = true;
        continue;
      }
      const parsed = safeParseJson(message.data);
      const data = parsed.success ? parsed.value : message.data;
      result.events.push(data);
      result.frames.push({ event: message.event ?? null, data });
    }
  } finally {
    Object.assign(result, adapter.readStream(result.events));
  }
}

/**
 * Sends one step's request and reads the whole answer into a {@link StepResult}: JSON parsed,
 * event streams decoded and accumulated. Never throws: a refused connection, a timeout or a broken
 * stream becomes `transportError`, which the checks then report as evidence.
 */
export async function sendStep(options: SendStepOptions): Promise<StepResult> {
  const { request, adapter, timeoutMs = conformanceDefaults.requestTimeoutMs } = options;
  const result = emptyResult();
  const wantsStream = isJsonObject(request.body) && request.body['stream'] === true;
  const headers: Record<string, string> = {
    accept: wantsStream ? 'text/event-stream' : 'application/json',
    ...(request.body !== undefined ? { 'content-type': 'application/json' } : {}),
    ...(options.apiKey !== null ? { authorization: `Bearer ${options.apiKey}` } : {}),
    ...request.headers,
  };
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = options.signal === undefined ? timeout : AbortSignal.any([timeout, options.signal]);
  try {
    const response = await fetch(options.baseUrl.replace(/\/+$/, '') + request.path, {
      method: request.method,
      headers,
      ...(request.body !== undefined ? { body: JSON.stringify(request.body) } : {}),
      signal,
    });
    result.status = response.status;
    response.headers.forEach((value, name) => {
      result.headers[name.toLowerCase()] = value;
    });
    const source = (response.body ?? []) as AsyncIterable<Uint8Array>;
    if ((result.headers['content-type'] ?? '').includes('text/event-stream'))
      await readStream(source, result, adapter);
    else await readJson(source, result, adapter);
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    result.transportError = timeout.aborted
      ? `no complete answer within ${timeoutMs} ms`
      : `${(error as Error).message}${cause?.code !== undefined ? ` (${cause.code})` : ''}`;
  }
  return result;
}
