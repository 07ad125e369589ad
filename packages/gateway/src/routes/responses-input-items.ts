import { GatewayError } from '../errors/gateway-error.js';
import type { RequestContext } from '../http/request-context.js';
import { sendJson } from '../http/send-json.js';
import { StoreError } from '../storage/store-error.js';
import { baseHeaders } from './base-headers.js';
import type { GatewayDeps } from './gateway-deps.js';
import { parseLimit, parseOrder } from './list-query.js';
import { checkResponseId } from './responses-retrieve.js';

/**
 * `GET /v1/responses/{id}/input_items`: this response's own input items, paginated
 * (docs/protocol/responses.md#list-input-items).
 */
export async function handleResponsesInputItems(
  context: RequestContext,
  deps: GatewayDeps,
  id: string,
  query: URLSearchParams,
): Promise<void> {
  context.log.route = 'responses.input_items';
  checkResponseId(id);
  const limit = parseLimit(query.get('limit'));
  const order = parseOrder(query.get('order'), 'desc');
  const after = query.get('after');
  let page: Awaited<ReturnType<GatewayDeps['store']['listInputItems']>>;
  try {
    page = await deps.store.listInputItems(context.client.projectId, id, {
      limit,
      order,
      ...(after !== null ? { after } : {}),
    });
  } catch (error) {
    if (StoreError.isInstance(error) && error.code === 'invalid_cursor') {
      throw new GatewayError({
        code: 'invalid_request',
        message: `Invalid 'after': no input item '${after}' in this response.`,
        param: 'after',
        openaiCode: 'invalid_value',
        cause: error,
      });
    }
    throw error;
  }
  if (page === null)
    throw new GatewayError({
      code: 'not_found',
      message: `Response with id '${id}' not found.`,
      openaiCode: null,
    });
  sendJson(
    context.response,
    200,
    { object: 'list', data: page.data, first_id: page.firstId, last_id: page.lastId, has_more: page.hasMore },
    baseHeaders(context),
  );
}
