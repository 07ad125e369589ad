import type { ResponseObject } from '@toolbridge/core';
import { contentText } from './content-text.js';
import { isRecord, type JsonRecord, ownString, ownValue } from './json-value.js';
import { outputSchemaOf } from './output-schema.js';
import { readCommonFields } from './read-common-fields.js';
import { ENCRYPTED_REASONING_INCLUDE, SCRIPTED_REASONING_PREFIX } from './response-object.js';
import type { ResponsesEcho } from './responses-echo.js';
import { openCompaction } from './scripted-compaction.js';
import type { ConversationEntry, ScriptedRequest, ToolChoiceSpec, ToolSpec } from './scripted-request.js';
import { SCRIPTED_UPSTREAM_DEFAULTS } from './scripted-upstream-defaults.js';
import { failed, invalidRequest, type ReadResult } from './upstream-error.js';

/** What {@link readResponsesRequest} yields: the neutral request plus the fields to echo. */
export interface ReadResponsesRequest {
  request: ScriptedRequest;
  echo: ResponsesEcho;
  /** `include` asked for `reasoning.encrypted_content`: a `#reasoning` item carries it. */
  encryptedReasoning: boolean;
}

/**
 * Models OpenAI serves without reasoning refuse `include: ["reasoning.encrypted_content"]` (gpt-4o,
 * gpt-4.1 and older); this double names them the same way.
 */
const NON_REASONING_MODEL = /^(gpt-4|gpt-3\.5|chatgpt-4o)/;

const STATELESS =
  "This scripted upstream keeps no state, so it cannot resolve stored responses or items. Send the full conversation in 'input' instead (the gateway always does).";

/**
 * A reasoning item, as OpenAI reads one: its `encrypted_content` must be one this double made; without
 * it the item is looked up by id, which finds nothing under `store: false` (OpenAI keeps nothing then).
 * With `store` on, this stateless double lets an item without it pass (it has nothing to look it up in).
 */
function readReasoning(item: JsonRecord, index: number, stored: boolean): ReadResult<ConversationEntry[]> {
  const encrypted = ownValue(item, 'encrypted_content');
  if (typeof encrypted === 'string') {
    if (encrypted.startsWith(SCRIPTED_REASONING_PREFIX)) return { ok: true, value: [] };
    const message = `The encrypted content for item input[${index}] could not be verified.`;
    return failed(invalidRequest(message, `input[${index}].encrypted_content`, 'invalid_encrypted_content'));
  }
  if (stored) return { ok: true, value: [] };
  const id = ownString(item, 'id') ?? '';
  return failed({
    status: 404,
    message: `Item with id '${id}' not found. Items are not persisted when \`store\` is set to false. Try again with \`store\` set to true, or remove this item from your input.`,
    type: 'invalid_request_error',
    param: 'input',
    code: null,
  });
}

function readItem(item: unknown, index: number, stored: boolean): ReadResult<ConversationEntry[]> {
  if (!isRecord(item)) return { ok: true, value: [] };
  const type = ownValue(item, 'type');
  if (type === 'reasoning') return readReasoning(item, index, stored);
  if (type === 'function_call') {
    const entry: ConversationEntry = {
      kind: 'call',
      callId: ownString(item, 'call_id') ?? '',
      name: ownString(item, 'name') ?? '',
      arguments: ownString(item, 'arguments') ?? '',
    };
    return { ok: true, value: [entry] };
  }
  if (type === 'function_call_output') {
    const output = ownValue(item, 'output');
    const entry: ConversationEntry = {
      kind: 'result',
      callId: ownString(item, 'call_id') ?? '',
      output: contentText(output),
    };
    return { ok: true, value: [entry] };
  }
  if (type === 'item_reference') return failed(invalidRequest(STATELESS, `input[${index}]`, null));
  if (type === 'compaction') return readCompaction(item, index);
  if (type !== undefined && type !== 'message') return { ok: true, value: [] };
  const role = ownValue(item, 'role');
  const text = contentText(ownValue(item, 'content'));
  if (role === 'user') return { ok: true, value: [{ kind: 'user', text }] };
  if (role === 'assistant') return { ok: true, value: [{ kind: 'assistant', text }] };
  if (role === 'system' || role === 'developer') return { ok: true, value: [{ kind: 'system', text }] };
  return { ok: true, value: [] };
}

/** A compaction item this double sealed stands for the conversation it holds; anything else is refused. */
function readCompaction(item: JsonRecord, index: number): ReadResult<ConversationEntry[]> {
  const text = openCompaction(ownString(item, 'encrypted_content') ?? '');
  if (text === null) {
    const message =
      'The encrypted content could not be verified. Pass back compaction items exactly as returned.';
    return failed(invalidRequest(message, `input[${index}].encrypted_content`, 'invalid_encrypted_content'));
  }
  return { ok: true, value: [{ kind: 'system', text: `Earlier conversation: ${text}` }] };
}

function readInput(body: JsonRecord): ReadResult<ConversationEntry[]> {
  const entries: ConversationEntry[] = [];
  const instructions = ownString(body, 'instructions');
  if (instructions !== undefined) entries.push({ kind: 'system', text: instructions });
  const input = ownValue(body, 'input');
  if (typeof input === 'string') return { ok: true, value: [...entries, { kind: 'user', text: input }] };
  if (!Array.isArray(input)) return { ok: true, value: entries };
  if (input.length > SCRIPTED_UPSTREAM_DEFAULTS.maxEntries) {
    return failed(invalidRequest("Invalid 'input': array too long.", 'input', 'array_above_max_length'));
  }
  const stored = ownValue(body, 'store') !== false;
  for (const [index, item] of input.entries()) {
    const read = readItem(item, index, stored);
    if (!read.ok) return read;
    entries.push(...read.value);
  }
  return { ok: true, value: entries };
}

function readTools(body: JsonRecord): ReadResult<ToolSpec[]> {
  const array = readCommonFields.toolArray(body);
  if (!array.ok) return array;
  const tools: ToolSpec[] = [];
  for (const [index, tool] of array.value.entries()) {
    if (!isRecord(tool) || ownValue(tool, 'type') !== 'function') continue;
    const name = ownString(tool, 'name');
    if (name === undefined) {
      const message = `Missing required parameter: 'tools[${index}].name'.`;
      return failed(invalidRequest(message, `tools[${index}].name`, 'missing_required_parameter'));
    }
    const strict = ownValue(tool, 'strict');
    const description = ownString(tool, 'description') ?? '';
    tools.push({
      name,
      description,
      parameters: ownValue(tool, 'parameters'),
      strict: typeof strict === 'boolean' ? strict : null,
    });
  }
  return { ok: true, value: tools };
}

function readToolChoice(body: JsonRecord, tools: ToolSpec[]): ReadResult<ToolChoiceSpec> {
  const value = ownValue(body, 'tool_choice');
  let choice: ToolChoiceSpec;
  if (value === undefined || value === null) choice = readCommonFields.defaultToolChoice(tools);
  else if (value === 'none' || value === 'auto' || value === 'required') choice = { kind: value };
  else if (isRecord(value) && ownValue(value, 'type') === 'function') {
    const name = ownString(value, 'name');
    if (name === undefined) {
      return failed(
        invalidRequest(
          "Missing required parameter: 'tool_choice.name'.",
          'tool_choice.name',
          'missing_required_parameter',
        ),
      );
    }
    choice = { kind: 'function', name };
  } else if (isRecord(value) && ownValue(value, 'type') === 'allowed_tools') {
    const listed = ownValue(value, 'tools');
    const names = (Array.isArray(listed) ? listed : [])
      .map((tool) => (isRecord(tool) ? ownString(tool, 'name') : undefined))
      .filter((name) => name !== undefined);
    choice = { kind: 'allowed', mode: ownValue(value, 'mode') === 'required' ? 'required' : 'auto', names };
  } else return readCommonFields.badToolChoice(value);
  return readCommonFields.checkToolChoice(body, choice, tools);
}

function echoToolChoice(choice: ToolChoiceSpec): ResponseObject['tool_choice'] {
  if (choice.kind === 'function') return { type: 'function', name: choice.name };
  if (choice.kind === 'allowed') {
    const tools = choice.names.map((name) => ({ type: 'function' as const, name }));
    return { type: 'allowed_tools', mode: choice.mode, tools };
  }
  return choice.kind;
}

function echoTools(tools: ToolSpec[]): ResponseObject['tools'] {
  return tools.map((tool) => {
    const parameters = isRecord(tool.parameters) ? tool.parameters : null;
    // Omitted strict: Responses tries strict mode when the schema is closed
    // (docs/protocol/tools.md#strict-default, simplified).
    const strict =
      tool.strict ?? (parameters !== null && ownValue(parameters, 'additionalProperties') === false);
    return { type: 'function', name: tool.name, description: tool.description || null, parameters, strict };
  });
}

function stringMap(value: unknown): Record<string, string> {
  const map: Record<string, string> = {};
  if (!isRecord(value)) return map;
  for (const [key, entry] of Object.entries(value)) if (typeof entry === 'string') map[key] = entry;
  return map;
}

function numberOr(body: JsonRecord, key: string, fallback: number): number {
  const value = ownValue(body, key);
  return typeof value === 'number' ? value : fallback;
}

function readEcho(body: JsonRecord, tools: ToolSpec[], choice: ToolChoiceSpec): ResponsesEcho {
  const text = ownValue(body, 'text');
  return {
    instructions: ownString(body, 'instructions') ?? null,
    tools: echoTools(tools),
    toolChoice: echoToolChoice(choice),
    parallelToolCalls: ownValue(body, 'parallel_tool_calls') !== false,
    maxOutputTokens: readCommonFields.positiveInteger(body, 'max_output_tokens'),
    metadata: stringMap(ownValue(body, 'metadata')),
    temperature: numberOr(body, 'temperature', 1),
    presencePenalty: numberOr(body, 'presence_penalty', 0),
    frequencyPenalty: numberOr(body, 'frequency_penalty', 0),
    topP: numberOr(body, 'top_p', 1),
    text: isRecord(text) ? text : { format: { type: 'text' }, verbosity: 'medium' },
    user: ownString(body, 'user') ?? null,
    promptCacheKey: ownString(body, 'prompt_cache_key') ?? null,
    safetyIdentifier: ownString(body, 'safety_identifier') ?? null,
  };
}

/**
 * Reads a `POST /v1/responses` body (docs/protocol/responses.md). A `previous_response_id`, `conversation` or
 * `item_reference` gets a 400: this upstream is stateless and expects the full history.
 */
export function readResponsesRequest(body: unknown): ReadResult<ReadResponsesRequest> {
  if (!isRecord(body)) return failed(invalidRequest('The request body must be a JSON object.', null, null));
  const previous = ownValue(body, 'previous_response_id');
  if (previous !== undefined && previous !== null) {
    return failed(invalidRequest(STATELESS, 'previous_response_id', 'previous_response_not_found'));
  }
  const conversation = ownValue(body, 'conversation');
  if (conversation !== undefined && conversation !== null)
    return failed(invalidRequest(STATELESS, 'conversation', null));
  const model = readCommonFields.model(body);
  if (!model.ok) return model;
  // OpenAI keeps a background response to be polled, so background mode needs `store`.
  if (ownValue(body, 'background') === true && ownValue(body, 'store') === false) {
    return failed(invalidRequest('Background mode requires `store` to be true.', 'background', null));
  }
  const include = ownValue(body, 'include');
  const encryptedReasoning = Array.isArray(include) && include.includes(ENCRYPTED_REASONING_INCLUDE);
  if (encryptedReasoning && NON_REASONING_MODEL.test(model.value)) {
    return failed(invalidRequest('Encrypted content is not supported with this model.', 'include', null));
  }
  const entries = readInput(body);
  if (!entries.ok) return entries;
  const tools = readTools(body);
  if (!tools.ok) return tools;
  const toolChoice = readToolChoice(body, tools.value);
  if (!toolChoice.ok) return toolChoice;
  const echo = readEcho(body, tools.value, toolChoice.value);
  const request: ScriptedRequest = {
    model: model.value,
    entries: entries.value,
    tools: tools.value,
    toolChoice: toolChoice.value,
    parallelToolCalls: echo.parallelToolCalls,
    stream: ownValue(body, 'stream') === true,
    includeUsage: true,
    maxOutputTokens: echo.maxOutputTokens,
    ...outputSchemaOf(isRecord(echo.text) ? ownValue(echo.text, 'format') : undefined, 'responses'),
  };
  return { ok: true, value: { request, echo, encryptedReasoning } };
}
