import {
  isJsonObject,
  type JsonObject,
  jsonDepth,
  type ResponsesRequest,
  safeParseJson,
  validateResponsesRequest,
  withFields,
} from '@toolbridge/core';
import { gatewayDefaults } from '../defaults.js';
import { GatewayError } from '../errors/gateway-error.js';
import { issuesToGatewayError } from '../routes/send-validation-error.js';

/** HTTP/SSE transport fields a `response.create` message must not carry (docs/open-responses.md#websocket-mode). */
const TRANSPORT_FIELDS = ['stream', 'stream_options', 'background'] as const;

function invalid(message: string, param: string | null = null): GatewayError {
  return new GatewayError({ code: 'invalid_request', message, param, openaiCode: 'invalid_request' });
}

/** Parses one text message of WebSocket mode: a JSON object, bounded in depth like an HTTP body. */
export function parseWebSocketMessage(text: string): JsonObject {
  const parsed = safeParseJson(text);
  if (!parsed.success || !isJsonObject(parsed.value)) {
    throw invalid(
      'A WebSocket message must be a JSON object: {"type": "response.create", …the request body…}.',
    );
  }
  const limit = gatewayDefaults.maxJsonDepth;
  if (jsonDepth(parsed.value, limit + 1) > limit) {
    throw invalid(`The message is nested more than ${limit} levels deep.`);
  }
  return parsed.value;
}

/**
 * One parsed client message of WebSocket mode → a validated Responses request that streams. The message
 * has `type: "response.create"` and otherwise the body of `POST /v1/responses`, validated by the same
 * rules; anything else throws the 400 it would be over HTTP.
 */
export function readResponseCreate(message: JsonObject, maxToolNameLength: number): ResponsesRequest {
  const { type, ...body } = message;
  if (type !== 'response.create') {
    throw invalid(
      `Unsupported message type ${JSON.stringify(type ?? null)}; send {"type": "response.create", …} to start a response.`,
      'type',
    );
  }
  for (const field of TRANSPORT_FIELDS) {
    if (Object.hasOwn(body, field)) {
      throw invalid(
        `'${field}' is an HTTP parameter and must not be sent on a WebSocket; responses always stream here.`,
        field,
      );
    }
  }
  const validation = validateResponsesRequest(body, { maxToolNameLength });
  if (!validation.ok) throw issuesToGatewayError(validation.issues);
  return withFields(validation.value, { stream: true });
}
