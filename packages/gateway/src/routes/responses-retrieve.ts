import {
  type CanonicalStreamEvent,
  canonicalBatchesToResponsesEvents,
  encodeResponsesSseBatch,
  type ResponseObject,
  responseObjectToCanonical,
  withFields,
} from '@toolbridge/core';
import { GatewayError } from '../errors/gateway-error.js';
import type { RequestContext } from '../http/request-context.js';
import { sendJson } from '../http/send-json.js';
import { SseWriter } from '../http/sse-writer.js';
import { replayCanonicalResponse } from '../pipeline/replay-canonical-response.js';
import type { StoredResponse } from '../storage/response-store.js';
import { baseHeaders } from './base-headers.js';
import type { GatewayDeps } from './gateway-deps.js';

const ID_CHARACTERS = /^[A-Za-z0-9_-]+$/;

/**
 * Checks a path id the way OpenAI does (docs/protocol/responses.md#get-a-response) before touching the store.
 */
export function checkResponseId(id: string): void {
  // The rule core applies to `previous_response_id`: a NUL or a control character would otherwise
  // reach the store (PostgreSQL's text cannot hold NUL) and fail as a 500.
  if (!ID_CHARACTERS.test(id)) {
    throw new GatewayError({
      code: 'invalid_request',
      message: `Invalid 'response_id': '${JSON.stringify(id).slice(1, -1)}'. Expected an ID that contains letters, numbers, underscores, or dashes, but this value contained additional characters.`,
      param: 'response_id',
      openaiCode: 'invalid_value',
    });
  }
  if (!id.startsWith('resp')) {
    throw new GatewayError({
      code: 'invalid_request',
      message: `Invalid 'response_id': '${id}'. Expected an ID that begins with 'resp'.`,
      param: 'response_id',
      openaiCode: 'invalid_value',
    });
  }
}

/**
 * Loads a stored response of the caller's project or answers 404 with OpenAI's text (E17,
 * docs/protocol/errors.md); another project's response is unknown here.
 */
export async function findStoredResponse(
  deps: GatewayDeps,
  projectId: string,
  id: string,
): Promise<StoredResponse> {
  checkResponseId(id);
  const record = await deps.store.get(projectId, id);
  if (record === null) {
    throw new GatewayError({
      code: 'not_found',
      message: `Response with id '${id}' not found.`,
      openaiCode: null,
    });
  }
  return record;
}

/**
 * A stored Response with the fields responses saved by older versions lack (docs/open-responses.md#response-object):
 * `completed_at` unknown (null), the penalties at their defaults.
 */
function withSpecFields(stored: ResponseObject): ResponseObject {
  const defaults: Partial<ResponseObject> = { completed_at: null, presence_penalty: 0, frequency_penalty: 0 };
  return withFields(defaults, stored);
}

/** A stored response's events are all at hand: one batch (core `batches.ts`). */
async function* oneBatch<T>(batch: T[]): AsyncIterable<T[]> {
  yield batch;
}

/**
 * The events of a stored response, ending the way it ended: a failed one with its error (so the replay says
 * `error` + `response.failed`, docs/protocol/responses.md#endings) and its unfinished last item left open.
 */
function storedEvents(stored: ResponseObject): CanonicalStreamEvent[] {
  const canonical = responseObjectToCanonical(stored);
  const events = [...replayCanonicalResponse(canonical)];
  if (stored.status !== 'failed') return events;
  events.pop();
  const last = canonical.output.at(-1);
  if ((last?.type === 'message' || last?.type === 'function_call') && last.status === 'incomplete')
    events.pop();
  const error = stored.error ?? { code: 'server_error', message: 'The response failed.' };
  events.push({
    type: 'error',
    error: { message: error.message, type: 'server_error', code: error.code, param: null },
  });
  return events;
}

async function replay(context: RequestContext, record: StoredResponse, startingAfter: number): Promise<void> {
  const stored = withSpecFields(record.response);
  const batches = canonicalBatchesToResponsesEvents(oneBatch(storedEvents(stored)), {
    response: withFields(stored, {
      status: 'in_progress',
      output: [],
      usage: null,
      incomplete_details: null,
      error: null,
      completed_at: null,
    }),
  });
  const writer = new SseWriter(context.response, baseHeaders(context));
  for await (const batch of batches) {
    await writer.write(
      encodeResponsesSseBatch(batch.filter((event) => event.sequence_number > startingAfter)),
    );
  }
  writer.end();
}

/** `GET /v1/responses/{id}`: the stored Response object, or its events again with `?stream=true`. */
export async function handleResponsesRetrieve(
  context: RequestContext,
  deps: GatewayDeps,
  id: string,
  query: URLSearchParams,
): Promise<void> {
  context.log.route = 'responses.retrieve';
  const record = await findStoredResponse(deps, context.client.projectId, id);
  if (query.get('stream') === 'true') {
    const startingAfter = Number(query.get('starting_after') ?? -1);
    await replay(context, record, Number.isFinite(startingAfter) ? startingAfter : -1);
    return;
  }
  sendJson(context.response, 200, withSpecFields(record.response), baseHeaders(context));
}

/** `DELETE /v1/responses/{id}` (docs/protocol/responses.md#delete-a-response). */
export async function handleResponsesDelete(
  context: RequestContext,
  deps: GatewayDeps,
  id: string,
): Promise<void> {
  context.log.route = 'responses.delete';
  checkResponseId(id);
  const deleted = await deps.store.delete(context.client.projectId, id);
  if (!deleted)
    throw new GatewayError({
      code: 'not_found',
      message: `Response with id '${id}' not found.`,
      openaiCode: null,
    });
  sendJson(context.response, 200, { id, object: 'response', deleted: true }, baseHeaders(context));
}
