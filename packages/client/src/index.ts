/**
 * @toolbridge/client — the function-calling tool loop over Chat Completions and Responses:
 * `defineTool`, `runTools`, the two transports, and the price table behind run costs.
 * @module
 */

// The price table lives in core (the gateway bills with it too); re-exported for the loop's users.
export {
  addCosts,
  CACHED_INPUT_PRICE_RATIO,
  type Cost,
  computeCost,
  defaultPrices,
  findModelPrice,
  type ModelPrice,
  type PriceTable,
} from '@toolbridge/core';
export { clientDefaults } from './defaults.js';
export type {
  SchemaIssue,
  ToolbridgeClientErrorCode,
  ToolbridgeClientErrorOptions,
} from './errors/toolbridge-client-error.js';
export { ToolbridgeClientError } from './errors/toolbridge-client-error.js';
export type { ApprovalDecision, ApprovalRequest, ApproveHook } from './execution/check-approval.js';
export type { ToolStartEvent } from './execution/execute-tool-call.js';
export type { ToolCall, ToolCallOutcome, ToolCallResult } from './execution/tool-call.js';
export type { RunResult, RunStep, StepKind, StoppedBy } from './loop/run-result.js';
export { runTools } from './loop/run-tools.js';
export type {
  ChatRunOptions,
  CommonRunOptions,
  ResponsesRunOptions,
  RunCallbacks,
  RunToolsOptions,
  StateMode,
  StepStartEvent,
  TextDeltaEvent,
  ToolArgumentsDeltaEvent,
  ToolCallsEvent,
  ToolChoiceOption,
} from './loop/run-tools-options.js';
export type { DefineToolOptions } from './tools/define-tool.js';
export { defineTool } from './tools/define-tool.js';
export type { ZodSchema } from './tools/is-zod-schema.js';
export type { NeedsApproval, ParseArgumentsResult, Tool, ToolExecuteContext } from './tools/tool.js';
export { createChatTransport } from './transport/chat-transport.js';
export { createResponsesTransport } from './transport/responses-transport.js';
export type {
  CreateTurnOptions,
  Transport,
  TurnCallbacks,
  TurnRequest,
  TurnResult,
} from './transport/transport.js';
