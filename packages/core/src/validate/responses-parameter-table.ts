import type { ParameterTable } from './parameter-table.js';

const CHAT_ONLY = 'is a /v1/chat/completions parameter;';

/**
 * Top-level parameters of `POST /v1/responses`: `ResponseCreateParamsBase` of the `openai` SDK
 * v6.49 plus `max_tool_calls` and Open Responses' `presence_penalty` / `frequency_penalty`
 * (docs/open-responses.md), their JSON types (`max_output_tokens` ≥ 16;
 * docs/protocol/responses.md#request-body),
 * and hints for Chat parameters sent here.
 */
export const responsesParameterTable: ParameterTable = {
  known: new Set([
    'background',
    'context_management',
    'conversation',
    'include',
    'input',
    'instructions',
    'max_output_tokens',
    'max_tool_calls',
    'metadata',
    'model',
    'moderation',
    'parallel_tool_calls',
    'presence_penalty',
    'frequency_penalty',
    'previous_response_id',
    'prompt',
    'prompt_cache_key',
    'prompt_cache_options',
    'prompt_cache_retention',
    'reasoning',
    'safety_identifier',
    'service_tier',
    'store',
    'stream',
    'stream_options',
    'temperature',
    'text',
    'tool_choice',
    'tools',
    'top_logprobs',
    'top_p',
    'truncation',
    'user',
  ]),
  rules: [
    { key: 'stream', kind: 'boolean', nullable: true },
    { key: 'stream_options', kind: 'object', nullable: true },
    { key: 'parallel_tool_calls', kind: 'boolean', nullable: true },
    { key: 'instructions', kind: 'string', nullable: true },
    { key: 'max_output_tokens', kind: 'integer', nullable: true, minimum: 16 },
    { key: 'max_tool_calls', kind: 'integer', nullable: true },
    { key: 'temperature', kind: 'number', nullable: true },
    { key: 'top_p', kind: 'number', nullable: true },
    { key: 'presence_penalty', kind: 'number', nullable: true },
    { key: 'frequency_penalty', kind: 'number', nullable: true },
    { key: 'top_logprobs', kind: 'integer', nullable: true },
    { key: 'store', kind: 'boolean', nullable: true },
    { key: 'background', kind: 'boolean', nullable: true },
    { key: 'user', kind: 'string', nullable: false },
    { key: 'text', kind: 'object', nullable: false },
    { key: 'reasoning', kind: 'object', nullable: true },
    { key: 'include', kind: 'array', nullable: true },
  ],
  foreignHints: {
    messages: `'messages' ${CHAT_ONLY} /v1/responses takes 'input' (a string or an array of items) and 'instructions'.`,
    response_format: `'response_format' ${CHAT_ONLY} /v1/responses uses 'text': {"format":…}.`,
    max_tokens: `'max_tokens' ${CHAT_ONLY} /v1/responses uses 'max_output_tokens'.`,
    max_completion_tokens: `'max_completion_tokens' ${CHAT_ONLY} /v1/responses uses 'max_output_tokens'.`,
    reasoning_effort: `'reasoning_effort' ${CHAT_ONLY} /v1/responses uses 'reasoning': {"effort":…}.`,
    functions: `'functions' is a legacy /v1/chat/completions parameter; /v1/responses takes flat function tools in 'tools'.`,
    function_call: `'function_call' is a legacy /v1/chat/completions parameter; /v1/responses uses 'tool_choice'.`,
    verbosity: `'verbosity' ${CHAT_ONLY} /v1/responses uses 'text': {"verbosity":…}.`,
  },
};
