import type { CanonicalContentPart, CanonicalItem } from '../items/canonical.js';
import { withFields } from '../json/with-fields.js';
import type { ResponsesContentPart, ResponsesInputItem } from '../protocol/responses/types.js';
import { type Adjustments, canonicalPartToResponses } from './content-parts.js';

function partsToResponses(
  parts: CanonicalContentPart[],
  role: 'assistant' | 'input',
  adjustments: Adjustments,
): ResponsesContentPart[] {
  const out: ResponsesContentPart[] = [];
  for (const part of parts) {
    const converted = canonicalPartToResponses(part, role, adjustments);
    if (converted) out.push(converted);
  }
  return out;
}

/**
 * Canonical items → Responses input items. Ids and statuses are kept when present (a stateless replay of
 * `fc_` items with their outputs is accepted by OpenAI, docs/protocol/responses.md#input-items); `call_id`s
 * pass unchanged.
 */
export function itemsToResponsesInput(
  items: readonly CanonicalItem[],
  adjustments: Adjustments,
): ResponsesInputItem[] {
  const out: ResponsesInputItem[] = [];
  for (const item of items) {
    switch (item.type) {
      case 'message': {
        const role = item.role === 'assistant' ? 'assistant' : 'input';
        if (item.name !== undefined) adjustments.push(`dropped message 'name' (no Responses equivalent)`);
        out.push(
          withFields(
            withFields(
              item.passthrough,
              item.id !== undefined ? { type: 'message' as const, id: item.id } : {},
            ),
            {
              role: item.role,
              content:
                typeof item.content === 'string'
                  ? item.content
                  : partsToResponses(item.content, role, adjustments),
              ...(item.status !== undefined ? { status: item.status } : {}),
            },
          ),
        );
        break;
      }
      case 'function_call':
        out.push(
          withFields(item.passthrough, {
            type: 'function_call',
            ...(item.id !== undefined ? { id: item.id } : {}),
            call_id: item.callId,
            name: item.name,
            arguments: item.arguments,
            ...(item.status !== undefined ? { status: item.status } : {}),
          }),
        );
        break;
      case 'function_call_output':
        out.push(
          withFields(item.passthrough, {
            type: 'function_call_output',
            ...(item.id !== undefined ? { id: item.id } : {}),
            call_id: item.callId,
            output:
              typeof item.output === 'string'
                ? item.output
                : (partsToResponses(item.output, 'input', adjustments) as Extract<
                    ResponsesInputItem,
                    { type: 'function_call_output' }
                  >['output']),
            ...(item.status !== undefined ? { status: item.status } : {}),
          }),
        );
        break;
      case 'reasoning':
        out.push(item.raw as ResponsesInputItem);
        break;
      case 'opaque':
        out.push(item.raw as ResponsesInputItem);
        break;
      case 'item_reference':
        out.push({ type: 'item_reference', id: item.id });
        break;
    }
  }
  return out;
}
