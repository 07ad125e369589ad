/**
 * The Gemini `generateContent` wire format (Developer API, `v1beta`, camelCase JSON), as far as
 * toolbridge reads or writes it. Field names follow Google's REST reference and the `@google/genai`
 * SDK's `types.ts`; everything read from the wire is still checked before use (hostile data).
 * Mapping rules: docs/protocol/gemini.md.
 */
import type { JsonObject } from '../../items/canonical.js';

/** A function call the model made: whole, never streamed in pieces; `id` is optional. */
export interface GeminiFunctionCall {
  id?: string;
  name: string;
  args?: JsonObject;
}

/** The result of one function call; `name` is required, `response` must be an object. */
export interface GeminiFunctionResponse {
  id?: string;
  name: string;
  response: JsonObject;
}

/** One part of a content. `thoughtSignature` may ride on any part (on the first call of a step, mostly). */
export interface GeminiPart {
  text?: string;
  /** The part is the model's thinking, not its answer. */
  thought?: boolean;
  thoughtSignature?: string;
  functionCall?: GeminiFunctionCall;
  functionResponse?: GeminiFunctionResponse;
  inlineData?: { mimeType: string; data: string };
  fileData?: { mimeType?: string; fileUri: string };
}

/** A turn of the conversation: `user` (also for function responses) or `model`. */
export interface GeminiContent {
  role: 'user' | 'model';
  parts: GeminiPart[];
}

/** One function declaration; `parameters` and `parametersJsonSchema` are mutually exclusive. */
export interface GeminiFunctionDeclaration {
  name: string;
  description?: string;
  /** Plain JSON Schema (preferred). */
  parametersJsonSchema?: JsonObject;
  /** The older OpenAPI-3.0-subset `Schema`. */
  parameters?: JsonObject;
}

/** `toolConfig.functionCallingConfig.mode`. */
export type GeminiFunctionCallingMode = 'AUTO' | 'ANY' | 'NONE' | 'VALIDATED';

/** `toolConfig`: how the model may call functions. */
export interface GeminiToolConfig {
  functionCallingConfig: { mode: GeminiFunctionCallingMode; allowedFunctionNames?: string[] };
}

/** `generationConfig`: sampling and output settings. */
export interface GeminiGenerationConfig {
  temperature?: number;
  topP?: number;
  maxOutputTokens?: number;
  stopSequences?: string[];
  seed?: number;
  presencePenalty?: number;
  frequencyPenalty?: number;
  responseMimeType?: string;
  responseJsonSchema?: JsonObject;
  thinkingConfig?: { thinkingLevel?: string; includeThoughts?: boolean };
}

/** The request body of `models/{model}:generateContent` and `:streamGenerateContent`. */
export interface GeminiGenerateContentRequest {
  contents: GeminiContent[];
  systemInstruction?: { parts: Array<{ text: string }> };
  tools?: Array<{ functionDeclarations: GeminiFunctionDeclaration[] }>;
  toolConfig?: GeminiToolConfig;
  generationConfig?: GeminiGenerationConfig;
}

/** `usageMetadata`: `promptTokenCount` already includes cached tokens; thoughts are counted apart. */
export interface GeminiUsageMetadata {
  promptTokenCount?: number;
  cachedContentTokenCount?: number;
  candidatesTokenCount?: number;
  thoughtsTokenCount?: number;
  toolUsePromptTokenCount?: number;
  totalTokenCount?: number;
}

/** One candidate answer; `finishReason` only on its last chunk when streaming. */
export interface GeminiCandidate {
  index?: number;
  content?: { role?: string; parts?: GeminiPart[] };
  finishReason?: string;
  finishMessage?: string;
}

/** A whole response, or one chunk of a stream (each chunk has the same shape, with new parts only). */
export interface GeminiGenerateContentResponse {
  candidates?: GeminiCandidate[];
  promptFeedback?: { blockReason?: string; blockReasonMessage?: string };
  usageMetadata?: GeminiUsageMetadata;
  modelVersion?: string;
  responseId?: string;
}

/** The error body: `{"error": {code, message, status, details}}` (sometimes wrapped in a one-element array). */
export interface GeminiErrorBody {
  error: { code: number; message: string; status: string; details?: JsonObject[] };
}
