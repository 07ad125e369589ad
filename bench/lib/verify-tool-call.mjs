// Correctness of what a target relayed: reassemble the tool call from a Chat JSON body, a Chat SSE
// stream or a Responses SSE stream, and compare it with the fixed transcript's call. Stream readers
// are fed chunk by chunk with arrival times, so they also give time to first byte / first arguments.
import { FIXED_TOOL_CALL } from '@toolbridge/gateway';

/** Compares reassembled calls with the transcript's single call; returns a problem string or null. */
export function compareCalls(calls, expected = FIXED_TOOL_CALL) {
  if (calls.length !== 1) return `expected 1 tool call, got ${calls.length}`;
  const [call] = calls;
  if (call.name !== expected.name) return `name ${JSON.stringify(call.name)} ≠ ${expected.name}`;
  if (call.arguments !== expected.arguments)
    return `arguments differ: ${JSON.stringify(call.arguments).slice(0, 120)}`;
  if (call.id !== expected.callId) return `call id ${JSON.stringify(call.id)} ≠ ${expected.callId}`;
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
export function checkChatJson(text) {
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
  const problem = compareCalls(calls) ?? (finish === 'tool_calls' ? null : `finish_reason ${finish}`);
  return { problem };
}

/** Splits an SSE byte stream into events ({event, data}); tolerant of CRLF. */
class SseSplitter {
  buffer = '';

  *feed(chunk) {
    this.buffer += chunk.toString('utf8').replaceAll('\r\n', '\n');
    for (let end = this.buffer.indexOf('\n\n'); end !== -1; end = this.buffer.indexOf('\n\n')) {
      const block = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      let event = 'message';
      const data = [];
      for (const line of block.split('\n')) {
        if (line.startsWith('event:')) event = line.slice(6).trim();
        else if (line.startsWith('data:')) data.push(line.slice(line[5] === ' ' ? 6 : 5));
      }
      if (data.length > 0) yield { event, data: data.join('\n') };
    }
  }
}

/** Reassembles a Chat Completions chunk stream; `firstArgsAt` is when a non-empty arguments delta came. */
export class ChatStreamReader {
  splitter = new SseSplitter();
  calls = [];
  done = false;
  finishReason = null;
  problem = null;
  firstByteAt = null;
  firstArgsAt = null;

  feed(chunk, at) {
    this.firstByteAt ??= at;
    for (const { data } of this.splitter.feed(chunk)) {
      if (data === '[DONE]') {
        this.done = true;
        continue;
      }
      const parsed = parseJson(data);
      if (!parsed.ok) {
        this.problem ??= `chunk is not JSON: ${data.slice(0, 120)}`;
        continue;
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
  }

  finish() {
    const problem =
      this.problem ??
      compareCalls(this.calls.filter(Boolean)) ??
      (this.finishReason === 'tool_calls' ? null : `finish_reason ${this.finishReason}`) ??
      (this.done ? null : 'no [DONE]');
    return { problem };
  }
}

/** Reassembles a Responses event stream; also returns the response id (for the follow-up turn). */
export class ResponsesStreamReader {
  splitter = new SseSplitter();
  calls = [];
  responseId = null;
  completed = false;
  problem = null;
  firstByteAt = null;
  firstArgsAt = null;

  feed(chunk, at) {
    this.firstByteAt ??= at;
    for (const { data } of this.splitter.feed(chunk)) {
      const parsed = parseJson(data);
      if (!parsed.ok) {
        this.problem ??= `event is not JSON: ${data.slice(0, 120)}`;
        continue;
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
  }

  finish() {
    const problem =
      this.problem ??
      compareCalls(this.calls.filter(Boolean)) ??
      (this.completed ? null : 'no response.completed') ??
      (this.responseId ? null : 'no response id');
    return { problem, responseId: this.responseId };
  }
}

/** A reader for a scenario's answer kind: 'chat-json' | 'chat-sse' | 'responses-sse'. */
export function readerFor(kind) {
  if (kind === 'chat-sse') return new ChatStreamReader();
  if (kind === 'responses-sse') return new ResponsesStreamReader();
  let text = '';
  return {
    firstByteAt: null,
    firstArgsAt: null,
    feed(chunk, at) {
      this.firstByteAt ??= at;
      text += chunk.toString('utf8');
    },
    finish() {
      return checkChatJson(text);
    },
  };
}
