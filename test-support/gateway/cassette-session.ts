import OpenAI from 'openai';
import type { RunnableToolFunctionWithParse } from 'openai/lib/RunnableFunction';

/**
 * A short agent session through a gateway with the official SDK, as a client sees it: the raw
 * bodies of a Chat answer and a Chat stream, the events of a streamed Responses call, its
 * previous_response_id follow-up, and the SDK's own `runTools` loop, streamed. Used to record
 * cassettes and then to prove a replay gives the same results.
 */
export async function runCassetteSession(baseURL: string): Promise<string[]> {
  const client = new OpenAI({ baseURL, apiKey: 'sk-client-key', maxRetries: 0 });
  const raw = async (pending: { asResponse(): Promise<Response> }): Promise<string> => {
    const response = await pending.asResponse();
    return `${response.status} ${response.headers.get('content-type')}\n${await response.text()}`;
  };
  const chatTools: OpenAI.ChatCompletionTool[] = [
    { type: 'function', function: { name: 'get_weather', parameters: cityParameters, strict: true } },
  ];
  const responsesTools: OpenAI.Responses.FunctionTool[] = [
    { type: 'function', name: 'get_weather', parameters: cityParameters, strict: true },
  ];
  const messages: OpenAI.ChatCompletionMessageParam[] = [{ role: 'user', content: 'Weather in Paris?' }];
  const results: string[] = [];
  results.push(await raw(client.chat.completions.create({ model: 'gpt-5.4', messages, tools: chatTools })));
  results.push(
    await raw(client.chat.completions.create({ model: 'gpt-5.4', messages, tools: chatTools, stream: true })),
  );
  const events: OpenAI.Responses.ResponseStreamEvent[] = [];
  const stream = await client.responses.create({
    model: 'gpt-5.4',
    input: 'Weather in Oslo?',
    tools: responsesTools,
    stream: true,
  });
  for await (const event of stream) events.push(event);
  results.push(events.map((event) => JSON.stringify(event)).join('\n'));
  const completed = events.find((event) => event.type === 'response.completed');
  const call = completed?.response.output.find((item) => item.type === 'function_call');
  if (completed === undefined || call?.type !== 'function_call')
    throw new Error('the streamed turn made no call');
  results.push(
    await raw(
      client.responses.create({
        model: 'gpt-5.4',
        previous_response_id: completed.response.id,
        input: [{ type: 'function_call_output', call_id: call.call_id, output: '{"temp":"9°C"}' }],
        tools: responsesTools,
      }),
    ),
  );
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
 * appearance: ids the gateway mints, and creation and completion times (whole seconds, so two runs
 * may fall on either side of a second). Everything else must be byte-identical.
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
      .replace(/"(created|created_at|completed_at)":\d+/g, '"$1":<time>'),
  );
}
