import {
  type CompactRequest,
  canonicalUsageToResponses,
  ids,
  validateCompactRequest,
} from '@toolbridge/core';
import { admitModelCall } from '../access/admit-model-call.js';
import type { RequestContext } from '../http/request-context.js';
import { sendJson } from '../http/send-json.js';
import { compactConversation } from '../pipeline/compact-conversation.js';
import type { RunContext } from '../pipeline/run-turn.js';
import { loadConversation } from '../state/load-conversation.js';
import { baseHeaders } from './base-headers.js';
import type { GatewayDeps } from './gateway-deps.js';
import { readJsonBody } from './read-json-body.js';
import { sendValidationError } from './send-validation-error.js';

/** Usage of a compaction whose upstream counted nothing: the object requires one. */
const NO_USAGE = { inputTokens: 0, outputTokens: 0, totalTokens: 0, cachedTokens: 0, reasoningTokens: 0 };

/** The `response.compaction` object for a validated compact request (docs/open-responses.md#compaction). */
export async function compactResponses(
  context: RunContext,
  deps: GatewayDeps,
  request: CompactRequest,
): Promise<Record<string, unknown>> {
  const { prior, input } = await loadConversation(context, deps, request);
  context.log.model = request.model;
  const target = deps.resolveTarget(request.model);
  context.log.provider = target.provider.name;
  const { output, usage } = await compactConversation(context, deps, {
    model: request.model,
    target,
    conversation: [...prior, ...input],
    instructions: typeof request.instructions === 'string' ? request.instructions : null,
    promptCacheKey: typeof request.prompt_cache_key === 'string' ? request.prompt_cache_key : null,
  });
  return {
    id: ids.response(),
    object: 'response.compaction',
    created_at: Math.floor(Date.now() / 1000),
    output,
    usage: canonicalUsageToResponses(usage ?? NO_USAGE),
  };
}

/** `POST /v1/responses/compact`: a conversation → a compacted window that starts a new chain. */
export async function handleResponsesCompact(context: RequestContext, deps: GatewayDeps): Promise<void> {
  context.log.route = 'responses.compact';
  const body = await readJsonBody(context, deps.config.maxBodyBytes);
  const validation = validateCompactRequest(body, { maxToolNameLength: deps.config.maxToolNameLength });
  if (!validation.ok) {
    sendValidationError(context, validation.issues, baseHeaders(context));
    return;
  }
  await admitModelCall(context, deps, validation.value.model);
  const compacted = await compactResponses(context, deps, validation.value);
  sendJson(context.response, 200, compacted, baseHeaders(context));
}
