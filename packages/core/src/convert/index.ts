export { type AnthropicErrorFields, readAnthropicError } from './anthropic/anthropic-error-fields.js';
export { anthropicMessageToCanonical } from './anthropic/anthropic-message-to-canonical.js';
export { toAnthropicStrictSchema } from './anthropic/anthropic-strict-schema.js';
export { sanitizeToolId } from './anthropic/anthropic-tool-ids.js';
export { anthropicStopReasonToCanonical, anthropicUsageToCanonical } from './anthropic/anthropic-usage.js';
export {
  type CanonicalToAnthropicOptions,
  canonicalToAnthropicRequest,
} from './anthropic/canonical-to-anthropic-request.js';
export {
  ANTHROPIC_BLOB_PROVIDER,
  readThinkingBlocks,
  reasoningToThinkingBlocks,
  thinkingBlocksToReasoning,
} from './anthropic/thinking-blocks.js';
export type { ResponseSkeletonOptions } from './build-response-object.js';
export {
  buildResponseSkeleton,
  canonicalItemToOutputItem,
  completeResponseObject,
} from './build-response-object.js';
export type { CanonicalToChatCompletionOptions } from './canonical-to-chat-completion.js';
export { canonicalToChatCompletion } from './canonical-to-chat-completion.js';
export type { CanonicalToChatRequestOptions } from './canonical-to-chat-request.js';
export { canonicalToChatRequest } from './canonical-to-chat-request.js';
export { canonicalToResponsesRequest } from './canonical-to-responses-request.js';
export { chatCompletionToCanonical, chatFinishReasonToCanonical } from './chat-completion-to-canonical.js';
export { chatMessagesToItems } from './chat-messages-to-items.js';
export type { ChatReasoningField } from './chat-reasoning.js';
export { chatRequestToCanonical } from './chat-request-to-canonical.js';
export {
  type ChatThinkingFields,
  chatThinkingFields,
  chatThinkingToReasoning,
} from './chat-thinking-fields.js';
export type { Adjustments } from './content-parts.js';
export {
  ENCRYPTED_REASONING_INCLUDE,
  EncryptedReasoningRefusals,
  withEncryptedReasoning,
} from './encrypted-reasoning.js';
export * from './gemini/index.js';
export { itemsToChatMessages } from './items-to-chat-messages.js';
export { itemsToResponsesInput } from './items-to-responses-input.js';
export { providerStateFields } from './provider-state-fields.js';
export { decodeReasoningBlob, encodeReasoningBlob, isReasoningBlob } from './reasoning-blob.js';
export { responseObjectToCanonical } from './response-object-to-canonical.js';
export { responsesInputToItems, responsesItemToCanonical } from './responses-input-to-items.js';
export { responsesRequestToCanonical } from './responses-request-to-canonical.js';
export {
  canonicalToolChoiceToChat,
  canonicalToolChoiceToResponses,
  chatToolChoiceToCanonical,
  responsesToolChoiceToCanonical,
} from './tool-choice.js';
export {
  canonicalToolToChat,
  canonicalToolToResponses,
  chatToolToCanonical,
  responsesToolToCanonical,
} from './tools.js';
export {
  canonicalUsageToChat,
  canonicalUsageToResponses,
  chatUsageToCanonical,
  responsesUsageToCanonical,
} from './usage.js';
