import { pickUpstreamResponseFields } from '../convert/upstream-response-fields.js';
import { responsesUsageToCanonical } from '../convert/usage.js';
import { CoreError } from '../errors/core-error.js';
import type { CanonicalFinishReason, CanonicalUsage } from '../items/canonical.js';
import { isJsonObject } from '../json/get-own.js';
import type { ResponsesUsage } from '../protocol/common/usage.js';
import { ids } from '../protocol/ids.js';
import type { CanonicalStreamEvent } from './canonical-stream-event.js';
import { ResponsesItemDecoder } from './responses-item-decoder.js';
import type { StreamLimits } from './stream-limits.js';
import { readUpstreamError } from './to-stream-error.js';
import { arrayField, numberField, objectField, stringField } from './wire-fields.js';

type Events = CanonicalStreamEvent[];
type WireObject = Record<string, unknown>;

/**
 * The state machine behind `responsesEventsToCanonical`: one parsed Responses event in, the canonical events
 * it releases out (docs/protocol/responses.md#streaming). Lifecycle events are handled here, output items by
 * `ResponsesItemDecoder`. Throws `CoreError` on broken input.
 */
export class ResponsesStreamDecoder {
  readonly #items: ResponsesItemDecoder;
  #started = false;
  #done = false;

  constructor(limits: StreamLimits) {
    this.#items = new ResponsesItemDecoder(limits);
  }

  /** True once a terminal event was released. */
  get done(): boolean {
    return this.#done;
  }

  /** Feeds one parsed event. */
  push(event: unknown): Events {
    if (this.#done) return [];
    if (!isJsonObject(event)) {
      throw new CoreError({
        code: 'invalid_stream',
        message: 'A Responses stream event is not a JSON object.',
      });
    }
    const type = stringField(event, 'type') ?? '';
    if (type === 'error') return this.#fail(objectField(event, 'error') ?? withoutType(event));
    if (type === 'response.failed') {
      return this.#fail(
        objectField(objectField(event, 'response') ?? {}, 'error') ?? 'The upstream response failed.',
      );
    }
    if (type === 'response.created') return this.#start(objectField(event, 'response') ?? {});
    if (!type.startsWith('response.') || type === 'response.in_progress' || type === 'response.queued')
      return [];
    if (!this.#started) {
      throw new CoreError({
        code: 'invalid_stream',
        message: `The upstream Responses stream sent ${type} before response.created.`,
      });
    }
    return this.#dispatch(type, event);
  }

  /** Signals the end of input; a stream without a terminal event is truncated. */
  end(): Events {
    if (this.#done) return [];
    throw new CoreError({
      code: 'invalid_stream',
      message:
        'The upstream Responses stream ended without response.completed, so the response is truncated and ' +
        'its tool calls are incomplete. Retry the request.',
    });
  }

  #dispatch(type: string, event: WireObject): Events {
    if (type === 'response.completed' || type === 'response.incomplete') {
      return this.#finish(type, objectField(event, 'response') ?? {});
    }
    return this.#items.dispatch(type, event);
  }

  #start(response: WireObject): Events {
    if (this.#started) return [];
    this.#started = true;
    const responseFields = pickUpstreamResponseFields(response);
    return [
      {
        type: 'response-start',
        id: stringField(response, 'id') ?? ids.response(),
        model: stringField(response, 'model') ?? '',
        createdAt: numberField(response, 'created_at') ?? Math.floor(Date.now() / 1000),
        ...(responseFields !== undefined ? { responseFields } : {}),
      },
    ];
  }

  #fail(error: unknown): Events {
    this.#done = true;
    return [{ type: 'error', error: readUpstreamError(error) }];
  }

  #finish(type: string, response: WireObject): Events {
    const cutOff = type === 'response.incomplete';
    const out = this.#items.finish(arrayField(response, 'output') ?? [], { cutOff });
    this.#done = true;
    const responseFields = pickUpstreamResponseFields(response);
    out.push({
      type: 'finish',
      finishReason: this.#finishReason(cutOff, response),
      usage: readUsage(response),
      ...(responseFields !== undefined ? { responseFields } : {}),
    });
    return out;
  }

  #finishReason(cutOff: boolean, response: WireObject): CanonicalFinishReason {
    if (!cutOff) return this.#items.sawCall ? 'tool_calls' : 'stop';
    const reason = stringField(objectField(response, 'incomplete_details') ?? {}, 'reason');
    return reason === 'content_filter' ? 'content_filter' : 'length';
  }
}

/**
 * The flat error event of OpenAI's published schema carries its fields at top level; its `type` is the
 * event's, not the error's.
 */
function withoutType(event: WireObject): WireObject {
  const { type: _eventType, ...error } = event;
  return error;
}

function readUsage(response: WireObject): CanonicalUsage | null {
  const usage = objectField(response, 'usage');
  return usage === undefined ? null : responsesUsageToCanonical(usage as unknown as ResponsesUsage);
}
