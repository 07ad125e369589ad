import {
  canonicalToResponsesRequest,
  EncryptedReasoningRefusals,
  type JsonObject,
  type ResponseObject,
  type ResponsesRequest,
  ResponsesStreamAccumulator,
  responseObjectToCanonical,
  withEncryptedReasoning,
} from '@toolbridge/core';
import { APIError, type OpenAI } from 'openai';
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

async function sendTurn(
  client: OpenAI,
  body: ResponsesRequest,
  stream: boolean,
  options: CreateTurnOptions,
): Promise<TurnResult> {
  if (stream) return toTurn(body, await readStream(client, body, options));
  const response = await client.responses.create(
    asSdkBody<ResponseCreateParamsNonStreaming>(body),
    options.signal === undefined ? {} : { signal: options.signal },
  );
  // The SDK adds `output_text`, a convenience that is not part of the wire object
  // (docs/protocol/responses.md#response-object).
  const { output_text: _sdkOnly, ...wire } = response as unknown as JsonObject;
  return toTurn(body, wire as unknown as ResponseObject);
}

/**
 * One turn. With `store: false` the server keeps nothing, so a reasoning model's reasoning items can
 * only be sent back with their `encrypted_content`: it is asked for, and a model without reasoning that
 * refuses the `include` (OpenAI: 400 "Encrypted content is not supported with this model") is asked
 * once more without it and remembered.
 */
async function createTurn(
  client: OpenAI,
  request: TurnRequest,
  refusals: EncryptedReasoningRefusals,
  options: CreateTurnOptions = {},
): Promise<TurnResult> {
  const encode = (): ResponsesRequest => {
    const { request: body } = canonicalToResponsesRequest(turnRequestToCanonical(request));
    if (request.store === false && !refusals.has(request.model))
      body['include'] = withEncryptedReasoning(body['include']);
    return body;
  };
  try {
    try {
      return await sendTurn(client, encode(), request.stream, options);
    } catch (error) {
      const refused =
        request.store === false &&
        error instanceof APIError &&
        refusals.learn(
          { status: error.status ?? 0, param: error.param ?? null, message: error.message },
          request.model,
        );
      if (!refused) throw error;
      return await sendTurn(client, encode(), request.stream, options);
    }
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
  const refusals = new EncryptedReasoningRefusals();
  return {
    api: 'responses',
    keepsState: true,
    createTurn: (request, options) => createTurn(client, request, refusals, options),
  };
}
