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

/**
 * HTTP transport fields that contradict WebSocket mode (docs/open-responses.md#websocket-mode): every
 * response streams here and none runs in the background. OpenAI says `stream` "should not be sent"
 * but its own Agents SDK sends `stream: true` on every turn, so only the values that ask for something
 * the socket cannot do are refused; `stream: true` and `stream_options` (validated as over HTTP) pass.
 */
const CONTRADICTING_FIELDS: ReadonlyArray<readonly [field: 'stream' | 'background', refused: boolean]> = [
  ['stream', false],
  ['background', true],
];

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
  for (const [field, refused] of CONTRADICTING_FIELDS) {
    if (Object.hasOwn(body, field) && body[field] === refused) {
      throw invalid(
        field === 'stream'
          ? "'stream': false cannot be honoured on a WebSocket: responses always stream here. Leave 'stream' out."
          : "'background' is not supported on a WebSocket: responses stream on the socket. Leave 'background' out, or send the request over HTTP.",
        field,
      );
    }
  }
  const validation = validateResponsesRequest(body, { maxToolNameLength });
  if (!validation.ok) throw issuesToGatewayError(validation.issues);
  return withFields(validation.value, { stream: true });
}
