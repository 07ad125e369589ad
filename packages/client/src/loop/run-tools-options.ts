import type { ChatMessage, PriceTable, ResponsesInputItem } from '@toolbridge/core';
import type OpenAI from 'openai';
import type { ApproveHook } from '../execution/check-approval.js';
import type { ToolStartEvent } from '../execution/execute-tool-call.js';
import type { ToolCall, ToolCallResult } from '../execution/tool-call.js';
import type { Tool } from '../tools/tool.js';
import type { Transport } from '../transport/transport.js';
import type { RunStep, StepKind } from './run-result.js';

/** `tool_choice` in endpoint-neutral form; `{ type: 'function', name }` forces one tool (see `forced-tool`). */
export type ToolChoiceOption = 'auto' | 'none' | 'required' | { type: 'function'; name: string };

/** How a Responses run carries the conversation from one request to the next. */
export type StateMode = 'auto' | 'server' | 'replay';

/** Told before each model request. */
export interface StepStartEvent {
  stepIndex: number;
  kind: StepKind;
}

/** Told once per model answer that holds calls, before any of them runs or is refused. */
export interface ToolCallsEvent {
  stepIndex: number;
  /** Every call of the answer, in order, with its arguments as the model sent them. */
  calls: readonly ToolCall[];
}

/** A fragment of assistant text, as it streams in. */
export interface TextDeltaEvent {
  stepIndex: number;
  delta: string;
}

/** A fragment of one call's argument text, as it streams in. */
export interface ToolArgumentsDeltaEvent {
  stepIndex: number;
  callId: string;
  toolName: string;
  delta: string;
}

/** Event callbacks. One that throws does not break the step; the run rejects with `callback_failed` after it. */
export interface RunCallbacks {
  onStepStart?: (event: StepStartEvent) => void;
  onStepEnd?: (step: RunStep) => void;
  /** The calls of an answer, all of them, before the first `onToolStart`/`onToolEnd` of the step. */
  onToolCalls?: (event: ToolCallsEvent) => void;
  onToolStart?: (event: ToolStartEvent) => void;
  onToolEnd?: (result: ToolCallResult) => void;
  onTextDelta?: (event: TextDeltaEvent) => void;
  onToolArgumentsDelta?: (event: ToolArgumentsDeltaEvent) => void;
}

/** Options shared by both endpoints. Defaults live in `clientDefaults`. */
export interface CommonRunOptions extends RunCallbacks {
  /** An `openai` client to send requests with; otherwise one is made from `baseURL` and `apiKey`. */
  client?: OpenAI;
  baseURL?: string;
  apiKey?: string;
  /**
   * A transport of your own (another provider, a test double); `client`, `baseURL` and `apiKey` are
   * then unused. Its `api` must match the run's.
   */
  transport?: Transport;
  model: string;
  /** Responses `instructions`; on Chat, a leading system message of every request. */
  instructions?: string;
  tools: readonly Tool[];
  toolChoice?: ToolChoiceOption;
  /** Names the model may call this run, sent as the endpoint's `allowed_tools` tool choice. */
  allowedTools?: readonly string[];
  /** `false` runs calls one after another and tells the model so. */
  parallelToolCalls?: boolean;
  /** Model requests before the run stops with `max-turns`. */
  maxTurns?: number;
  /** Calls of one turn that run at the same time. */
  maxConcurrency?: number;
  /** Default timeout of every tool without its own `timeoutMs`. */
  toolTimeoutMs?: number;
  /** How long a tool told to stop may take to settle before the loop moves on without it. */
  toolSettleGraceMs?: number;
  signal?: AbortSignal;
  stream?: boolean;
  store?: boolean;
  /** Asked before a call runs, for every call whose tool does not say otherwise with `needsApproval`. */
  approve?: ApproveHook;
  /** After `maxTurns`, make one more request with `tool_choice: 'none'` for a final answer. */
  finalAnswerOnMaxTurns?: boolean;
  /** Model prices per 1M tokens, merged over the default table. */
  prices?: PriceTable;
  /** Reject with `aborted` instead of resolving with `stoppedBy: 'aborted'`. */
  throwOnAbort?: boolean;
  /** What history keeps as the arguments of a call whose arguments were not JSON. */
  invalidArgumentsInHistory?: 'verbatim' | 'empty-object';
}

/** A run against `/v1/chat/completions`. A string is one user message. */
export interface ChatRunOptions extends CommonRunOptions {
  api: 'chat';
  messages: string | readonly ChatMessage[];
}

/** A run against `/v1/responses`. A string is one user message. */
export interface ResponsesRunOptions extends CommonRunOptions {
  api: 'responses';
  input: string | readonly ResponsesInputItem[];
  /** `auto`: `previous_response_id`, switching to replay if the server keeps no state. */
  state?: StateMode;
}

/** Options of `runTools`. */
export type RunToolsOptions = ChatRunOptions | ResponsesRunOptions;
