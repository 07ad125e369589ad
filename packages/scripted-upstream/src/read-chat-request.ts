import { contentText } from './content-text.js';
import { isRecord, type JsonRecord, ownString, ownValue } from './json-value.js';
import { outputSchemaOf } from './output-schema.js';
import { readCommonFields } from './read-common-fields.js';
import type { ConversationEntry, ScriptedRequest, ToolChoiceSpec, ToolSpec } from './scripted-request.js';
import { SCRIPTED_UPSTREAM_DEFAULTS } from './scripted-upstream-defaults.js';
import { failed, invalidRequest, type ReadResult } from './upstream-error.js';

const ROLES = "'system', 'assistant', 'user', 'function', 'tool', and 'developer'";

function readMessage(message: unknown, index: number): ReadResult<ConversationEntry[]> {
  if (!isRecord(message)) {
    const text = `Invalid type for 'messages[${index}]': expected an object, but got something else instead.`;
    return failed(invalidRequest(text, `messages[${index}]`, 'invalid_type'));
  }
  const role = ownValue(message, 'role');
  const text = contentText(ownValue(message, 'content'));
  switch (role) {
    case 'system':
    case 'developer':
      return { ok: true, value: [{ kind: 'system', text }] };
    case 'user':
      return { ok: true, value: [{ kind: 'user', text }] };
    case 'assistant':
      return { ok: true, value: readAssistant(message, text) };
    case 'tool':
      return {
        ok: true,
        value: [{ kind: 'result', callId: ownString(message, 'tool_call_id') ?? '', output: text }],
      };
    case 'function':
      return {
        ok: true,
        value: [{ kind: 'result', callId: ownString(message, 'name') ?? '', output: text }],
      };
    default: {
      const shown = typeof role === 'string' ? role.slice(0, 100) : String(role);
      const error = `Invalid value: '${shown}'. Supported values are: ${ROLES}.`;
      return failed(invalidRequest(error, `messages[${index}].role`, 'invalid_value'));
    }
  }
}

// Lenient on purpose: the gateway's own validators are tested elsewhere; the double only needs the
// calls it can recognise.
function readAssistant(message: JsonRecord, text: string): ConversationEntry[] {
  const entries: ConversationEntry[] = text === '' ? [] : [{ kind: 'assistant', text }];
  const calls = ownValue(message, 'tool_calls');
  if (!Array.isArray(calls)) return entries;
  for (const call of calls) {
    if (!isRecord(call)) continue;
    const fn = ownValue(call, 'function');
    if (!isRecord(fn)) continue;
    entries.push({
      kind: 'call',
      callId: ownString(call, 'id') ?? '',
      name: ownString(fn, 'name') ?? '',
      arguments: ownString(fn, 'arguments') ?? '',
    });
  }
  return entries;
}

function readTools(body: JsonRecord): ReadResult<ToolSpec[]> {
  const array = readCommonFields.toolArray(body);
  if (!array.ok) return array;
  const tools: ToolSpec[] = [];
  for (const [index, tool] of array.value.entries()) {
    if (!isRecord(tool) || ownValue(tool, 'type') !== 'function') continue;
    const fn = ownValue(tool, 'function');
    if (!isRecord(fn)) {
      const message = `Missing required parameter: 'tools[${index}].function'.`;
      return failed(invalidRequest(message, `tools[${index}].function`, 'missing_required_parameter'));
    }
    const name = ownString(fn, 'name');
    if (name === undefined) {
      const message = `Missing required parameter: 'tools[${index}].function.name'.`;
      return failed(invalidRequest(message, `tools[${index}].function.name`, 'missing_required_parameter'));
    }
    const strict = ownValue(fn, 'strict');
    tools.push({
      name,
      description: ownString(fn, 'description') ?? '',
      parameters: ownValue(fn, 'parameters'),
      strict: typeof strict === 'boolean' ? strict : null,
    });
  }
  return { ok: true, value: tools };
}

function namedFunction(value: unknown): string | undefined {
  if (!isRecord(value)) return undefined;
  const fn = ownValue(value, 'function');
  return isRecord(fn) ? ownString(fn, 'name') : ownString(value, 'name');
}

function readToolChoice(body: JsonRecord, tools: ToolSpec[]): ReadResult<ToolChoiceSpec> {
  const value = ownValue(body, 'tool_choice');
  let choice: ToolChoiceSpec;
  if (value === undefined || value === null) choice = readCommonFields.defaultToolChoice(tools);
  else if (value === 'none' || value === 'auto' || value === 'required') choice = { kind: value };
  else if (isRecord(value) && ownValue(value, 'type') === 'function') {
    const name = namedFunction(value);
    if (name === undefined) {
      const message = "Missing required parameter: 'tool_choice.function.name'.";
      return failed(invalidRequest(message, 'tool_choice.function.name', 'missing_required_parameter'));
    }
    choice = { kind: 'function', name };
  } else if (isRecord(value) && ownValue(value, 'type') === 'allowed_tools') {
    const allowed = ownValue(value, 'allowed_tools');
    const spec = isRecord(allowed) ? allowed : {};
    const listed = ownValue(spec, 'tools');
    const names = (Array.isArray(listed) ? listed : [])
      .map(namedFunction)
      .filter((name) => name !== undefined);
    choice = { kind: 'allowed', mode: ownValue(spec, 'mode') === 'required' ? 'required' : 'auto', names };
  } else return readCommonFields.badToolChoice(value);
  return readCommonFields.checkToolChoice(body, choice, tools);
}

function readMessages(body: JsonRecord): ReadResult<ConversationEntry[]> {
  const messages = ownValue(body, 'messages');
  if (!Array.isArray(messages)) {
    return failed(
      invalidRequest("Missing required parameter: 'messages'.", 'messages', 'missing_required_parameter'),
    );
  }
  if (messages.length === 0) {
    const message =
      "Invalid 'messages': empty array. Expected an array with minimum length 1, but got an empty array instead.";
    return failed(invalidRequest(message, 'messages', 'empty_array'));
  }
  if (messages.length > SCRIPTED_UPSTREAM_DEFAULTS.maxEntries) {
    return failed(
      invalidRequest("Invalid 'messages': array too long.", 'messages', 'array_above_max_length'),
    );
  }
  const entries: ConversationEntry[] = [];
  for (const [index, message] of messages.entries()) {
    const read = readMessage(message, index);
    if (!read.ok) return read;
    entries.push(...read.value);
  }
  return { ok: true, value: entries };
}

/**
 * Reads a `POST /v1/chat/completions` body (docs/protocol/chat-completions.md) into a {@link
 * ScriptedRequest}.
 */
export function readChatRequest(body: unknown): ReadResult<ScriptedRequest> {
  if (!isRecord(body)) return failed(invalidRequest('The request body must be a JSON object.', null, null));
  const model = readCommonFields.model(body);
  if (!model.ok) return model;
  const entries = readMessages(body);
  if (!entries.ok) return entries;
  const tools = readTools(body);
  if (!tools.ok) return tools;
  const toolChoice = readToolChoice(body, tools.value);
  if (!toolChoice.ok) return toolChoice;
  const stream = ownValue(body, 'stream') === true;
  const streamOptions = ownValue(body, 'stream_options');
  if (streamOptions !== undefined && streamOptions !== null && !stream) {
    const message = "The 'stream_options' parameter is only allowed when 'stream' is enabled.";
    return failed(invalidRequest(message, 'stream_options', null));
  }
  const top = ownValue(body, 'top_logprobs');
  const logprobs =
    ownValue(body, 'logprobs') === true
      ? {
          chatTopLogprobs:
            typeof top === 'number' && Number.isInteger(top) ? Math.min(Math.max(top, 0), 20) : 0,
        }
      : {};
  return {
    ok: true,
    value: {
      ...logprobs,
      model: model.value,
      entries: entries.value,
      tools: tools.value,
      toolChoice: toolChoice.value,
      parallelToolCalls: ownValue(body, 'parallel_tool_calls') !== false,
      stream,
      includeUsage: stream && isRecord(streamOptions) && ownValue(streamOptions, 'include_usage') === true,
      maxOutputTokens: readCommonFields.positiveInteger(body, 'max_completion_tokens', 'max_tokens'),
      ...outputSchemaOf(ownValue(body, 'response_format'), 'chat'),
    },
  };
}
