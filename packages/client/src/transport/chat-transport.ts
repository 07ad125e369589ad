import {
  type ChatCompletion,
  type ChatCompletionRequest,
  ChatStreamAccumulator,
  canonicalToChatRequest,
  chatCompletionToCanonical,
  type JsonObject,
} from '@toolbridge/core';
import type OpenAI from 'openai';
import type {
  ChatCompletionCreateParamsNonStreaming,
  ChatCompletionCreateParamsStreaming,
} from 'openai/resources/chat/completions';
import { ToolbridgeClientError } from '../errors/toolbridge-client-error.js';
import { createChatDeltaForwarder } from './chat-delta-forwarder.js';
import { toTransportError } from './to-transport-error.js';
import type { CreateTurnOptions, Transport, TurnRequest, TurnResult } from './transport.js';
import { turnRequestToCanonical } from './turn-request-to-canonical.js';

// Core's wire types describe the same JSON as the SDK's, more loosely; the casts happen here, once.
function asSdkBody<T>(body: ChatCompletionRequest): T {
  return body as unknown as T;
}

function toTurn(body: ChatCompletionRequest, completion: ChatCompletion): TurnResult {
  return {
    wireRequest: body,
    wireResponse: completion as unknown as JsonObject,
    response: chatCompletionToCanonical(completion),
    truncated: false,
  };
}

async function readStream(
  client: OpenAI,
  body: ChatCompletionRequest,
  { signal, ...callbacks }: CreateTurnOptions,
): Promise<ChatCompletion> {
  const stream = await client.chat.completions.create(
    asSdkBody<ChatCompletionCreateParamsStreaming>(body),
    signal === undefined ? {} : { signal },
  );
  const accumulator = new ChatStreamAccumulator();
  const forward = createChatDeltaForwarder(callbacks);
  for await (const chunk of stream) {
    accumulator.push(chunk);
    forward(chunk);
  }
  // Throws for a stream without finish_reason: a cut-off turn never becomes calls to run.
  return accumulator.toCompletion();
}

async function createTurn(
  client: OpenAI,
  request: TurnRequest,
  options: CreateTurnOptions = {},
): Promise<TurnResult> {
  if (request.previousResponseId !== null) {
    throw new ToolbridgeClientError({
      code: 'invalid_options',
      message:
        'Chat Completions keeps no server state; send the whole history instead of previous_response_id.',
      cause: undefined,
    });
  }
  const { request: body } = canonicalToChatRequest(turnRequestToCanonical(request));
  try {
    if (request.stream) return toTurn(body, await readStream(client, body, options));
    const completion = await client.chat.completions.create(
      asSdkBody<ChatCompletionCreateParamsNonStreaming>(body),
      options.signal === undefined ? {} : { signal: options.signal },
    );
    return toTurn(body, completion as unknown as ChatCompletion);
  } catch (error) {
    throw toTransportError(error, options.signal);
  }
}

/**
 * The `/v1/chat/completions` transport: canonical turn → nested Chat request through core's codec,
 * sent with the official `openai` SDK; streams are read raw (`stream: true`) and accumulated by core's
 * `ChatStreamAccumulator`, with text and argument fragments passed on as they arrive.
 */
export function createChatTransport({ client }: { client: OpenAI }): Transport {
  return {
    api: 'chat',
    keepsState: false,
    createTurn: (request, options) => createTurn(client, request, options),
  };
}
