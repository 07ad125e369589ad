import type { CanonicalRequest } from '../../items/canonical.js';
import type { GeminiGenerateContentRequest, GeminiGenerationConfig } from '../../protocol/gemini/types.js';
import type { Adjustments } from '../content-parts.js';
import { itemsToGeminiContents } from './gemini-contents.js';
import { geminiModelFamily } from './gemini-provider-state.js';
import { type GeminiSchemaField, toGeminiFunctionDeclarations, toGeminiToolConfig } from './gemini-tools.js';

/** Options of {@link canonicalToGeminiRequest}. */
export interface CanonicalToGeminiRequestOptions {
  /** The model the request goes to (in the URL, not the body); signatures are bound to its family. */
  model: string;
  /** Where tool schemas go; `parametersJsonSchema` unless the upstream only knows `parameters`. */
  schemaField?: GeminiSchemaField;
}

/** `reasoning_effort` → Gemini 3's `thinkingLevel` (which knows `low` and `high`). */
const THINKING_LEVELS = new Map([
  ['minimal', 'low'],
  ['low', 'low'],
  ['medium', 'high'],
  ['high', 'high'],
]);

function generationConfig(
  request: CanonicalRequest,
  { model, adjustments }: { model: string; adjustments: Adjustments },
): GeminiGenerationConfig {
  const { options } = request;
  const config: GeminiGenerationConfig = {};
  if (typeof options.temperature === 'number') config.temperature = options.temperature;
  if (typeof options.topP === 'number') config.topP = options.topP;
  if (request.maxOutputTokens !== null) config.maxOutputTokens = request.maxOutputTokens;
  const format = options.responseFormat;
  if (format?.type === 'json_object') config.responseMimeType = 'application/json';
  if (format?.type === 'json_schema') {
    config.responseMimeType = 'application/json';
    config.responseJsonSchema = format.schema;
  }
  if (typeof options.reasoningEffort === 'string') {
    const level = THINKING_LEVELS.get(options.reasoningEffort);
    // `thinkingLevel` is Gemini 3's; older models take a token budget, which has no OpenAI equivalent.
    if (level !== undefined && geminiModelFamily(model).startsWith('gemini-3'))
      config.thinkingConfig = { thinkingLevel: level };
    else
      adjustments.push(
        `dropped reasoning_effort '${options.reasoningEffort}' (no thinking level for ${model})`,
      );
  }
  return config;
}

/** Chat-only sampling fields with a Gemini `generationConfig` equivalent. */
const CHAT_SAMPLING = new Map([
  ['seed', 'seed'],
  ['presence_penalty', 'presencePenalty'],
  ['frequency_penalty', 'frequencyPenalty'],
]);

/**
 * Moves the Chat-only fields Gemini understands into `generationConfig` (`stop` → `stopSequences`,
 * `seed`, the penalties; `n: 1` is the default) and returns the names of the others.
 */
function mapChatExtras(fields: Record<string, unknown>, config: GeminiGenerationConfig): string[] {
  const rest: string[] = [];
  for (const [name, value] of Object.entries(fields)) {
    const target = CHAT_SAMPLING.get(name);
    if (name === 'stop' && (typeof value === 'string' || Array.isArray(value))) {
      config.stopSequences = (Array.isArray(value) ? value : [value]).filter(
        (entry) => typeof entry === 'string',
      );
    } else if (target !== undefined && typeof value === 'number') {
      config[target as 'seed' | 'presencePenalty' | 'frequencyPenalty'] = value;
    } else if (!(name === 'n' && value === 1) && value !== null) rest.push(name);
  }
  return rest;
}

/** Fields Gemini has no place for; dropped with a note when set. */
function noteDropped(
  request: CanonicalRequest,
  config: GeminiGenerationConfig,
  adjustments: Adjustments,
): void {
  const dropped: string[] = [];
  const { options } = request;
  const named: Array<[string, unknown]> = [
    ['user', options.user],
    ['service_tier', options.serviceTier],
    ['top_logprobs', options.topLogprobs],
    ['prompt_cache_key', options.promptCacheKey],
    ['safety_identifier', options.safetyIdentifier],
    ['metadata', request.metadata],
  ];
  for (const [name, value] of named) if (value !== undefined && value !== null) dropped.push(name);
  if (request.extra?.format === 'chat') dropped.push(...mapChatExtras(request.extra.fields, config));
  else if (request.extra !== null) dropped.push(...Object.keys(request.extra.fields));
  if (dropped.length > 0) adjustments.push(`dropped parameters Gemini does not take: ${dropped.join(', ')}`);
}

/**
 * Canonical request → Gemini `generateContent` body (docs/protocol/gemini.md): history per
 * {@link itemsToGeminiContents}, `instructions` and system messages in `systemInstruction`, function
 * declarations (kept under `tool_choice: "none"`, whose mode is NONE), `toolConfig` from
 * `tool_choice`, sampling in `generationConfig`. `parallel_tool_calls` has no Gemini switch; the
 * gateway enforces it. Throws `CoreError` (`conversion_failed`) for history Gemini cannot take.
 */
export function canonicalToGeminiRequest(
  request: CanonicalRequest,
  { model, schemaField = 'parametersJsonSchema' }: CanonicalToGeminiRequestOptions,
): { request: GeminiGenerateContentRequest; adjustments: Adjustments } {
  const adjustments: Adjustments = [];
  const history = itemsToGeminiContents(request.items, { model, adjustments });
  const system = [...(request.instructions ? [request.instructions] : []), ...history.systemTexts];
  const out: GeminiGenerateContentRequest = { contents: history.contents };
  if (system.length > 0) out.systemInstruction = { parts: system.map((text) => ({ text })) };
  if (request.tools.length > 0) {
    out.tools = [{ functionDeclarations: toGeminiFunctionDeclarations(request.tools, schemaField) }];
    const toolConfig = toGeminiToolConfig(request.toolChoice);
    if (toolConfig !== undefined) out.toolConfig = toolConfig;
  }
  const config = generationConfig(request, { model, adjustments });
  noteDropped(request, config, adjustments);
  if (Object.keys(config).length > 0) out.generationConfig = config;
  return { request: out, adjustments };
}
