import type OpenAI from 'openai';
import { ChatCompletionStream } from 'openai/lib/ChatCompletionStream';
import type { SharedTestGateway } from '../../../test-support/gateway/start-test-gateway.js';

/** Shared pieces of the Gemini end-to-end suites: one turn on either endpoint, plain or streamed. */

export const GEMINI_MODEL = 'gemini-3-flash';

/** A finished Chat turn with the response headers (streams are assembled by the SDK's own helper). */
export async function chatTurn(
  client: OpenAI,
  body: OpenAI.ChatCompletionCreateParamsNonStreaming,
  stream: boolean,
): Promise<{ completion: OpenAI.ChatCompletion; headers: Headers }> {
  if (!stream) {
    const { data, response } = await client.chat.completions.create(body).withResponse();
    return { completion: data, headers: response.headers };
  }
  const { data, response } = await client.chat.completions.create({ ...body, stream: true }).withResponse();
  const completion = await ChatCompletionStream.fromReadableStream(
    data.toReadableStream(),
  ).finalChatCompletion();
  return { completion: completion as OpenAI.ChatCompletion, headers: response.headers };
}

/** A finished Responses turn with the headers; a stream is read to its terminal event's Response. */
export async function responsesTurn(
  client: OpenAI,
  body: OpenAI.Responses.ResponseCreateParamsNonStreaming,
  stream: boolean,
): Promise<{ response: OpenAI.Responses.Response; headers: Headers; events: string[] }> {
  if (!stream) {
    const { data, response } = await client.responses.create(body).withResponse();
    return { response: data, headers: response.headers, events: [] };
  }
  const { data, response } = await client.responses.create({ ...body, stream: true }).withResponse();
  const events: string[] = [];
  let final: OpenAI.Responses.Response | undefined;
  for await (const event of data) {
    events.push(event.type);
    if (event.type === 'response.completed' || event.type === 'response.incomplete') final = event.response;
    if (event.type === 'response.failed')
      throw new Error(`response.failed: ${JSON.stringify(event.response.error)}`);
  }
  if (final === undefined) throw new Error(`no terminal event in ${events.join(', ')}`);
  // `output_text` is the SDK's convenience on `create`; a streamed Response gets the same here.
  const text = final.output
    .flatMap((item) => (item.type === 'message' ? item.content : []))
    .map((part) => (part.type === 'output_text' ? part.text : ''))
    .join('');
  return { response: { ...final, output_text: text }, headers: response.headers, events };
}

/** The function calls of a Response's output. */
export function functionCalls(
  response: OpenAI.Responses.Response,
): OpenAI.Responses.ResponseFunctionToolCall[] {
  return response.output.filter(
    (item): item is OpenAI.Responses.ResponseFunctionToolCall => item.type === 'function_call',
  );
}

/** The function tool calls of a Chat completion's message. */
export function chatCalls(completion: OpenAI.ChatCompletion): OpenAI.ChatCompletionMessageFunctionToolCall[] {
  return (completion.choices[0]?.message.tool_calls ?? []).filter(
    (call): call is OpenAI.ChatCompletionMessageFunctionToolCall => call.type === 'function',
  );
}

type Part = Record<string, unknown> & {
  text?: string;
  thoughtSignature?: string;
  functionCall?: { id?: string; name: string; args?: Record<string, unknown> };
  functionResponse?: { id?: string; name: string; response: Record<string, unknown> };
};
/** One content of a recorded Gemini request body. */
export interface RecordedContent {
  role: 'user' | 'model';
  parts: Part[];
}

/** The Gemini request bodies the scripted upstream received since the test's mark. */
export function geminiBodies(harness: SharedTestGateway): Array<Record<string, unknown>> {
  return harness.requestsSinceMark().map((request) => request.body as Record<string, unknown>);
}

/** The `contents` of the last Gemini request. */
export function lastContents(harness: SharedTestGateway): RecordedContent[] {
  return (geminiBodies(harness).at(-1)?.['contents'] ?? []) as RecordedContent[];
}

/** The `x-toolbridge-adjusted` notes of a response. */
export function adjusted(headers: Headers): string {
  return headers.get('x-toolbridge-adjusted') ?? '';
}

/** Reads the state blob of a call (`tb1.gemini.<family>.<base64url JSON>`) for assertions. */
export function blobPayload(blob: unknown): Record<string, string> {
  if (typeof blob !== 'string') throw new Error(`no provider state: ${String(blob)}`);
  const payload = blob.slice(blob.lastIndexOf('.') + 1);
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, string>;
}
