import { GatewayError } from '../errors/gateway-error.js';
import type { RequestContext } from '../http/request-context.js';
import { sendJson } from '../http/send-json.js';
import { DEFAULT_PROJECT_ID } from '../storage/response-store.js';
import { emptyTrace } from '../storage/stored-trace.js';
import type { ListTrafficOptions, TrafficEntry } from '../storage/traffic-store.js';
import type { GatewayDeps } from './gateway-deps.js';
import { parseLimit } from './list-query.js';

/**
 * The trace viewer's read-only data routes (docs/observability.md#trace-viewer), over the same stores the
 * API uses. Each answers from indexed queries: one page of the traffic list, or one conversation.
 */

const headers = (context: RequestContext) => ({
  'x-request-id': context.requestId,
  'cache-control': 'no-store',
});

function notFound(what: string, id: string): GatewayError {
  return new GatewayError({
    code: 'not_found',
    message: `No stored ${what} with id '${id}'.`,
    openaiCode: null,
  });
}

/** `before=<createdAt>:<id>`, the cursor the previous page returned as `next_before`. */
function parseBefore(raw: string | null): ListTrafficOptions['before'] {
  if (raw === null || raw === '') return undefined;
  const colon = raw.indexOf(':');
  const createdAt = Number(raw.slice(0, colon));
  if (colon === -1 || !Number.isSafeInteger(createdAt)) {
    throw new GatewayError({
      code: 'invalid_request',
      message: `Invalid 'before': '${raw}'. Pass the next_before value of the previous page.`,
      param: 'before',
    });
  }
  return { createdAt, id: raw.slice(colon + 1) };
}

function trafficOptions(query: URLSearchParams): ListTrafficOptions {
  const options: ListTrafficOptions = { limit: parseLimit(query.get('limit'), 50, 200) };
  const before = parseBefore(query.get('before'));
  if (before !== undefined) options.before = before;
  const kind = query.get('kind');
  if (kind === 'response' || kind === 'chat.completion') options.kind = kind;
  for (const field of ['model', 'provider', 'status'] as const) {
    const value = query.get(field);
    if (value !== null && value !== '') options[field] = value;
  }
  const project = query.get('project');
  if (project !== null && project !== '') options.projectId = project;
  return options;
}

/** The project a viewer data route reads (`?project=`, as the traffic list gave it); `default` when absent. */
function projectOf(query: URLSearchParams): string {
  const project = query.get('project');
  return project === null || project === '' ? DEFAULT_PROJECT_ID : project;
}

function cursorOf(entry: TrafficEntry | undefined): string | null {
  return entry === undefined ? null : `${entry.createdAt}:${entry.id}`;
}

/** `GET /ui/api/traffic`: newest first, filtered, paged by `before`. */
export async function handleUiTraffic(
  context: RequestContext,
  deps: GatewayDeps,
  query: URLSearchParams,
): Promise<void> {
  context.log.route = 'ui.traffic';
  const page = await deps.store.traffic.listTraffic(trafficOptions(query));
  sendJson(
    context.response,
    200,
    {
      data: page.data,
      has_more: page.hasMore,
      next_before: page.hasMore ? cursorOf(page.data.at(-1)) : null,
    },
    headers(context),
  );
}

/** `GET /ui/api/responses/{id}`: the `previous_response_id` chain ending at this response, oldest turn first. */
export async function handleUiResponse(
  context: RequestContext,
  deps: GatewayDeps,
  id: string,
  query: URLSearchParams,
): Promise<void> {
  context.log.route = 'ui.response';
  const chain = await deps.store.loadChain(projectOf(query), id);
  if (chain === null) throw notFound('response', id);
  const traces = await deps.store.traffic.responseTraces(chain.map((record) => record.id));
  const turns = chain.map((record) => ({
    id: record.id,
    createdAt: record.createdAt,
    previousResponseId: record.previousResponseId,
    input: record.inputItems,
    response: record.response,
    trace: traces.get(record.id) ?? emptyTrace,
  }));
  sendJson(context.response, 200, { kind: 'response', id, turns }, headers(context));
}

/** `GET /ui/api/chat-completions/{id}`: one stored completion with its messages and metadata. */
export async function handleUiChatCompletion(
  context: RequestContext,
  deps: GatewayDeps,
  id: string,
  query: URLSearchParams,
): Promise<void> {
  context.log.route = 'ui.chat_completion';
  const record = await deps.store.chatCompletions.get(id, projectOf(query));
  if (record === null) throw notFound('chat completion', id);
  sendJson(context.response, 200, { kind: 'chat.completion', ...record }, headers(context));
}
