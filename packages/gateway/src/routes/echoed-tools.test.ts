import {
  isShared,
  type ResponsesRequest,
  responsesRequestToCanonical,
  stringifyResponsesEvent,
  validateResponsesRequest,
} from '@toolbridge/core';
import { describe, expect, it } from 'vitest';
import { resolveToolStrictness } from '../pipeline/resolve-tool-strictness.js';
import { createToolSetCache, parseModelRequest } from '../pipeline/tool-set-facts.js';
import { echoedTools } from './echoed-tools.js';
import { parseJsonText } from './read-json-body.js';

const tools = [
  { type: 'function', name: 'lookup', parameters: { type: 'object', properties: { q: { type: 'string' } } } },
  { type: 'function', name: 'save', description: 'Saves.', strict: false, parameters: { type: 'object' } },
];

/** A Responses body as the gateway reads it: through the tool-set cache, then the validator. */
function read(cache: ReturnType<typeof createToolSetCache>, input: string): ResponsesRequest {
  const text = JSON.stringify({ model: 'm', input, tools });
  const { body, toolSet } = parseModelRequest(cache, text, parseJsonText);
  const result = validateResponsesRequest(body, undefined, toolSet?.toolList);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.value;
}

function echoOf(request: ResponsesRequest) {
  const { echoedStrict } = resolveToolStrictness(responsesRequestToCanonical(request), 'responses');
  return echoedTools(request, echoedStrict);
}

describe('echoedTools', () => {
  it('builds the echo of a kept tool set once and shares it between the turns that send it', () => {
    const cache = createToolSetCache();
    const first = echoOf(read(cache, 'one'));
    const second = echoOf(read(cache, 'two'));
    expect(second).toBe(first);
    expect(isShared(first)).toBe(true);
    expect(first).toEqual([
      {
        type: 'function',
        name: 'lookup',
        description: null,
        // An omitted `strict` on Responses is strict with the schema as sent (its strict form goes upstream).
        parameters: tools[0]?.parameters,
        strict: true,
      },
      { ...tools[1], strict: false },
    ]);
  });

  it('builds a fresh echo, equal to the shared one, for tools that are not kept', () => {
    const cache = createToolSetCache();
    const kept = echoOf(read(cache, 'one'));
    const plain = JSON.parse(JSON.stringify({ model: 'm', input: 'x', tools })) as ResponsesRequest;
    const echoed = echoOf(plain);
    expect(echoed).not.toBe(kept);
    expect(isShared(echoed)).toBe(false);
    expect(echoed).toEqual(kept);
  });

  it('is written into a stream event exactly as JSON.stringify writes it', () => {
    const cache = createToolSetCache();
    const echoed = echoOf(read(cache, 'one'));
    const event = {
      type: 'response.created',
      sequence_number: 0,
      response: { id: 'resp_1', object: 'response', output: [], tools: echoed, usage: null },
    };
    expect(stringifyResponsesEvent(event)).toBe(JSON.stringify(event));
    expect(stringifyResponsesEvent(event)).toBe(JSON.stringify(event));
  });
});
