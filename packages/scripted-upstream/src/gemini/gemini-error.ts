import type { ServerResponse } from 'node:http';
import { SCRIPTED_UPSTREAM_DEFAULTS } from '../scripted-upstream-defaults.js';

/** Google's canonical status names by HTTP status, as the Gemini API pairs them. */
const STATUS_NAMES = new Map<number, string>([
  [400, 'INVALID_ARGUMENT'],
  [401, 'UNAUTHENTICATED'],
  [403, 'PERMISSION_DENIED'],
  [404, 'NOT_FOUND'],
  [429, 'RESOURCE_EXHAUSTED'],
  [499, 'CANCELLED'],
  [500, 'INTERNAL'],
  [503, 'UNAVAILABLE'],
  [504, 'DEADLINE_EXCEEDED'],
]);

/** A Gemini error before it is written: `{"error":{code, message, status, details?}}`. */
export interface GeminiError {
  code: number;
  message: string;
  status: string;
  details?: Array<Record<string, unknown>>;
}

/** The error Gemini sends for a request it rejects (400 INVALID_ARGUMENT). */
export function invalidArgument(message: string, details?: Array<Record<string, unknown>>): GeminiError {
  return { code: 400, message, status: 'INVALID_ARGUMENT', ...(details !== undefined ? { details } : {}) };
}

/** An error for an HTTP status with Google's status name (`#error=NNN`); 429 carries a RetryInfo of 1 s. */
export function geminiHttpError(code: number): GeminiError {
  const status = STATUS_NAMES.get(code) ?? (code >= 500 ? 'INTERNAL' : 'FAILED_PRECONDITION');
  if (code === 429) {
    return {
      code,
      status,
      message:
        'You exceeded your current quota, please check your plan and billing details (scripted upstream #error=429).',
      details: [
        {
          '@type': 'type.googleapis.com/google.rpc.RetryInfo',
          retryDelay: SCRIPTED_UPSTREAM_DEFAULTS.geminiRetryDelay,
        },
      ],
    };
  }
  return { code, status, message: `Scripted Gemini upstream error ${code} (#error=${code}).` };
}

/** The 400 Gemini answers a wrong API key with (it is not a 401). */
export function invalidApiKey(): GeminiError {
  return invalidArgument('API key not valid. Please pass a valid API key.', [
    {
      '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
      reason: 'API_KEY_INVALID',
      domain: 'googleapis.com',
    },
  ]);
}

/** Sends a Gemini error body as JSON (also for stream requests: the error comes before any event). */
export function sendGeminiError(response: ServerResponse, error: GeminiError, requestId: string): void {
  if (response.headersSent || response.destroyed) {
    response.destroy();
    return;
  }
  const text = JSON.stringify({ error });
  response.writeHead(error.code, {
    'content-type': 'application/json; charset=UTF-8',
    'content-length': Buffer.byteLength(text),
    'x-request-id': requestId,
  });
  response.end(text);
}
