import {
  canonicalToResponsesRequest,
  type JsonObject,
  type ResponseObject,
  type ResponsesRequest,
  ResponsesStreamAccumulator,
  responseObjectToCanonical,
} from '@toolbridge/core';
import type OpenAI from 'openai';
import type {
  ResponseCreateParamsNonStreaming,
  ResponseCreateParamsStreaming,
} from 'openai/resources/responses/responses';
import { ToolbridgeClientError } from '../errors/toolbridge-client-error.js';
import { createResponsesDeltaForwarder } from './responses-delta-forwarder.js';
import { toTransportError } from './to-transport-error.js';
import type { CreateTurnOptions, Transport, TurnRequest, TurnResult } from './transport.js';
import { turnRequestToCanonical } from './turn-request-to-canonical.js';

// Core's wire types describe the same JSON as the SDK's, more loosely; the casts happen here, once.
function asSdkBody<T>(body: ResponsesRequest): T {
  return body as unknown as T;
}

function toTurn(body: ResponsesRequest, response: ResponseObject): TurnResult {
  if (response.status === 'failed') {
    throw new ToolbridgeClientError({
      code: 'transport_error',
      message: `The response failed: ${response.error?.message ?? 'no reason given'}`,
      cause: response.error,
    });
  }
  return {
    wireRequest: body,
    wireResponse: response,
    response: responseObjectToCanonical(response),
    truncated: false,
  };
}

async function readStream(
  client: OpenAI,
  body: ResponsesRequest,
  { signal, ...callbacks }: CreateTurnOptions,
): Promise<ResponseObject> {
  const stream = await client.responses.create(
    asSdkBody<ResponseCreateParamsStreaming>(body),
    signal === undefined ? {} : { signal },
  );
  const accumulator = new ResponsesStreamAccumulator();
  const forward = createResponsesDeltaForwarder(callbacks);
  for await (const event of stream) {
    accumulator.push(event);
    forward(event);
  }
  // Throws for a stream without response.completed/incomplete: a cut-off turn never becomes calls to run.
  return accumulator.toResponse();
}

async function createTurn(
  client: OpenAI,
  request: TurnRequest,
  options: CreateTurnOptions = {},
): Promise<TurnResult> {
  const { request: body } = canonicalToResponsesRequest(turnRequestToCanonical(request));
  try {
    if (request.stream) return toTurn(body, await readStream(client, body, options));
    const response = await client.responses.create(
      asSdkBody<ResponseCreateParamsNonStreaming>(body),
      options.signal === undefined ? {} : { signal: options.signal },
    );
    // The SDK adds `output_text`, a convenience that is not part of the wire object
    // (docs/protocol/responses.md#response-object).
    const { output_text: _sdkOnly, ...wire } = response as unknown as JsonObject;
    return toTurn(body, wire as unknown as ResponseObject);
  } catch (error) {
    throw toTransportError(error, options.signal);
  }
}

/**
 * The `/v1/responses` transport: canonical turn → flat Responses request through core's codec
 * (with `previous_response_id` when the loop continues a stored response), sent with the official
 * `openai` SDK; streams are read raw and accumulated by core's `ResponsesStreamAccumulator`.
 */
export function createResponsesTransport({ client }: { client: OpenAI }): Transport {
  return {
    api: 'responses',
    keepsState: true,
    createTurn: (request, options) => createTurn(client, request, options),
  };
}
