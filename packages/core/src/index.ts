/**
 * @toolbridge/core — the wire protocol of OpenAI function calling, both endpoints: types, validators,
 * the canonical item model, pure converters, strict-schema tools, SSE codec and stream transformers.
 * @module
 */
export * from './convert/index.js';
export { coreDefaults } from './defaults.js';
export type { CoreErrorCode } from './errors/core-error.js';
export { CoreError } from './errors/core-error.js';
export * from './items/canonical.js';
export { freezeShared, isShared, memoByShared } from './json/frozen.js';
export { getOwn, isJsonObject } from './json/get-own.js';
export { jsonDepth } from './json/json-depth.js';
export type { JsonParseResult } from './json/safe-parse-json.js';
export { safeParseJson } from './json/safe-parse-json.js';
export { stringifyWithShared, stringifyWithText } from './json/stringify-shared.js';
export { ToolSetCache } from './json/tool-set-cache.js';
export { withFields } from './json/with-fields.js';
export { addCosts, type Cost, computeCost } from './pricing/compute-cost.js';
export {
  CACHED_INPUT_PRICE_RATIO,
  defaultPrices,
  findModelPrice,
  type ModelPrice,
  type PriceTable,
} from './pricing/price-table.js';
export type * from './protocol/anthropic/types.js';
export type * from './protocol/chat/types.js';
export type { OpenAIErrorBody } from './protocol/common/error-body.js';
export type { ChatUsage, ResponsesUsage } from './protocol/common/usage.js';
export type * from './protocol/gemini/types.js';
export { ids } from './protocol/ids.js';
export type * from './protocol/responses/types.js';
export * from './schema/index.js';
export * from './stream/index.js';
export * from './validate/index.js';
