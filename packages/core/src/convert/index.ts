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
export { chatRequestToCanonical } from './chat-request-to-canonical.js';
export type { Adjustments } from './content-parts.js';
export * from './gemini/index.js';
export { itemsToChatMessages } from './items-to-chat-messages.js';
export { itemsToResponsesInput } from './items-to-responses-input.js';
export { providerStateFields } from './provider-state-fields.js';
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
