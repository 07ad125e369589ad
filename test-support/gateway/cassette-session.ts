import OpenAI from 'openai';
import type { RunnableToolFunctionWithParse } from 'openai/lib/RunnableFunction';

/**
 * A short agent session through a gateway, as a client sees it: raw bodies (JSON and event
 * streams) on both endpoints, a previous_response_id loop, and the official SDK's `runTools` loop,
 * streamed. Used to record cassettes and then to prove a replay gives the same results.
 */
export async function runCassetteSession(baseURL: string): Promise<string[]> {
  const post = async (path: string, body: unknown): Promise<string> => {
    const response = await fetch(`${baseURL}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer sk-client-key' },
      body: JSON.stringify(body),
    });
    return `${response.status} ${response.headers.get('content-type')}\n${await response.text()}`;
  };
  const chatTools = [
    { type: 'function', function: { name: 'get_weather', parameters: cityParameters, strict: true } },
  ];
  const responsesTools = [
    { type: 'function', name: 'get_weather', parameters: cityParameters, strict: true },
  ];
  const results: string[] = [];
  const messages = [{ role: 'user', content: 'Weather in Paris?' }];
  results.push(await post('/chat/completions', { model: 'gpt-5.4', messages, tools: chatTools }));
  results.push(
    await post('/chat/completions', { model: 'gpt-5.4', messages, tools: chatTools, stream: true }),
  );
  const first = await post('/responses', {
    model: 'gpt-5.4',
    input: 'Weather in Oslo?',
    tools: responsesTools,
    stream: true,
  });
  results.push(first);
  const completed = /"type":"response\.completed".*"id":"(resp_[0-9a-f]+)"/.exec(first);
  const callId = /"call_id":"(call_[A-Za-z0-9]+)"/.exec(first);
  results.push(
    await post('/responses', {
      model: 'gpt-5.4',
      previous_response_id: completed?.[1],
      input: [{ type: 'function_call_output', call_id: callId?.[1], output: '{"temp":"9°C"}' }],
      tools: responsesTools,
    }),
  );
  const client = new OpenAI({ baseURL, apiKey: 'sk-client-key', maxRetries: 0 });
  const runner = client.chat.completions.runTools({
    model: 'gpt-5.4',
    messages: [{ role: 'user', content: 'Weather in Paris and Oslo?' }],
    tools: [weatherRunnable],
    stream: true,
  });
  results.push(`${await runner.finalContent()}\n${JSON.stringify(runner.messages)}`);
  return results;
}

const cityParameters = {
  type: 'object',
  properties: { city: { type: 'string' } },
  required: ['city'],
  additionalProperties: false,
};

const weatherRunnable: RunnableToolFunctionWithParse<{ city: string }> = {
  type: 'function',
  function: {
    name: 'get_weather',
    description: 'Weather of a city.',
    parameters: cityParameters,
    parse: (text: string) => JSON.parse(text) as { city: string },
    function: async ({ city }: { city: string }) => `18C sunny in ${city}`,
  },
};

const ID = /\b(chatcmpl|call|fc|fco|msg|resp|rs|req)[-_][A-Za-z0-9]{8,}\b/g;

/**
 * A session's results with what legitimately differs between two runs numbered in order of first
 * appearance: ids the gateway mints, and creation times. Everything else must be byte-identical.
 */
export function withoutVolatile(results: readonly string[]): string[] {
  const seen = new Map<string, string>();
  return results.map((text) =>
    text
      .replace(ID, (id, prefix: string) => {
        let stable = seen.get(id);
        if (stable === undefined) {
          stable = `${prefix}_<${seen.size + 1}>`;
          seen.set(id, stable);
        }
        return stable;
      })
      .replace(/"(created|created_at)":\d+/g, '"$1":<time>'),
  );
}
