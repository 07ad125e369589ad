// Request bodies of the scenarios. The same bytes go to every target (the upstream and the bare proxy
// ignore them; toolbridge routes on `model`).
import { FIXED_TOOL_CALL } from '@toolbridge/scripted-upstream';

/** A strict-compatible schema the fixed transcript's arguments satisfy (all required, no extras). */
export const WEATHER_PARAMETERS = {
  type: 'object',
  properties: {
    city: { type: 'string', description: 'City name' },
    country: { type: 'string', description: 'ISO 3166-1 alpha-2 code' },
    unit: { type: 'string', enum: ['celsius', 'fahrenheit'] },
    days: { type: 'integer', description: 'Forecast length in days' },
    include_hourly: { type: 'boolean' },
    fields: { type: 'array', items: { type: 'string' } },
    note: { type: 'string' },
  },
  required: ['city', 'country', 'unit', 'days', 'include_hourly', 'fields', 'note'],
  additionalProperties: false,
};

const WEATHER_DESCRIPTION = 'Get the weather for a city.';

function chatWeatherTool(strict) {
  return {
    type: 'function',
    function: {
      name: 'get_weather',
      description: WEATHER_DESCRIPTION,
      parameters: WEATHER_PARAMETERS,
      ...(strict ? { strict: true } : {}),
    },
  };
}

const SYSTEM = 'You are a helpful assistant. Use the tools when they help.';
const QUESTION = 'What is the weather in Paris for the next three days?';

/** S1 and S2's request, without the stream fields. */
function weatherChatRequest(model) {
  return {
    model,
    messages: [
      { role: 'system', content: SYSTEM },
      { role: 'user', content: QUESTION },
    ],
    tools: [chatWeatherTool(false)],
    tool_choice: 'auto',
  };
}

/** S1: Chat, non-streaming, one non-strict tool (pure relay). */
export function chatJsonBody(model) {
  return JSON.stringify(weatherChatRequest(model));
}

/** S2: Chat, streaming with usage, one non-strict tool (fragments are relayed as they arrive). */
export function chatSseBody(model) {
  return JSON.stringify({
    ...weatherChatRequest(model),
    stream: true,
    stream_options: { include_usage: true },
  });
}

const RESPONSES_TOOLS = [
  {
    type: 'function',
    name: 'get_weather',
    description: WEATHER_DESCRIPTION,
    parameters: WEATHER_PARAMETERS,
    strict: true,
  },
];

/** S3 turn 1: Responses, streaming, strict tool, stored (the default). */
export function responsesTurn1Body(model) {
  return JSON.stringify({
    model,
    instructions: SYSTEM,
    input: QUESTION,
    tools: RESPONSES_TOOLS,
    stream: true,
  });
}

/**
 * S1r/S2r: S1 and S2's request in the Responses format — the same tool (non-strict, as in S1), not
 * stored — so the gateway's work differs from S1/S2 by the translation only.
 */
export function responsesPlainBody(model, { stream }) {
  return JSON.stringify({
    model,
    instructions: SYSTEM,
    input: QUESTION,
    tools: [{ ...RESPONSES_TOOLS[0], strict: false }],
    tool_choice: 'auto',
    store: false,
    ...(stream ? { stream: true } : {}),
  });
}

const TOOL_RESULT = JSON.stringify({
  city: 'Paris',
  days: [
    { date: '2026-01-01', high: 9, low: 3, precipitation_mm: 1.2 },
    { date: '2026-01-02', high: 8, low: 2, precipitation_mm: 0 },
    { date: '2026-01-03', high: 10, low: 4, precipitation_mm: 3.4 },
  ],
});

/** S3 turn 2: the tool result for turn 1's call, chained with `previous_response_id` (store read). */
export function responsesTurn2Body(model, previousResponseId) {
  return JSON.stringify({
    model,
    previous_response_id: previousResponseId,
    input: [{ type: 'function_call_output', call_id: FIXED_TOOL_CALL.callId, output: TOOL_RESULT }],
    tools: RESPONSES_TOOLS,
    stream: true,
  });
}

const FIELD_TYPES = [
  { type: 'string', description: 'Free text.' },
  { type: 'integer', description: 'A count.' },
  { type: 'boolean' },
  { type: 'string', enum: ['low', 'medium', 'high'] },
  { type: 'array', items: { type: 'string' } },
];

/** Tool number `index` of the heavy request: a strict schema with 3 fields of mixed types. */
function heavyTool(index) {
  const properties = {};
  for (let field = 0; field < 3; field++) {
    properties[`field_${field}`] = FIELD_TYPES[(index + field) % FIELD_TYPES.length];
  }
  return {
    type: 'function',
    function: {
      name: `tool_${String(index).padStart(2, '0')}_operation`,
      description: `Back-office operation ${index}: updates records, returns a summary.`,
      parameters: {
        type: 'object',
        properties,
        required: Object.keys(properties),
        additionalProperties: false,
      },
      strict: true,
    },
  };
}

/** The 40-message history: system, user, then 19 call/result pairs (each result ~300 bytes). */
function heavyHistory() {
  const messages = [
    { role: 'system', content: `${SYSTEM} You manage the back office and answer with short summaries.` },
    { role: 'user', content: 'Reconcile the open orders of last week, then tell me the weather in Paris.' },
  ];
  for (let turn = 0; turn < 19; turn++) {
    const id = `call_history${String(turn).padStart(4, '0')}xxxxxxxxxx`;
    messages.push({
      role: 'assistant',
      content: null,
      tool_calls: [
        {
          id,
          type: 'function',
          function: {
            name: `tool_${String(turn + 1).padStart(2, '0')}_operation`,
            arguments: JSON.stringify({
              order_id: `ord_${1000 + turn}`,
              action: 'reconcile',
              dry_run: false,
            }),
          },
        },
      ],
    });
    const lines = Array.from({ length: 3 }, (_, line) => ({
      sku: `SKU-${turn}-${line}`,
      quantity: line + 1,
      unit_price: 12.5 + line,
      status: line % 2 === 0 ? 'matched' : 'adjusted',
    }));
    messages.push({
      role: 'tool',
      tool_call_id: id,
      content: JSON.stringify({ order_id: `ord_${1000 + turn}`, reconciled: true, lines, note: 'ok' }),
    });
  }
  return messages;
}

function heavyTools() {
  const tools = [chatWeatherTool(true)];
  for (let index = 1; tools.length < 50; index++) tools.push(heavyTool(index));
  return tools;
}

/** S4: Chat, non-streaming, 50 strict tools (get_weather among them) and a 40-message history. */
export function heavyChatBody(model) {
  return JSON.stringify({ model, messages: heavyHistory(), tools: heavyTools(), tool_choice: 'auto' });
}

/**
 * S4t: S4's conversation as the agent loop sends it, one turn per request — the same 50 tools, and a
 * history that grows by one call and its result per turn: 4, 6, … 40 messages (19 bodies, sent in
 * turn order, then again from the start).
 */
export function agentLoopBodies(model) {
  const history = heavyHistory();
  const tools = heavyTools();
  const bodies = [];
  for (let length = 4; length <= history.length; length += 2)
    bodies.push(JSON.stringify({ model, messages: history.slice(0, length), tools, tool_choice: 'auto' }));
  return bodies;
}

/** A Chat history message as Responses input items (an assistant's calls become `function_call` items). */
function chatMessageToItems(message) {
  if (message.role === 'tool')
    return [{ type: 'function_call_output', call_id: message.tool_call_id, output: message.content }];
  if (message.tool_calls !== undefined)
    return message.tool_calls.map((call) => ({
      type: 'function_call',
      call_id: call.id,
      name: call.function.name,
      arguments: call.function.arguments,
    }));
  return [{ type: 'message', role: message.role, content: message.content }];
}

/**
 * S4r: S4 in the Responses format, streaming — what an agent built on the Responses API sends each
 * turn: the same 50 strict tools (flat) and the 40-message history as input items. Not stored, so the
 * store's file does not grow by ~45 KB per request during the run; every streamed Response still
 * echoes the 50 tools in `response.created`, `response.in_progress` and `response.completed`.
 */
export function heavyResponsesBody(model) {
  const tools = heavyTools().map(({ function: fn }) => ({ type: 'function', ...fn }));
  return JSON.stringify({
    model,
    input: heavyHistory().flatMap(chatMessageToItems),
    tools,
    tool_choice: 'auto',
    store: false,
    stream: true,
  });
}
