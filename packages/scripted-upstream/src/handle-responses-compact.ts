import type { Exchange } from './exchange.js';
import { isRecord, ownString, ownValue } from './json-value.js';
import { readResponsesRequest } from './read-responses-request.js';
import { responsesUsage } from './response-object.js';
import { sealCompaction } from './scripted-compaction.js';
import { scriptedIds } from './scripted-ids.js';
import { SCRIPTED_UPSTREAM_DEFAULTS } from './scripted-upstream-defaults.js';
import { sendError } from './send-error.js';
import { invalidRequest } from './upstream-error.js';
import { writeJsonBody } from './write-json-body.js';

function tokens(chars: number): number {
  return Math.max(1, Math.ceil(chars / SCRIPTED_UPSTREAM_DEFAULTS.charsPerToken));
}

/** The request's user messages in output form, as OpenAI lists them before the compaction item. */
function userMessages(input: unknown): Record<string, unknown>[] {
  const items =
    typeof input === 'string' ? [{ role: 'user', content: input }] : Array.isArray(input) ? input : [];
  return items
    .filter((item) => isRecord(item) && ownValue(item, 'role') === 'user')
    .map((item) => {
      const content = ownValue(item as Record<string, unknown>, 'content');
      const parts = typeof content === 'string' ? [{ type: 'input_text', text: content }] : content;
      return {
        id: scriptedIds.message(),
        type: 'message',
        status: 'completed',
        role: 'user',
        content: parts,
      };
    });
}

/**
 * `POST /v1/responses/compact` (docs/scripted-upstream.md#compaction): the request's user messages, then one
 * `compaction` item sealing the text of the whole conversation, and usage. `model` is required.
 */
export async function handleResponsesCompact(exchange: Exchange): Promise<void> {
  const body = exchange.body;
  if (!isRecord(body) || ownString(body, 'model') === undefined) {
    const error = invalidRequest(
      "Missing required parameter: 'model'.",
      'model',
      'missing_required_parameter',
    );
    return sendError(exchange.response, error, exchange.requestId);
  }
  const read = readResponsesRequest({ ...body, stream: false });
  if (!read.ok) return sendError(exchange.response, read.error, exchange.requestId);
  const text = read.value.request.entries
    .map((entry) =>
      entry.kind === 'call'
        ? `${entry.name}(${entry.arguments})`
        : entry.kind === 'result'
          ? entry.output
          : entry.text,
    )
    .join('\n');
  const compaction = {
    id: `cmp_${scriptedIds.message().slice(4)}`,
    type: 'compaction',
    encrypted_content: sealCompaction(text),
  };
  const input = tokens(text.length);
  const answer = {
    id: scriptedIds.response(),
    object: 'response.compaction',
    created_at: Math.floor(Date.now() / 1000),
    output: [...userMessages(ownValue(body, 'input')), compaction],
    usage: responsesUsage({ input, cached: 0, output: tokens(compaction.encrypted_content.length) }),
  };
  return writeJsonBody(exchange, JSON.stringify(answer), exchange.directives);
}
