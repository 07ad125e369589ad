import { jsonDepth, safeParseJson } from '@toolbridge/core';
import { gatewayDefaults } from '../defaults.js';
import { GatewayError } from '../errors/gateway-error.js';
import { readBody } from '../http/read-body.js';
import type { RequestContext } from '../http/request-context.js';

/**
 * Only `application/json` bodies are read (415 otherwise): a web page can send `text/plain`,
 * form or multipart bodies to any address without a CORS preflight, but not JSON (SECURITY.md).
 */
function requireJsonContentType(context: RequestContext): void {
  const header = context.request.headers['content-type'] ?? '';
  const type = header.split(';', 1)[0]?.trim().toLowerCase() ?? '';
  if (type === 'application/json') return;
  throw new GatewayError({
    code: 'unsupported_media_type',
    message: `Send the request body as JSON with "Content-Type: application/json" (got ${header === '' ? 'no Content-Type' : `'${header.slice(0, 100)}'`}). The gateway refuses other types so that web pages cannot post to it.`,
    openaiCode: 'unsupported_media_type',
  });
}

/**
 * Reads and parses the request body; malformed JSON is a 400 with OpenAI's wording, and so is a body
 * nested deeper than `gatewayDefaults.maxJsonDepth` (never a 500). A body that is not
 * `application/json` is refused with 415 before it is read.
 */
export async function readJsonBody(context: RequestContext, maxBytes: number): Promise<unknown> {
  return parseJsonText(await readJsonText(context, maxBytes));
}

/** The text of a JSON request body (415 when it is not JSON, 400 when it is empty); not parsed yet. */
export async function readJsonText(context: RequestContext, maxBytes: number): Promise<string> {
  requireJsonContentType(context);
  const body = await readBody(context.request, { maxBytes, budget: context.bodyBudget });
  if (body.length === 0) {
    throw new GatewayError({
      code: 'invalid_json',
      message: 'The request body is empty; send a JSON object.',
      openaiCode: null,
    });
  }
  return body.toString('utf8');
}

/** Parses a request body's text: 400 for malformed JSON or a body nested too deep. */
export function parseJsonText(text: string): unknown {
  const parsed = safeParseJson(text);
  if (!parsed.success) {
    throw new GatewayError({
      code: 'invalid_json',
      message: `We could not parse the JSON body of your request (${parsed.error.message}). The API expects a JSON object; check that the body is valid JSON and sent with Content-Type: application/json.`,
      openaiCode: null,
    });
  }
  const limit = gatewayDefaults.maxJsonDepth;
  if (jsonDepth(parsed.value, limit + 1) > limit) {
    throw new GatewayError({
      code: 'invalid_request',
      message: `The request body is nested more than ${limit} levels deep. Flatten it: tool parameter schemas rarely need more than a few levels.`,
      openaiCode: 'invalid_value',
    });
  }
  return parsed.value;
}
