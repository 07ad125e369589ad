import type {
  CanonicalFinishReason,
  CanonicalUsage,
  ChatMessage,
  Cost,
  JsonObject,
  ResponsesInputItem,
} from '@toolbridge/core';
import type { ToolCall, ToolCallResult } from '../execution/tool-call.js';

/** Why a run ended. */
export type StoppedBy = 'answer' | 'max-turns' | 'aborted' | 'forced-tool';

/** A regular model turn, or the extra `tool_choice: 'none'` request of `finalAnswerOnMaxTurns`. */
export type StepKind = 'turn' | 'final-answer';

/** One model request and what came of it. */
export interface RunStep {
  index: number;
  kind: StepKind;
  /** The request body as sent (the last attempt, if the state fallback retried it). */
  request: JsonObject;
  /** The response body (the accumulated object when streamed). */
  response: JsonObject;
  /** The model that answered, as the server named it. */
  model: string;
  text: string;
  finishReason: CanonicalFinishReason;
  /** A stream that ended without its terminal event; none of its calls ran. */
  truncated: boolean;
  /** The calls the model made, in order. */
  calls: ToolCall[];
  /** One result per call, same order, same call ids. */
  results: ToolCallResult[];
  usage: CanonicalUsage;
  cost: Cost | null;
  /** Responses only: how this request carried the conversation. */
  state?: 'server' | 'replay';
  /** Decisions the loop made on this step, in words (state fallback, calls that were not run…). */
  notes: string[];
}

/** What `runTools` resolves with. */
export interface RunResult {
  /** The assistant text of the last step. */
  text: string;
  steps: RunStep[];
  /** Summed over steps, cached tokens included. */
  usage: CanonicalUsage;
  /** `null` when a step's model has no price. */
  cost: Cost | null;
  stoppedBy: StoppedBy;
  /** The full conversation as Chat messages, ready to continue (instructions not included). */
  messages: ChatMessage[];
  /** The full conversation as Responses input items, ready to continue (instructions not included). */
  items: ResponsesInputItem[];
  /** The id of the last response, for continuing with `previous_response_id` (Responses, stored). */
  lastResponseId: string | null;
}
