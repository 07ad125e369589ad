import { isRecord, type JsonRecord, ownString, ownValue } from '../json-value.js';
import { geminiOutputSchema } from '../output-schema.js';
import type { ConversationEntry, ScriptedRequest } from '../scripted-request.js';
import { checkGeminiContents } from './check-gemini-contents.js';
import { type GeminiError, invalidArgument } from './gemini-error.js';
import { readGeminiToolConfig, readGeminiTools } from './read-gemini-tools.js';

function partsOf(content: JsonRecord): JsonRecord[] {
  const parts = ownValue(content, 'parts');
  return Array.isArray(parts) ? parts.filter(isRecord) : [];
}

function resultText(response: JsonRecord): string {
  const body = ownValue(response, 'response');
  if (isRecord(body) && typeof body['output'] === 'string' && Object.keys(body).length === 1)
    return body['output'];
  return JSON.stringify(body ?? {});
}

/** The conversation as the planner reads it; calls without ids are paired with responses by position. */
function entriesOf(body: JsonRecord, contents: JsonRecord[]): ConversationEntry[] {
  const entries: ConversationEntry[] = [];
  const system = ownValue(body, 'systemInstruction');
  const systemText = isRecord(system)
    ? partsOf(system)
        .map((part) => ownString(part, 'text') ?? '')
        .join('\n')
    : '';
  if (systemText !== '') entries.push({ kind: 'system', text: systemText });
  let stepIds: string[] = [];
  for (const [index, content] of contents.entries()) {
    const model = ownValue(content, 'role') === 'model';
    const ids: string[] = [];
    let responses = 0;
    for (const part of partsOf(content)) {
      const text = ownString(part, 'text');
      const call = ownValue(part, 'functionCall');
      const response = ownValue(part, 'functionResponse');
      if (text !== undefined && part['thought'] !== true)
        entries.push({ kind: model ? 'assistant' : 'user', text });
      if (isRecord(call)) {
        const callId = ownString(call, 'id') ?? `position-${index}-${ids.length}`;
        ids.push(callId);
        entries.push({
          kind: 'call',
          callId,
          name: ownString(call, 'name') ?? '',
          arguments: JSON.stringify(ownValue(call, 'args') ?? {}),
        });
      }
      if (isRecord(response)) {
        entries.push({ kind: 'result', callId: stepIds[responses] ?? '', output: resultText(response) });
        responses += 1;
      }
    }
    if (model) stepIds = ids;
  }
  return entries;
}

/**
 * Reads a `models/{model}:generateContent` body into the planner's neutral request, after the checks
 * Gemini itself makes (contents, tools, tool config). Gemini has no `parallel_tool_calls` switch.
 */
export function readGeminiRequest(
  body: unknown,
  options: { model: string; stream: boolean },
): { ok: true; value: ScriptedRequest } | { ok: false; error: GeminiError } {
  if (!isRecord(body))
    return {
      ok: false,
      error: invalidArgument('Invalid JSON payload received. The body must be an object.'),
    };
  const contents = ownValue(body, 'contents');
  const problem = checkGeminiContents(contents, options.model);
  if (problem !== null) return { ok: false, error: problem };
  const tools = readGeminiTools(body);
  if (!tools.ok) return tools;
  const toolChoice = readGeminiToolConfig(body, tools.value);
  if (!toolChoice.ok) return toolChoice;
  const config = ownValue(body, 'generationConfig');
  const limit = isRecord(config) ? ownValue(config, 'maxOutputTokens') : undefined;
  return {
    ok: true,
    value: {
      model: options.model,
      entries: entriesOf(body, contents as JsonRecord[]),
      tools: tools.value,
      toolChoice: toolChoice.value,
      parallelToolCalls: true,
      stream: options.stream,
      includeUsage: true,
      maxOutputTokens: typeof limit === 'number' && Number.isInteger(limit) && limit > 0 ? limit : null,
      ...geminiOutputSchema(config),
    },
  };
}
