/** Public surface of the Gemini converters (docs/protocol/gemini.md). */
export {
  type CanonicalToGeminiRequestOptions,
  canonicalToGeminiRequest,
} from './canonical-to-gemini-request.js';
export { syntheticGeminiCallId } from './gemini-call-id.js';
export { itemsToGeminiContents, SKIP_SIGNATURE_PLACEHOLDER } from './gemini-contents.js';
export { type GeminiFinish, mapGeminiFinishReason } from './gemini-finish-reason.js';
export { fromGeminiFunctionName, toGeminiFunctionName } from './gemini-function-name.js';
export { toGeminiJsonSchema } from './gemini-json-schema.js';
export { toGeminiLegacySchema } from './gemini-legacy-schema.js';
export {
  decodeGeminiState,
  encodeGeminiState,
  type GeminiCallState,
  geminiModelFamily,
  readGeminiSignature,
  splitThoughtSuffix,
} from './gemini-provider-state.js';
export { geminiResponseToCanonical } from './gemini-response-to-canonical.js';
export { type GeminiSchemaField, toGeminiFunctionDeclarations, toGeminiToolConfig } from './gemini-tools.js';
export { geminiUsageToCanonical } from './gemini-usage.js';
export { type GeminiErrorReading, geminiErrorObject, readGeminiError } from './read-gemini-error.js';
