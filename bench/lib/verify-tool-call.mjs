// Correctness of what a target relayed: reassemble the tool call from a Chat JSON body, a Chat SSE
// stream or a Responses SSE stream, and compare it with the fixed transcript's call. Stream readers
// are fed chunk by chunk with arrival times, so they also give time to first byte / first arguments.
import { FIXED_TOOL_CALL, fixedTranscript } from '@toolbridge/scripted-upstream';
import { createParser } from 'eventsource-parser';

/**
 * Compares reassembled calls with the transcript's single call; returns a problem string or null.
 * `expected.callId` null: any non-empty id (a gateway makes one up when the upstream has none).
 */
export function compareCalls(calls, expected = FIXED_TOOL_CALL) {
  if (calls.length !== 1) return `expected 1 tool call, got ${calls.length}`;
  const [call] = calls;
  if (call.name !== expected.name) return `name ${JSON.stringify(call.name)} ≠ ${expected.name}`;
  if (call.arguments !== expected.arguments)
    return `arguments differ: ${JSON.stringify(call.arguments).slice(0, 120)}`;
  if (expected.callId === null ? typeof call.id !== 'string' || call.id === '' : call.id !== expected.callId)
    return `call id ${JSON.stringify(call.id)} ≠ ${expected.callId ?? 'a non-empty id'}`;
  return null;
}

function parseJson(text) {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, error };
  }
}

/** Checks a Chat Completions JSON body. */
export function checkChatJson(text, expected = FIXED_TOOL_CALL) {
  const parsed = parseJson(text);
  if (!parsed.ok) return { problem: `body is not JSON: ${text.slice(0, 120)}` };
  const message = parsed.value?.choices?.[0]?.message;
  if (!message) return { problem: `no choices[0].message: ${text.slice(0, 200)}` };
  const calls = (message.tool_calls ?? []).map((call) => ({
    id: call.id,
    name: call.function?.name,
    arguments: call.function?.arguments,
  }));
  const finish = parsed.value.choices[0].finish_reason;
  const problem =
    compareCalls(calls, expected) ?? (finish === 'tool_calls' ? null : `finish_reason ${finish}`);
  return { problem };
}

/** Checks a Responses JSON body (a Response object). */
export function checkResponsesJson(text, expected = FIXED_TOOL_CALL) {
  const parsed = parseJson(text);
  if (!parsed.ok) return { problem: `body is not JSON: ${text.slice(0, 120)}` };
  if (parsed.value?.status !== 'completed')
    return { problem: `status ${parsed.value?.status}: ${text.slice(0, 200)}` };
  const calls = (parsed.value.output ?? [])
    .filter((item) => item.type === 'function_call')
    .map((item) => ({ id: item.call_id, name: item.name, arguments: item.arguments }));
  return { problem: compareCalls(calls, expected), responseId: parsed.value.id };
}

/**
 * The shared half of the stream readers: bytes (split anywhere, even inside a character) through
 * eventsource-parser; each complete event's data goes to `onData(data, at)` with its arrival time.
 */
class SseStreamReader {
  constructor(expected = FIXED_TOOL_CALL) {
    this.expected = expected;
  }
  decoder = new TextDecoder();
  parser = createParser({ onEvent: ({ data }) => this.onData(data, this.at) });
  problem = null;
  firstByteAt = null;
  firstArgsAt = null;
  at = null;

  feed(chunk, at) {
    this.firstByteAt ??= at;
    this.at = at;
    this.parser.feed(this.decoder.decode(chunk, { stream: true }));
  }
}

/** Reassembles a Chat Completions chunk stream; `firstArgsAt` is when a non-empty arguments delta came. */
export class ChatStreamReader extends SseStreamReader {
  calls = [];
  done = false;
  finishReason = null;

  onData(data, at) {
    if (data === '[DONE]') {
      this.done = true;
      return;
    }
    const parsed = parseJson(data);
    if (!parsed.ok) {
      this.problem ??= `chunk is not JSON: ${data.slice(0, 120)}`;
      return;
    }
    if (parsed.value.error) this.problem ??= `error event: ${data.slice(0, 200)}`;
    const choice = parsed.value.choices?.[0];
    if (choice?.finish_reason) this.finishReason = choice.finish_reason;
    for (const delta of choice?.delta?.tool_calls ?? []) {
      const index = delta.index ?? 0;
      this.calls[index] ??= { id: undefined, name: undefined, arguments: '' };
      const call = this.calls[index];
      if (delta.id) call.id = delta.id;
      if (delta.function?.name) call.name = delta.function.name;
      const fragment = delta.function?.arguments ?? '';
      if (fragment !== '') {
        call.arguments += fragment;
        this.firstArgsAt ??= at;
      }
    }
  }

  finish() {
    const problem =
      this.problem ??
      compareCalls(this.calls.filter(Boolean), this.expected) ??
      (this.finishReason === 'tool_calls' ? null : `finish_reason ${this.finishReason}`) ??
      (this.done ? null : 'no [DONE]');
    return { problem };
  }
}

/** Reassembles a Responses event stream; also returns the response id (for the follow-up turn). */
export class ResponsesStreamReader extends SseStreamReader {
  calls = [];
  responseId = null;
  completed = false;

  onData(data, at) {
    const parsed = parseJson(data);
    if (!parsed.ok) {
      this.problem ??= `event is not JSON: ${data.slice(0, 120)}`;
      return;
    }
    const event = parsed.value;
    switch (event.type) {
      case 'response.created':
        this.responseId = event.response?.id ?? null;
        break;
      case 'response.output_item.added':
        if (event.item?.type === 'function_call') {
          this.calls[event.output_index] = { id: event.item.call_id, name: event.item.name, arguments: '' };
        }
        break;
      case 'response.function_call_arguments.delta': {
        const call = this.calls[event.output_index];
        if (call === undefined) this.problem ??= 'arguments delta before output_item.added';
        else if (event.delta) {
          call.arguments += event.delta;
          this.firstArgsAt ??= at;
        }
        break;
      }
      case 'response.output_item.done': {
        const call = this.calls[event.output_index];
        if (call && event.item?.arguments !== call.arguments)
          this.problem ??= 'output_item.done arguments differ from the deltas';
        break;
      }
      case 'response.completed': {
        this.completed = true;
        const finals = (event.response?.output ?? []).filter((item) => item.type === 'function_call');
        const problem = compareCalls(
          finals.map((item) => ({ id: item.call_id, name: item.name, arguments: item.arguments })),
          this.expected,
        );
        if (problem) this.problem ??= `response.completed output: ${problem}`;
        break;
      }
      case 'response.failed':
      case 'response.incomplete':
      case 'error':
        this.problem ??= `${event.type}: ${data.slice(0, 200)}`;
        break;
    }
  }

  finish() {
    const problem =
      this.problem ??
      compareCalls(this.calls.filter(Boolean), this.expected) ??
      (this.completed ? null : 'no response.completed') ??
      (this.responseId ? null : 'no response id');
    return { problem, responseId: this.responseId };
  }
}

/** Collects a whole body, then checks it with `check(text)`. */
function wholeBodyReader(check) {
  const chunks = [];
  return {
    firstByteAt: null,
    firstArgsAt: null,
    feed(chunk, at) {
      this.firstByteAt ??= at;
      chunks.push(chunk);
    },
    finish() {
      return check(Buffer.concat(chunks));
    },
  };
}

/**
 * A reader for an answer kind: 'chat-json' | 'chat-sse' | 'responses-json' | 'responses-sse', or
 * 'bytes:<transcript>' (the upstream's own answer, byte for byte: the calibration target).
 */
export function readerFor(kind, expected = FIXED_TOOL_CALL) {
  if (kind === 'chat-sse') return new ChatStreamReader(expected);
  if (kind === 'responses-sse') return new ResponsesStreamReader(expected);
  if (kind === 'responses-json')
    return wholeBodyReader((body) => checkResponsesJson(body.toString('utf8'), expected));
  if (kind.startsWith('bytes:')) {
    const want = fixedTranscript(kind.slice('bytes:'.length)).body;
    return wholeBodyReader((body) => ({
      problem: body.equals(want)
        ? null
        : `body differs from the transcript: ${body.toString('utf8').slice(0, 120)}`,
    }));
  }
  return wholeBodyReader((body) => checkChatJson(body.toString('utf8'), expected));
}
