import { appendChatLogprobs } from '../convert/chat-logprobs.js';
import { CoreError, type CoreErrorCode } from '../errors/core-error.js';
import type {
  CanonicalContentPart,
  CanonicalFunctionCall,
  CanonicalItem,
  CanonicalMessage,
  CanonicalResponse,
  JsonObject,
} from '../items/canonical.js';
import { withFields } from '../json/with-fields.js';
import type { CanonicalStreamEvent, StreamError } from './canonical-stream-event.js';

type OutputMessage = Omit<CanonicalMessage, 'content'> & { content: CanonicalContentPart[] };
type StartEvent = Extract<CanonicalStreamEvent, { type: 'response-start' }>;
type FinishEvent = Extract<CanonicalStreamEvent, { type: 'finish' }>;

const STREAM_CODES: ReadonlySet<string> = new Set<CoreErrorCode>([
  'invalid_stream',
  'stream_limit_exceeded',
  'tool_call_identity_changed',
]);

function streamFailure(error: StreamError): CoreError {
  const code =
    error.code !== null && STREAM_CODES.has(error.code) ? (error.code as CoreErrorCode) : 'invalid_stream';
  return new CoreError({ code, message: error.message, cause: error });
}

/**
 * Collects a canonical event stream into one `CanonicalResponse`, to answer a non-streaming client
 * from a streaming upstream. Throws `CoreError` on an `error` event (the upstream error is the
 * `cause`) or when the stream ends without `finish`; a cut-off last item is `incomplete`.
 */
export async function accumulateCanonical(
  events: AsyncIterable<CanonicalStreamEvent>,
): Promise<CanonicalResponse> {
  const collector = new CanonicalCollector();
  for await (const event of events) {
    if (event.type === 'error') throw streamFailure(event.error);
    if (event.type === 'finish') return collector.finish(event);
    collector.add(event);
  }
  throw new CoreError({ code: 'invalid_stream', message: 'The stream ended before the response finished.' });
}

class CanonicalCollector {
  readonly #output: CanonicalItem[] = [];
  #start: StartEvent | undefined;
  #message: OutputMessage | undefined;
  #call: CanonicalFunctionCall | undefined;
  #logprobs: JsonObject | undefined;

  add(event: Exclude<CanonicalStreamEvent, { type: 'error' | 'finish' }>): void {
    switch (event.type) {
      case 'response-start':
        this.#start = event;
        return;
      case 'logprobs':
        this.#logprobs = appendChatLogprobs(this.#logprobs, event.logprobs);
        return;
      case 'text-start':
        this.#message = {
          type: 'message',
          ...withId(event.itemId),
          role: 'assistant',
          content: [],
          status: 'in_progress',
          ...(event.passthrough !== undefined ? { passthrough: event.passthrough } : {}),
        };
        this.#output.push(this.#message);
        return;
      case 'text-delta':
      case 'refusal-delta':
        this.#appendPart(event.type === 'text-delta' ? 'text' : 'refusal', event.delta);
        return;
      case 'text-end':
        this.#endMessage(event);
        return;
      case 'tool-call-start':
        this.#call = {
          type: 'function_call',
          ...withId(event.itemId),
          callId: event.callId,
          name: event.name,
          arguments: '',
          status: 'in_progress',
          ...(event.providerState !== undefined ? { providerState: event.providerState } : {}),
          ...(event.passthrough !== undefined ? { passthrough: event.passthrough } : {}),
        };
        this.#output.push(this.#call);
        return;
      case 'tool-call-delta':
        if (this.#call !== undefined) this.#call.arguments += event.delta;
        return;
      case 'tool-call-end':
        if (this.#call !== undefined)
          Object.assign(this.#call, {
            arguments: event.arguments,
            status: 'completed',
            ...(event.passthrough !== undefined ? { passthrough: event.passthrough } : {}),
          });
        this.#call = undefined;
        return;
      case 'reasoning':
      case 'reasoning-end': {
        // The finished item carries its summary whole; the streamed parts before it add nothing.
        const id = event.item['id'];
        this.#output.push({
          type: 'reasoning',
          ...withId(typeof id === 'string' ? id : undefined),
          raw: event.item,
        });
        return;
      }
      default:
        // reasoning-start, -part and -delta: see reasoning-end.
        return;
    }
  }

  finish(event: FinishEvent): CanonicalResponse {
    // Whatever is still open was cut off (canonical invariant): incomplete, never completed.
    for (const open of [this.#message, this.#call]) if (open !== undefined) open.status = 'incomplete';
    const responseFields =
      this.#start?.responseFields !== undefined || event.responseFields !== undefined
        ? withFields(this.#start?.responseFields, event.responseFields)
        : undefined;
    const start = this.#start;
    const response: CanonicalResponse = withFields(responseFields !== undefined ? { responseFields } : {}, {
      id: start?.id ?? '',
      model: start?.model ?? '',
      createdAt: start?.createdAt ?? 0,
      output: this.#output,
      finishReason: event.finishReason,
      usage: event.usage,
    });
    if (start?.serviceTier !== undefined) response.serviceTier = start.serviceTier;
    if (start?.systemFingerprint !== undefined) response.systemFingerprint = start.systemFingerprint;
    if (this.#logprobs !== undefined) response.logprobs = this.#logprobs;
    return response;
  }

  #appendPart(kind: 'text' | 'refusal', delta: string): void {
    // A producer that skipped `text-start` still gets its text kept, as the encoders do.
    if (this.#message === undefined) this.add({ type: 'text-start' });
    const message = this.#message;
    if (message === undefined) return;
    const last = message.content.at(-1);
    if (kind === 'text' && last?.type === 'text') last.text += delta;
    else if (kind === 'refusal' && last?.type === 'refusal') last.refusal += delta;
    else
      message.content.push(
        kind === 'text' ? { type: 'text', text: delta } : { type: 'refusal', refusal: delta },
      );
  }

  #endMessage(end: Extract<CanonicalStreamEvent, { type: 'text-end' }>): void {
    const message = this.#message;
    if (message === undefined) return;
    if (message.content.length === 0) message.content.push({ type: 'text', text: '' });
    message.status = 'completed';
    if (end.passthrough !== undefined) message.passthrough = end.passthrough;
    for (const [index, fields] of (end.parts ?? []).entries()) {
      const part = message.content[index];
      if (part !== undefined && fields !== null && part.type !== 'image' && part.type !== 'opaque')
        part.passthrough = fields;
    }
    this.#message = undefined;
  }
}

function withId(id: string | undefined): { id?: string } {
  return id === undefined ? {} : { id };
}
