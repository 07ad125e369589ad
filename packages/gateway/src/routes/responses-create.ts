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
  responsesInputToItems,
  responsesRequestToCanonical,
  validateResponsesRequest,
} from '@toolbridge/core';
import { gatewayDefaults } from '../defaults.js';
import { adjustedComment } from '../http/adjusted-comment.js';
import type { RequestContext } from '../http/request-context.js';
import { sendJson } from '../http/send-json.js';
import { SseWriter } from '../http/sse-writer.js';
import { type PreparedTurn, prepareTurn } from '../pipeline/prepare-turn.js';
import { runJsonTurn, runStreamTurn } from '../pipeline/run-turn.js';
import type { UpstreamTarget } from '../pipeline/upstream-target.js';
import { loadPriorItems } from '../state/load-prior-items.js';
import { resolveItemReferences } from '../state/resolve-item-references.js';
import { toInputResource } from '../state/to-input-resource.js';
import { baseHeaders } from './base-headers.js';
import type { GatewayDeps } from './gateway-deps.js';
import { readJsonBody } from './read-json-body.js';
import { sendValidationError } from './send-validation-error.js';
import { traceOf } from './trace-of.js';

interface ResponsesTurn {
  request: ResponsesRequest;
  canonical: CanonicalRequest;
  target: UpstreamTarget;
  turn: PreparedTurn;
  skeleton: ResponseObject;
  /** Writes the finished response to the store (unless `store: false`); awaited before the client hears of it. */
  save(final: ResponseObject): Promise<void>;
}

function echoedTools(request: ResponsesRequest, strict: readonly boolean[]): ResponseObject['tools'] {
  return (request.tools ?? []).map((tool, index) => ({
    ...tool,
    description: tool.description ?? null,
    parameters: tool.parameters ?? null,
    strict: strict[index] ?? false,
  }));
}

/** Builds the turn: prior conversation from the store, pairing checks, strictness, policy and plan. */
async function prepareResponsesTurn(
  context: RequestContext,
  deps: GatewayDeps,
  request: ResponsesRequest,
): Promise<ResponsesTurn | null> {
  const prior = request.previous_response_id
    ? await loadPriorItems(deps.store, request.previous_response_id, gatewayDefaults.maxChainDepth)
    : [];
  const rawInput: ResponsesInputItem[] =
    typeof request.input === 'string' ? [{ role: 'user', content: request.input }] : (request.input ?? []);
  const input = await resolveItemReferences({
    input: rawInput,
    prior,
    store: deps.store,
    signal: context.signal,
  });
  // The validator already checked pairing within `input`; only a chain or resolved references add
  // items it could not see, so the check is repeated only then (not on every request).
  const pairing = prior.length > 0 || input !== rawInput ? checkResponsesInputPairing({ prior, input }) : [];
  if (pairing.length > 0) {
    sendValidationError(context, pairing, baseHeaders(context));
    return null;
  }
  const own = responsesRequestToCanonical({ ...request, input });
  const canonical: CanonicalRequest = {
    ...own,
    items: [...responsesInputToItems(prior), ...own.items],
    previousResponseId: null,
  };
  context.log.model = canonical.model;
  const target = deps.resolveTarget(canonical.model);
  context.log.provider = target.provider.name;
  const turn = prepareTurn(canonical, 'responses', target);
  const id = ids.response();
  const createdAt = Math.floor(Date.now() / 1000);
  const skeleton = buildResponseSkeleton({
    id,
    createdAt,
    request,
    tools: echoedTools(request, turn.echoedStrict),
  });
  const inputItems = input.map(toInputResource);
  const save = async (final: ResponseObject): Promise<void> => {
    if (request.store === false) return;
    await deps.store.save({
      id,
      createdAt,
      previousResponseId: request.previous_response_id ?? null,
      inputItems,
      response: final,
      trace: traceOf(context),
    });
  };
  return { request, canonical, target, turn, skeleton, save };
}

async function answerJson(
  context: RequestContext,
  deps: GatewayDeps,
  prepared: ResponsesTurn,
): Promise<void> {
  const enforced = await runJsonTurn(context, deps, prepared.target, prepared.turn);
  const final = completeResponseObject(prepared.skeleton, enforced);
  await prepared.save(final);
  sendJson(context.response, 200, final, baseHeaders(context, prepared.turn.adjustments));
}

async function answerStream(
  context: RequestContext,
  deps: GatewayDeps,
  prepared: ResponsesTurn,
): Promise<void> {
  const { start, events } = await runStreamTurn(context, deps, prepared.target, prepared.turn);
  const model = start?.model || prepared.skeleton.model;
  const writer = new SseWriter(context.response, baseHeaders(context, prepared.turn.adjustments));
  const announced = prepared.turn.adjustments.length;
  const batches = canonicalBatchesToResponsesEvents(events, {
    response: { ...prepared.skeleton, model },
    onBeforeTerminal: prepared.save,
    // The last read's events and `response.completed` leave in one write, after the store write.
    terminalJoinsLastBatch: true,
  });
  for await (const batch of batches) await writer.write(encodeResponsesSseBatch(batch));
  writer.end(adjustedComment(prepared.turn.adjustments, announced) || undefined);
}

/** `POST /v1/responses`: state from the store, validation, translation, enforcement, write-through storage. */
export async function handleResponsesCreate(context: RequestContext, deps: GatewayDeps): Promise<void> {
  context.log.route = 'responses.create';
  const body = await readJsonBody(context, deps.config.maxBodyBytes);
  const validation = validateResponsesRequest(body, { maxToolNameLength: deps.config.maxToolNameLength });
  if (!validation.ok) {
    sendValidationError(context, validation.issues, baseHeaders(context));
    return;
  }
  const prepared = await prepareResponsesTurn(context, deps, validation.value);
  if (prepared === null) return;
  if (prepared.canonical.stream) await answerStream(context, deps, prepared);
  else await answerJson(context, deps, prepared);
}
