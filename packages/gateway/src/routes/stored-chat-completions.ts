import { checkMetadata, getOwn, isJsonObject } from '@toolbridge/core';
import { GatewayError } from '../errors/gateway-error.js';
import type { RequestContext } from '../http/request-context.js';
import { sendJson } from '../http/send-json.js';
import type { StoredChatCompletion } from '../storage/chat-completion-store.js';
import { baseHeaders } from './base-headers.js';
import type { GatewayDeps } from './gateway-deps.js';
import { parseLimit, parseOrder, withCursor } from './list-query.js';
import { readJsonBody } from './read-json-body.js';
import { sendValidationError } from './send-validation-error.js';
import { toStoreMessage } from './stored-chat-message.js';

/**
 * Stored Chat Completions as OpenAI serves them (docs/protocol/chat-completions.md#stored-completions):
 * list, retrieve, messages, update metadata, delete. Read and write only what `store: true` kept.
 */

const MAX_METADATA_FILTERS = 16;

function notFound(id: string): GatewayError {
  return new GatewayError({
    code: 'not_found',
    message: `No chat completion found with id '${id}'. Only completions created with "store": true can be read, updated or deleted.`,
    param: 'completion_id',
    openaiCode: null,
  });
}

/** The completion as retrieved: what the client got, plus its current metadata. */
function asRetrieved(record: StoredChatCompletion): Record<string, unknown> {
  return { ...record.completion, metadata: record.metadata ?? {} };
}

async function findCompletion(
  context: RequestContext,
  deps: GatewayDeps,
  id: string,
): Promise<StoredChatCompletion> {
  const record = await deps.store.chatCompletions.get(id, context.client.projectId);
  if (record === null) throw notFound(id);
  return record;
}

function metadataFilters(query: URLSearchParams): Array<[string, string]> {
  const filters: Array<[string, string]> = [];
  for (const [name, value] of query) {
    const match = /^metadata\[(.+)\]$/.exec(name);
    if (match?.[1] !== undefined) filters.push([match[1], value]);
  }
  if (filters.length > MAX_METADATA_FILTERS) {
    throw new GatewayError({
      code: 'invalid_request',
      message: `Too many metadata filters: at most ${MAX_METADATA_FILTERS} metadata[key]=value pairs.`,
      param: 'metadata',
      openaiCode: 'invalid_value',
    });
  }
  return filters;
}

/** `GET /v1/chat/completions`: stored completions, oldest first unless `order=desc`. */
export async function handleChatCompletionsList(
  context: RequestContext,
  deps: GatewayDeps,
  query: URLSearchParams,
): Promise<void> {
  context.log.route = 'chat.completions.list';
  const after = query.get('after');
  const model = query.get('model');
  const page = await withCursor(after, 'stored chat completion', () =>
    deps.store.chatCompletions.list({
      projectId: context.client.projectId,
      limit: parseLimit(query.get('limit')),
      order: parseOrder(query.get('order'), 'asc'),
      metadata: metadataFilters(query),
      ...(after !== null ? { after } : {}),
      ...(model !== null ? { model } : {}),
    }),
  );
  const data = page.data.map(asRetrieved);
  sendJson(
    context.response,
    200,
    {
      object: 'list',
      data,
      first_id: page.data[0]?.id ?? null,
      last_id: page.data.at(-1)?.id ?? null,
      has_more: page.hasMore,
    },
    baseHeaders(context),
  );
}

/** `GET /v1/chat/completions/{id}`. */
export async function handleChatCompletionRetrieve(
  context: RequestContext,
  deps: GatewayDeps,
  id: string,
): Promise<void> {
  context.log.route = 'chat.completions.retrieve';
  sendJson(context.response, 200, asRetrieved(await findCompletion(context, deps, id)), baseHeaders(context));
}

/** `GET /v1/chat/completions/{id}/messages`: the request's messages, oldest first unless `order=desc`. */
export async function handleChatCompletionMessages(
  context: RequestContext,
  deps: GatewayDeps,
  id: string,
  query: URLSearchParams,
): Promise<void> {
  context.log.route = 'chat.completions.messages';
  const record = await findCompletion(context, deps, id);
  const limit = parseLimit(query.get('limit'));
  const order = parseOrder(query.get('order'), 'asc');
  const after = query.get('after');
  const all = record.messages.map((message, index) => toStoreMessage(id, message, index));
  if (order === 'desc') all.reverse();
  const start = after === null ? 0 : all.findIndex((message) => message.id === after) + 1;
  if (start === 0 && after !== null) {
    throw new GatewayError({
      code: 'invalid_request',
      message: `Invalid 'after': no message '${after}' in this chat completion.`,
      param: 'after',
      openaiCode: 'invalid_value',
    });
  }
  const data = all.slice(start, start + limit);
  sendJson(
    context.response,
    200,
    {
      object: 'list',
      data,
      first_id: data[0]?.id ?? null,
      last_id: data.at(-1)?.id ?? null,
      has_more: start + limit < all.length,
    },
    baseHeaders(context),
  );
}

/** `POST /v1/chat/completions/{id}`: replaces the metadata (the only field OpenAI lets one change). */
export async function handleChatCompletionUpdate(
  context: RequestContext,
  deps: GatewayDeps,
  id: string,
): Promise<void> {
  context.log.route = 'chat.completions.update';
  const body = await readJsonBody(context, deps.config.maxBodyBytes);
  if (!isJsonObject(body) || !Object.hasOwn(body, 'metadata')) {
    throw new GatewayError({
      code: 'invalid_request',
      message: "Missing required parameter: 'metadata'.",
      param: 'metadata',
      openaiCode: 'missing_required_parameter',
    });
  }
  const unknown = Object.keys(body).find((key) => key !== 'metadata');
  if (unknown !== undefined) {
    throw new GatewayError({
      code: 'invalid_request',
      message: `Unrecognized request argument supplied: ${unknown}`,
      param: unknown,
      openaiCode: 'unknown_parameter',
    });
  }
  const metadata = getOwn(body, 'metadata');
  const issues = checkMetadata(metadata);
  if (issues.length > 0) {
    sendValidationError(context, issues, baseHeaders(context));
    return;
  }
  const updated = await deps.store.chatCompletions.updateMetadata(
    id,
    (metadata ?? null) as Record<string, string> | null,
    context.client.projectId,
  );
  if (updated === null) throw notFound(id);
  sendJson(context.response, 200, asRetrieved(updated), baseHeaders(context));
}

/** `DELETE /v1/chat/completions/{id}`. */
export async function handleChatCompletionDelete(
  context: RequestContext,
  deps: GatewayDeps,
  id: string,
): Promise<void> {
  context.log.route = 'chat.completions.delete';
  if (!(await deps.store.chatCompletions.delete(id, context.client.projectId))) throw notFound(id);
  sendJson(
    context.response,
    200,
    { object: 'chat.completion.deleted', id, deleted: true },
    baseHeaders(context),
  );
}
