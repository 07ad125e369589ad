import { isRecord, type JsonRecord, ownString, ownValue } from '../json-value.js';
import { anthropicOutputSchema } from '../output-schema.js';
import type { ConversationEntry, ScriptedRequest, ToolChoiceSpec, ToolSpec } from '../scripted-request.js';
import { type AnthropicRead, invalidMessages, refused } from './anthropic-error.js';
import { readAnthropicHistory } from './read-anthropic-history.js';

/** A Messages request read into the double's neutral form, and whether it asked for thinking. */
export interface MessagesRequest {
  request: ScriptedRequest;
  thinking: boolean;
}

/**
 * Top-level fields of the Messages API as the official SDK 1.17 declares them
 * (`MessageCreateParamsBase`); the API refuses any other key. That SDK has no `temperature`/`top_p`,
 * so neither does the double.
 */
const KNOWN_FIELDS = new Set([
  'model',
  'messages',
  'max_tokens',
  'system',
  'tools',
  'tool_choice',
  'thinking',
  'stop_sequences',
  'stream',
  'metadata',
  'output_config',
  'service_tier',
  'container',
  'cache_control',
  'inference_geo',
  'speed',
  'diagnostics',
]);
const TOOL_FIELDS = new Set([
  'name',
  'description',
  'input_schema',
  'strict',
  'type',
  'cache_control',
  'eager_input_streaming',
  'input_examples',
  'defer_loading',
  'allowed_callers',
]);
const TOOL_NAME = /^[a-zA-Z0-9_-]{1,128}$/;

function fail<T>(message: string): AnthropicRead<T> {
  return refused(invalidMessages(message));
}

function readSystem(body: JsonRecord): AnthropicRead<ConversationEntry[]> {
  const system = ownValue(body, 'system');
  if (system === undefined) return { ok: true, value: [] };
  if (typeof system === 'string') return { ok: true, value: [{ kind: 'system', text: system }] };
  if (!Array.isArray(system)) return fail('system: Input should be a valid string or a list of text blocks');
  const entries: ConversationEntry[] = [];
  for (const [index, block] of system.entries()) {
    const text = isRecord(block) ? ownString(block, 'text') : undefined;
    if (text === undefined || ownValue(block as JsonRecord, 'type') !== 'text')
      return fail(`system.${index}: Input should be a text block`);
    if (text.trim() === '') return fail(`system.${index}.text: text content blocks must be non-empty`);
    entries.push({ kind: 'system', text });
  }
  return { ok: true, value: entries };
}

function readTool(tool: unknown, index: number): AnthropicRead<ToolSpec> {
  const where = `tools.${index}.custom`;
  if (!isRecord(tool)) return fail(`tools.${index}: Input should be an object`);
  for (const key of Object.keys(tool))
    if (!TOOL_FIELDS.has(key)) return fail(`${where}.${key}: Extra inputs are not permitted`);
  const name = ownString(tool, 'name');
  if (name === undefined) return fail(`${where}.name: Field required`);
  if (!TOOL_NAME.test(name))
    return fail(`${where}.name: String should match pattern '^[a-zA-Z0-9_-]{1,128}$'`);
  const schema = ownValue(tool, 'input_schema');
  if (!isRecord(schema)) return fail(`${where}.input_schema: Field required`);
  if (ownValue(schema, 'type') !== 'object')
    return fail(`${where}.input_schema.type: Input should be 'object'`);
  const strict = ownValue(tool, 'strict');
  return {
    ok: true,
    value: {
      name,
      description: ownString(tool, 'description') ?? '',
      parameters: schema,
      strict: typeof strict === 'boolean' ? strict : null,
    },
  };
}

function readTools(body: JsonRecord): AnthropicRead<ToolSpec[]> {
  const tools = ownValue(body, 'tools');
  if (tools === undefined) return { ok: true, value: [] };
  if (!Array.isArray(tools)) return fail('tools: Input should be a valid list');
  const specs: ToolSpec[] = [];
  const names = new Set<string>();
  for (const [index, tool] of tools.entries()) {
    const read = readTool(tool, index);
    if (!read.ok) return read;
    if (names.has(read.value.name)) return fail(`tools: Tool names must be unique.`);
    names.add(read.value.name);
    specs.push(read.value);
  }
  return { ok: true, value: specs };
}

function readToolChoice(
  body: JsonRecord,
  tools: readonly ToolSpec[],
): AnthropicRead<{ choice: ToolChoiceSpec; single: boolean }> {
  const value = ownValue(body, 'tool_choice');
  if (value === undefined)
    return { ok: true, value: { choice: { kind: tools.length > 0 ? 'auto' : 'none' }, single: false } };
  if (!isRecord(value)) return fail('tool_choice: Input should be an object');
  if (tools.length === 0)
    return fail('tool_choice: tool_choice may only be specified while providing tools.');
  const type = ownValue(value, 'type');
  const single = ownValue(value, 'disable_parallel_tool_use') === true;
  switch (type) {
    case 'auto':
      return { ok: true, value: { choice: { kind: 'auto' }, single } };
    case 'any':
      return { ok: true, value: { choice: { kind: 'required' }, single } };
    case 'none':
      if (ownValue(value, 'disable_parallel_tool_use') !== undefined)
        return fail('tool_choice.none.disable_parallel_tool_use: Extra inputs are not permitted');
      return { ok: true, value: { choice: { kind: 'none' }, single: false } };
    case 'tool': {
      const name = ownString(value, 'name') ?? '';
      if (!tools.some((tool) => tool.name === name))
        return fail(`tool_choice.tool.name: Tool '${name}' not found in 'tools'.`);
      return { ok: true, value: { choice: { kind: 'function', name }, single } };
    }
    default:
      return fail(
        `tool_choice: Input tag '${String(type)}' found using 'type' does not match any of the expected tags: 'auto', 'any', 'tool', 'none'`,
      );
  }
}

function readThinking(body: JsonRecord, maxTokens: number): AnthropicRead<boolean> {
  const thinking = ownValue(body, 'thinking');
  if (thinking === undefined) return { ok: true, value: false };
  if (!isRecord(thinking)) return fail('thinking: Input should be an object');
  const type = ownValue(thinking, 'type');
  if (type === 'disabled') return { ok: true, value: false };
  if (type === 'adaptive') return { ok: true, value: true };
  if (type !== 'enabled') return fail(`thinking.type: Input should be 'enabled', 'disabled' or 'adaptive'`);
  const budget = ownValue(thinking, 'budget_tokens');
  if (typeof budget !== 'number' || !Number.isInteger(budget) || budget < 1024)
    return fail('thinking.enabled.budget_tokens: Input should be greater than or equal to 1024');
  if (budget >= maxTokens) return fail('`max_tokens` must be greater than `thinking.budget_tokens`.');
  return { ok: true, value: true };
}

/**
 * Reads a `POST /v1/messages` body as Anthropic validates it (field names, required `max_tokens`,
 * tools, `tool_choice`, thinking, then the history rules) and turns it into the double's neutral
 * request, so the same planner answers it as it answers Chat and Responses requests.
 */
export function readMessagesRequest(body: unknown): AnthropicRead<MessagesRequest> {
  if (!isRecord(body)) return fail('The request body must be a JSON object.');
  for (const key of Object.keys(body))
    if (!KNOWN_FIELDS.has(key)) return fail(`${key}: Extra inputs are not permitted`);
  const model = ownString(body, 'model');
  if (model === undefined || model === '') return fail('model: Field required');
  const maxTokens = ownValue(body, 'max_tokens');
  if (maxTokens === undefined) return fail('max_tokens: Field required');
  if (typeof maxTokens !== 'number' || !Number.isInteger(maxTokens) || maxTokens < 1)
    return fail('max_tokens: Input should be a valid integer greater than or equal to 1');
  const messages = ownValue(body, 'messages');
  if (!Array.isArray(messages) || messages.length === 0)
    return fail('messages: List should have at least 1 item');
  const system = readSystem(body);
  if (!system.ok) return system;
  const tools = readTools(body);
  if (!tools.ok) return tools;
  const choice = readToolChoice(body, tools.value);
  if (!choice.ok) return choice;
  const thinking = readThinking(body, maxTokens);
  if (!thinking.ok) return thinking;
  if (thinking.value && (choice.value.choice.kind === 'required' || choice.value.choice.kind === 'function'))
    return fail('Thinking may not be enabled when tool_choice forces tool use.');
  const history = readAnthropicHistory(messages, thinking.value);
  if (!history.ok) return history;
  if (history.value.hasToolBlocks && tools.value.length === 0)
    return fail('Requests which include `tool_use` or `tool_result` blocks must define tools.');
  const stream = ownValue(body, 'stream') === true;
  return {
    ok: true,
    value: {
      thinking: thinking.value,
      request: {
        model,
        entries: [...system.value, ...history.value.entries],
        tools: tools.value,
        toolChoice: choice.value.choice,
        parallelToolCalls: !choice.value.single,
        stream,
        includeUsage: true,
        maxOutputTokens: maxTokens,
        ...anthropicOutputSchema(ownValue(body, 'output_config')),
      },
    },
  };
}
