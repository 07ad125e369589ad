import {
  buildResponseSkeleton,
  type CanonicalRequest,
  canonicalBatchesToResponsesEvents,
  checkResponsesInputPairing,
  completeResponseObject,
  encodeResponsesSseBatch,
  ids,
  type ResponseObject,
  type ResponsesInputItem,
  type ResponsesRequest,
  type ResponsesStreamEvent,
  responsesInputToItems,
  responsesRequestToCanonical,
  type SerializedResponse,
  stringifyWithShared,
  validateResponsesRequest,
  withFields,
} from '@toolbridge/core';
import { admitModelCall } from '../access/admit-model-call.js';
import { adjustedComment } from '../http/adjusted-comment.js';
import type { RequestContext } from '../http/request-context.js';
import { sendJsonText } from '../http/send-json.js';
import { SseWriter } from '../http/sse-writer.js';
import { type PreparedTurn, prepareTurn } from '../pipeline/prepare-turn.js';
import { type RunContext, runJsonTurn, runStreamTurn } from '../pipeline/run-turn.js';
import type { UpstreamTarget } from '../pipeline/upstream-target.js';
import { compactsNatively, expandCompactionItems } from '../state/expand-compaction-items.js';
import { loadConversation } from '../state/load-conversation.js';
import { toInputResource } from '../state/to-input-resource.js';
import { baseHeaders } from './base-headers.js';
import { echoedTools } from './echoed-tools.js';
import type { GatewayDeps } from './gateway-deps.js';
import { readModelRequest } from './read-model-request.js';
import { refuseConversation } from './refuse-conversation.js';
import { issuesToGatewayError } from './send-validation-error.js';
import { traceOf } from './trace-of.js';

/** A prepared Responses turn: what the HTTP route and WebSocket mode both run (docs/open-responses.md). */
export interface ResponsesTurn {
  request: ResponsesRequest;
  canonical: CanonicalRequest;
  target: UpstreamTarget;
  turn: PreparedTurn;
  skeleton: ResponseObject;
  /** The turn's whole conversation in wire form (prior, then the resolved input); with the output, the next turn's prior. */
  conversation: ResponsesInputItem[];
  /**
   * Serialises the finished response once and writes that text to the store (unless `store: false`);
   * awaited before the client hears of it. Resolves with the text, which is what the client gets.
   */
  save(final: ResponseObject): Promise<string>;
}

/** Where the conversation behind `previous_response_id` comes from when the caller already holds it. */
export interface HeldPrior {
  items: ResponsesInputItem[];
  /** The previous response is in the store: the new one links to it. Otherwise it is stored as a new root. */
  persisted: boolean;
}

/**
 * Builds the turn: prior conversation (the store's, or `held` — WebSocket connection-local state), item
 * references, pairing checks (thrown as the 400 they are), compaction items, strictness, policy and plan.
 */
export async function prepareResponsesTurn(
  context: RunContext,
  deps: GatewayDeps,
  request: ResponsesRequest,
  held?: HeldPrior,
): Promise<ResponsesTurn> {
  const { prior, rawInput, input } = await loadConversation(context, deps, request, held?.items);
  // The validator already checked pairing within `input`; only a chain or resolved references add
  // items it could not see, so the check is repeated only then (not on every request).
  const pairing = prior.length > 0 || input !== rawInput ? checkResponsesInputPairing({ prior, input }) : [];
  if (pairing.length > 0) throw issuesToGatewayError(pairing);
  context.log.model = request.model;
  const target = deps.resolveTarget(request.model);
  context.log.provider = target.provider.name;
  const native = compactsNatively(target);
  const own = responsesRequestToCanonical(
    withFields(request, { input: expandCompactionItems(input, { native }) }),
  );
  const canonical: CanonicalRequest = withFields(own, {
    items: [
      ...responsesInputToItems(expandCompactionItems(prior, { native, param: 'previous_response_id' })),
      ...own.items,
    ],
    previousResponseId: null,
  });
  const turn = prepareTurn(canonical, 'responses', target);
  const id = ids.response();
  const createdAt = Math.floor(Date.now() / 1000);
  const skeleton = buildResponseSkeleton({
    id,
    createdAt,
    request,
    tools: echoedTools(request, turn.echoedStrict),
  });
  const linked = held === undefined || held.persisted;
  const save = async (final: ResponseObject): Promise<string> => {
    // One serialisation for the store and the client (the answer body, or the terminal event's Response).
    const responseJson = stringifyWithShared(final, 'tools');
    if (request.store === false) return responseJson;
    // Built only for a response that is stored: input items in resource form exist nowhere else.
    const inputItems = input.map(toInputResource);
    await deps.store.save(context.client.projectId, {
      id,
      createdAt,
      previousResponseId: linked ? (request.previous_response_id ?? null) : null,
      // A parent that was never stored cannot be followed: the whole context becomes this response's input.
      inputItems: linked ? inputItems : [...prior.map(toInputResource), ...inputItems],
      response: final,
      responseJson,
      trace: traceOf(context),
    });
    return responseJson;
  };
  return { request, canonical, target, turn, skeleton, conversation: [...prior, ...input], save };
}

/** Runs a prepared turn as one answer: the final Response and its JSON text, stored before they are returned. */
export async function completeResponsesTurn(
  context: RunContext,
  deps: GatewayDeps,
  prepared: ResponsesTurn,
): Promise<SerializedResponse<ResponseObject>> {
  const enforced = await runJsonTurn(context, deps, prepared.target, prepared.turn);
  const final = completeResponseObject(prepared.skeleton, enforced);
  return { value: final, text: await prepared.save(final) };
}

/**
 * Runs a prepared turn as Responses stream events, in batches. Resolves once the first events are in (a
 * turn that fails before them rejects, so the caller answers with an error instead of a stream);
 * `onFinal` sees the final Response and its JSON text after it was stored and before the terminal
 * event leaves; encoding the terminal event with that text spares serialising the Response again.
 */
export async function streamResponsesTurn(
  context: RunContext,
  deps: GatewayDeps,
  prepared: ResponsesTurn,
  onFinal?: (final: SerializedResponse<ResponseObject>) => void,
): Promise<AsyncIterable<ResponsesStreamEvent[]>> {
  const { start, events } = await runStreamTurn(context, deps, prepared.target, prepared.turn);
  const model = start?.model || prepared.skeleton.model;
  return canonicalBatchesToResponsesEvents(events, {
    // spread-ok: `model` is a key of the skeleton already, so the clone gains no property
    // (docs/adr/0014-memory-under-load.md), and a spread copies the skeleton's fields fastest.
    response: { ...prepared.skeleton, model },
    onBeforeTerminal: async (final) => {
      const text = await prepared.save(final);
      onFinal?.({ value: final, text });
    },
    // The last read's events and `response.completed` leave in one write, after the store write.
    terminalJoinsLastBatch: true,
  });
}

async function answerStream(
  context: RequestContext,
  deps: GatewayDeps,
  prepared: ResponsesTurn,
): Promise<void> {
  let final: SerializedResponse | undefined;
  const batches = await streamResponsesTurn(context, deps, prepared, (serialized) => {
    final = serialized;
  });
  const writer = new SseWriter(context.response, baseHeaders(context, prepared.turn.adjustments));
  const announced = prepared.turn.adjustments.length;
  for await (const batch of batches) await writer.write(encodeResponsesSseBatch(batch, final));
  writer.end(adjustedComment(prepared.turn.adjustments, announced) || undefined);
}

/** `POST /v1/responses`: state from the store, validation, translation, enforcement, write-through storage. */
export async function handleResponsesCreate(context: RequestContext, deps: GatewayDeps): Promise<void> {
  context.log.route = 'responses.create';
  const request = await readModelRequest(context, deps, validateResponsesRequest);
  if (request === null) return;
  context.log.model = request.model;
  refuseConversation(request);
  await admitModelCall(context, deps, request.model);
  const prepared = await prepareResponsesTurn(context, deps, request);
  if (prepared.canonical.stream) {
    await answerStream(context, deps, prepared);
    return;
  }
  const final = await completeResponsesTurn(context, deps, prepared);
  sendJsonText(context.response, 200, final.text, baseHeaders(context, prepared.turn.adjustments));
}
