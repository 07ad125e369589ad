import OpenAI from 'openai';

/** One client-facing endpoint of the gateway. */
export type Endpoint = 'chat' | 'responses';

/** An official SDK client that remembers the headers of its last response (`x-toolbridge-adjusted`…). */
export interface RecordingClient {
  client: OpenAI;
  lastHeaders(): Headers | undefined;
}

/** The official `openai` SDK pointed at `baseURL`, SDK retries off, recording response headers. */
export function recordingClient(baseURL: string): RecordingClient {
  let last: Headers | undefined;
  const client = new OpenAI({
    baseURL,
    apiKey: 'sk-test',
    maxRetries: 0,
    timeout: 20_000,
    fetch: async (url, init) => {
      const response = await fetch(url, init);
      last = response.headers;
      return response;
    },
  });
  return { client, lastHeaders: () => last };
}

/**
 * One Chat Completions turn through the SDK: `create()`, or with `stream` the SDK's own stream helper
 * accumulated by `finalChatCompletion()` (usage asked for), so both modes are checked the same way.
 */
export function chatTurn(
  client: OpenAI,
  body: OpenAI.ChatCompletionCreateParamsNonStreaming,
  stream: boolean,
): Promise<OpenAI.ChatCompletion> {
  if (!stream) return client.chat.completions.create(body);
  return client.chat.completions
    .stream({ ...body, stream: true, stream_options: { include_usage: true } })
    .finalChatCompletion();
}

/** One Responses turn through the SDK: `create()`, or `responses.stream()` + `finalResponse()`. */
export function responsesTurn(
  client: OpenAI,
  body: OpenAI.Responses.ResponseCreateParamsNonStreaming,
  stream: boolean,
): Promise<OpenAI.Responses.Response> {
  if (!stream) return client.responses.create(body);
  const { stream: _stream, ...rest } = body;
  return client.responses.stream(rest).finalResponse();
}

/** The function calls of a Response, in order. */
export function responseCalls(
  response: OpenAI.Responses.Response,
): OpenAI.Responses.ResponseFunctionToolCall[] {
  return response.output.filter(
    (item): item is OpenAI.Responses.ResponseFunctionToolCall => item.type === 'function_call',
  );
}

/** The function calls of a Chat completion, in order. */
export function chatCalls(completion: OpenAI.ChatCompletion): OpenAI.ChatCompletionMessageFunctionToolCall[] {
  return (completion.choices[0]?.message.tool_calls ?? []).filter(
    (call): call is OpenAI.ChatCompletionMessageFunctionToolCall => call.type === 'function',
  );
}
